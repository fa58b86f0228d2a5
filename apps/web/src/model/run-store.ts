/**
 * The run state as a tiny external store around the pure `runReducer`. Progress messages update
 * it many times a second; components subscribe to the slice they show (the progress bar), so the
 * canvas and the charts do not re-render while a run is going and the main thread stays free.
 */
import { INITIAL_RUN_STATE, runReducer, type RunEvent, type RunState } from './run-state.ts';

/** A subscribable run state. */
export interface RunStore {
  get(): RunState;
  send(event: RunEvent): void;
  subscribe(listener: () => void): () => void;
}

/** A new store, starting with nothing run. */
export function createRunStore(): RunStore {
  let state = INITIAL_RUN_STATE;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    send(event) {
      const next = runReducer(state, event);
      if (next === state) return;
      state = next;
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
