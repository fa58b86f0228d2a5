// Bundles the CLI into one file, dist/design-sim.mjs: node platform, ESM, the workspace packages and
// npm dependencies inlined, so `node dist/design-sim.mjs` needs nothing but Node. The same file is the
// sweep worker (src/main.ts), which is why it must stay a single file.
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Path of the bundle. */
export const CLI_BUNDLE = join(here, 'dist', 'design-sim.mjs');

/**
 * The bundled price catalog's zod check, run once here rather than at every start of the CLI (it cost
 * 100–180 ms of CPU per command, a third of `design-sim validate`): the catalog is baked into the bundle,
 * so a bundle built from a bad catalog is refused at build time and no user can reach one.
 */
async function checkCatalog() {
  const out = await build({
    stdin: { contents: "export { checkBundledCatalog } from '@design-sim/cost-model';", resolveDir: here, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'warning',
  });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
  try {
    mod.checkBundledCatalog();
  } catch (e) {
    // Rethrown from here: the original's stack names the base64 module, a page of noise.
    throw new Error(`refusing to build the CLI: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Builds dist/design-sim.mjs; resolves when written. */
export async function buildCli() {
  await checkCatalog();
  await build({
    entryPoints: [join(here, 'src', 'main.ts')],
    outfile: CLI_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: {
      // Bundled CommonJS dependencies (commander) call require(); ESM output has none, so provide it.
      js: "#!/usr/bin/env node\nimport { createRequire as __designSimCreateRequire } from 'node:module';\nconst require = __designSimCreateRequire(import.meta.url);",
    },
    legalComments: 'none',
    logLevel: 'warning',
  });
  await chmod(CLI_BUNDLE, 0o755);
  return CLI_BUNDLE;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildCli();
