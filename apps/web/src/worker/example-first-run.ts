/**
 * The default example's run on a first visit, engine only: sim-core's `runScenario` on the scenario
 * validated at build time (model/default-example-scenario.ts), the function the full API calls
 * once its checks pass (`SimApi.runScenario`). Nothing here imports zod, sim-core's schema or the `yaml`
 * library, so the worker's first chunk is the engine, the compiler and the results code
 * (docs/performance.md, "fifth pass").
 */
import { runScenario, type ProgressCallback, type RunResponse, type Scenario } from '@design-sim/sim-core';
import { RunCancelled } from './run-cancel.ts';

/**
 * The run of `scenario` (the default example: model/default-example-scenario.ts; no warnings, the build
 * refused any), or null when the run stopped on an input error
 * (a trace row, the closed loop's limit: `SimApi` turns those into located issues, so the caller runs
 * the design through the full API to report them as before). A cancelled run still throws.
 */
export function runExampleScenario(scenario: Scenario, onProgress?: ProgressCallback): RunResponse | null {
  try {
    return { ok: true, result: runScenario(scenario, onProgress === undefined ? {} : { onProgress }), warnings: [] };
  } catch (e) {
    if (e instanceof RunCancelled) throw e;
    return null;
  }
}
