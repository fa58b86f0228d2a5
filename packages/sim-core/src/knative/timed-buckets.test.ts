/**
 * The KPA's windows (knative/serving@98e5ef90 pkg/autoscaler/aggregation/bucketing.go TimedFloat64Buckets, 1 s
 * buckets): each expected average worked by hand from `Record` and `WindowAverage` in the comments.
 */
import { describe, expect, it } from 'vitest';
import { panicWindowSeconds } from './metric-windows.ts';
import { smoothingCoeff, TimedBuckets } from './timed-buckets.ts';

describe('TimedBuckets (TimedFloat64Buckets)', () => {
  it('averages over the seconds since the first write, drops the seconds since the last, counts gaps as zeros', () => {
    const b = new TimedBuckets(5);
    b.record(1, 10);
    b.record(2.7, 20); // bucket 2
    expect(b.windowAverage(2)).toBe(15); // (10 + 20) / min(2 − 1 + 1, 5)
    // Two seconds without writes: they leave the window instead of counting as zeros: 30 / min(2, 5 − 2).
    expect(b.windowAverage(4.5)).toBe(15);
    b.record(4, 6); // bucket 3 is a gap: zero
    expect(b.windowAverage(4)).toBe(9); // (10 + 20 + 0 + 6) / 4
    b.record(7, 0); // zeroes buckets 5, 6, 7 (ring slots 0, 1, 2: the 10 and the 20 leave)
    expect(b.windowAverage(7)).toBe(1.2); // 6 / min(7, 5)
    expect(b.windowAverage(11)).toBe(0); // buckets 8..11 leave the 6: 0 / min(7, 5 − 4)
    expect(b.windowAverage(12)).toBe(0); // a whole window since the last write
    expect(b.isEmpty(12)).toBe(false); // 12 − 7 = 5 is not more than 5
    expect(b.isEmpty(13)).toBe(true);
  });

  it('starts afresh after a window without writes, ignores a write older than a window before the last, rounds to 6 digits', () => {
    const b = new TimedBuckets(5);
    b.record(1, 100);
    b.record(20, 3); // 20 − 1 ≥ 5: reset, first write 20
    expect(b.windowAverage(20)).toBe(3);
    b.record(14, 100); // 14 + 5 is not after 20: ignored
    expect(b.windowAverage(20)).toBe(3);
    b.record(17, 1); // within the window before the last write: first write moves back to 17
    expect(b.windowAverage(20)).toBe(1); // (3 + 1) / (20 − 17 + 1)
    const c = new TimedBuckets(5);
    c.record(40, 1);
    c.record(42, 0);
    expect(c.windowAverage(42)).toBe(0.333333);
  });

  it('the panic window is stable × percentage rounded to the second, at least 1 s (MakeMetric)', () => {
    expect(panicWindowSeconds(60, 10)).toBe(6);
    expect(panicWindowSeconds(60, 2.5)).toBe(2); // 1.5 s rounds away from zero
    expect(panicWindowSeconds(6, 1)).toBe(1); // 0.06 s → 0 → the 1 s floor
  });

  it('computeSmoothingCoeff (bucketing_test.go TestComputeDecayMultiplier): 0.2 at 100 and 60 buckets, 0.20567 at 40, 0.78456 at 6', () => {
    expect(smoothingCoeff(100)).toBe(0.2);
    expect(smoothingCoeff(60)).toBe(0.2);
    expect(smoothingCoeff(40)).toBeCloseTo(0.20567, 4);
    expect(smoothingCoeff(6)).toBeCloseTo(0.78456, 4);
  });

  it('weighted-exponential average (TestTimedFloat64BucketsWeightedAverage): newest bucket m, then m(1 − m)…, idle seconds skip weights', () => {
    const b = new TimedBuckets(5);
    const m = b.smoothingCoeff; // 1 − 0.0001^(1/5) = 0.8415
    b.record(100, 2);
    expect(b.weightedAverage(100)).toBe(2 * m);
    expect(b.weightedAverage(101)).toBe(2 * m * (1 - m)); // one second without a write
    b.record(101, 2);
    expect(b.weightedAverage(101)).toBeCloseTo(2 * m + 2 * m * (1 - m), 12);
    for (let i = 0; i < 5; i++) b.record(102 + i, i + 2); // the window is [2, 3, 4, 5, 6]
    const want = 6 * m + 5 * m * (1 - m) + 4 * m * (1 - m) ** 2 + 3 * m * (1 - m) ** 3 + 2 * m * (1 - m) ** 4;
    expect(b.weightedAverage(106)).toBeCloseTo(want, 12);
    expect(b.weightedAverage(116)).toBe(0); // empty: no write in more than the window
  });
});

