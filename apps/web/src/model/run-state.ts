/**
 * The state of the simulation panel as a pure reducer: which text is running, its progress, and
 * the last result (kept on screen, marked stale, while a newer run goes on). The shown result
 * carries the design key, scenario and warnings it was computed from, so results never mix with later edits.
 */
import type { RunResult, Scenario, ScenarioIssue } from '@design-sim/sim-core';

/** Where the panel is. */
export type RunStatus = 'idle' | 'running' | 'done' | 'failed';

/**
 * A run as shown: the result (complete, or a snapshot of the run in progress when result.progress < 1)
 * with the design key (validate-design.ts), parsed scenario and warnings it came from.
 */
export interface ShownResult {
  /** The run that produced it. */
  runId: number;
  result: RunResult;
  key: string;
  scenario: Scenario | null;
  warnings: ScenarioIssue[];
}

/** The panel state. */
export interface RunState {
  status: RunStatus;
  /** Sequence number of the latest run started (answers of older runs are ignored). */
  runId: number;
  /** The key of the design being run or last run. */
  key: string | null;
  /** The parsed scenario and warnings of that design. */
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
  | { type: 'started'; runId: number; key: string; scenario: Scenario | null; warnings: ScenarioIssue[] }
  | { type: 'progress'; runId: number; fraction: number }
  /** A snapshot of the run so far (result.progress < 1): shown at once, replaced by later ones and the end. */
  | { type: 'partial'; runId: number; result: RunResult }
  | { type: 'finished'; runId: number; result: RunResult; elapsedMs: number }
  /** The validation of design `key` arrived after its run started (the first run does not wait for it). */
  | { type: 'validated'; key: string; scenario: Scenario; warnings: ScenarioIssue[] }
  /** The worker refused the design; `speculative` when it ran before its validation answered (the fields show the issues). */
  | { type: 'rejected'; runId: number; issues: ScenarioIssue[]; speculative?: boolean }
  | { type: 'failed'; runId: number; message: string }
  | { type: 'cancelled'; runId: number };

/** Nothing run yet. */
export const INITIAL_RUN_STATE: RunState = {
  status: 'idle',
  runId: 0,
  key: null,
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
    return { ...state, status: 'running', runId: event.runId, key: event.key, scenario: event.scenario, warnings: event.warnings, progress: 0, message: null, issues: [] };
  }
  if (event.type === 'validated') {
    if (state.key !== event.key || state.scenario !== null) return state;
    const shown = state.shown !== null && state.shown.key === event.key ? { ...state.shown, scenario: event.scenario, warnings: event.warnings } : state.shown;
    return { ...state, scenario: event.scenario, warnings: event.warnings, shown };
  }
  if (event.runId !== state.runId) return state;
  switch (event.type) {
    case 'progress':
      return state.status === 'running' && event.fraction > state.progress ? { ...state, progress: event.fraction } : state;
    case 'partial': {
      if (state.status !== 'running') return state;
      const shown: ShownResult = { runId: event.runId, result: event.result, key: state.key ?? '', scenario: state.scenario, warnings: state.warnings };
      return { ...state, shown, progress: Math.max(state.progress, event.result.progress) };
    }
    case 'finished': {
      const shown: ShownResult = { runId: event.runId, result: event.result, key: state.key ?? '', scenario: state.scenario, warnings: state.warnings };
      return { ...state, status: 'done', progress: 1, shown, elapsedMs: event.elapsedMs };
    }
    case 'rejected':
      if (event.speculative === true) return { ...state, status: 'idle' };
      return { ...state, status: 'failed', message: 'the simulator rejected the design', issues: event.issues };
    case 'failed':
      return { ...state, status: 'failed', message: event.message };
    case 'cancelled':
      return state.status === 'running' ? { ...state, status: 'idle', message: 'run cancelled' } : state;
  }
}
