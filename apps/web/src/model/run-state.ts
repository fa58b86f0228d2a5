/**
 * The state of the simulation panel as a pure reducer: which text is running, its progress, and
 * the last result (kept on screen, marked stale, while a newer run goes on). The shown result
 * carries the scenario and warnings it was computed from, so results never mix with later edits.
 */
import type { RunResult, Scenario, ScenarioIssue } from '@design-sim/sim-core';

/** Where the panel is. */
export type RunStatus = 'idle' | 'running' | 'done' | 'failed';

/** A finished run, as shown: the result with the scenario text, parsed scenario and warnings it came from. */
export interface ShownResult {
  /** The run that produced it. */
  runId: number;
  result: RunResult;
  text: string;
  scenario: Scenario | null;
  warnings: ScenarioIssue[];
}

/** The panel state. */
export interface RunState {
  status: RunStatus;
  /** Sequence number of the latest run started (answers of older runs are ignored). */
  runId: number;
  /** The scenario text being run or last run. */
  text: string | null;
  /** The parsed scenario and warnings of `text`. */
  scenario: Scenario | null;
  warnings: ScenarioIssue[];
  progress: number;
  /** The last finished run. */
  shown: ShownResult | null;
  /** Wall time of the last finished run, ms. */
  elapsedMs: number | null;
  message: string | null;
  issues: ScenarioIssue[];
}

/** Run lifecycle events. */
export type RunEvent =
  | { type: 'started'; runId: number; text: string; scenario: Scenario | null; warnings: ScenarioIssue[] }
  | { type: 'progress'; runId: number; fraction: number }
  | { type: 'finished'; runId: number; result: RunResult; elapsedMs: number }
  | { type: 'rejected'; runId: number; issues: ScenarioIssue[] }
  | { type: 'failed'; runId: number; message: string }
  | { type: 'cancelled'; runId: number };

/** Nothing run yet. */
export const INITIAL_RUN_STATE: RunState = {
  status: 'idle',
  runId: 0,
  text: null,
  scenario: null,
  warnings: [],
  progress: 0,
  shown: null,
  elapsedMs: null,
  message: null,
  issues: [],
};

/** The pure reducer; events of a run other than the latest are ignored. */
export function runReducer(state: RunState, event: RunEvent): RunState {
  if (event.type === 'started') {
    return { ...state, status: 'running', runId: event.runId, text: event.text, scenario: event.scenario, warnings: event.warnings, progress: 0, message: null, issues: [] };
  }
  if (event.runId !== state.runId) return state;
  switch (event.type) {
    case 'progress':
      return state.status === 'running' && event.fraction > state.progress ? { ...state, progress: event.fraction } : state;
    case 'finished': {
      const shown: ShownResult = { runId: event.runId, result: event.result, text: state.text ?? '', scenario: state.scenario, warnings: state.warnings };
      return { ...state, status: 'done', progress: 1, shown, elapsedMs: event.elapsedMs };
    }
    case 'rejected':
      return { ...state, status: 'failed', message: 'the simulator rejected the design', issues: event.issues };
    case 'failed':
      return { ...state, status: 'failed', message: event.message };
    case 'cancelled':
      return state.status === 'running' ? { ...state, status: 'idle', message: 'run cancelled' } : state;
  }
}
