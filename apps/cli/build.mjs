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

/** Builds dist/design-sim.mjs; resolves when written. */
export async function buildCli() {
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
