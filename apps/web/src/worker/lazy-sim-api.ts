/**
 * What the simulator's worker serves (sim.worker.ts): the worker's API (worker-sim-api.ts) with the
 * default example's first run engine only (example-first-run.ts), and everything else (validation,
 * a user's design, edits) through the full API, loaded by dynamic import once that run has ended, on the
 * first call that needs it, or on `prepare()`. Zod, sim-core's schema (built at module load) and the `yaml` library are in that
 * second chunk: a first visit's run no longer waits for them to load (docs/performance.md, "fifth pass").
 */
import type { ProgressCallback, RunResponse, Scenario } from '@design-sim/sim-core';
import { DEFAULT_EXAMPLE_SCENARIO } from '../model/default-example-scenario.ts';
import { runExampleScenario } from './example-first-run.ts';
import { handOver, streamed } from './streamed-run.ts';
import type { SimWorkerApi } from './worker-sim-api.ts';

/** Each call of `T` answered now or once a module has loaded. */
type MaybeLater<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => R | Promise<R> : never };

/** The worker's API as sim.worker.ts exposes it (sim-client.ts wraps it). */
export interface LazySimWorkerApi extends Omit<MaybeLater<SimWorkerApi>, 'runDefaultExample'> {
  /** Starts loading the full API now: the page will validate or run a design of its own (main.tsx). */
  prepare(): Promise<void>;
  /** The default example's run; with `pauseAfterFirst` (the worker's own first run, sim.worker.ts) it pauses after its first snapshot. */
  runDefaultExample(fileName: string, onProgress?: ProgressCallback, cancelUrl?: string, pauseAfterFirst?: () => Promise<void>): RunResponse | Promise<RunResponse>;
}

/** Options of `createLazySimApi`. */
export interface LazySimApiOptions {
  /** The default example's scenario, checked at build time (the default; tests pass others). */
  example?: Scenario;
  /** Called with the full API once it has loaded after the example's run (sim.worker.ts: a warm-up parse). */
  afterExampleRun?: (api: SimWorkerApi) => void;
}

/** The API over `loadFull` (sim.worker.ts: a dynamic import of worker-sim-api.ts), called at most once. */
export function createLazySimApi(loadFull: () => Promise<SimWorkerApi>, { example = DEFAULT_EXAMPLE_SCENARIO, afterExampleRun }: LazySimApiOptions = {}): LazySimWorkerApi {
  let loading: Promise<SimWorkerApi> | null = null;
  const full = (): Promise<SimWorkerApi> => (loading ??= loadFull());
  return {
    prepare: async () => {
      await full();
    },
    runDefaultExample: (fileName, onProgress, cancelUrl, pauseAfterFirst) => {
      const answer = (r: RunResponse | null): RunResponse | Promise<RunResponse> => {
        // The run is over: the next run here (an edit) needs the full API, so it starts loading now. Not sooner: an
        // import started at the first snapshot fetched and compiled beside the page's first render (docs/performance.md,
        // "fifth pass"). The answer is posted before the import's modules run.
        void full().then(afterExampleRun);
        return r !== null ? handOver(r) : full().then((api) => api.runDefaultExample(fileName, onProgress, cancelUrl));
      };
      const r = runExampleScenario(example, onProgress && streamed(onProgress, cancelUrl), pauseAfterFirst);
      return r instanceof Promise ? r.then(answer) : answer(r);
    },
    evaluate: async (...args) => (await full()).evaluate(...args),
    validate: async (...args) => (await full()).validate(...args),
    validateDesign: async (...args) => (await full()).validateDesign(...args),
    run: async (...args) => (await full()).run(...args),
    runDesign: async (...args) => (await full()).runDesign(...args),
    runScenario: async (...args) => (await full()).runScenario(...args),
  };
}
