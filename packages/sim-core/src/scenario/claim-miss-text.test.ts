import { describe, expect, it } from 'vitest';
import { claimErrorText, claimRatioText, NO_PERCENT_AGAINST_ZERO } from './claim-miss-text.ts';
import { formatInteger } from './describe-value.ts';
import { gradeClaims } from './expectations.ts';
import { formatMetricValue } from './metric-value.ts';
import { getMetric } from './metrics.ts';

const grade = (claimed: number, actual: number) => gradeClaims({ 'training.days': claimed }, () => actual)[0]!;

describe('claimRatioText', () => {
  it('shows large misses as ratios: −87% and −99% read alike, 7.6× and 100× do not', () => {
    // The seed's 18 days against 205: 11× too low, not just "−91%".
    expect(claimRatioText(grade(18, 205))).toBe('11× too low');
    expect(claimRatioText(grade(1, 7.6))).toBe('7.6× too low');
    expect(claimRatioText(grade(40_000, 8921))).toBe('4.5× too high');
    expect(claimRatioText(grade(0.0333, 98_809))).toBe('3,000,000× too low');
    expect(grade(40_000, 8921).ratio).toBeCloseTo(40_000 / 8921, 12);
    // Within the off band a percentage says enough; a zero or negative value has no ratio.
    expect(claimRatioText(grade(13, 10))).toBeNull();
    expect(claimRatioText(grade(1, 0))).toBeNull();
    expect(grade(1, 0).ratio).toBeNull();
  });

  it('writes a ratio from 1e9 as a power of ten, even where claimed ÷ actual overflows a double', () => {
    // 1e308 / 13.95 = 7.17e306 (a double): two significant digits. It printed 300 grouped digits.
    expect(claimRatioText(grade(1e308, 13.95))).toBe('7.2e306× too high');
    // 1e308 / 1e-5 = 1e313 is beyond a double (the grade's ratio is Infinity, JSON null): it printed "∞× too high".
    expect(grade(1e308, 1e-5).ratio).toBe(Infinity);
    expect(claimRatioText(grade(1e308, 1e-5))).toBe('1e313× too high');
    // 4 / 1e-300 = 4e300; 1e-320 / 1e10 underflows to 0 (a subnormal claim), 1e330× too low.
    expect(claimRatioText(grade(1e-300, 4))).toBe('4e300× too low');
    expect(claimRatioText(grade(1e-320, 1e10))).toBe('1e330× too low');
    // 2.5e9: from 1e9 an exponent; 9.96e9 rounds up to the next power (1e10, not "10e9").
    expect(claimRatioText(grade(2.5e9, 1))).toBe('2.5e9× too high');
    expect(claimRatioText(grade(9.96e9, 1))).toBe('1e10× too high');
  });
});

describe('claimErrorText', () => {
  it('is the error in percent, three significant digits', () => {
    // (18 − 205) / 205 = −91.2%; (40,000 − 8,921) / 8,921 = +348%; 100.04 against 100 rounds to 0%.
    expect(claimErrorText(grade(18, 205))).toBe('−91.2%');
    expect(claimErrorText(grade(40_000, 8921))).toBe('+348%');
    expect(claimErrorText(grade(100.04, 100))).toBe('0%');
    // 4,000 against 1: +399,900% (3 significant digits, grouped).
    expect(claimErrorText(grade(4000, 1))).toBe('+400,000%');
    // Not graded: no text.
    expect(claimErrorText(grade(1, Number.NaN))).toBeNull();
  });

  it('says a claim against a figure of 0 has no percentage, instead of "+∞%"', () => {
    expect(grade(5, 0).errorPct).toBe(Infinity);
    expect(claimErrorText(grade(5, 0))).toBe(NO_PERCENT_AGAINST_ZERO);
    expect(claimErrorText(grade(-5, 0))).toBe(NO_PERCENT_AGAINST_ZERO);
    expect(claimErrorText(grade(0, 0))).toBe('0%');
  });

  it('gives the true error where it overflows a double', () => {
    // (1e308 − 13.95) / 13.95 × 100 = 7.17e308%, beyond Number.MAX_VALUE (1.8e308): it printed "+∞".
    expect(grade(1e308, 13.95).errorPct).toBe(Infinity);
    expect(claimErrorText(grade(1e308, 13.95))).toBe('+7.2e308%');
    // Below 1e9% the figure is grouped; from there a power of ten: (1e10 − 1) / 1 × 100 ≈ 1e12%.
    expect(claimErrorText(grade(1e10, 1))).toBe('+1e12%');
    // −1e308 against 1e-10: a gap of 1e308 (computed halved, as 1e308 + 1e-10 is still a double) ÷ 1e-10 × 100.
    expect(claimErrorText(gradeClaims({ 'cost.savingVsBaseline': -1e308 }, () => 1e-10)[0]!)).toBe('−1e320%');
  });
});

describe('formatInteger on huge values', () => {
  it('writes an exponent from 1e21 rather than grouping the digits of one', () => {
    expect(formatInteger(1_048_576)).toBe('1,048,576');
    expect(formatInteger(1e21)).toBe('1e21');
    // 1e308 ms is 1.6667e303 minutes: it printed "1.6,666,666,666,666,668e+303 min".
    expect(formatMetricValue(getMetric('latency.p99')!, 1e308)).toBe('1e308 ms (1.67e303 min)');
    expect(formatMetricValue(getMetric('cost.hourly')!, 1e308)).toBe('$1e308');
  });
});
