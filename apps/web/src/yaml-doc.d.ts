// `file.yaml?doc`: the file's YAML as a plain document, read at build time (scripts/yaml-doc-plugin.ts).
declare module '*.yaml?doc' {
  const doc: Record<string, unknown>;
  export default doc;
}

// `file.yaml?scenario`: the file's scenario as the worker parses it, validated at build time (scripts/example-scenario-plugin.ts).
declare module '*.yaml?scenario' {
  import type { Scenario } from '@design-sim/sim-core';
  const scenario: Scenario;
  export default scenario;
}
