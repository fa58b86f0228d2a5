import { describe, expect, it } from 'vitest';
import { addMilli, mulMilli, toMilli, truncDiv } from './milli-quantity.ts';
import { getMetricUsageRatio, getResourceUtilizationRatio } from './usage-ratio.ts';

describe('toMilli (Quantity.MilliValue)', () => {
  it('takes decimal values to their exact milli integer despite float residue', () => {
    expect(0.1 * 3 * 1000).not.toBe(300); // the trap: 300.00000000000006 would ceil to 301m
    expect(toMilli(0.1 * 3)).toBe(300);
    expect(1.005 * 1000).not.toBe(1005); // 1004.9999999999999
    expect(toMilli(1.005)).toBe(1005);
    expect(toMilli(10.125)).toBe(10125);
  });

  it('rounds a value finer than 1m up, as ScaledValue(Milli) does', () => {
    expect(toMilli(0.0000001)).toBe(1);
    expect(toMilli(3.3334)).toBe(3334); // 3333.4m → 3334m
  });
});

describe('exact integer arithmetic beyond 2^53', () => {
  it('sums and divides milli-bytes of large memory pods without losing units', () => {
    const pod = 8_796_093_022_208_000; // 8 TiB in milli-bytes, just under 2^53
    const sum = addMilli(addMilli(pod, pod), 3); // > 2^53
    expect(typeof sum).toBe('bigint');
    expect(truncDiv(sum, 2)).toBe(pod + 1); // (2·pod + 3) / 2 truncates to pod + 1
    expect(truncDiv(mulMilli(pod, 100), pod)).toBe(100);
  });

  it('truncates toward zero like Go integer division', () => {
    expect(truncDiv(889_900, 10_000)).toBe(88);
    expect(truncDiv(-7, 2)).toBe(-3);
  });
});

describe('usage ratios (metrics/utilization.go)', () => {
  it('truncates the utilization percentage before forming the ratio (TC3: 8899m over 10 × 1000m)', () => {
    const values = [889, 889, 889, 889, 889, 889, 889, 889, 889, 898]; // Σ = 8899m
    const r = getResourceUtilizationRatio(values, Array(10).fill(1000), 80);
    expect(r?.utilization).toBe(88);
    expect(r?.ratio).toBe(1.1);
    expect(r?.rawAverageMilli).toBe(889);
  });

  it('returns null when no request backs the metrics', () => {
    expect(getResourceUtilizationRatio([100], [0], 80)).toBeNull();
  });

  it('averages plain metrics with integer division (Σ / n truncated) before dividing by the target', () => {
    const r = getMetricUsageRatio([123_750 / 10, 12_375, 12_375, 12_375, 12_375, 12_375, 12_375, 12_375, 12_375, 12_375, 0, 0], 10_000);
    expect(r.usageMilli).toBe(10_312); // TC9 at t = 45: 123750 / 12 = 10312.5 → 10312
    expect(r.ratio).toBe(1.0312);
  });
});
