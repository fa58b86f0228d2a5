/**
 * Share links: the design travels in the URL fragment, which never reaches a server. Three forms:
 * - `#lib=<file>`: the design is a library file unchanged (a few dozen characters);
 * - `#z=<deflate>[&lib=<file>]`: the YAML, deflate-compressed (the browser's CompressionStream,
 *   `deflate-raw`) in base64url; with `lib`, the long metadata texts equal to that library file's
 *   (prompt, notes, strong answer) were left out and are read back from the library;
 * - `#s=<lz-string>`: links made before 2026-12-03, still opened.
 * Decoding only yields text; the caller validates it like any imported file.
 */
import { formatInteger, MAX_FILE_BYTES } from '@design-sim/sim-core';
import { decompressFromEncodedURIComponent } from 'lz-string';

/** What a share fragment holds: YAML text, and the library file its metadata texts or the whole design come from. */
export interface SharedPayload {
  /** The design's YAML; null when the whole design is the library file. */
  text: string | null;
  /** A library file (content/…) referenced by the link. */
  libraryFile: string | null;
}

/** The result of reading a fragment: null when it holds no design. */
export type DecodedShare = { ok: true; payload: SharedPayload } | { ok: false; message: string } | null;

const DAMAGED = 'the shared link is damaged (it could not be decompressed); ask for a new link';

/**
 * The longest `#s=` fragment opened. lz-string has no bound on what it inflates: each code may repeat the longest entry
 * so far plus a character, so n codes can give n²/2 characters, and a 100 KB link can ask for gigabytes before anything
 * can refuse it (12,349 characters inflate to 20 M in 172 ms; the size grows with the square of the link's length). At
 * this length the worst case is about 35 M characters, a third of a second; the longest link the library's designs made
 * in that form was 9,863 characters (autoscaling-100-to-1000-qps.yaml). docs/limits.md.
 */
export const MAX_LEGACY_LINK_CHARS = 16_384;

/** A share link holds at most a scenario file's worth of YAML (docs/limits.md): deflate can inflate a URL a thousandfold. */
const TOO_LARGE = `the shared design is larger than ${formatInteger(MAX_FILE_BYTES)} bytes (1 MiB), the limit for a scenario file (docs/limits.md); it was not opened`;

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/**
 * Inflates a link's bytes, stopping as soon as the output passes `cap` bytes (null then): a deflate stream of a few
 * hundred kilobytes can expand to gigabytes, which reading it whole would allocate before any size check.
 */
async function inflateCapped(bytes: Uint8Array, cap: number): Promise<Uint8Array | null> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > cap) {
      // Not awaited: the rest is dropped either way, and a cancel can wait on the source's pending read.
      reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The fragment for a payload (`text` null: the library file as it is). */
export async function encodeShareHash(payload: SharedPayload): Promise<string> {
  const lib = payload.libraryFile === null ? '' : encodeURIComponent(payload.libraryFile);
  if (payload.text === null) {
    if (lib === '') throw new Error('a share link needs a design or a library file');
    return `#lib=${lib}`;
  }
  const packed = toBase64Url(await deflate(new TextEncoder().encode(payload.text)));
  return `#z=${packed}${lib === '' ? '' : `&lib=${lib}`}`;
}

/** Reads a fragment: the payload, null when the fragment holds no design, or why it is damaged. */
export async function decodeShareHash(hash: string): Promise<DecodedShare> {
  if (hash.startsWith('#s=')) {
    if (hash.length - 3 > MAX_LEGACY_LINK_CHARS) {
      return { ok: false, message: `the shared link is in the old form (#s=) and longer than ${formatInteger(MAX_LEGACY_LINK_CHARS)} characters, which that form cannot open safely (docs/limits.md); ask for a new link` };
    }
    let text: string | null = null;
    try {
      text = decompressFromEncodedURIComponent(hash.slice(3));
    } catch {
      text = null;
    }
    return text === null || text === '' ? { ok: false, message: DAMAGED } : { ok: true, payload: { text, libraryFile: null } };
  }
  if (!hash.startsWith('#z=') && !hash.startsWith('#lib=')) return null;
  const params = new URLSearchParams(hash.slice(1));
  const libraryFile = params.get('lib');
  const packed = params.get('z');
  if (packed === null) return libraryFile ? { ok: true, payload: { text: null, libraryFile } } : { ok: false, message: DAMAGED };
  const bytes = fromBase64Url(packed);
  if (bytes === null || bytes.length === 0) return { ok: false, message: DAMAGED };
  try {
    const inflated = await inflateCapped(bytes, MAX_FILE_BYTES);
    if (inflated === null) return { ok: false, message: TOO_LARGE };
    const text = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
    return text === '' ? { ok: false, message: DAMAGED } : { ok: true, payload: { text, libraryFile } };
  } catch {
    return { ok: false, message: DAMAGED };
  }
}
