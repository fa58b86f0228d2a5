import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, suggestNearest } from './suggest.ts';

describe('editDistance', () => {
  it('counts edits, with a transposition costing one', () => {
    expect(editDistance('replicas', 'replicas')).toBe(0);
    expect(editDistance('replica', 'replicas')).toBe(1);
    expect(editDistance('repilcas', 'replicas')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('is symmetric and zero only for equal strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, b) === 0).toBe(a === b);
      }),
    );
  });
});

describe('suggestNearest', () => {
  const keys = ['name', 'replicas', 'gpusPerReplica', 'concurrency', 'routing', 'latency', 'nodePool'];

  it('matches ignoring case and separators first', () => {
    expect(suggestNearest('gpus_per_replica', keys)).toBe('gpusPerReplica');
    expect(suggestNearest('NODEPOOL', keys)).toBe('nodePool');
    expect(suggestNearest('leastoutstanding', ['least-outstanding', 'round-robin'])).toBe('least-outstanding');
  });

  it('then falls back to a bounded edit distance', () => {
    expect(suggestNearest('concurency', keys)).toBe('concurrency');
    expect(suggestNearest('replica', keys)).toBe('replicas');
    expect(suggestNearest('colour', keys)).toBeUndefined();
    expect(suggestNearest('', keys)).toBeUndefined();
  });
});
