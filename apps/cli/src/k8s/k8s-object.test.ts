import { describe, expect, it } from 'vitest';
import { parseGoDuration } from './k8s-object.ts';

describe('parseGoDuration (Go time.ParseDuration)', () => {
  it('reads the forms Go accepts, in seconds', () => {
    expect(parseGoDuration('60s')).toBe(60);
    expect(parseGoDuration('1m30s')).toBe(90);
    expect(parseGoDuration('1.5h')).toBe(5400);
    expect(parseGoDuration('.5s')).toBe(0.5);
    expect(parseGoDuration('300ms')).toBeCloseTo(0.3, 12);
    expect(parseGoDuration('-5s')).toBe(-5);
    expect(parseGoDuration('0')).toBe(0);
  });
  it('refuses what Go refuses: no unit, an empty string, a bare sign, a non-string', () => {
    for (const t of ['60', '', '-', '5 s', '1d', 'Never']) expect(parseGoDuration(t)).toBeUndefined();
    expect(parseGoDuration(60)).toBeUndefined();
  });
});
