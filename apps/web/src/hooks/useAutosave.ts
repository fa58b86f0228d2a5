/**
 * Autosave: the design's YAML goes to localStorage a moment after the last edit, and comes back
 * on the next visit. Storage errors (quota, private mode) are swallowed: autosave is a comfort.
 */
import { useEffect } from 'react';

/** The localStorage key of the autosaved design. */
export const AUTOSAVE_KEY = 'design-sim.autosave.v1';

/** The autosaved YAML, or null. */
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

/** Saves `serialize()` to localStorage `delayMs` after `value` last changed. */
export function useAutosave(value: unknown, serialize: () => string, delayMs = 500): void {
  useEffect(() => {
    const timer = window.setTimeout(() => {
      try {
        globalThis.localStorage?.setItem(AUTOSAVE_KEY, serialize());
      } catch {
        // Quota or disabled storage: keep working without autosave.
      }
    }, delayMs);
    return () => window.clearTimeout(timer);
    // `serialize` reads the same state as `value`; keying on `value` alone avoids a save per render.
  }, [value, delayMs]);
}
