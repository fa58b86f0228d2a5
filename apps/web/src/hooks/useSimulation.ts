/**
 * Runs the design in the simulator worker. A run starts on demand (`run`) or, with auto-run, a
 * moment after the last edit (debounced); any edit that changes what would run cancels the run in
 * progress, which is stale. Invalid designs never reach the worker. The run state lives in an
 * external store (run-store.ts): readers subscribe to the slice they need.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { createRunStore, type RunStore } from '../model/run-store.ts';
import type { DesignValidation } from '../model/validate-design.ts';
import type { SimClient } from '../worker/sim-client.ts';

/** Options of `useSimulation`. */
export interface SimulationOptions {
  autoRun: boolean;
  /** Quiet time after an edit before an automatic run, ms. */
  debounceMs?: number;
}

/** Performance marks around each run (read by the e2e suite and the browser's profiler). */
export const RUN_START_MARK = 'design-sim:run-start';
/** See RUN_START_MARK. */
export const RUN_END_MARK = 'design-sim:run-end';

/** What `useSimulation` returns. */
export interface Simulation {
  store: RunStore;
  run: () => void;
  cancel: () => void;
}

/** Runs `validation`'s scenario text in `client`'s worker. */
export function useSimulation(client: SimClient, validation: DesignValidation, fileName: string, { autoRun, debounceMs = 300 }: SimulationOptions): Simulation {
  const [store] = useState(createRunStore);
  const runIdRef = useRef(0);
  const activeRef = useRef<{ runId: number; text: string; cancel: () => void } | null>(null);

  const start = useCallback(
    (v: DesignValidation) => {
      const { text } = v;
      const runId = ++runIdRef.current;
      performance.mark(RUN_START_MARK);
      store.send({ type: 'started', runId, text, scenario: v.scenario, warnings: v.warnings });
      const run = client.run(text, fileName, undefined, (fraction) => store.send({ type: 'progress', runId, fraction }));
      activeRef.current = { runId, text, cancel: run.cancel };
      void run.outcome.then((o) => {
        if (activeRef.current?.runId === runId) activeRef.current = null;
        if (o.kind === 'cancelled') return store.send({ type: 'cancelled', runId });
        if (o.kind === 'failed') return store.send({ type: 'failed', runId, message: o.message });
        performance.mark(RUN_END_MARK);
        if (o.response.ok) store.send({ type: 'finished', runId, result: o.response.result, elapsedMs: o.elapsedMs });
        else store.send({ type: 'rejected', runId, issues: o.response.issues });
      });
    },
    [client, fileName, store],
  );

  const run = useCallback(() => {
    if (validation.scenario === null) return;
    if (activeRef.current?.text === validation.text) return;
    start(validation);
  }, [start, validation]);

  const cancel = useCallback(() => activeRef.current?.cancel(), []);

  // An edit makes the run in progress stale: cancel it, and with auto-run start again once edits pause.
  useEffect(() => {
    const active = activeRef.current;
    if (active !== null && active.text !== validation.text) active.cancel();
    if (!autoRun || validation.scenario === null) return;
    const timer = window.setTimeout(() => {
      // Re-running the text whose result is on screen would change nothing.
      if (activeRef.current?.text !== validation.text && store.get().shown?.text !== validation.text) start(validation);
    }, store.get().runId === 0 ? 0 : debounceMs); // the first run starts at once: there is nothing to debounce
    return () => window.clearTimeout(timer);
  }, [validation, autoRun, debounceMs, start, store]);

  useEffect(() => () => activeRef.current?.cancel(), []);

  return { store, run, cancel };
}
