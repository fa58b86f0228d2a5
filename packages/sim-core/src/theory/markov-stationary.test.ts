import { describe, expect, it } from 'vitest';
import { markovStationary } from './markov-stationary.ts';

describe('markovStationary (GTH)', () => {
  it('two states: π = (b, a)/(a + b) for P = [[1 − a, a], [b, 1 − b]]', () => {
    const a = 0.3;
    const b = 0.05;
    const pi = markovStationary(Float64Array.from([1 - a, a, b, 1 - b]), 2);
    expect(pi[0]).toBeCloseTo(b / (a + b), 15);
    expect(pi[1]).toBeCloseTo(a / (a + b), 15);
  });

  it('keeps relative accuracy far down a geometric law: a reflecting walk up with 0.1, down with 0.9, 40 states', () => {
    // Detailed balance: π_{k+1}/π_k = 0.1/0.9 = 1/9, so π_39/π_0 = 9^−39 ≈ 6e-38 — kept to 12 digits.
    const n = 40;
    const rows = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      if (i + 1 < n) rows[i * n + i + 1] = 0.1;
      if (i > 0) rows[i * n + i - 1] = 0.9;
      rows[i * n + i] = 1 - (i + 1 < n ? 0.1 : 0) - (i > 0 ? 0.9 : 0);
    }
    const pi = markovStationary(rows, n);
    expect(pi[n - 1]! / pi[0]! / 9 ** -(n - 1)).toBeCloseTo(1, 12);
  });
});
