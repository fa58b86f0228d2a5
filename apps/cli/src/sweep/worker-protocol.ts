/**
 * The one contract between the sweep's main thread and its worker threads (STYLE.md §3): the main
 * thread sends scenario text, the worker runs it through sim-core's SimApi and answers with the part
 * of the result a sweep table needs (no time series: they would be copied for nothing).
 */
import type { ClaimGrade, Diagnostic, ExpectationResult, RunResult, ScenarioIssue, ServingSummary, TrainingSummary } from '@design-sim/sim-core';

/** Marks worker data so the bundled entry knows to serve requests instead of parsing argv. */
export const SWEEP_WORKER_KIND = 'design-sim-sweep-worker';

export interface SweepWorkerData {
  kind: typeof SWEEP_WORKER_KIND;
}

/** One variant to run: already validated scenario text, and the seed when it is not the file's. */
export interface SweepRequest {
  id: number;
  text: string;
  fileName: string;
  seed?: number;
}

/** What a variant produced. */
export interface SweepOutcome {
  seed: number;
  summary: ServingSummary | null;
  training: TrainingSummary | null;
  /** Static line items (spec.costs), for the costs.* metrics. */
  costs: RunResult['costs'];
  expectations: ExpectationResult[];
  claims: ClaimGrade[];
  /** The run's own findings; an error (overloaded, nothing served) fails it whatever the expectations. */
  diagnostics: Diagnostic[];
  pass: boolean;
}

/** A failed variant: `message` for a table cell; `issues`, when the scenario is at fault, located in the file. */
export type SweepResponse = { id: number; ok: true; outcome: SweepOutcome } | { id: number; ok: false; message: string; issues?: ScenarioIssue[] };
