import { describe, expect, it } from 'vitest';
import { formatUsdText } from './format-usd.ts';

describe('formatUsdText', () => {
  it('writes whole dollars from $100, cents from $1, three significant digits below', () => {
    expect(formatUsdText(28143.66)).toBe('$28,144');
    expect(formatUsdText(38.552964)).toBe('$38.55');
    expect(formatUsdText(0.019472)).toBe('$0.0195');
    // fixed-fleet for 20 minutes: $15.68 for 1,199,790 served = $0.01307 per 1k requests, not "$0.01".
    expect(formatUsdText(0.013070)).toBe('$0.0131');
    expect(formatUsdText(0.2)).toBe('$0.20');
    expect(formatUsdText(0.9996)).toBe('$1.00');
    expect(formatUsdText(0)).toBe('$0.00');
    expect(formatUsdText(1e-320)).toBe('$0.00');
    expect(formatUsdText(-1234.5)).toBe('-$1,235');
  });
});
