import { describe, expect, it } from 'vitest';
import { jsonDuplicateKey, mayRepeatKey } from './json-duplicate-key.ts';

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

describe('mayRepeatKey: the cheap test before the scan', () => {
  it('clears a flat object that kept every key, and sends the rest to the scan', () => {
    const check = (text: string) => mayRepeatKey(text, JSON.parse(text) as object);
    expect(check('{"t":0,"inputTokens":10,"outputTokens":5}')).toBe(false);
    expect(check('{"t":0,"t":5}')).toBe(true);
    // Colons in a string or a nested object: not cleared (the scan decides, and finds nothing).
    expect(check('{"t":0,"note":"a:b"}')).toBe(true);
    expect(jsonDuplicateKey('{"t":0,"note":"a:b"}')).toBeNull();
    expect(check('{"a":{"b":1}}')).toBe(true);
  });
});
