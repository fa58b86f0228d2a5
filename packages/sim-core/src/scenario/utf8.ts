/**
 * Strict UTF-8 decoding for scenario files read as bytes. sim-core has no TextDecoder in its
 * type environment (no DOM, no Node types), and we want a precise "not a text file" answer
 * with the offending offset rather than silent U+FFFD replacement.
 */

/** Decoded text, or the byte offset of the first byte that is not valid UTF-8 (or is NUL). */
export type Utf8Result = { ok: true; text: string } | { ok: false; offset: number; reason: 'nul' | 'invalid' };

/** Length and minimum code point of a sequence by its lead byte; undefined for a bad lead. */
function lead(b: number): readonly [length: number, min: number] | undefined {
  if (b < 0x80) return [1, 0];
  if (b >= 0xc2 && b <= 0xdf) return [2, 0x80];
  if (b >= 0xe0 && b <= 0xef) return [3, 0x800];
  if (b >= 0xf0 && b <= 0xf4) return [4, 0x10000];
  return undefined;
}

/** Decodes `bytes` as UTF-8, rejecting NUL, overlong forms, surrogates and code points above U+10FFFF. */
export function decodeUtf8(bytes: Uint8Array): Utf8Result {
  const chunks: string[] = [];
  let codes: number[] = [];
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0; // skip a BOM
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b === 0) return { ok: false, offset: i, reason: 'nul' };
    const info = lead(b);
    if (info === undefined || i + info[0] > bytes.length) return { ok: false, offset: i, reason: 'invalid' };
    const [len, min] = info;
    let cp = len === 1 ? b : b & (0xff >> (len + 1));
    for (let k = 1; k < len; k++) {
      const c = bytes[i + k] ?? 0;
      if ((c & 0xc0) !== 0x80) return { ok: false, offset: i, reason: 'invalid' };
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return { ok: false, offset: i, reason: 'invalid' };
    codes.push(cp);
    if (codes.length >= 8192) {
      chunks.push(String.fromCodePoint(...codes));
      codes = [];
    }
    i += len;
  }
  chunks.push(String.fromCodePoint(...codes));
  return { ok: true, text: chunks.join('') };
}

/** UTF-8 byte length of a string, without allocating. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Encodes a string as UTF-8 (unpaired surrogates become U+FFFD, as TextEncoder does). */
export function encodeUtf8(text: string): Uint8Array {
  const out = new Uint8Array(utf8Length(text));
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else c = 0xfffd;
    } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out[o++] = c;
    else if (c < 0x800) {
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 0x3f);
    } else if (c < 0x10000) {
      out[o++] = 0xe0 | (c >> 12);
      out[o++] = 0x80 | ((c >> 6) & 0x3f);
      out[o++] = 0x80 | (c & 0x3f);
    } else {
      out[o++] = 0xf0 | (c >> 18);
      out[o++] = 0x80 | ((c >> 12) & 0x3f);
      out[o++] = 0x80 | ((c >> 6) & 0x3f);
      out[o++] = 0x80 | (c & 0x3f);
    }
  }
  return out.subarray(0, o);
}

/**
 * The 1-based line and column (in bytes) of byte `offset`: where a file that is not UTF-8 goes wrong, which "at byte
 * 238" left the reader to count.
 */
export function byteLineColumn(bytes: Uint8Array, offset: number): [line: number, column: number] {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  return [line, offset - start + 1];
}
