import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { exampleScenario } from './scripts/example-scenario-plugin.ts';
import { firstScreenChunk } from './scripts/first-screen-chunk-plugin.ts';
import { workerFirstChunk } from './scripts/worker-first-chunk-plugin.ts';
import { yamlDoc } from './scripts/yaml-doc-plugin.ts';
import { earlyWorkerScript } from './src/worker/early-example.ts';

/**
 * Entries loaded with `import()` whose chunks the first chart needs: the app (start-app.tsx), the
 * charts and the default example's text. Vite lists only the entry's static imports in index.html, so
 * these were requested one after the other as each module ran (the app's chunks at 215 ms, the example
 * and the charts only once the app's chunk had run, 750 ms under load: docs/performance.md, "fourth pass").
 */
const FIRST_SCREEN = [/\/src\/start-app\.tsx$/, /\/src\/charts\/ResultCharts\.tsx$/, /\/src\/model\/default-example-doc\.ts$/];

/**
 * In index.html: the first simulator worker, started by an inline script while the page is parsed (the
 * worker's own chunk, 650 KB, then loads and compiles on the other core while the entry and the app's
 * chunks arrive; from the entry it started 110–190 ms later, after the entry's fetch and evaluation,
 * later still behind the preloads below), on a first visit running the default example by itself
 * (early-example.ts), and `<link rel="modulepreload">` for FIRST_SCREEN's chunks and their static imports:
 * all fetched at once.
 */
function preloadFirstScreen(): Plugin {
  return {
    name: 'design-sim:preload-first-screen',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).flatMap((c) => (c.type === 'chunk' ? [c] : []));
        const byFile = new Map(chunks.map((c) => [c.fileName, c]));
        const files = new Set<string>();
        const add = (file: string): void => {
          if (files.has(file)) return;
          files.add(file);
          for (const dep of byFile.get(file)?.imports ?? []) add(dep);
        };
        for (const test of FIRST_SCREEN) {
          const chunk = chunks.find((c) => c.facadeModuleId != null && test.test(c.facadeModuleId));
          if (chunk === undefined) throw new Error(`preload-first-screen: no chunk for ${test}`);
          add(chunk.fileName);
        }
        // The entry's own static imports are preloaded by Vite already.
        for (const c of chunks) if (c.isEntry) for (const f of [c.fileName, ...c.imports]) files.delete(f);
        const worker = Object.keys(ctx.bundle ?? {}).find((f) => /(^|\/)sim\.worker-[^/]*\.js$/.test(f));
        if (worker === undefined) throw new Error('preload-first-screen: no sim.worker chunk');
        // Same URL and options as new-sim-worker.ts's `new Worker(new URL('./sim.worker.ts', import.meta.url), …)`.
        return [
          { tag: 'script', children: earlyWorkerScript(`./${worker}`), injectTo: 'head-prepend' as const },
          ...[...files].map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${f}` }, injectTo: 'head' as const })),
        ];
      },
    },
  };
}

// The first screen (the shell, the results panel and its charts) paints from the entry's and FIRST_SCREEN's
// chunks; the canvas with React Flow, the inspector and the dialogs (after the first result: lazy-panes.ts), the
// content library and the simulator (in its worker) arrive as separate chunks (docs/web.md).
export default defineConfig({
  // exampleScenario here too: the dev server serves the worker's modules through these plugins, not worker.plugins.
  plugins: [react(), yamlDoc(), exampleScenario(), preloadFirstScreen(), firstScreenChunk(FIRST_SCREEN)],
  // Relative asset URLs: the build works from any path (a sub-folder, a file server, the e2e preview).
  base: './',
  worker: { format: 'es', plugins: () => [yamlDoc(), exampleScenario(), workerFirstChunk()] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // zustand (the app store's, React Flow's too) with React: the first screen needs it.
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|zustand|use-sync-external-store)[\\/]/, priority: 3 },
            // The d3 modules the charts' brush shares with React Flow's zoom.
            { name: 'd3', test: /node_modules[\\/](d3-selection|d3-transition|d3-interpolate|d3-color|d3-dispatch|d3-ease|d3-timer|d3-drag)[\\/]/, priority: 2 },
            // React Flow and what only it uses: the panes' chunk loads it after the first chart (lazy-panes.ts). A group
            // takes its modules' dependencies too, so the shared ones above are grouped first.
            { name: 'xyflow', test: /node_modules[\\/](@xyflow|d3-zoom|classcat)[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  preview: { host: '127.0.0.1' },
});
