/**
 * Recent designs: whenever a design is replaced (a shared link over the autosave, the library,
 * an import, Reset), the one replaced is kept in localStorage, newest first, so no work is lost
 * silently. Identical documents are kept once. Storage errors are swallowed (a comfort, like autosave).
 */
import { asObject, isObject, type PlainObject } from './doc-path.ts';

/** The localStorage key of the list. */
export const RECENT_KEY = 'design-sim.recent.v1';
/** How many designs are kept. */
export const MAX_RECENT = 8;

/** One kept design. */
export interface RecentDesign {
  title: string;
  /** When it was replaced (ISO time). */
  savedAt: string;
  doc: PlainObject;
}

/** The kept designs, newest first (an empty list when there are none or storage fails). */
export function readRecent(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): RecentDesign[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(RECENT_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((r): r is RecentDesign => isObject(r) && isObject(r.doc) && typeof r.title === 'string' && typeof r.savedAt === 'string') : [];
  } catch {
    return [];
  }
}

/** A design's display title: metadata.title, else its name. */
export function designTitle(doc: PlainObject): string {
  const meta = asObject(doc.metadata);
  return String(meta.title ?? meta.name ?? 'untitled design');
}

/** Keeps `doc` as the newest recent design; returns the new list. */
export function keepRecent(doc: PlainObject, now: Date, storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = globalThis.localStorage): RecentDesign[] {
  const json = JSON.stringify(doc);
  const list = [{ title: designTitle(doc), savedAt: now.toISOString(), doc }, ...readRecent(storage).filter((r) => JSON.stringify(r.doc) !== json)].slice(0, MAX_RECENT);
  try {
    storage?.setItem(RECENT_KEY, JSON.stringify(list));
  } catch {
    // Quota or disabled storage: the list is simply not kept.
  }
  return list;
}
