/**
 * Autosave: the design goes to localStorage a moment after the last edit, and comes back on the
 * next visit. It is stored as JSON (a copy of the document takes well under a millisecond;
 * writing YAML would take tens). Storage errors (quota, private mode) are swallowed: autosave is
 * a comfort. What comes back is checked like any input before it is used (load-design.ts).
 */
import { useEffect } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { AppState } from '../state/app-store.ts';
import { AUTOSAVE_KEY } from '../model/autosave-key.ts';
import { selectDoc } from '../state/design-slice.ts';


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

/**
 * Saves the design of `store` to `storage` `delayMs` after its document last changed (a selection
 * changes nothing); returns the function that stops it. Plain, so it is tested without React.
 */
export function autosaveDesign(store: StoreApi<AppState>, delayMs = 500, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seen = selectDoc(store.getState());
  const schedule = (doc: typeof seen) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      try {
        storage?.setItem(AUTOSAVE_KEY, JSON.stringify(doc));
      } catch {
        // Quota or disabled storage: keep working without autosave.
      }
    }, delayMs);
  };
  // The design the app opened with is saved too (a link opened at boot becomes the autosave).
  schedule(seen);
  const unsubscribe = store.subscribe((s) => {
    const doc = selectDoc(s);
    if (doc === seen) return;
    seen = doc;
    schedule(doc);
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}

/** Autosaves the design of `store` while the calling view is mounted (`autosaveDesign`). */
export function useAutosave(store: StoreApi<AppState>, delayMs = 500): void {
  useEffect(() => autosaveDesign(store, delayMs), [store, delayMs]);
}
