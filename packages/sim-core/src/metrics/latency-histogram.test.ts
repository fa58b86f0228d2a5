import { describe, expect, it } from 'vitest';
import { LatencyHistogram, bucketOf } from './latency-histogram.ts';

describe('LatencyHistogram.recordN', () => {
  it('equals n calls of record: counts, sum, mean, min, max and every quantile', () => {
    const weighted = new LatencyHistogram();
    const single = new LatencyHistogram();
    // 40 gaps of 10 ms, one of 20 ms and 3 of 40 ms: 44 values, sum 400 + 20 + 120 = 540.
    for (const [ms, n] of [[10, 40], [20, 1], [40, 3]] as const) {
      weighted.recordN(ms, n);
      for (let k = 0; k < n; k++) single.record(ms);
    }
    expect(weighted.count).toBe(44);
    expect(weighted.sum).toBe(540);
    expect(weighted.mean()).toBeCloseTo(540 / 44, 12);
    expect(weighted.min).toBe(10);
    expect(weighted.max).toBe(40);
    expect(Array.from(weighted.counts)).toEqual(Array.from(single.counts));
    // Nearest rank: p50 is the 22nd value (10 ms), p95 the 42nd (40 ms), p90 the 40th (10 ms), p99 the 44th (40 ms).
    for (const q of [0.5, 0.9, 0.95, 0.99]) expect(weighted.quantile(q)).toBe(single.quantile(q));
    // A quantile is its bucket's midpoint (within 0.2%), clamped to the observed max.
    expect(weighted.quantile(0.5)).toBeCloseTo(10, 1);
    expect(weighted.quantile(0.9)).toBeCloseTo(10, 1);
    expect(weighted.quantile(0.95)).toBe(40);
  });

  it('lands in the bucket of its value and is removed by subtract like single records', () => {
    const h = new LatencyHistogram();
    h.recordN(12.5, 7);
    expect(h.counts[bucketOf(12.5)]).toBe(7);
    const part = new LatencyHistogram();
    part.recordN(12.5, 2);
    h.subtract(part);
    expect(h.count).toBe(5);
    expect(h.sum).toBeCloseTo(62.5, 12);
  });
});
