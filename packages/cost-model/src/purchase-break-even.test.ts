import { describe, expect, it } from 'vitest';
import { getInstance } from './lookup.ts';
import { purchaseBreakEven } from './purchase-break-even.ts';
import { HOURS_PER_MONTH } from './units.ts';

const P5 = 'aws/us-east-1/p5.48xlarge';
const p5 = getInstance(P5).prices;
const od = p5['on-demand']?.usdPerHour ?? NaN;

describe('purchaseBreakEven', () => {
  it('gives the utilization above which a commitment beats on-demand: commit ÷ on-demand', () => {
    const r = purchaseBreakEven({ instanceId: P5 });
    expect(r.options.commit1y.breakEvenUtilization).toBeCloseTo((p5.commit1y?.usdPerHour ?? NaN) / od, 12);
    expect(r.options.commit3y.breakEvenUtilization).toBeCloseTo((p5.commit3y?.usdPerHour ?? NaN) / od, 12);
  });

  it('charges a commitment for every hour of the month and on-demand for the hours used', () => {
    const half = purchaseBreakEven({ instanceId: P5, utilization: 0.5 });
    expect(half.options['on-demand'].monthlyUsd).toBeCloseTo(od * 0.5 * HOURS_PER_MONTH, 6);
    expect(half.options.commit1y.monthlyUsd).toBeCloseTo((p5.commit1y?.usdPerHour ?? NaN) * HOURS_PER_MONTH, 6);
    // At 50% use the 1-yr plan (break-even ~70%) loses to on-demand; at 100% it wins.
    expect(half.options.commit1y.monthlyUsd ?? 0).toBeGreaterThan(half.options['on-demand'].monthlyUsd ?? 0);
    const full = purchaseBreakEven({ instanceId: P5, utilization: 1 });
    expect(full.options.commit1y.monthlyUsd ?? 0).toBeLessThan(full.options['on-demand'].monthlyUsd ?? 0);
  });

  it('inflates spot by the useful fraction 1 − λL and gives the interruption rate where on-demand wins', () => {
    const spot = p5.spot?.usdPerHour ?? NaN;
    const r = purchaseBreakEven({ instanceId: P5, interruptionsPerNodeHour: 0.1, lossPerInterruptionSeconds: 1800 });
    expect(r.options.spot.usdPerUsefulHour).toBeCloseTo(spot / (1 - 0.1 * 0.5), 9);
    const lambdaStar = r.options.spot.maxInterruptionsPerNodeHour ?? NaN;
    expect(lambdaStar).toBeCloseTo((1 - spot / od) / 0.5, 9);
    const atStar = purchaseBreakEven({ instanceId: P5, interruptionsPerNodeHour: lambdaStar, lossPerInterruptionSeconds: 1800 });
    expect(atStar.options.spot.usdPerUsefulHour).toBeCloseTo(od, 6);
  });

  it('treats all-spot with free interruptions as never losing to on-demand, and unknown prices as null', () => {
    expect(purchaseBreakEven({ instanceId: P5 }).options.spot.maxInterruptionsPerNodeHour).toBe(Infinity);
    const g2 = purchaseBreakEven({ instanceId: 'gcp/us-central1/g2-standard-8' });
    expect(g2.options.commit1y).toMatchObject({ price: null, monthlyUsd: null, breakEvenUtilization: null });
    expect(g2.cheapest).toBe('spot');
    expect(purchaseBreakEven({ instanceId: 'gcp/us-central1/g2-standard-12' }).cheapest).toBeNull();
    expect(() => purchaseBreakEven({ instanceId: P5, utilization: 0 })).toThrow(RangeError);
  });
});
