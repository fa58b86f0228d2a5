import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as limits from './limits.ts';
import { METRIC_NAMES } from './metrics.ts';

const docs = (name: string) => readFileSync(join(import.meta.dirname, '../../../../docs', name), 'utf8');

describe('user docs stay in step with the code', () => {
  it('docs/scenario-format.md lists every metric', () => {
    const text = docs('scenario-format.md');
    expect(METRIC_NAMES.filter((m) => !text.includes(`\`${m}\``))).toEqual([]);
  });

  it('docs/limits.md explains every limit', () => {
    const text = docs('limits.md');
    const names = Object.entries(limits).filter(([, v]) => typeof v === 'number').map(([k]) => k);
    expect(names.length).toBeGreaterThan(20);
    expect(names.filter((n) => !text.includes(`\`${n}\``))).toEqual([]);
  });
});
