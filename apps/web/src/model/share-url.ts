/**
 * Share links: the design travels in the URL fragment, which never reaches a server. Three forms:
 * - `#lib=<file>`: the design is a library file unchanged (a few dozen characters);
 * - `#z=<deflate>[&lib=<file>]`: the YAML, deflate-compressed (the browser's CompressionStream,
 *   `deflate-raw`) in base64url; with `lib`, the long metadata texts equal to that library file's
 *   (prompt, notes, strong answer) were left out and are read back from the library;
 * - `#s=<lz-string>`: links made before 2026-12-03, still opened.
 * Decoding only yields text; the caller validates it like any imported file.
 */
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

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** The fragment for a payload (`text` null: the library file as it is). */
export async function encodeShareHash(payload: SharedPayload): Promise<string> {
  const lib = payload.libraryFile === null ? '' : encodeURIComponent(payload.libraryFile);
  if (payload.text === null) {
    if (lib === '') throw new Error('a share link needs a design or a library file');
    return `#lib=${lib}`;
  }
  const packed = toBase64Url(await pipe(new TextEncoder().encode(payload.text), new CompressionStream('deflate-raw')));
  return `#z=${packed}${lib === '' ? '' : `&lib=${lib}`}`;
}

/** Reads a fragment: the payload, null when the fragment holds no design, or why it is damaged. */
export async function decodeShareHash(hash: string): Promise<DecodedShare> {
  if (hash.startsWith('#s=')) {
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
    const text = new TextDecoder('utf-8', { fatal: true }).decode(await pipe(bytes, new DecompressionStream('deflate-raw')));
    return text === '' ? { ok: false, message: DAMAGED } : { ok: true, payload: { text, libraryFile } };
  } catch {
    return { ok: false, message: DAMAGED };
  }
}
