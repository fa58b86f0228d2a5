import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, utf8Length } from './utf8.ts';

const encode = (s: string) => new TextEncoder().encode(s);

describe('decodeUtf8', () => {
  it('round-trips any well-formed string (NUL aside) and agrees with utf8Length', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }).filter((s) => !s.includes('\0') && !s.startsWith('\uFEFF')), (s) => {
        expect(decodeUtf8(encode(s))).toEqual({ ok: true, text: s });
        expect(utf8Length(s)).toBe(encode(s).length);
      }),
    );
  });

  it('drops a leading byte-order mark', () => {
    expect(decodeUtf8(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ ok: true, text: 'a' });
  });

  it.each([
    ['a NUL byte', [0x61, 0x00], { ok: false, offset: 1, reason: 'nul' }],
    ['a stray continuation byte', [0x61, 0x80], { ok: false, offset: 1, reason: 'invalid' }],
    ['a truncated sequence', [0xe2, 0x82], { ok: false, offset: 0, reason: 'invalid' }],
    ['an overlong "/"', [0xc0, 0xaf], { ok: false, offset: 0, reason: 'invalid' }],
    ['an overlong 3-byte form', [0xe0, 0x80, 0xaf], { ok: false, offset: 0, reason: 'invalid' }],
    ['an encoded surrogate', [0xed, 0xa0, 0x80], { ok: false, offset: 0, reason: 'invalid' }],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], { ok: false, offset: 0, reason: 'invalid' }],
    ['Latin-1 text', [0x63, 0x61, 0x66, 0xe9], { ok: false, offset: 3, reason: 'invalid' }],
  ])('rejects %s', (_name, bytes, result) => {
    expect(decodeUtf8(Uint8Array.from(bytes))).toEqual(result);
  });

  it('decodes large inputs (chunked String.fromCodePoint)', () => {
    const text = 'ü€𝄞'.repeat(20_000);
    expect(decodeUtf8(encode(text))).toEqual({ ok: true, text });
  });
});
