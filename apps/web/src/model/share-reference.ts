/**
 * Share links refer to the library for what it already holds, so a link to a library design stays
 * short: the whole design when it is a library file unchanged, else the long metadata texts
 * (prompt, notes, strong answer) that equal the library file of the same `metadata.name`. A text
 * left to the library is written as a marker in its place, so the design's key order (and its
 * exported YAML) come back exactly.
 */
import type { LibraryEntry } from './content-library.ts';
import { asObject, type PlainObject } from './doc-path.ts';
import { docToYaml, yamlToDoc } from './scenario-yaml.ts';
import type { SharedPayload } from './share-url.ts';

/** Metadata texts a link may leave to the library. */
const BY_REFERENCE = ['prompt', 'notes', 'strongAnswer'] as const;
/** What stands in for a text left to the library (not a sentence anyone writes in a scenario). */
export const LIBRARY_MARKER = '\u2398library';

/** What to put in a share link for `doc`, given the library. */
export function sharePayload(doc: PlainObject, library: readonly Pick<LibraryEntry, 'file' | 'name' | 'text'>[]): SharedPayload {
  const yaml = docToYaml(doc);
  const meta = asObject(doc.metadata);
  for (const entry of library) {
    if (entry.name !== meta.name) continue;
    const lib = yamlToDoc(entry.text);
    if (!lib.ok) continue;
    if (docToYaml(lib.doc) === yaml) return { text: null, libraryFile: entry.file };
    const libMeta = asObject(lib.doc.metadata);
    const same = BY_REFERENCE.filter((k) => typeof meta[k] === 'string' && meta[k] === libMeta[k]);
    if (same.length === 0) continue;
    const marked: PlainObject = { ...meta };
    for (const k of same) marked[k] = LIBRARY_MARKER;
    return { text: docToYaml({ ...doc, metadata: marked }), libraryFile: entry.file };
  }
  return { text: yaml, libraryFile: null };
}

/** The design text a payload stands for, given the library's files (file → text). */
export function resolvePayload(payload: SharedPayload, files: Readonly<Record<string, string>> | null): { ok: true; text: string } | { ok: false; message: string } {
  if (payload.libraryFile === null) return payload.text === null ? { ok: false, message: 'the shared link holds no design' } : { ok: true, text: payload.text };
  const libText = files?.[payload.libraryFile];
  if (libText === undefined) return { ok: false, message: `the shared link refers to the library file ${payload.libraryFile}, which this version of design-sim does not have` };
  if (payload.text === null) return { ok: true, text: libText };
  const doc = yamlToDoc(payload.text);
  const lib = yamlToDoc(libText);
  // A link whose YAML does not parse is reported by the caller's validation, with its line.
  if (!doc.ok || !lib.ok) return { ok: true, text: payload.text };
  const meta = asObject(doc.doc.metadata);
  const libMeta = asObject(lib.doc.metadata);
  const filled: PlainObject = { ...meta };
  for (const k of BY_REFERENCE) {
    if (meta[k] !== LIBRARY_MARKER) continue;
    if (typeof libMeta[k] !== 'string') return { ok: false, message: `the shared link takes metadata.${k} from ${payload.libraryFile}, which has none in this version of design-sim` };
    filled[k] = libMeta[k];
  }
  return { ok: true, text: docToYaml({ ...doc.doc, metadata: filled }) };
}
