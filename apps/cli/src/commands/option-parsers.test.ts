import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseCountAtMost, parseCountOption, parseLatencyOption, parseFractionAtLeast, parseFractionOption, parseHealthPath, parseInteger, parsePercentileOption, parsePositiveInteger, parsePositiveIntegerAtMost, parsePriceOption, parseUsdOption } from './option-parsers.ts';

describe('option parsers', () => {
  it('--health-path is a path a request line can carry: "" and "a b" were written into every probe', () => {
    expect(parseHealthPath('/health')).toBe('/health');
    expect(parseHealthPath('/v1/health?ready=1')).toBe('/v1/health?ready=1');
    for (const bad of ['', 'health', '/a b', '/a\nb']) expect(() => parseHealthPath(bad)).toThrow(new InvalidArgumentError('expected a path starting with "/" and without spaces, e.g. /health.'));
  });

  it('read the scenario format units', () => {
    expect(parseCountOption('7B')).toBe(7e9);
    expect(parseCountOption('2e12')).toBe(2e12);
    expect(parseLatencyOption('50ms')).toBeCloseTo(0.05, 12);
    expect(parseLatencyOption('1h30m')).toBe(5400);
    expect(parseFractionOption('0.4')).toBe(0.4);
    expect(parseFractionOption('40%')).toBeCloseTo(0.4, 12);
    expect(parsePercentileOption('99')).toBeCloseTo(0.99, 12);
    expect(parsePercentileOption('99.9%')).toBeCloseTo(0.999, 12);
    expect(parsePercentileOption('0.95')).toBe(0.95);
    expect(parsePercentileOption('99.9999')).toBeCloseTo(0.999999, 12);
    expect(() => parsePercentileOption('99.99999999')).toThrow('expected a percentile of at most 99.9999 (a tail of one request in a million).');
    expect(parsePercentileOption('0.01')).toBe(0.01);
    expect(() => parsePercentileOption('1e-300')).toThrow('expected a percentile of at least 1 (p1; 0.01 as a fraction), like 99, 99.9 or 0.99.');
    expect(() => parsePercentileOption('0.009')).toThrow('at least 1 (p1');
    expect(parseUsdOption('$50,000')).toBe(50000);
    expect(parseUsdOption('50K')).toBe(50000);
    expect(parsePriceOption('$2.49')).toBe(2.49);
    expect(parseInteger('42')).toBe(42);
  });

  it('reject nonsense with a hint where one exists', () => {
    expect(() => parseCountOption('7 billion')).toThrow('did you mean 7B?');
    expect(() => parseCountOption('0')).toThrow('greater than 0');
    expect(() => parseLatencyOption('5 minutes')).toThrow('did you mean 5m?');
    expect(() => parseLatencyOption('-1s')).toThrow('greater than 0');
    // --latency 50 was 50 s: 10 QPS needed 555 replicas where 50 ms needs 4. A bare number names no unit.
    expect(() => parseLatencyOption('50')).toThrow("expected a duration with its unit: 50ms or 50s (a bare number is milliseconds in a scenario's latency fields and seconds in its durations).");
    expect(() => parseLatencyOption('0.05')).toThrow('0.05ms or 0.05s');
    expect(() => parseLatencyOption('1e3')).toThrow('1e3ms or 1e3s');
    expect(parseLatencyOption('0.05s')).toBeCloseTo(0.05, 12);
    expect(() => parseFractionOption('40')).toThrow('did you mean 40%?');
    // A hair above 1 is 1, not "1.0000001%" (suggestFraction, as in scenarios).
    expect(() => parseFractionOption('1.0000001')).toThrow('expected a value above 0 and at most 1 (100%) (did you mean 1?).');
    // Already a percentage: no suggestion (it suggested "1.5%" for 150%).
    expect(() => parseFractionOption('150%')).toThrow(/^expected a value above 0 and at most 1 \(100%\)\.$/);
    expect(() => parseFractionAtLeast(0.01)('1e-300')).toThrow('expected at least 0.01 (1%; docs/limits.md).');
    expect(parseFractionAtLeast(0.01)('1%')).toBeCloseTo(0.01, 12);
    expect(() => parseCountAtMost(1e14)('1e-300')).toThrow('expected at least 1.');
    expect(() => parseFractionOption('abc')).toThrow(InvalidArgumentError);
    expect(() => parsePercentileOption('100')).toThrow('percentile');
    expect(() => parsePositiveInteger('0')).toThrow('at least 1');
    // `--workers 1e9` said "expected a whole number of at least 0", of an option that takes at least 1, of a whole number.
    expect(() => parsePositiveInteger('1e9')).toThrow(new InvalidArgumentError('expected a whole number of at least 1 in digits, e.g. 42 (write it as 1000000000).'));
    expect(() => parsePositiveInteger('x')).toThrow(new InvalidArgumentError('expected a whole number of at least 1 in digits, e.g. 42.'));
    expect(() => parseInteger('1.5e1')).toThrow(new InvalidArgumentError('expected a whole number of at least 0 in digits, e.g. 42 (write it as 15).'));
    expect(() => parseInteger('1.5e0')).toThrow(new InvalidArgumentError('expected a whole number of at least 0 in digits, e.g. 42.'));
    expect(() => parseInteger('1.5')).toThrow('whole number');
    expect(() => parsePriceOption('-1')).toThrow('price');
    // `--price 1e308` printed every cost as "$∞": the bound is a scenario's pricePerGpuHour's.
    expect(() => parsePriceOption('1e308')).toThrow(new InvalidArgumentError('expected at most 1000 USD per GPU-hour (docs/limits.md).'));
    expect(parsePriceOption('1000')).toBe(1000);
  });

  it('say which bound a whole number is past (fuzzed: --seed 9007199254740993, --gpus 99999999 for estimate training)', () => {
    expect(() => parseInteger('9007199254740993')).toThrow(new InvalidArgumentError('expected a whole number of at most 9007199254740991 (2^53 - 1, the largest a double holds exactly).'));
    expect(() => parsePositiveIntegerAtMost(1_000_000)('99999999')).toThrow(new InvalidArgumentError('expected at most 1,000,000 (docs/limits.md).'));
    expect(parsePositiveIntegerAtMost(1_000_000)('1000000')).toBe(1_000_000);
    expect(() => parsePositiveIntegerAtMost(1_000_000)('0')).toThrow('at least 1');
  });
});
