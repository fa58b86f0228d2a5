/**
 * What the worker exposes: sim-core's `SimApi` (STYLE.md §3, the one contract), with the result
 * series transferred rather than copied and progress messages throttled. Same type, same calls.
 */
import { createSimApi, type ProgressCallback, type RunResponse, type SimApi } from '@design-sim/sim-core';
import { transfer } from 'comlink';
import { throttleProgress } from './progress-throttle.ts';
import { resultBuffers } from './transferable-result.ts';

function handOver(response: RunResponse): RunResponse {
  return transfer(response, resultBuffers(response));
}

/**
 * Only the fraction crosses to the main thread: the snapshot function cannot be structured-cloned, and
 * the main thread's callback (a comlink proxy) takes the fraction alone.
 */
const fractionOnly = (onProgress: ProgressCallback) => throttleProgress((f) => (onProgress as unknown as (fraction: number) => void)(f));

/** sim-core's API as the worker serves it. */
export function createWorkerSimApi(api: SimApi = createSimApi()): SimApi {
  return {
    validate: (text, fileName) => api.validate(text, fileName),
    run: (text, fileName, options, onProgress) => handOver(api.run(text, fileName, options, onProgress && fractionOnly(onProgress))),
    runScenario: (scenario, options, onProgress) => handOver(api.runScenario(scenario, options, onProgress && fractionOnly(onProgress))),
  };
}
