import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseClock, parseCount, parseDuration, parsePercentString, suggestCount, suggestDuration, suggestFraction, tidy } from './units.ts';

describe('parseDuration', () => {
  it.each([
    ['50ms', 0.05],
    ['90s', 90],
    ['5m', 300],
    ['24h', 86_400],
    ['1d', 86_400],
    ['1h30m', 5400],
    ['1h 30m', 5400],
    ['1.5h', 5400],
    ['.5s', 0.5],
    ['90', 90],
    ['1.1s', 1.1],
    ['-5m', -300],
  ])('%s → %d s', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', '5 minutes', '5M', 'm5', '5mm', '1h30', 'PT5M', '5x', '-', '1e3s'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('suggestDuration', () => {
  it.each([
    ['5 minutes', '5m'],
    ['2 secs', '2s'],
    ['45S', '45s'],
    ['1 hour 30 minutes', '1h30m'],
    ['1 hour and 30 minutes', '1h30m'],
    ['2 weeks', '14d'],
    ['100 milliseconds', '100ms'],
    ['10 years', '3650d'],
  ])('%j → %j', (text, suggestion) => {
    expect(suggestDuration(text)).toBe(suggestion);
  });

  it('gives up on words it does not know', () => {
    expect(suggestDuration('5 fortnights')).toBeUndefined();
    expect(suggestDuration('soon')).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [0.25, '250ms'],
    [1.5, '1.5s'],
    [90, '1m30s'],
    [5400, '1h30m'],
    [604_800, '7d'],
    [90_061, '1d1h1m1s'],
    // A subnormal run length (--duration 1e-320) was "9.99989e-318ms" in "must be shorter than duration (…)".
    [1e-320, '1e-320s'],
  ])('%d s → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('round-trips through parseDuration for whole milliseconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7 * 86_400_000 }), (ms) => {
        const seconds = ms / 1000;
        expect(parseDuration(formatDuration(seconds))).toBeCloseTo(seconds, 9);
      }),
    );
  });
});

describe('counts, percents, clocks', () => {
  it.each([
    ['7e9', 7e9],
    ['7B', 7e9],
    ['2T', 2e12],
    ['1.5M', 1.5e6],
    ['10K', 1e4],
    ['10k', 1e4],
    ['1,000', 1000],
    ['1_000_000', 1e6],
  ])('parseCount(%j) = %d', (text, value) => {
    expect(parseCount(text)).toBe(value);
  });

  it('rejects non-counts and suggests the suffix for words', () => {
    expect(parseCount('7 billion')).toBeUndefined();
    expect(parseCount('7X')).toBeUndefined();
    expect(suggestCount('7 billion')).toBe('7B');
    expect(suggestCount('2t')).toBe('2T');
    expect(suggestCount('3 apples')).toBeUndefined();
  });

  it('parses percent strings in percent units', () => {
    expect(parsePercentString('50%')).toBe(50);
    expect(parsePercentString(' 99.9 % ')).toBe(99.9);
    expect(parsePercentString('50')).toBeUndefined();
  });

  it('parses clock times into seconds after midnight', () => {
    expect(parseClock('14:00')).toBe(50_400);
    expect(parseClock('00:00:30')).toBe(30);
    expect(parseClock('24:00')).toBeUndefined();
    expect(parseClock('9:61')).toBeUndefined();
  });

  it('tidy removes binary float noise but keeps real precision', () => {
    expect(99.9 / 100).not.toBe(0.999);
    expect(tidy(99.9 / 100)).toBe(0.999);
    expect(tidy(1.1 * 1000)).toBe(1100);
    expect(tidy(1 / 3)).toBeCloseTo(1 / 3, 11);
  });
});

describe('suggestFraction', () => {
  it('offers 1 for a hair above 1, a percentage for a number up to 100, nothing beyond or at 1 or below', () => {
    // 1.0000001 was offered as "1.0000001%", a hundredth of the 1 meant.
    expect(suggestFraction(1.0000001)).toBe('1');
    expect(suggestFraction(1.0009)).toBe('1');
    expect(suggestFraction(1.5)).toBe('1.5%');
    expect(suggestFraction(30)).toBe('30%');
    expect(suggestFraction(100)).toBe('100%');
    expect(suggestFraction(100.5)).toBeUndefined();
    expect(suggestFraction(1)).toBeUndefined();
    expect(suggestFraction(Number.NaN)).toBeUndefined();
  });
});
