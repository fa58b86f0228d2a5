/**
 * The main thread's side of the worker: `wrap`s the worker's SimApi and adds what a synchronous
 * run cannot do by itself, cancellation. A run is interrupted by terminating its worker; the next
 * run starts a fresh one. Starting a run cancels the one in progress (a new edit makes it stale).
 * The worker factory is injected (TanStack-style platform effects) so tests can use a fake.
 */
import type { ProgressCallback, RunRequestOptions, RunResponse, RunResult, SimApi } from '@design-sim/sim-core';
import { proxy, wrap, type Remote } from 'comlink';

/** How a run ended. `elapsedMs` is wall time from the request to the answer. */
export type RunOutcome =
  | { kind: 'done'; response: RunResponse; elapsedMs: number }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

/** One run in progress. */
export interface SimRun {
  outcome: Promise<RunOutcome>;
  cancel(): void;
}

/** The app's handle on the simulator worker. */
export interface SimClient {
  /**
   * Validates and runs scenario text in the worker; cancels any run still in progress. `onProgress`
   * gets the fraction done and, now and then, the result so far (partial-stream.ts).
   */
  run(text: string, fileName: string, options?: RunRequestOptions, onProgress?: (fraction: number, partial?: RunResult) => void): SimRun;
  /** True while a run is in progress. */
  busy(): boolean;
  /**
   * Starts the worker now (its code loads while the page does other work) and from then on keeps a
   * loaded spare for the run after a cancel (started once a run is under way).
   */
  prewarm(): void;
  /** Cancels any run and stops the worker. */
  dispose(): void;
}

/** The part of `Worker` the client uses (a MessagePort-like endpoint that can be terminated). */
export type WorkerLike = Pick<Worker, 'postMessage' | 'addEventListener' | 'removeEventListener' | 'terminate'>;

/** Creates a client; `createWorker` starts a worker that exposes the SimApi; `now` is a clock in ms. */
export function createSimClient(createWorker: () => WorkerLike, now: () => number = () => performance.now()): SimClient {
  let worker: WorkerLike | null = null;
  let disposed = false;
  let remote: Remote<SimApi> | null = null;
  let current: { settle: (o: RunOutcome) => void } | null = null;

  // After prewarm(), a spare worker is kept loaded: a run cancelled by a newer edit is replaced by a
  // worker whose code is already parsed and evaluated (hundreds of ms on a slow machine), not a cold one.
  let keepSpare = false;
  let spare: { worker: WorkerLike; remote: Remote<SimApi> } | null = null;
  const fresh = () => {
    const w = createWorker();
    return { worker: w, remote: wrap<SimApi>(w) };
  };
  const ensure = (): Remote<SimApi> => {
    if (remote === null) {
      const next = spare ?? fresh();
      spare = null;
      worker = next.worker;
      remote = next.remote;
    }
    return remote;
  };
  // The spare starts loading once the run it stands behind is under way (its first message), not at
  // the same moment: on a 2-core machine two workers loading at once delay the first run's numbers.
  const ensureSpare = () => {
    if (keepSpare && spare === null && !disposed) spare = fresh();
  };

  const stop = () => {
    // A synchronous run cannot be interrupted from outside: end the worker; the next run starts a new one.
    worker?.terminate();
    worker = null;
    remote = null;
  };

  const cancelCurrent = () => {
    if (current === null) return;
    const c = current;
    current = null;
    stop();
    c.settle({ kind: 'cancelled' });
  };

  return {
    run(text, fileName, options, onProgress) {
      cancelCurrent();
      const api = ensure();
      let settled = false;
      let resolveOutcome!: (o: RunOutcome) => void;
      const outcome = new Promise<RunOutcome>((resolve) => {
        resolveOutcome = resolve;
      });
      const settle = (o: RunOutcome) => {
        if (settled) return;
        settled = true;
        resolveOutcome(o);
      };
      const mine = { settle };
      current = mine;
      const started = now();
      // Across the boundary the worker calls back with data, not sim-core's snapshot function (worker-sim-api.ts).
      let heard = false;
      const onMessage: NonNullable<typeof onProgress> = (fraction, partial) => {
        if (!heard && current === mine) {
          heard = true;
          ensureSpare();
        }
        onProgress?.(fraction, partial);
      };
      const progress = proxy(onMessage) as unknown as ProgressCallback;
      api
        .run(text, fileName, options, progress)
        .then(
          (response) => settle({ kind: 'done', response, elapsedMs: now() - started }),
          (e: unknown) => settle({ kind: 'failed', message: e instanceof Error ? e.message : String(e) }),
        )
        .finally(() => {
          if (current === mine) current = null;
          ensureSpare();
        });
      return {
        outcome,
        cancel: () => {
          if (current === mine) cancelCurrent();
        },
      };
    },
    busy: () => current !== null,
    prewarm() {
      if (disposed) return;
      keepSpare = true;
      ensure();
    },
    dispose() {
      disposed = true;
      cancelCurrent();
      stop();
      spare?.worker.terminate();
      spare = null;
    },
  };
}
