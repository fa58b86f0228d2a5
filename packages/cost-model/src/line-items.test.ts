import { describe, expect, it } from 'vitest';
import { lineItemCosts } from './line-items.ts';
import { HOURS_PER_MONTH, SECONDS_PER_HOUR } from './units.ts';

const DAY = 86_400;

describe('lineItemCosts', () => {
  it('prices the seed 003 Q3 FSx line: 1.2 TB persistent at 125 MB/s/TiB is about $174 a month, $103 for 18 days', () => {
    const c = lineItemCosts([{ name: 'fsx', storage: 'aws/us-east-1/fsx-lustre-persistent', gb: 1200 }], 18 * DAY);
    // 1,200 GB × $0.145 × (18 × 24 / 730) months.
    expect(c.totalUsd).toBeCloseTo(1200 * 0.145 * ((18 * 24) / HOURS_PER_MONTH), 9);
    expect(c.monthlyUsd).toBeCloseTo(1200 * 0.145, 9);
    expect(c.items[0]?.line).toMatchObject({ label: 'fsx', unit: 'GB-month', source: 'FSX_C3X' });
  });

  it('prices transfer, managed services, nodes and fixed amounts, and times a transfer over a link', () => {
    const c = lineItemCosts(
      [
        { name: 'model-upload', transfer: 'aws/us-east-1/egress-inter-az', gb: 500, linkGbps: 10 },
        { name: 'postgres', managed: 'aws/us-east-1/rds-postgres-db.t3.large', usage: { count: 2 } },
        { name: 'api', instance: 'aws/us-east-1/m6i.large', count: 3 },
        { name: 'dgx', usd: 1000, note: 'a quoted figure' },
      ],
      HOURS_PER_MONTH * SECONDS_PER_HOUR,
    );
    const usd = Object.fromEntries(c.items.map((i) => [i.name, i.line.usd]));
    expect(usd['model-upload']).toBeCloseTo(500 * 0.01, 9);
    expect(usd.postgres).toBeCloseTo(2 * 0.145 * HOURS_PER_MONTH, 9);
    expect(usd.api).toBeCloseTo(3 * 0.096 * HOURS_PER_MONTH, 9);
    expect(usd.dgx).toBe(1000);
    // 500 GB × 8 bits / 10 Gbit/s = 400 s.
    expect(c.items[0]?.transferHours).toBeCloseTo(400 / 3600, 12);
    expect(c.totalUsd).toBeCloseTo(5 + 211.7 + 210.24 + 1000, 6);
    expect(c.unknownPrices).toEqual([]);
  });

  it('prices managed control planes per cluster-hour from the catalog', () => {
    const c = lineItemCosts([{ name: 'eks', controlPlane: 'aws', count: 2 }], HOURS_PER_MONTH * SECONDS_PER_HOUR);
    expect(c.items[0]?.line).toMatchObject({ label: 'eks', unit: 'cluster-hour', quantity: 2 * HOURS_PER_MONTH, usdPerUnit: 0.1 });
    expect(c.totalUsd).toBeCloseTo(2 * 0.1 * HOURS_PER_MONTH, 9);
  });

  it('lists unknown and stale prices instead of guessing or hiding them', () => {
    const c = lineItemCosts(
      [
        { name: 'spot-p5', instance: 'aws/us-east-1/p5.48xlarge', count: 1, purchase: 'spot' },
        { name: 'no-sp', instance: 'aws/us-east-1/m6i.large', count: 1, purchase: 'commit1y' },
      ],
      3600,
    );
    expect(c.unknownPrices).toEqual(['no-sp: price unknown']);
    expect(c.stalePrices).toEqual([expect.stringMatching(/^spot-p5: STALE: observed by 2025-05-31, before AWS_GPU_CUT_2025_06/)]);
  });

  it('rejects a period of zero and negative quantities', () => {
    expect(() => lineItemCosts([], 0)).toThrow(RangeError);
    expect(() => lineItemCosts([{ name: 'x', storage: 'aws/us-east-1/s3-standard', gb: -1 }], 3600)).toThrow(/x: gb/);
  });
});
