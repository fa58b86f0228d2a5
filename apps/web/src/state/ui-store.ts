/**
 * The shell's UI slice (which tab, which dialog, the side panels, the canvas/results split, run on
 * every edit) of the app store (app-store.ts), read through selectors so a view re-renders only
 * for what it reads.
 */
import type { StateCreator } from 'zustand';
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
  /** Run on every edit (the toolbar's box); off, only Run or Ctrl+Enter runs. */
  autoRun: boolean;
  setMode: (mode: Mode) => void;
  setDialog: (dialog: Dialog) => void;
  togglePanel: (panel: 'palette' | 'inspector') => void;
  setSplit: (split: number) => void;
  setAutoRun: (autoRun: boolean) => void;
}

/** The UI slice, starting on the design tab with no dialog, both panels open, canvas 46%, runs on every edit. */
export const createUiSlice: StateCreator<UiState, [], [], UiState> = (set) => ({
  mode: 'design',
  dialog: null,
  panels: { palette: true, inspector: true },
  split: 46,
  optimizeOpened: false,
  autoRun: true,
  setMode: (mode) => set((s) => ({ mode, optimizeOpened: s.optimizeOpened || mode === 'optimize' })),
  setDialog: (dialog) => set({ dialog }),
  togglePanel: (panel) => set((s) => ({ panels: { ...s.panels, [panel]: !s.panels[panel] } })),
  setSplit: (split) => set({ split }),
  setAutoRun: (autoRun) => set({ autoRun }),
});

/** A store of the UI slice alone. */
export function createUiStore(): StoreApi<UiState> {
  return createStore<UiState>()(createUiSlice);
}
