import { describe, expect, it } from 'vitest';
import { formatClock, formatCount, formatMs, formatPercent, formatUsd } from './format.ts';

describe('result formats', () => {
  it('money keeps significant digits at every size', () => {
    expect([formatUsd(26951.2), formatUsd(123.44), formatUsd(36.916), formatUsd(0.01994), formatUsd(0), formatUsd(null)]).toEqual(['$26,951', '$123.4', '$36.92', '$0.0199', '$0', '—']);
  });
  it('latency, availability, counts and clock times', () => {
    expect([formatMs(86.123), formatMs(20500), formatMs(NaN)]).toEqual(['86.1 ms', '20.5 s', '—']);
    expect([formatPercent(0.99956), formatPercent(0.9356), formatPercent(1)]).toEqual(['99.956%', '93.6%', '100%']);
    expect([formatCount(1234.4), formatCount(2.345)]).toEqual(['1,234', '2.35']);
    expect([formatClock(0), formatClock(5400), formatClock(90_000)]).toEqual(['0:00', '1:30', '1d 1:00']);
  });
});
