// Prints the production bundle's files with raw and gzip sizes (run after `vite build`), for docs/web.md.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = new URL('../dist/assets/', import.meta.url).pathname;
const rows = readdirSync(dir)
  .filter((f) => /\.(js|css)$/.test(f))
  .map((f) => {
    const bytes = readFileSync(join(dir, f));
    return { file: f.replace(/-[\w-]{8}\./, '.'), raw: statSync(join(dir, f)).size, gzip: gzipSync(bytes, { level: 9 }).length };
  })
  .sort((a, b) => b.gzip - a.gzip);
const kb = (n) => (n / 1024).toFixed(1);
process.stdout.write('| file | raw KiB | gzip KiB |\n|---|---:|---:|\n');
for (const r of rows) process.stdout.write(`| ${r.file} | ${kb(r.raw)} | ${kb(r.gzip)} |\n`);
const total = rows.reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip }), { raw: 0, gzip: 0 });
process.stdout.write(`| total | ${kb(total.raw)} | ${kb(total.gzip)} |\n`);
