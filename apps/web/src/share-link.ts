/**
 * Share links between the app and the library: making one for the current design (short: by
 * reference to the library where it can) and opening one, at boot or pasted into an open tab.
 * The library chunk loads only when a link refers to it, or when a link is made.
 */
import type { Notice } from './boot.ts';
import { libraryEntries } from './model/content-library.ts';
import type { PlainObject } from './model/doc-path.ts';
import { issueLines, loadDesignText, loadScenarioParser } from './model/load-design.ts';
import { resolvePayload, sharePayload } from './model/share-reference.ts';
import { decodeShareHash, encodeShareHash } from './model/share-url.ts';

/** The fragment (`#lib=…` or `#z=…`) of a link to `doc`. */
export async function shareHash(doc: PlainObject): Promise<string> {
  const { CONTENT_FILES } = await import('./model/content-files.ts');
  return encodeShareHash(sharePayload(doc, libraryEntries(CONTENT_FILES)));
}

/** The design in a URL fragment: null when the fragment holds none, else the design or a notice saying why it was not opened. */
export async function openSharedHash(hash: string): Promise<null | { ok: true; doc: PlainObject } | { ok: false; notice: Notice }> {
  const shared = await decodeShareHash(hash);
  if (shared === null) return null;
  const refused = (lines: string[]): { ok: false; notice: Notice } => ({ ok: false, notice: { kind: 'error', title: 'The shared link could not be opened', lines } });
  if (!shared.ok) return refused([shared.message]);
  const files = shared.payload.libraryFile === null ? null : (await import('./model/content-files.ts')).CONTENT_FILES;
  const text = resolvePayload(shared.payload, files);
  if (!text.ok) return refused([text.message]);
  await loadScenarioParser();
  const r = loadDesignText(text.text, shared.payload.libraryFile ?? 'shared-link.yaml');
  if (!r.ok) return { ok: false, notice: { kind: 'error', title: 'The shared link holds an invalid design; it was not loaded', lines: issueLines(r.issues) } };
  return { ok: true, doc: r.doc };
}

/** True when a fragment is a share link (opened, then removed from the address bar). */
export function isShareHash(hash: string): boolean {
  return /^#(s|z|lib)=/.test(hash);
}
