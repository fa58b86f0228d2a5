import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tieredCost, type Tier } from './tiered-cost.ts';
import { relErr } from './testing/builders.ts';

// A tier shape like internet egress: first 100 GB free, then $0.09 to 10 TB, $0.085 to 50 TB, $0.07 beyond.
const egress: Tier[] = [
  { upToGB: 100, usdPerGB: 0 },
  { upToGB: 10_000, usdPerGB: 0.09 },
  { upToGB: 50_000, usdPerGB: 0.085 },
  { upToGB: null, usdPerGB: 0.07 },
];

describe('tieredCost', () => {
  it('charges each tier only for the volume inside it', () => {
    expect(tieredCost(egress, 0)).toBe(0);
    expect(tieredCost(egress, 100)).toBe(0);
    // 1 TB: 900 GB above the free tier at $0.09.
    expect(tieredCost(egress, 1000)).toBeCloseTo(900 * 0.09, 9);
    // 60 TB: 9,900 × 0.09 + 40,000 × 0.085 + 10,000 × 0.07.
    expect(relErr(tieredCost(egress, 60_000), 9900 * 0.09 + 40_000 * 0.085 + 10_000 * 0.07)).toBeLessThan(1e-12);
  });

  it('rejects negative volume', () => {
    expect(() => tieredCost(egress, -1)).toThrow(RangeError);
  });

  it('is continuous and non-decreasing in volume, with the marginal rate of the tier', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e3, noNaN: true }), (gb, extra) => {
        const a = tieredCost(egress, gb);
        const b = tieredCost(egress, gb + extra);
        expect(b).toBeGreaterThanOrEqual(a - 1e-9);
        expect(b - a).toBeLessThanOrEqual(extra * 0.09 + 1e-6);
      }),
    );
  });
});
