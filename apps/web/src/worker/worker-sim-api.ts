/**
 * What the worker exposes: sim-core's `SimApi` (STYLE.md §3, the one contract), with the result
 * series transferred rather than copied, progress messages throttled, and snapshots of the run so
 * far streamed to the progress callback (partial-stream.ts). Same type, same calls, plus the same
 * two calls for a design document: the worker writes its YAML (design-text.ts), not the main thread.
 */
import { createSimApi, seedEvaluationFromResult, type ProgressCallback, type RunRequestOptions, type RunResponse, type ScenarioIssue, type SeedEvaluation, type SimApi, type ValidateResponse } from '@design-sim/sim-core';
import { DEFAULT_EXAMPLE_DOC } from '../model/default-example-doc.ts';
import { DEFAULT_EXAMPLE } from '../model/default-example-file.ts';
import { cleanScenarioOf } from '../model/design-scenario.ts';
import { designTextOrIssues, validateDesignDoc } from '../model/design-text.ts';
import { withoutCanvas } from '../model/scenario-yaml.ts';
import type { PlainObject } from '../model/doc-path.ts';
import { handOver, streamed } from './streamed-run.ts';

/** One design on one seed, as the optimizer reads it (a few hundred bytes, not the series). */
export type EvaluateResponse = { ok: true; evaluation: SeedEvaluation } | { ok: false; issues: ScenarioIssue[] };

/**
 * sim-core's SimApi plus `evaluate`: a run reduced in the worker to what the search reads
 * (sim-core's seedEvaluationFromResult, as the CLI's worker threads do), so an optimize run sends no series.
 */
export interface SimWorkerApi extends SimApi {
  evaluate(text: string, fileName: string, seed: number): EvaluateResponse;
  /** `validate` of the design document written as YAML (a document YAML cannot write is refused with one issue). */
  validateDesign(doc: PlainObject, fileName: string): ValidateResponse;
  /**
   * `run` of the design document (written as YAML only when there is an issue to locate: design-scenario.ts);
   * revoking `cancelUrl` stops it (run-cancel.ts: `Worker.terminate()` does not stop a busy worker).
   */
  runDesign(doc: PlainObject, fileName: string, options?: RunRequestOptions, onProgress?: ProgressCallback, cancelUrl?: string): RunResponse;
  /**
   * `runDesign` of the default example as the app opens it (boot.ts: its text read as a document; without
   * `spec.canvas`), started before the page has read it (sim-client.ts's prestartExample).
   */
  runDefaultExample(fileName: string, onProgress?: ProgressCallback, cancelUrl?: string): RunResponse;
}

/** sim-core's API as the worker serves it. */
export function createWorkerSimApi(api: SimApi = createSimApi()): SimWorkerApi {
  const runText: SimWorkerApi['runDesign'] = (doc, fileName, options, onProgress, cancelUrl) => {
    const t = designTextOrIssues(doc, fileName);
    return t.ok ? handOver(api.run(t.text, fileName, options, onProgress && streamed(onProgress, cancelUrl))) : t;
  };
  const runDesign: SimWorkerApi['runDesign'] = (doc, fileName, options, onProgress, cancelUrl) => {
    // A clean design runs from the document itself (design-scenario.ts); anything to report takes the text path.
    const scenario = cleanScenarioOf(doc);
    if (scenario === null) return runText(doc, fileName, options, onProgress, cancelUrl);
    const r = api.runScenario(scenario, options, onProgress && streamed(onProgress, cancelUrl));
    // A refusal met during the run (a trace row, the closed loop's limit) is located in the text: run that way.
    return r.ok ? handOver(r) : runText(doc, fileName, options);
  };
  return {
    evaluate: (text, fileName, seed) => {
      const r = api.run(text, fileName, { seed });
      return r.ok ? { ok: true, evaluation: seedEvaluationFromResult(r.result) } : { ok: false, issues: r.issues };
    },
    validate: (text, fileName) => api.validate(text, fileName),
    validateDesign: (doc, fileName) => validateDesignDoc(api, doc, fileName),
    run: (text, fileName, options, onProgress) => handOver(api.run(text, fileName, options, onProgress && streamed(onProgress))),
    runDesign,
    runDefaultExample: (fileName, onProgress, cancelUrl) => runDesign(withoutCanvas(DEFAULT_EXAMPLE_DOC), fileName, undefined, onProgress, cancelUrl),
    runScenario: (scenario, options, onProgress) => handOver(api.runScenario(scenario, options, onProgress && streamed(onProgress))),
  };
}

/**
 * Validates the default example's document once (result dropped), after the worker's engine-only first run
 * (sim.worker.ts): zod builds and compiles its parsers on first use, and the first edit's parse would
 * otherwise run cold, tens of ms on this path (docs/performance.md, "fifth pass").
 */
export function warmParse(api: SimWorkerApi): void {
  api.validateDesign(withoutCanvas(DEFAULT_EXAMPLE_DOC), DEFAULT_EXAMPLE);
}
