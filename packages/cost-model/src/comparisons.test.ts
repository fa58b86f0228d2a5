import { describe, expect, it } from 'vitest';
import { compareServingCost, costPerMillionRequests } from './comparisons.ts';
import { getInstance } from './lookup.ts';

describe('costPerMillionRequests', () => {
  it('divides the hourly price by requests per hour', () => {
    // $3.60/h at 10 req/s = 36,000 req/h → $100 per million.
    expect(costPerMillionRequests(3.6, 10)).toBeCloseTo(100, 9);
    expect(costPerMillionRequests(3.6, 10, 0.5)).toBeCloseTo(200, 9);
    expect(costPerMillionRequests(null, 10)).toBeNull();
    expect(() => costPerMillionRequests(1, 0)).toThrow(RangeError);
    expect(() => costPerMillionRequests(1, 1, 0)).toThrow(RangeError);
  });
});

describe('compareServingCost: the same workload on L4 vs A10G vs A100 vs H100', () => {
  // Hypothetical throughputs for one model: the comparison's arithmetic is what is tested, not GPU speed.
  const options = [
    { instanceId: 'aws/us-east-1/g6.xlarge', capacity: 'on-demand' as const, requestsPerSecondPerNode: 20 },
    { instanceId: 'aws/us-east-1/g5.xlarge', capacity: 'on-demand' as const, requestsPerSecondPerNode: 18 },
    { instanceId: 'azure/eastus/Standard_NC24ads_A100_v4', capacity: 'on-demand' as const, requestsPerSecondPerNode: 60 },
    { instanceId: 'azure/eastus/Standard_NC40ads_H100_v5', capacity: 'spot' as const, requestsPerSecondPerNode: 150 },
    { instanceId: 'aws/us-east-1/p5.48xlarge', capacity: 'on-demand' as const, requestsPerSecondPerNode: 8 * 150 },
  ];
  const rows = compareServingCost(options);

  it('prices each option from the catalog and sorts cheapest first, unknown prices last', () => {
    const expected = (id: string, c: 'on-demand' | 'spot', rps: number) => ((getInstance(id).prices[c]?.usdPerHour ?? NaN) / (rps * 3600)) * 1e6;
    for (const r of rows.filter((x) => x.usdPerMillionRequests !== null)) {
      expect(r.usdPerMillionRequests).toBeCloseTo(expected(r.instanceId, r.capacity as 'on-demand' | 'spot', r.requestsPerSecondPerNode), 9);
    }
    const known = rows.map((r) => r.usdPerMillionRequests).filter((c): c is number => c !== null);
    expect(known).toEqual([...known].sort((a, b) => a - b));
    expect(rows.at(-1)).toMatchObject({ instanceId: 'azure/eastus/Standard_NC40ads_H100_v5', usdPerMillionRequests: null, relativeToCheapest: null });
    expect(rows[0]?.relativeToCheapest).toBe(1);
    expect(rows.map((r) => r.gpu)).toContain('l4');
  });
});
