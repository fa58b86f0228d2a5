import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, suggest } from './suggest.ts';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('p5.48xlarge', 'p5.48xlarge')).toBe(0);
    expect(editDistance('g5.2xlarge', 'g6.2xlarge')).toBe(1);
  });

  it('is a metric: zero only for equal strings, symmetric, triangle inequality', () => {
    const s = fc.string({ maxLength: 12 });
    fc.assert(
      fc.property(s, s, s, (a, b, c) => {
        expect(editDistance(a, b) === 0).toBe(a === b);
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, c)).toBeLessThanOrEqual(editDistance(a, b) + editDistance(b, c));
      }),
    );
  });
});

describe('suggest', () => {
  const ids = ['aws/us-east-1/p5.48xlarge', 'aws/us-east-1/p4d.24xlarge', 'gcp/us-central1/g2-standard-8'];

  it('ranks candidates containing the query first and keeps only them', () => {
    expect(suggest('p4d', ids)).toEqual(['aws/us-east-1/p4d.24xlarge']);
  });

  it('falls back to edit distance, case-insensitive, and respects the limit', () => {
    expect(suggest('GCP/us-central1/g2-standard-9', ids, 1)).toEqual(['gcp/us-central1/g2-standard-8']);
    expect(suggest('zzz', ids)).toHaveLength(3);
  });

  it('breaks a tie in edits by the nearest characters, then alphabetically: a typed 9 is nearer 8 than 4', () => {
    const g2 = ['gcp/us-central1/g2-standard-4', 'gcp/us-central1/g2-standard-8', 'gcp/us-central1/c2-standard-8'];
    expect(suggest('gcp/us-central1/g2-standard-9', g2)).toEqual(['gcp/us-central1/g2-standard-8', 'gcp/us-central1/g2-standard-4', 'gcp/us-central1/c2-standard-8']);
    expect(suggest('b', ['c', 'a'])).toEqual(['a', 'c']);
  });

  it('collapses aliases onto their canonical id', () => {
    expect(suggest('h10', ['h100', 'h100-sxm-80gb'], 3, () => 'h100-sxm-80gb')).toEqual(['h100-sxm-80gb']);
  });
});
