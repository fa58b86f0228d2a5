/**
 * The app's state in one zustand store (the library React Flow's own store is built on) made of
 * slices: the design and its history (design-slice.ts), UI (ui-store.ts), session
 * (session-slice.ts) and variants (variants-slice.ts). Views read it through selectors (`useApp`),
 * so each re-renders only for what it reads. The run lives in model/run-store.ts.
 */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Notice } from '../boot.ts';
import type { PlainObject } from '../model/doc-path.ts';
import { createDesignSlice, type DesignSliceState } from './design-slice.ts';
import { createSessionSlice, type SessionState } from './session-slice.ts';
import { createUiSlice, type UiState } from './ui-store.ts';
import { createVariantsSlice, type VariantsState } from './variants-slice.ts';

/** The whole app store. */
export type AppState = DesignSliceState & UiState & SessionState & VariantsState;

/** An empty scenario, for stores made without a design (tests of the other slices). */
const EMPTY_DOC: PlainObject = { apiVersion: 'design-sim/v1', kind: 'Scenario', metadata: { name: 'design' }, spec: {} };

/** The app's store: the first design `doc`, and `notice`, the boot notice (how that design was chosen). */
export function createAppStore(notice: Notice | null = null, doc: PlainObject = EMPTY_DOC): StoreApi<AppState> {
  return createStore<AppState>()((...a) => ({
    ...createDesignSlice(doc)(...a),
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
