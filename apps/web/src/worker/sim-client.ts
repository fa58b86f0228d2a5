/**
 * The main thread's side of the worker: `wrap`s the worker's SimApi and adds what a synchronous
 * run cannot do by itself, cancellation. A run is interrupted by revoking its cancel URL, which it
 * reads and stops on (run-cancel.ts), and by terminating its worker; the next run starts a fresh one. Starting a run cancels the one in progress (a new edit makes it stale).
 * The worker factory is injected (TanStack-style platform effects) so tests can use a fake.
 */
import type { ProgressCallback, RunRequestOptions, RunResponse, RunResult } from '@design-sim/sim-core';
import { proxy, wrap, type Remote } from 'comlink';
import type { PlainObject } from '../model/doc-path.ts';
import { DEFAULT_EXAMPLE } from '../model/default-example-file.ts';
import { adoptEarlyExample, type EarlyExample } from './early-example.ts';
import { afterFirstResult } from './first-result.ts';
import { cancelUrlOf, createCancelUrl } from './run-cancel.ts';
import type { LazySimWorkerApi } from './lazy-sim-api.ts';

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
   * Validates and runs the design document (without `spec.canvas`) in the worker (as YAML when it has issues to locate);
   * cancels any run still in progress. `onProgress` gets the fraction done and, now and then, the
   * result so far (partial-stream.ts).
   */
  run(doc: PlainObject, fileName: string, options?: RunRequestOptions, onProgress?: (fraction: number, partial?: RunResult) => void): SimRun;
  /**
   * Starts running the design before anyone asks (the page's first design, while the app renders):
   * the next `run` of the same document and file name, without options, takes this run over, with
   * the latest snapshot and fraction it already sent; any other `run` cancels it.
   */
  prestart(doc: PlainObject, fileName: string, opensExample?: boolean): void;
  /**
   * Starts running the default example (content-library.ts's DEFAULT_EXAMPLE, which the worker holds) before the page
   * has read its design: main.tsx calls it when the page will open that example (no link, no autosave). A later
   * `prestart` keeps it when the page does open the example unchanged (`opensExample`), else cancels it.
   * With `early`, the worker index.html started is running it already (early-example.ts): this takes that run over.
   */
  prestartExample(early?: EarlyExample): void;
  /**
   * Has the worker load its full API now (lazy-sim-api.ts): main.tsx calls it when the page opens a design
   * of its own (a link, an autosave), which the worker validates and runs through that API.
   */
  prepare(): void;
  /** True while a run is in progress. */
  busy(): boolean;
  /**
   * Starts the worker now (its code loads while the page does other work) and from then on keeps two
   * loaded spares for the runs after a cancel (a replacement starts at the end of a run, or once a run has sent
   * its first snapshot if no loaded spare is left).
   */
  prewarm(): void;
  /** Cancels any run and stops the worker. */
  dispose(): void;
}

/** Loaded workers kept ready to replace a cancelled run. */
const SPARES = 2;

/** Receives the fraction done and, now and then, the result so far. */
type ProgressListener = (fraction: number, partial?: RunResult) => void;

/** The part of `Worker` the client uses (a MessagePort-like endpoint that can be terminated). */
export type WorkerLike = Pick<Worker, 'postMessage' | 'addEventListener' | 'removeEventListener' | 'terminate'>;

/**
 * Creates a client; `createWorker` starts a worker that exposes the SimApi; `now` is a clock in ms;
 * the first spare waits for `spareAfter` too (start-workers.ts: until the page's first result is on screen).
 */
export function createSimClient(createWorker: () => WorkerLike, now: () => number = () => performance.now(), spareAfter: () => Promise<void> = () => Promise.resolve()): SimClient {
  let worker: WorkerLike | null = null;
  let disposed = false;
  let remote: Remote<LazySimWorkerApi> | null = null;
  let current: { settle: (o: RunOutcome) => void; revoke: () => void } | null = null;

  // After prewarm(), spare workers are kept loaded: a run cancelled by a newer edit is replaced by a
  // worker whose code is already parsed and evaluated (hundreds of ms on a slow machine), not a cold one.
  // Two of them, loaded one after the other: with one, an edit that came while the spare that replaced the
  // last cancelled run was still loading waited for it (edits in a row, load 6–9: 160–600 ms from the
  // run's start to its first snapshot, against 40–320 ms for a lone edit).
  let keepSpare = false;
  type Spare = { worker: WorkerLike; remote: Remote<LazySimWorkerApi>; ready: boolean };
  const spares: Spare[] = [];
  let lastDesign: { doc: PlainObject; fileName: string } | null = null;
  const fresh = (): Spare => {
    const w = createWorker();
    return { worker: w, remote: wrap<LazySimWorkerApi>(w), ready: false };
  };
  const ensure = (): Remote<LazySimWorkerApi> => {
    if (remote === null) {
      // A loaded spare first; else the one loading (it started before a fresh one would).
      const k = spares.findIndex((x) => x.ready);
      const next = spares.splice(Math.max(k, 0), 1)[0] ?? fresh();
      worker = next.worker;
      remote = next.remote;
    }
    return remote;
  };
  // A spare starts loading once the run it stands behind has sent its first snapshot (or ended), not before:
  // on a 2-core machine a worker loading beside the run delays that run's first numbers;
  // the page's first spare also waits for `spareAfter` (its compile would compete with the first render),
  // and the second spare waits until the first has loaded.
  // Each also runs the design once for one simulated second (result dropped): a fresh worker's first
  // YAML writing, parse, checks and compile run cold (interpreted, tens of ms more on a busy machine),
  // and an edit's first numbers would wait for them.
  const ensureSpare = (warmWith?: { doc: PlainObject; fileName: string }) => {
    if (warmWith !== undefined) lastDesign = warmWith;
    if (!keepSpare || disposed || spares.length >= SPARES || spares.some((x) => !x.ready)) return;
    const spare = fresh();
    spares.push(spare);
    const warm = lastDesign === null ? spare.remote.validate('', 'warm.yaml') : spare.remote.runDesign(lastDesign.doc, lastDesign.fileName, { durationSeconds: 1 });
    void warm
      .catch(() => undefined)
      .then(() => {
        spare.ready = true;
        ensureSpare();
      });
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
    // The run stops itself once its URL is revoked; terminate() alone leaves a busy worker running (run-cancel.ts).
    c.revoke();
    stop();
    c.settle({ kind: 'cancelled' });
  };

  // A prestarted run waiting to be taken over: what it sent so far (only the latest of each matters) and who listens now.
  // `key` is null for the default example's run until the page's boot says it opens that example (prestart).
  let early: { key: string | null; fileName: string; run: SimRun; partial?: RunResult; fraction?: number; listen: ProgressListener | null; cancelled: () => boolean } | null = null;

  /** Starts `call` on the worker; `design` (when known) warms the spares. */
  const startRun = (
    call: (api: Remote<LazySimWorkerApi>, progress: ProgressCallback, cancelUrl: string | undefined, worker: WorkerLike) => Promise<RunResponse>,
    design: { doc: PlainObject; fileName: string } | undefined,
    onProgress?: ProgressListener,
    token = createCancelUrl(),
  ): SimRun => {
      cancelCurrent();
      const api = ensure();
      const runsOn = worker;
      if (runsOn === null) throw new Error('sim-client: no worker after ensure()');
      let settled = false;
      let resolveOutcome!: (o: RunOutcome) => void;
      const outcome = new Promise<RunOutcome>((resolve) => {
        resolveOutcome = resolve;
      });
      const settle = (o: RunOutcome) => {
        if (settled) return;
        settled = true;
        // Ended: a run started by whoever awaits the outcome must not cancel it, which would end this (warm) worker.
        if (current === mine) current = null;
        token.cancel(); // done with it either way (a blob URL lives until revoked)
        resolveOutcome(o);
      };
      const mine = { settle, revoke: token.cancel };
      current = mine;
      const started = now();
      // Across the boundary the worker calls back with data, not sim-core's snapshot function (worker-sim-api.ts).
      let heard = false;
      const onMessage: ProgressListener = (fraction, partial) => {
        if (!heard && current === mine && partial !== undefined) {
          heard = true;
          // While a loaded spare is left, the replacement waits for the run's end: loading it beside the next
          // edit's run (edits in a row) delayed that run's first numbers.
          void spareAfter().then(() => {
            if (design !== undefined) lastDesign = design;
            if (!spares.some((x) => x.ready)) ensureSpare();
          });
        }
        onProgress?.(fraction, partial);
      };
      const progress = proxy(onMessage) as unknown as ProgressCallback;
      call(api, progress, token.url, runsOn)
        .then(
          (response) => settle({ kind: 'done', response, elapsedMs: now() - started }),
          (e: unknown) => settle({ kind: 'failed', message: e instanceof Error ? e.message : String(e) }),
        )
        .finally(() => {
          if (current === mine) current = null;
          void spareAfter().then(() => ensureSpare());
        });
      return {
        outcome,
        cancel: () => {
          if (current === mine) cancelCurrent();
        },
      };
  };

  /** A run started before anyone asked, keeping what it sends until `run` takes it over. */
  const prestarted = (
    key: string | null,
    fileName: string,
    call: Parameters<typeof startRun>[0],
    design: Parameters<typeof startRun>[1],
    token?: Parameters<typeof startRun>[3],
  ): NonNullable<typeof early> => {
    let cancelled = false;
    const entry: NonNullable<typeof early> = {
      key,
      fileName,
      listen: null,
      cancelled: () => cancelled,
      run: startRun(call, design, (fraction, partial) => {
        if (entry.listen !== null) return entry.listen(fraction, partial);
        if (partial !== undefined) entry.partial = partial;
        else entry.fraction = fraction;
      }, token),
    };
    // A run that already ended is still taken over (its outcome is the answer); a cancelled one is not.
    void entry.run.outcome.then((o) => (cancelled = o.kind === 'cancelled'));
    return entry;
  };

  return {
    run(doc, fileName, options, onProgress) {
      const e = early;
      early = null;
      if (e !== null && options === undefined && e.fileName === fileName && e.key === JSON.stringify(doc) && !e.cancelled()) {
        e.listen = onProgress ?? null;
        // Replayed after the caller has stored the run (as a worker message would be).
        queueMicrotask(() => {
          if (e.partial !== undefined) onProgress?.(e.partial.progress, e.partial);
          if (e.fraction !== undefined) onProgress?.(e.fraction);
        });
        return e.run;
      }
      return startRun((api, progress, cancelUrl) => api.runDesign(doc, fileName, options, progress, cancelUrl), { doc, fileName }, onProgress);
    },
    prestartExample(started) {
      early =
        started === undefined
          ? prestarted(null, DEFAULT_EXAMPLE, (api, progress, cancelUrl) => api.runDefaultExample(DEFAULT_EXAMPLE, progress, cancelUrl), undefined)
          : prestarted(null, DEFAULT_EXAMPLE, (_api, progress, _url, w) => adoptEarlyExample(w, started, progress as unknown as ProgressListener, afterFirstResult), undefined, cancelUrlOf(started.cancelUrl));
    },
    prepare() {
      if (disposed) return;
      void ensure().prepare().catch(() => undefined);
    },
    prestart(doc, fileName, opensExample = false) {
      const e = early;
      if (e !== null && e.key === null) {
        // The default example's run, started before the design was read: kept when the page opens exactly that example
        // (the worker ran the same text through the same functions), else it makes way.
        if (opensExample && fileName === e.fileName && !e.cancelled()) {
          e.key = JSON.stringify(doc);
          lastDesign = { doc, fileName };
          return;
        }
        early = null;
        e.run.cancel();
      }
      early = prestarted(JSON.stringify(doc), fileName, (api, progress, cancelUrl) => api.runDesign(doc, fileName, undefined, progress, cancelUrl), { doc, fileName });
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
      for (const x of spares.splice(0)) x.worker.terminate();
    },
  };
}
