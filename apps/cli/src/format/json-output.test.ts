import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringifyJson } from './json-output.ts';

describe('stringifyJson', () => {
  it('keeps lists of plain values on one line and indents objects', () => {
    expect(stringifyJson({ t: [1, 2, 3], o: { k: 'v' }, e: [], n: null })).toBe('{\n  "t": [1,2,3],\n  "o": {\n    "k": "v"\n  },\n  "e": [],\n  "n": null\n}');
  });

  it('round-trips through JSON.parse', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const plain = JSON.parse(JSON.stringify(v)) as unknown;
        expect(JSON.parse(stringifyJson(plain))).toEqual(plain);
      }),
    );
  });
});
