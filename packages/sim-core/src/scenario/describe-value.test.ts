import { describe, expect, it } from 'vitest';
import { describeValue, formatInteger, formatNumber } from './describe-value.ts';

describe('formatNumber', () => {
  it('writes integers grouped, as formatInteger does: "got 2.147483647e9" read as an exponent', () => {
    expect(formatNumber(2_147_483_647)).toBe('2,147,483,647');
    expect(formatNumber(10_000)).toBe('10,000');
    expect(formatNumber(4_294_967_295)).toBe('4,294,967,295');
    expect(formatNumber(-5000)).toBe('-5,000');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(0)).toBe('0');
    // 1e21 - 2^17 is the largest double below 1e21: String() writes it in full, as its shortest round-trip digits.
    expect(formatNumber(1e21 - 131072)).toBe('999,999,999,999,999,900,000');
  });

  it('keeps exponents for the astronomically large (from 1e21) and for fractions too long or too small to write out', () => {
    expect(formatNumber(1e21)).toBe('1e21');
    expect(formatNumber(1e308)).toBe('1e308');
    expect(formatNumber(2_500_000.5)).toBe('2.5000005e6');
    expect(formatNumber(1.5e-7)).toBe('1.5e-7');
    expect(formatNumber(0.5)).toBe('0.5');
    expect(formatNumber(1234.5)).toBe('1234.5');
    expect(formatNumber(Infinity)).toBe('Infinity');
    expect(formatNumber(NaN)).toBe('NaN');
  });

  it('describeValue and formatInteger agree with it on integers', () => {
    expect(describeValue(2_147_483_647)).toBe('2,147,483,647');
    expect(formatInteger(2_147_483_647)).toBe(formatNumber(2_147_483_647));
    expect(formatInteger(1e300)).toBe('1e300');
  });
});
