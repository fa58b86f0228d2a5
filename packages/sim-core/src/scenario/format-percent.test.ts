import { describe, expect, it } from 'vitest';
import { formatPercentText } from './format-percent.ts';

describe('formatPercentText', () => {
  it('rounds to the places asked and drops trailing zeros', () => {
    expect(formatPercentText(0.8830898, 3)).toBe('88.309%');
    expect(formatPercentText(0.5, 3)).toBe('50%');
    expect(formatPercentText(1, 3)).toBe('100%');
    expect(formatPercentText(0, 1)).toBe('0%');
    expect(formatPercentText(0.0831, 1)).toBe('8.3%');
  });

  it('never shows 100% for a fraction below 1, nor 0% for one above 0', () => {
    // 2 dropped of 7,201,260 (a run of the audit): 7,201,258 / 7,201,260 = 0.999999722…, which three places round to 100.000.
    expect(formatPercentText(7_201_258 / 7_201_260, 3)).toBe('99.99997%');
    // 22 dropped of 7,201,260: 0.99999694…, 100.000 at three places, 99.9997 at four.
    expect(formatPercentText(7_201_238 / 7_201_260, 3)).toBe('99.9997%');
    expect(formatPercentText(0.9996, 1)).toBe('99.96%');
    expect(formatPercentText(0.00004, 1)).toBe('0.004%');
    expect(formatPercentText(-0.2, 1)).toBe('-20%');
  });

  it('rounds float noise next to 1 or 0 as any other figure: a full fleet reads 100%, not 99.999999999996%', () => {
    expect(formatPercentText(0.99999999999996, 1)).toBe('100%');
    expect(formatPercentText(4e-14, 1)).toBe('0%');
    // One lost request in ten billion is still not 100%.
    expect(formatPercentText(1 - 1e-10, 1)).toBe('99.99999999%');
  });
});
