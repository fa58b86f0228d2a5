/**
 * `import scenario from 'file.yaml?scenario'`: the YAML file read and validated at build time into the
 * scenario the simulator's worker would parse from it, shipped as JSON. It lets the worker run the
 * default example on a first visit with the engine alone: zod and the `yaml` library (and sim-core's
 * schema, built at module load) stay out of the worker's first chunk (docs/performance.md, "fifth pass").
 *
 * This is the input in another form, not a result: the validation is the worker's own
 * (`cleanScenarioOf` of the document without `spec.canvas`: sim-core's schema, the reference checks,
 * no warnings), run here in Node through Vite's module runner; the simulation still runs in the browser.
 * A file it refuses fails the build with the issue located in the file (`SimApi.validate` of its text).
 */
import { basename } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { runnerImport, type Plugin } from 'vite';
import { jsonModule, readYamlDoc } from './yaml-doc-plugin.ts';

const SUFFIX = '?scenario';
const CHECK = fileURLToPath(new URL('./validated-scenario.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));

type Check = typeof import('./validated-scenario.ts');

/** The Vite plugin (the worker's build and unit tests). */
export function exampleScenario(): Plugin {
  // The check's modules (sim-core's TypeScript source), loaded once per build by Vite's module runner.
  let check: Promise<Check> | null = null;
  return {
    name: 'design-sim:example-scenario',
    enforce: 'pre',
    async load(id) {
      if (!id.endsWith(SUFFIX)) return null;
      const file = id.slice(0, -SUFFIX.length);
      this.addWatchFile(file);
      const read = readYamlDoc(file);
      if (!read.ok) this.error(read.message);
      check ??= runnerImport<Check>(CHECK, { root: ROOT, logLevel: 'error', environments: { inline: { resolve: { noExternal: [/^@design-sim\//] } } } }).then((r) => r.module);
      const r = (await check).validatedScenario(read.value, read.text, basename(file));
      if (!r.ok) this.error(`${file} cannot ship as a parsed scenario:\n${r.message}`);
      // Shipped as JSON: it must read back as the very same value (no undefined, NaN or Infinity in it).
      if (!isDeepStrictEqual(JSON.parse(JSON.stringify(r.scenario)), r.scenario)) this.error(`${file}: its parsed scenario does not survive JSON (undefined, NaN or Infinity in it)`);
      return jsonModule(r.scenario);
    },
  };
}
