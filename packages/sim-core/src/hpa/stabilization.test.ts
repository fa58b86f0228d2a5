import { describe, expect, it } from 'vitest';
import { toMicros } from './hpa-time.ts';
import {
  recordInitialRecommendation,
  stabilizeRecommendation,
  stabilizeRecommendationWithBehaviors,
  type TimestampedRecommendation,
} from './stabilization.ts';

const rec = (recommendation: number, t: number): TimestampedRecommendation => ({ recommendation, timestamp: toMicros(t) });

describe('recordInitialRecommendation', () => {
  it('seeds the history with the current replicas only when there is none', () => {
    expect(recordInitialRecommendation(null, 10, toMicros(0))).toEqual([rec(10, 0)]);
    const existing = [rec(3, -15)];
    expect(recordInitialRecommendation(existing, 10, toMicros(0))).toBe(existing);
  });
});

describe('legacy stabilizeRecommendation: inclusive boundary (§0.2)', () => {
  it('keeps a sample exactly one window old and drops an older one', () => {
    expect(stabilizeRecommendation([rec(10, -15)], 4, toMicros(285), 300)).toBe(10);
    expect(stabilizeRecommendation([rec(10, -15)], 4, toMicros(285.000001), 300)).toBe(4);
  });

  it('records the raw value by overwriting the last too-old sample, else appending', () => {
    const history = [rec(9, -400), rec(8, -350), rec(7, 0)];
    stabilizeRecommendation(history, 4, toMicros(15), 300);
    expect(history).toEqual([rec(9, -400), rec(4, 15), rec(7, 0)]);
    stabilizeRecommendation(history, 5, toMicros(30), 300);
    expect(history).toEqual([rec(5, 30), rec(4, 15), rec(7, 0)]);
    stabilizeRecommendation(history, 6, toMicros(45), 300);
    expect(history).toHaveLength(4);
  });
});

describe('stabilizeRecommendationWithBehaviors: exclusive boundary (§0.2)', () => {
  it('drops a sample exactly one window old from the scale-down max', () => {
    expect(stabilizeRecommendationWithBehaviors([rec(10, -15)], 10, 4, toMicros(284.999999), 0, 300).recommendation).toBe(10);
    expect(stabilizeRecommendationWithBehaviors([rec(10, -15)], 10, 4, toMicros(285), 0, 300).recommendation).toBe(4);
  });

  it('raises only to the MIN recommendation inside the scale-up window', () => {
    const history = [rec(4, -15), rec(6, 0)];
    const r = stabilizeRecommendationWithBehaviors(history, 4, 8, toMicros(30), 60, 300);
    expect(r).toEqual({ recommendation: 4, reason: 'ScaleUpStabilized' });
  });

  it('never moves away from current: a window holding both higher and lower samples keeps current', () => {
    const history = [rec(2, -30), rec(12, -15)];
    expect(stabilizeRecommendationWithBehaviors(history, 8, 5, toMicros(0), 60, 300).recommendation).toBe(8);
  });

  it('reuses only slots older than BOTH windows; a sample exactly at a cutoff is kept', () => {
    const history = [rec(1, -600), rec(2, -300), rec(3, -10)];
    stabilizeRecommendationWithBehaviors(history, 3, 3, toMicros(0), 0, 300);
    expect(history).toEqual([rec(3, 0), rec(2, -300), rec(3, -10)]);
    stabilizeRecommendationWithBehaviors(history, 3, 4, toMicros(0), 0, 300);
    expect(history).toHaveLength(4);
  });
});
