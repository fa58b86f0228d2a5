/**
 * A reader who clones the repository has nothing beside it: no interview documents, no reference folder,
 * no machine paths. No file in the repository's own text (content, docs, examples, sources, tests,
 * top-level documents) may point at a path outside it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../../..');
const SKIP = new Set(['node_modules', 'dist', '.git', '.turbo', 'coverage', 'playwright-report', 'test-results']);
const TEXT = /\.(ts|tsx|mjs|js|json|ya?ml|md|css|html)$/;
// Built from parts so this file does not match itself.
const FORBIDDEN = [['/wo', 'rk/'], ['../sha', 'red'], ['shared/', 'reference'], ['shared/', 'examples'], ['seeds/', '00']].map((p) => p.join(''));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return TEXT.test(name) ? [path] : [];
  });
}

describe('the repository is self-contained', () => {
  it('points at no path outside itself', () => {
    const hits = files(root).flatMap((path) => {
      const text = readFileSync(path, 'utf8');
      return FORBIDDEN.filter((f) => text.includes(f)).map((f) => `${relative(root, path)}: ${f}`);
    });
    expect(hits).toEqual([]);
  });
});
