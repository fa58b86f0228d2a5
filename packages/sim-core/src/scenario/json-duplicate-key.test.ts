import { describe, expect, it } from 'vitest';
import { jsonDuplicateKey } from './json-duplicate-key.ts';

describe('jsonDuplicateKey', () => {
  it('finds a key repeated in one object, at its opening quote, with escapes decoded', () => {
    const text = '{"spec":{"replicas":3,"replicas":30}}';
    expect(jsonDuplicateKey(text)).toEqual({ offset: text.lastIndexOf('"replicas"'), key: 'replicas' });
    expect(jsonDuplicateKey('{"a":1,"\\u0061":2}')).toEqual({ offset: 7, key: 'a' });
  });

  it('does not confuse values, array items, strings with quotes or the same key in sibling objects with keys', () => {
    expect(jsonDuplicateKey('{"a":"a","b":["a","a"],"c":{"a":1},"d":{"a":2},"e":"x\\"a\\":","f":[{"a":1},{"a":1}]}')).toBeNull();
  });
});
