/**
 * Runs the design in the simulator worker. A run starts on demand (`run`) or, with auto-run, a
 * moment after the last edit (debounced); any edit that changes what would run cancels the run in
 * progress, which is stale. Invalid designs never reach the worker.
 */
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { INITIAL_RUN_STATE, runReducer, type RunState } from '../model/run-state.ts';
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

/** The simulation state of a design, and run/cancel. */
export function useSimulation(client: SimClient, validation: DesignValidation, fileName: string, { autoRun, debounceMs = 300 }: SimulationOptions) {
  const [state, send] = useReducer(runReducer, INITIAL_RUN_STATE);
  const runIdRef = useRef(0);
  const activeRef = useRef<{ runId: number; text: string; cancel: () => void } | null>(null);
  // The text of the result on screen: an automatic run of the same text again would change nothing.
  const shownRef = useRef<string | null>(null);
  shownRef.current = state.resultText;

  const start = useCallback(
    (text: string) => {
      const runId = ++runIdRef.current;
      send({ type: 'started', runId, text });
      performance.mark(RUN_START_MARK);
      const run = client.run(text, fileName, undefined, (fraction) => send({ type: 'progress', runId, fraction }));
      activeRef.current = { runId, text, cancel: run.cancel };
      void run.outcome.then((o) => {
        if (activeRef.current?.runId === runId) activeRef.current = null;
        if (o.kind === 'cancelled') return send({ type: 'cancelled', runId });
        if (o.kind === 'failed') return send({ type: 'failed', runId, message: o.message });
        performance.mark(RUN_END_MARK);
        if (o.response.ok) send({ type: 'finished', runId, result: o.response.result, elapsedMs: o.elapsedMs });
        else send({ type: 'rejected', runId, issues: o.response.issues });
      });
    },
    [client, fileName],
  );

  const run = useCallback(() => {
    if (validation.scenario === null) return;
    if (activeRef.current?.text === validation.text) return;
    start(validation.text);
  }, [start, validation]);

  const cancel = useCallback(() => activeRef.current?.cancel(), []);

  // An edit makes the run in progress stale: cancel it, and with auto-run start again once edits pause.
  useEffect(() => {
    const active = activeRef.current;
    if (active !== null && active.text !== validation.text) active.cancel();
    if (!autoRun || validation.scenario === null) return;
    const timer = window.setTimeout(() => {
      if (activeRef.current?.text !== validation.text && shownRef.current !== validation.text) start(validation.text);
    }, debounceMs);
    return () => window.clearTimeout(timer);
  }, [validation, autoRun, debounceMs, start]);

  useEffect(() => () => activeRef.current?.cancel(), []);

  return { state, run, cancel, stale: state.resultText !== null && state.resultText !== validation.text } as {
    state: RunState;
    run: () => void;
    cancel: () => void;
    stale: boolean;
  };
}
