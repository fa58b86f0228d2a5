import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeShareHash, encodeShareHash } from './share-url.ts';

describe('share links', () => {
  it('round-trips any text through the URL fragment, using only URL-safe characters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const hash = encodeShareHash(text);
        expect(hash).toMatch(/^#s=[A-Za-z0-9+\-$]*$/);
        const back = decodeShareHash(hash);
        if (text === '') expect(back?.ok).toBe(false);
        else expect(back).toEqual({ ok: true, text });
      }),
    );
  });

  it('ignores fragments that are not share links and reports damaged ones', () => {
    expect(decodeShareHash('')).toBeNull();
    expect(decodeShareHash('#section')).toBeNull();
    expect(decodeShareHash('#s=%%%')).toEqual({ ok: false, message: expect.stringContaining('damaged') });
  });
});
