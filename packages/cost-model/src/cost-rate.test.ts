import { describe, expect, it } from 'vitest';
import { hourlyRateUsd, nodeTimeUsd } from './cost-rate.ts';

describe('cost over time', () => {
  it('prices node time by the hour, an unknown price adding nothing', () => {
    // 2 nodes for 30 min at $4.10/h = $4.10.
    expect(nodeTimeUsd(2 * 1800, 4.1)).toBeCloseTo(4.1, 12);
    expect(nodeTimeUsd(3600, null)).toBe(0);
  });

  it('turns a cost accrued at interval ends into $/hour per interval', () => {
    // 60 s intervals: $1 in the first minute ($60/h), nothing in the second, $0.50 in the third ($30/h).
    expect([...hourlyRateUsd([60, 120, 180], [1, 1, 1.5])]).toEqual([60, 0, 30]);
    // A 30 s interval after a 60 s one, and an empty run.
    expect(hourlyRateUsd([60, 90], [2, 3])[1]).toBeCloseTo(120, 12);
    expect(hourlyRateUsd([], [])).toHaveLength(0);
  });
});
