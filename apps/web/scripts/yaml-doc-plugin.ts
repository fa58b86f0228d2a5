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

/** The Vite plugin (build and unit tests). */
export function yamlDoc(): Plugin {
  return {
    name: 'design-sim:yaml-doc',
    enforce: 'pre',
    load(id) {
      if (!id.endsWith(SUFFIX)) return null;
      const file = id.slice(0, -SUFFIX.length);
      this.addWatchFile(file);
      // yamlToDoc's options (YAML 1.2, keys unique); an error fails the build rather than shipping a half-read design.
      const d = parseDocument(readFileSync(file, 'utf8'), { version: '1.2', uniqueKeys: true, prettyErrors: false });
      if (d.errors.length > 0) this.error(`${file}: ${d.errors[0]!.message}`);
      const value: unknown = d.toJS();
      // A JSON string parsed at run time is cheaper for V8 than the same object as a JS literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(value))});`;
    },
  };
}
