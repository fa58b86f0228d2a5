import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toPlainJson } from './plain-json.ts';

describe('toPlainJson', () => {
  it('turns typed arrays into arrays and non-finite numbers into null', () => {
    expect(toPlainJson({ a: new Float64Array([1, NaN, Infinity, -Infinity, 2.5]), b: undefined, c: [NaN] })).toEqual({ a: [1, null, null, null, 2.5], c: [null] });
  });

  it('leaves plain JSON values alone', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(toPlainJson(v)).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
  });
});

describe('toPlainJson edge cases found by property testing', () => {
  it('keeps a "__proto__" key as a key and writes -0 as 0', () => {
    const parsed = JSON.parse('{"__proto__": "", "n": -0}') as unknown;
    expect(JSON.stringify(toPlainJson(parsed))).toBe('{"__proto__":"","n":0}');
    expect(Object.is(toPlainJson(-0), 0)).toBe(true);
  });
});
