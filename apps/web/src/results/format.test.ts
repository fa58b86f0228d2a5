import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatClock, formatCount, formatMinutes, formatMs, formatPercent, formatUsd } from './format.ts';

describe('result formats', () => {
  it('waits in minutes: a decimal under 10 min, whole minutes under 2 h, then hours', () => {
    expect([2.7, 9.96, 10, 47.4, 119.6, 120, 660].map(formatMinutes)).toEqual(['2.7 min', '10.0 min', '10 min', '47 min', '120 min', '2.0 h', '11.0 h']);
  });

  it('money keeps significant digits at every size', () => {
    expect([formatUsd(26951.2), formatUsd(123.44), formatUsd(36.916), formatUsd(0.01994), formatUsd(0), formatUsd(null)]).toEqual(['$26,951', '$123.4', '$36.92', '$0.0199', '$0', '—']);
  });
  it('latency, availability, counts and clock times', () => {
    expect([formatMs(86.123), formatMs(999), formatMs(7400), formatMs(20500), formatMs(2_394_000), formatMs(NaN)]).toEqual(['86.1 ms', '999 ms', '7.4 s', '20.5 s', '39.9 min', '—']);
    expect([formatPercent(0.99956), formatPercent(0.9356), formatPercent(1)]).toEqual(['99.956%', '93.6%', '100%']);
    // 2 of 7,201,260 requests dropped: three places round it to 100.000, the figure of a run that served all.
    expect(formatPercent(7_201_258 / 7_201_260)).toBe('99.99997%');
    expect([formatCount(1234.4), formatCount(2.345)]).toEqual(['1,234', '2.35']);
    expect([formatClock(0), formatClock(5400), formatClock(90_000)]).toEqual(['0:00', '1:30', '1d 1:00']);
  });
  it("groups thousands as Intl's en-US formatter does, without making one (its first costs tens of ms of ICU loading)", () => {
    const intl = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
    const sizes = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e25, max: 1e25, noNaN: true }), fc.integer());
    fc.assert(
      fc.property(sizes, (x) => {
        const r = Math.round(x);
        if (Math.abs(x) >= 100) expect(formatCount(x)).toBe(intl.format(r));
        if (Math.abs(x) >= 1000) expect(formatUsd(x)).toBe(`$${intl.format(r)}`);
      }),
      { numRuns: 2000 },
    );
    expect([formatCount(-1234567.5), formatCount(1e21), formatUsd(-2500.5)]).toEqual([intl.format(-1234567), intl.format(1e21), `$${intl.format(-2500)}`]);
  });
});
