/**
 * Runs the design in the simulator worker (which reads the document; the main thread never writes YAML for it). A run starts on demand (`run`) or, with auto-run, a
 * moment after the last edit (debounced); any edit that changes what would run cancels the run in
 * progress, which is stale. Invalid designs never reach the worker. The run state lives in an
 * external store (run-store.ts): readers subscribe to the slice they need.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { mark, RESULT_RECEIVED_MARK, RUN_END_MARK, RUN_START_MARK } from '../model/perf-marks.ts';
import { createRunStore, type RunStore } from '../model/run-store.ts';
import type { DesignValidation } from '../model/validate-design.ts';
import type { SimClient } from '../worker/sim-client.ts';

/** Options of `useSimulation`. */
export interface SimulationOptions {
  autoRun: boolean;
  /**
   * Quiet time after an edit before an automatic run, ms: short, because the run streams its first
   * numbers within tens of ms and a newer edit cancels it (the next worker is already loading).
   * Only within a burst of edits: the first edit after `QUIET_MS` without one runs at once.
   */
  debounceMs?: number;
}

/** An edit this long after the previous one starts a run at once (a burst of keystrokes or key repeats is still debounced). */
export const QUIET_MS = 300;

export { RUN_END_MARK, RUN_START_MARK } from '../model/perf-marks.ts';

/** What `useSimulation` returns. */
export interface Simulation {
  store: RunStore;
  run: () => void;
  cancel: () => void;
}

/** Runs `validation`'s design in `client`'s worker. */
export function useSimulation(client: SimClient, validation: DesignValidation, fileName: string, { autoRun, debounceMs = 60 }: SimulationOptions): Simulation {
  const [store] = useState(createRunStore);
  const runIdRef = useRef(0);
  const activeRef = useRef<{ runId: number; key: string; cancel: () => void } | null>(null);
  // When the design last changed (its key), to tell a lone edit from a burst.
  const changedRef = useRef<{ key: string; at: number }>({ key: validation.key, at: Date.now() });

  const start = useCallback(
    (v: DesignValidation, speculative = false) => {
      const { key, doc } = v;
      if (doc === null) return;
      const runId = ++runIdRef.current;
      mark(RUN_START_MARK);
      store.send({ type: 'started', runId, key, scenario: v.scenario, warnings: v.warnings });
      const run = client.run(doc, fileName, undefined, (fraction, partial) => {
        if (partial === undefined) return store.send({ type: 'progress', runId, fraction });
        mark(RESULT_RECEIVED_MARK, { run: runId, progress: partial.progress });
        store.send({ type: 'partial', runId, result: partial });
      });
      activeRef.current = { runId, key, cancel: run.cancel };
      void run.outcome.then((o) => {
        if (activeRef.current?.runId === runId) activeRef.current = null;
        if (o.kind === 'cancelled') return store.send({ type: 'cancelled', runId });
        if (o.kind === 'failed') return store.send({ type: 'failed', runId, message: o.message });
        mark(RUN_END_MARK);
        if (o.response.ok) mark(RESULT_RECEIVED_MARK, { run: runId, progress: 1 });
        if (o.response.ok) store.send({ type: 'finished', runId, result: o.response.result, elapsedMs: o.elapsedMs });
        else store.send({ type: 'rejected', runId, issues: o.response.issues, speculative });
      });
    },
    [client, fileName, store],
  );

  const run = useCallback(() => {
    // On demand (Run, Ctrl+Enter, practice's Check) a design whose validation has not answered yet runs too, as
    // auto-run does: a click right after an edit was lost while the validation worker was busy (the worker
    // validates the run itself; a refusal is dropped quietly and the fields show the issues). A design whose
    // last verdict had issues waits for its validation.
    const pending = validation.scenario === null && validation.pending && validation.doc !== null && validation.errors.length === 0;
    if (validation.scenario === null && !pending) return;
    if (activeRef.current?.key === validation.key) return;
    start(validation, pending);
  }, [start, validation]);

  const cancel = useCallback(() => activeRef.current?.cancel(), []);

  // A run does not wait for the validation worker: the run writes and validates the design itself (a design that
  // turns out invalid comes back rejected and is dropped quietly, its issues shown at the fields by the
  // validation), and the parsed scenario joins the shown result when it arrives. Waiting would put a
  // second parse of the design (tens of ms, more on a busy machine) before every edit's first numbers.
  useEffect(() => {
    if (validation.scenario !== null) store.send({ type: 'validated', key: validation.key, scenario: validation.scenario, warnings: validation.warnings });
  }, [validation, store]);
  // Only while the design's last verdict was "valid": a design with issues waits for the validation to clear them.
  const optimistic = autoRun && validation.pending && validation.doc !== null && validation.errors.length === 0;

  // An edit makes the run in progress stale: cancel it, and with auto-run start again once edits pause.
  useEffect(() => {
    const active = activeRef.current;
    if (active !== null && active.key !== validation.key) active.cancel();
    const changed = changedRef.current;
    const lone = changed.key !== validation.key && Date.now() - changed.at >= QUIET_MS;
    if (changed.key !== validation.key) changedRef.current = { key: validation.key, at: Date.now() };
    const delay = lone ? 0 : debounceMs;
    // Re-running the text whose result is on screen would change nothing.
    const due = () => activeRef.current?.key !== validation.key && store.get().shown?.key !== validation.key;
    // Without a delay the run starts here, not in a timer task: under load that task waited behind the
    // edit's paint (10–40 ms before the run even started).
    const later = (run: () => void, ms: number) => {
      if (ms === 0) return void run();
      const timer = window.setTimeout(run, ms);
      return () => window.clearTimeout(timer);
    };
    if (optimistic) {
      if (store.get().runId === 0) {
        if (activeRef.current === null) start(validation, true);
        return;
      }
      return later(() => due() && start(validation, true), delay);
    }
    if (!autoRun || validation.scenario === null) return;
    // The first run starts at once: there is nothing to debounce.
    return later(() => due() && start(validation), store.get().runId === 0 ? 0 : delay);
  }, [validation, autoRun, debounceMs, start, store, optimistic]);

  useEffect(() => () => activeRef.current?.cancel(), []);

  return { store, run, cancel };
}
