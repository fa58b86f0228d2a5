/**
 * A build check: the chunks the page's first chart loads (the entry, `firstScreen`'s chunks and their static
 * imports) hold no React Flow. The canvas, palette, inspector and dialogs load after the first result
 * (src/components/lazy-panes.ts); a static import of one of them, or of `@xyflow/react`, from the first
 * screen's modules would put React Flow (180 KB) back in front of the first chart (docs/performance.md,
 * "sixth pass"), silently: this makes it a build error naming the module.
 */
import type { Plugin } from 'vite';

/** Packages the first screen's chunks must not contain. */
const CANVAS = /[\\/]node_modules[\\/](?:\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?@xyflow[\\/]/;

/** The Vite plugin (the page's build); `firstScreen` matches the modules loaded with import() that the first chart needs. */
export function firstScreenChunk(firstScreen: readonly RegExp[]): Plugin {
  return {
    name: 'design-sim:first-screen-chunk',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map(Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [[c.fileName, c] as const] : [])));
      const roots = [...chunks.values()].filter((c) => c.isEntry || (c.facadeModuleId !== null && firstScreen.some((t) => t.test(c.facadeModuleId!))));
      const seen = new Set<string>();
      const visit = (file: string): void => {
        const c = chunks.get(file);
        if (c === undefined || seen.has(file)) return;
        seen.add(file);
        for (const dep of c.imports) visit(dep);
      };
      for (const r of roots) visit(r.fileName);
      const modules = [...seen].flatMap((file) => Object.keys(chunks.get(file)!.modules).map((id) => ({ file, id })));
      const canvas = modules.find((m) => CANVAS.test(m.id));
      if (canvas === undefined) return;
      const short = (id: string) => id.replace(/^.*?[\\/](packages|apps|node_modules)[\\/]/, '$1/');
      const who = modules.filter((m) => !/node_modules/.test(m.id) && this.getModuleInfo(m.id)?.importedIds.some((x) => CANVAS.test(x)) === true);
      this.error(
        `the first screen's chunk ${canvas.file} holds ${short(canvas.id)} (React Flow), imported by ${who.map((m) => short(m.id)).join(', ') || 'another package'}: keep the canvas behind lazy-panes.ts's dynamic import`,
      );
    },
  };
}
