import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kindModules } from './index.ts';

// Read from disk: Vite's CSS handling gives tests an empty `?raw` stylesheet.
const styles = readFileSync(join(import.meta.dirname, '..', 'styles.css'), 'utf8');

/** A colour custom property of styles.css's :root, lower-cased. */
function cssColour(name: string): string {
  const m = new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})`).exec(styles);
  if (m === null) throw new Error(`styles.css has no --${name}`);
  return m[1]!.toLowerCase();
}

describe("a kind's accent", () => {
  it('is never a status colour: a failing service drew the pass green as its stripe', () => {
    const status = ['good', 'bad', 'c-warn', 'warn-ink'].map(cssColour);
    expect(status).toContain('#067647');
    for (const m of kindModules()) expect(status, m.kind).not.toContain(m.accent.toLowerCase());
  });
});
