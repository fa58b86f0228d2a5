/**
 * The session slice of the app store: the banner's notice, the time cursor shared by the charts
 * and the canvas nodes, the components copied with Ctrl+C, and a count of designs loaded (the
 * canvas fits its view when it changes).
 */
import type { StateCreator } from 'zustand';
import type { Notice } from '../boot.ts';
import type { Clip } from '../model/clipboard.ts';

/** The session state and its actions. */
export interface SessionState {
  notice: Notice | null;
  /** The time cursor: an index into the shown run's series, or null for its last interval. */
  cursor: number | null;
  /** Components copied (Ctrl+C), kept for Ctrl+V in this tab. */
  clip: Clip | null;
  /** How many designs were loaded into this tab. */
  loads: number;
  setNotice: (notice: Notice | null) => void;
  setCursor: (cursor: number | null) => void;
  setClip: (clip: Clip) => void;
  /** A design was loaded: the view fits it, the cursor goes back to the end, and the notice says what happened. */
  designLoaded: (notice: Notice | null) => void;
}

/** The session slice, with the boot notice. */
export function createSessionSlice(notice: Notice | null): StateCreator<SessionState, [], [], SessionState> {
  return (set) => ({
    notice,
    cursor: null,
    clip: null,
    loads: 0,
    setNotice: (next) => set({ notice: next }),
    setCursor: (cursor) => set({ cursor }),
    setClip: (clip) => set({ clip }),
    designLoaded: (next) => set((s) => ({ loads: s.loads + 1, cursor: null, notice: next })),
  });
}
