/**
 * The one contract between the simulator and its hosts (STYLE.md §3): the web worker `expose`s the
 * object createSimApi() returns and the web app `wrap`s it; the CLI calls the same factory directly.
 * Inputs and outputs are plain, structured-clone-friendly data.
 */
import { locatePath, parseScenarioText, type Scenario, type ScenarioIssue, validateScenarioReferences } from '../scenario/index.ts';
import type { RunResult } from './run-result.ts';
import { runScenario, type RunScenarioOptions } from './run-scenario.ts';
import { TraceFormatError } from '../traffic/trace-reader.ts';
import { ClosedLoopLimitError } from '../traffic/closed-loop.ts';
import { closedLoopLimitIssue } from './closed-loop-issue.ts';
import { PodsReadyLimitError } from '../cluster/kueue-pods-ready.ts';
import { podsReadyLimitIssue } from './pods-ready-issue.ts';
import { traceFormatIssue, traceIssues } from './trace-issues.ts';

export type ValidateResponse = { ok: true; scenario: Scenario; warnings: ScenarioIssue[] } | { ok: false; issues: ScenarioIssue[] };
export type RunResponse = { ok: true; result: RunResult; warnings: ScenarioIssue[] } | { ok: false; issues: ScenarioIssue[] };
export type RunRequestOptions = Pick<RunScenarioOptions, 'seed' | 'durationSeconds' | 'intervalSeconds' | 'traces'>;
/** Progress of a run: the fraction of simulated time done, and the result so far on demand. */
export type ProgressCallback = (fraction: number, partial: () => RunResult) => void;

export interface SimApi {
  /** Parses YAML (or JSON) text and checks it against the schema and the catalog. */
  validate(text: string, fileName: string): ValidateResponse;
  /**
   * Validates, then runs; `onProgress` receives the fraction of simulated time done at each interval
   * boundary and a function returning the result so far (call it only when you will show it: it copies).
   */
  run(text: string, fileName: string, options?: RunRequestOptions, onProgress?: ProgressCallback): RunResponse;
  /** Runs an already-parsed scenario (the web canvas holds one). */
  runScenario(scenario: Scenario, options?: RunRequestOptions, onProgress?: ProgressCallback): RunResponse;
}

function located(issue: ScenarioIssue, text: string, file: string): ScenarioIssue {
  const loc = issue.path === '' ? null : locatePath(text, issue.path);
  return { ...issue, file, line: loc?.line ?? issue.line, column: loc?.column ?? issue.column };
}

export function createSimApi(): SimApi {
  const validate = (text: string, fileName: string): ValidateResponse => {
    const parsed = parseScenarioText(text, fileName);
    if (!parsed.ok) return parsed;
    const issues = validateScenarioReferences(parsed.scenario, undefined, { text, file: fileName });
    return issues.length > 0 ? { ok: false, issues } : parsed;
  };
  const runParsed = (scenario: Scenario, warnings: ScenarioIssue[], options: RunRequestOptions = {}, onProgress?: ProgressCallback): RunResponse => {
    const issues = validateScenarioReferences(scenario);
    if (issues.length > 0) return { ok: false, issues };
    if (options.traces === undefined) {
      const traced = traceIssues(scenario);
      if (traced.length > 0) return { ok: false, issues: traced };
    }
    try {
      return { ok: true, result: runScenario(scenario, { ...options, ...(onProgress ? { onProgress } : {}) }), warnings };
    } catch (e) {
      // A bad row met while replaying a trace: a located input error, like a schema issue.
      if (e instanceof TraceFormatError) return { ok: false, issues: [traceFormatIssue(e)] };
      if (e instanceof ClosedLoopLimitError) return { ok: false, issues: [closedLoopLimitIssue(e, scenario)] };
      if (e instanceof PodsReadyLimitError) return { ok: false, issues: [podsReadyLimitIssue(e)] };
      throw e;
    }
  };
  return {
    validate,
    run(text, fileName, options, onProgress) {
      const v = validate(text, fileName);
      if (!v.ok) return v;
      const r = runParsed(v.scenario, v.warnings, options, onProgress);
      // A run-time issue in the scenario (a closed loop over the request limit) names no file: here the text is known, so locate it.
      return r.ok ? r : { ok: false, issues: r.issues.map((i) => (i.file === '' ? located(i, text, fileName) : i)) };
    },
    runScenario(scenario, options, onProgress) {
      return runParsed(scenario, [], options, onProgress);
    },
  };
}
