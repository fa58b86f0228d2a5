/**
 * Autosave: the design goes to localStorage a moment after the last edit, and comes back on the
 * next visit. It is stored as JSON (a copy of the document takes well under a millisecond;
 * writing YAML would take tens). Storage errors (quota, private mode) are swallowed: autosave is
 * a comfort. What comes back is checked like any input before it is used (load-design.ts).
 */
import { useEffect } from 'react';
import type { PlainObject } from '../model/doc-path.ts';

import { AUTOSAVE_KEY } from '../model/autosave-key.ts';

export { AUTOSAVE_KEY };

/** The autosaved text, or null. */
export function readAutosave(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): string | null {
  try {
    return storage?.getItem(AUTOSAVE_KEY) ?? null;
  } catch {
    return null;
  }
}

/** Forgets the autosaved design. */
export function clearAutosave(storage: Pick<Storage, 'removeItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.removeItem(AUTOSAVE_KEY);
  } catch {
    // Nothing to do: the next save overwrites it anyway.
  }
}

/** Saves `doc` to localStorage `delayMs` after it last changed. */
export function useAutosave(doc: PlainObject, delayMs = 500): void {
  useEffect(() => {
    const timer = window.setTimeout(() => {
      try {
        globalThis.localStorage?.setItem(AUTOSAVE_KEY, JSON.stringify(doc));
      } catch {
        // Quota or disabled storage: keep working without autosave.
      }
    }, delayMs);
    return () => window.clearTimeout(timer);
  }, [doc, delayMs]);
}
