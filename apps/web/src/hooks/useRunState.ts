/** Subscribes a component to one slice of the run store (it re-renders only when that slice changes). */
import { useSyncExternalStore } from 'react';
import type { RunState } from '../model/run-state.ts';
import type { RunStore } from '../model/run-store.ts';

/** The selected slice of the run state; `select` must return a primitive or a stored object. */
export function useRunState<T>(store: RunStore, select: (s: RunState) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.get()));
}
