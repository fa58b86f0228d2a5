/**
 * The app shell's UI state (which tab, which dialog, the side panels, the canvas/results split) in a
 * small zustand store — the library React Flow's own store is built on — read through selectors, so
 * a view re-renders only for the slice it reads. This is the first step away from one hub component
 * holding every piece of state in useState hooks; the design itself stays in the history reducer
 * (useDesign) and the run in run-store.ts.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';

/** The tab under the canvas. */
export type Mode = 'design' | 'compare' | 'optimize' | 'practice';
/** The open dialog. */
export type Dialog = null | 'library' | 'practice' | 'yaml' | 'share' | 'shortcuts' | 'new';

/** The shell's UI state and its actions. */
export interface UiState {
  mode: Mode;
  dialog: Dialog;
  panels: { palette: boolean; inspector: boolean };
  /** The canvas's share of the centre column, %. */
  split: number;
  /** True once the Optimize tab was opened (it then stays mounted, so a search survives a tab switch). */
  optimizeOpened: boolean;
  setMode: (mode: Mode) => void;
  setDialog: (dialog: Dialog) => void;
  togglePanel: (panel: 'palette' | 'inspector') => void;
  setSplit: (split: number) => void;
}

/** A store with the shell's starting state: the design tab, no dialog, both panels open, canvas 46%. */
export function createUiStore(): StoreApi<UiState> {
  return createStore<UiState>()((set) => ({
    mode: 'design',
    dialog: null,
    panels: { palette: true, inspector: true },
    split: 46,
    optimizeOpened: false,
    setMode: (mode) => set((s) => ({ mode, optimizeOpened: s.optimizeOpened || mode === 'optimize' })),
    setDialog: (dialog) => set({ dialog }),
    togglePanel: (panel) => set((s) => ({ panels: { ...s.panels, [panel]: !s.panels[panel] } })),
    setSplit: (split) => set({ split }),
  }));
}
