// `file.yaml?doc`: the file's YAML as a plain document, read at build time (scripts/yaml-doc-plugin.ts).
declare module '*.yaml?doc' {
  const doc: Record<string, unknown>;
  export default doc;
}
