/** Whether a CSS media query matches, kept current (the phone layout switches on it). */
import { useSyncExternalStore } from 'react';

/** True while `query` matches (false where `matchMedia` does not exist, e.g. in tests). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      if (typeof matchMedia === 'undefined') return () => undefined;
      const mq = matchMedia(query);
      mq.addEventListener('change', onChange);
      return () => mq.removeEventListener('change', onChange);
    },
    () => (typeof matchMedia === 'undefined' ? false : matchMedia(query).matches),
  );
}

/** The phone layout: stacked and read-only below this width. */
export const PHONE_QUERY = '(max-width: 640px)';
