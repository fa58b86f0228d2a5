import { describe, expect, it } from 'vitest';
import { formatChangePct, formatInt, formatMs, formatNum, formatPercent, formatPrice, formatSci, formatUsd, MISSING } from './numbers.ts';

describe('number formatting', () => {
  it('groups thousands without a locale', () => {
    expect(formatInt(47517571)).toBe('47,517,571');
    expect(formatInt(-1234.4)).toBe('-1,234');
    expect(formatInt(0)).toBe('0');
    expect(formatInt(NaN)).toBe(MISSING);
    // Found by the audit: from 1e21 String() has an exponent, and grouping cut it up
    // (`estimate serving --qps 1e308` printed "5.0,000,000,000,000,006e+306 Erlangs").
    expect(formatInt(5.000000000000001e306)).toBe('5e306');
    expect(formatNum(-1.234e25)).toBe('-1.23e25');
    expect(formatInt(999_999_999_999_999_999_999)).toBe('1e21');
    expect(formatInt(123_456_789_012_345_680_000)).toBe('123,456,789,012,345,680,000');
  });

  it('keeps three significant digits', () => {
    expect(formatNum(66.625)).toBe('66.6');
    expect(formatNum(36.42777)).toBe('36.4');
    expect(formatNum(0.0194721)).toBe('0.0195');
    expect(formatNum(1.234e-17)).toBe('0.0000000000000000123');
    expect(formatNum(1e-320)).toBe('1e-320');
    expect(formatUsd(1e-320)).toBe('$0.00');
    expect(formatMs(5e-200)).toBe('5e-200 ms');
    expect(formatNum(50)).toBe('50');
    expect(formatNum(12345.6)).toBe('12,346');
    expect(formatNum(null)).toBe(MISSING);
    expect(formatNum(Infinity)).toBe('∞');
  });

  it('writes big counts in scientific notation', () => {
    expect(formatSci(8.4e22)).toBe('8.4e22');
    expect(formatSci(7e9)).toBe('7e9');
    expect(formatSci(1234)).toBe('1,234');
  });

  it('switches latency units at one second', () => {
    expect(formatMs(66.625)).toBe('66.6 ms');
    expect(formatMs(1666)).toBe('1.67 s');
    expect(formatMs(2_306_000)).toBe('38.4 min');
    expect(formatMs(NaN)).toBe(MISSING);
  });

  it('formats dollars by magnitude', () => {
    expect(formatUsd(28143.66)).toBe('$28,144');
    expect(formatUsd(38.552964)).toBe('$38.55');
    expect(formatUsd(0.019472)).toBe('$0.0195');
    expect(formatUsd(0.2)).toBe('$0.20');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(null)).toBe(MISSING);
  });

  it('shows catalog prices as published', () => {
    expect(formatPrice(0.1845)).toBe('$0.1845');
    expect(formatPrice(88.49)).toBe('$88.49');
    expect(formatPrice(2)).toBe('$2.00');
    expect(formatPrice(1234.5)).toBe('$1,234.50');
  });

  it('formats fractions and changes as percentages', () => {
    expect(formatPercent(0.8830898332)).toBe('88.309%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatChangePct(12.5)).toBe('+12.5%');
    expect(formatChangePct(-91.438)).toBe('−91.4%');
    expect(formatChangePct(0.01)).toBe('0%');
    expect(formatChangePct(-Infinity)).toBe('−∞');
  });
});
