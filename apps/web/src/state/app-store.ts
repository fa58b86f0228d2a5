/**
 * The app's state outside the design and the run, in one zustand store (the library React Flow's
 * own store is built on) made of slices: UI (ui-store.ts), session (session-slice.ts) and variants
 * (variants-slice.ts). Views read it through selectors (`useApp`), so each re-renders only for the
 * slice it reads. The design itself stays in the history reducer (hooks/useDesign.ts) and the run
 * in model/run-store.ts.
 */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Notice } from '../boot.ts';
import { createSessionSlice, type SessionState } from './session-slice.ts';
import { createUiSlice, type UiState } from './ui-store.ts';
import { createVariantsSlice, type VariantsState } from './variants-slice.ts';

/** The whole app store. */
export type AppState = UiState & SessionState & VariantsState;

/** The app's store; `notice` is the boot notice (how the first design was chosen). */
export function createAppStore(notice: Notice | null = null): StoreApi<AppState> {
  return createStore<AppState>()((...a) => ({
    ...createUiSlice(...a),
    ...createSessionSlice(notice)(...a),
    ...createVariantsSlice(...a),
  }));
}

/** The app store of the views below it (App provides it). */
export const AppStoreContext = createContext<StoreApi<AppState> | null>(null);

/** The store itself, for its actions. */
export function useAppStore(): StoreApi<AppState> {
  const store = useContext(AppStoreContext);
  if (store === null) throw new Error('useAppStore outside AppStoreContext');
  return store;
}

/** One slice of the app state; the view re-renders only when it changes. */
export function useApp<T>(select: (s: AppState) => T): T {
  return useStore(useAppStore(), select);
}
