/**
 * A build check: the simulator worker's first chunk (sim.worker.ts and its static imports) holds no zod and
 * no `yaml` library. The first run on a first visit needs only the engine (worker/example-first-run.ts);
 * the parsing edge loads on demand (worker/lazy-sim-api.ts). A static import of a schema module from the
 * run path would put 360 KB of parser back in front of the first chart (docs/performance.md, "fifth pass"),
 * silently: this makes it a build error naming the module.
 */
import type { Plugin } from 'vite';

/** Packages the first chunk must not contain. */
const PARSERS = /[\\/]node_modules[\\/](?:\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?(zod|yaml)[\\/]/;

/** The Vite plugin (the worker's build). */
export function workerFirstChunk(): Plugin {
  return {
    name: 'design-sim:worker-first-chunk',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map(Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [[c.fileName, c] as const] : [])));
      for (const entry of chunks.values()) {
        if (!entry.isEntry || entry.facadeModuleId === null || !/[\\/]sim\.worker\.ts$/.test(entry.facadeModuleId)) continue;
        const seen = new Set<string>();
        const visit = (file: string): void => {
          const c = chunks.get(file);
          if (c === undefined || seen.has(file)) return;
          seen.add(file);
          const parser = Object.keys(c.modules).find((id) => PARSERS.test(id));
          if (parser !== undefined) {
            const short = (id: string) => id.replace(/^.*?[\\/](packages|apps|node_modules)[\\/]/, '$1/');
            const who = Object.keys(c.modules).filter((id) => !/node_modules/.test(id) && this.getModuleInfo(id)?.importedIds.some((x) => PARSERS.test(x)));
            this.error(`the simulator worker's first chunk (${file}) holds ${short(parser)}, imported by ${who.map(short).join(', ') || 'another package'}: keep the parsing edge behind lazy-sim-api.ts's dynamic import`);
          }
          for (const dep of c.imports) visit(dep);
        };
        visit(entry.fileName);
      }
    },
  };
}
