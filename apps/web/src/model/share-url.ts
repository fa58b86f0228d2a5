/**
 * Share links: the design's YAML, lz-string compressed into the URL fragment (`#s=…`). The
 * fragment never reaches a server. Decoding only yields text; the caller validates it like any
 * imported file.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

const PREFIX = '#s=';

/** The fragment (`#s=…`) for a design's YAML. */
export function encodeShareHash(yaml: string): string {
  return PREFIX + compressToEncodedURIComponent(yaml);
}

/** The YAML in a share fragment; null when the fragment holds no design; an error when it is damaged. */
export function decodeShareHash(hash: string): { ok: true; text: string } | { ok: false; message: string } | null {
  if (!hash.startsWith(PREFIX)) return null;
  const payload = hash.slice(PREFIX.length);
  let text: string | null = null;
  try {
    text = decompressFromEncodedURIComponent(payload);
  } catch {
    text = null;
  }
  if (text === null || text === '') return { ok: false, message: 'the shared link is damaged (it could not be decompressed); ask for a new link' };
  return { ok: true, text };
}
