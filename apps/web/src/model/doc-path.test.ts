import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asArray, asObject, getIn, setIn } from './doc-path.ts';

describe('doc paths', () => {
  it('reads nested values and returns undefined off the document', () => {
    const doc = { spec: { services: [{ name: 'a' }] } };
    expect(getIn(doc, ['spec', 'services', 0, 'name'])).toBe('a');
    expect(getIn(doc, ['spec', 'services', 3, 'name'])).toBeUndefined();
    expect(getIn(doc, ['spec', 'nope', 'x'])).toBeUndefined();
    expect(getIn('text', ['a'])).toBeUndefined();
  });

  it('replaces a key in place, appends new keys, and deletes with undefined', () => {
    const doc = { a: 1, b: 2, c: 3 };
    expect(Object.keys(setIn(doc, ['b'], 9))).toEqual(['a', 'b', 'c']);
    expect(Object.keys(setIn(doc, ['d'], 4))).toEqual(['a', 'b', 'c', 'd']);
    expect(setIn(doc, ['b'], undefined)).toEqual({ a: 1, c: 3 });
    expect(doc).toEqual({ a: 1, b: 2, c: 3 });
  });

  it('creates missing containers (a list where the next segment is a number) and shares untouched branches', () => {
    const doc = { keep: { x: 1 }, spec: {} };
    const out = setIn(doc, ['spec', 'services', 0, 'name'], 'm');
    expect(out).toEqual({ keep: { x: 1 }, spec: { services: [{ name: 'm' }] } });
    expect(out.keep).toBe(doc.keep);
  });

  it('removes list items and leaves the document alone when deleting what is not there', () => {
    expect(setIn({ l: [1, 2, 3] }, ['l', 1], undefined)).toEqual({ l: [1, 3] });
    const doc = { a: { b: 1 } };
    expect(setIn(doc, ['a', 'x', 'y'], undefined)).toBe(doc);
    expect(setIn(doc, ['a', 'b'], 1)).toBe(doc);
  });

  it('coerces anything to an object or array for readers', () => {
    expect(asObject([1])).toEqual({});
    expect(asObject(null)).toEqual({});
    expect(asArray({})).toEqual([]);
  });

  it('property: what setIn writes, getIn reads back, and other keys are untouched', () => {
    const key = fc.constantFrom('a', 'b', 'c');
    fc.assert(
      fc.property(fc.dictionary(key, fc.integer()), key, key, fc.integer(), (base, k1, k2, v) => {
        const doc = { root: base };
        const out = setIn(doc, ['root', k1, k2], v);
        expect(getIn(out, ['root', k1, k2])).toBe(v);
        for (const k of Object.keys(base)) if (k !== k1) expect(getIn(out, ['root', k])).toBe(base[k]);
      }),
    );
  });
});
