/**
 * `import doc from 'file.yaml?doc'`: the YAML file read at build time into the plain document the app
 * would get from `yamlToDoc` (src/model/scenario-yaml.ts), shipped as JSON. The default example is
 * opened by both the page and the simulator's worker on a first visit; parsing its YAML cost each of
 * them 40–90 ms of a cold start (docs/performance.md, "fourth pass"), where `JSON.parse` of the same
 * document costs well under a millisecond. Only the input changes form: the run still parses it with
 * the scenario schema and simulates it (a unit test checks the document equals `yamlToDoc`'s).
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { parseDocument } from 'yaml';

const SUFFIX = '?doc';

/** The file's YAML read as `yamlToDoc` reads it (YAML 1.2, keys unique), or its first YAML error. */
export function readYamlDoc(file: string): { ok: true; text: string; value: unknown } | { ok: false; message: string } {
  const text = readFileSync(file, 'utf8');
  const d = parseDocument(text, { version: '1.2', uniqueKeys: true, prettyErrors: false });
  if (d.errors.length > 0) return { ok: false, message: `${file}: ${d.errors[0]!.message}` };
  return { ok: true, text, value: d.toJS() as unknown };
}

/** A module whose default export is `value`: a JSON string parsed at run time is cheaper for V8 than the same object as a JS literal. */
export function jsonModule(value: unknown): string {
  return `export default JSON.parse(${JSON.stringify(JSON.stringify(value))});`;
}

/** The Vite plugin (build and unit tests). */
export function yamlDoc(): Plugin {
  return {
    name: 'design-sim:yaml-doc',
    enforce: 'pre',
    load(id) {
      if (!id.endsWith(SUFFIX)) return null;
      const file = id.slice(0, -SUFFIX.length);
      this.addWatchFile(file);
      // An error fails the build rather than shipping a half-read design.
      const r = readYamlDoc(file);
      if (!r.ok) this.error(r.message);
      return jsonModule(r.value);
    },
  };
}
