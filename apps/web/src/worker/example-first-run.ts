/**
 * The default example's run on a first visit, engine only: sim-core's `runScenario` on the scenario
 * validated at build time (model/default-example-scenario.ts), the function the full API calls
 * once its checks pass (`SimApi.runScenario`). Nothing here imports zod, sim-core's schema or the `yaml`
 * library, so the worker's first chunk is the engine, the compiler and the results code
 * (docs/performance.md, "fifth pass").
 */
import { beginScenario, type ProgressCallback, type RunResponse, type Scenario } from '@design-sim/sim-core';
import { DEFAULT_PACING } from './partial-stream.ts';
import { RunCancelled } from './run-cancel.ts';

/**
 * The run of `scenario` (the default example: model/default-example-scenario.ts; no warnings, the build
 * refused any), or null when the run stopped on an input error
 * (a trace row, the closed loop's limit: `SimApi` turns those into located issues, so the caller runs
 * the design through the full API to report them as before). A cancelled run still throws (or rejects).
 *
 * With `pauseAfterFirst`, the run stops once its first snapshot has been sent (the stream's first intervals,
 * partial-stream.ts) and goes on when the promise it returns settles: the page renders that snapshot without the
 * simulation taking one of the two cores it shares with the page, the browser and the compositor (the first
 * result's render took 60 instead of 120 ms in alternated loads at load 3.6; docs/performance.md, "tenth pass").
 * The result is the same (sim-core's `beginScenario`).
 */
export function runExampleScenario(scenario: Scenario, onProgress?: ProgressCallback, pauseAfterFirst?: () => Promise<void>): RunResponse | null | Promise<RunResponse | null> {
  const stopped = (e: unknown): null => {
    if (e instanceof RunCancelled) throw e;
    return null;
  };
  try {
    const run = beginScenario(scenario, onProgress === undefined ? {} : { onProgress });
    if (pauseAfterFirst === undefined) return { ok: true, result: run.finish(), warnings: [] };
    run.advanceTo((scenario.spec.interval ?? 60) * DEFAULT_PACING.firstIntervals);
    return pauseAfterFirst()
      .then(() => ({ ok: true as const, result: run.finish(), warnings: [] }))
      .catch(stopped);
  } catch (e) {
    return stopped(e);
  }
}
