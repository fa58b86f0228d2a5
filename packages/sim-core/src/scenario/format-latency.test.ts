import { describe, expect, it } from 'vitest';
import { formatLatency } from './format-latency.ts';

describe('formatLatency', () => {
  it('writes ms below 1 s, s below 100 s, min from there, with three significant digits', () => {
    expect(formatLatency(66.625)).toBe('66.6 ms');
    expect(formatLatency(0.0123)).toBe('0.0123 ms');
    expect(formatLatency(999.4)).toBe('999 ms');
    expect(formatLatency(1000)).toBe('1 s');
    expect(formatLatency(1672)).toBe('1.67 s');
    expect(formatLatency(99_940)).toBe('99.9 s');
    expect(formatLatency(100_000)).toBe('1.67 min');
    expect(formatLatency(746_500)).toBe('12.4 min');
    // Past 1,000 minutes the minutes are whole and grouped, never an exponent.
    expect(formatLatency(1e9)).toBe('16,667 min');
    expect(formatLatency(0)).toBe('0 ms');
  });
});
