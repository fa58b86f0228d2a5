import { describe, expect, it } from 'vitest';
import { egressCostUsd, getRate, listRates, storageCostUsd } from './rates.ts';
import { HOURS_PER_MONTH, SECONDS_PER_HOUR } from './units.ts';

const MONTH_S = HOURS_PER_MONTH * SECONDS_PER_HOUR;

describe('storage and egress rates', () => {
  it('prorates a GB-month rate over the run', () => {
    const gp3 = getRate('aws/us-east-1/ebs-gp3').tiers[0]?.usdPerGB ?? NaN;
    expect(storageCostUsd('aws/us-east-1/ebs-gp3', 500, MONTH_S)).toBeCloseTo(500 * gp3, 9);
    expect(storageCostUsd('aws/us-east-1/ebs-gp3', 500, MONTH_S / 2)).toBeCloseTo((500 * gp3) / 2, 9);
  });

  it('prices egress at the monthly tier a steady rate reaches', () => {
    // 1 TB in half a month is 2 TB/month: 2,000 GB × $0.09 per month, half of it for the run.
    expect(egressCostUsd('aws/us-east-1/egress-internet', 1000, MONTH_S / 2)).toBeCloseTo((2000 * 0.09) / 2, 9);
    // 30 TB in a month crosses the 10 TB (10,240 GB) tier edge: 10,240 × 0.09 + 19,760 × 0.085.
    expect(egressCostUsd('aws/us-east-1/egress-internet', 30_000, MONTH_S)).toBeCloseTo(10_240 * 0.09 + 19_760 * 0.085, 9);
    expect(egressCostUsd('aws/us-east-1/egress-internet', 0, 0)).toBe(0);
    expect(() => egressCostUsd('aws/us-east-1/egress-internet', 1, 0)).toThrow(RangeError);
  });

  it('refuses to price storage with an egress rate and suggests near ids', () => {
    expect(() => storageCostUsd('aws/us-east-1/egress-internet', 1, MONTH_S)).toThrow(/not storage/);
    expect(() => getRate('aws/us-east-1/s3')).toThrow(/Did you mean: aws\/us-east-1\/s3-standard, /);
    expect(listRates().every((r) => r.tiers.at(-1)?.upToGB === null)).toBe(true);
  });
});
