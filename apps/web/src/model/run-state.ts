/**
 * The state of the simulation panel as a pure reducer: which text is running, its progress, and
 * the last result (kept on screen, marked stale, while a newer run goes on).
 */
import type { RunResult, ScenarioIssue } from '@design-sim/sim-core';

/** Where the panel is. */
export type RunStatus = 'idle' | 'running' | 'done' | 'failed';

/** The panel state. */
export interface RunState {
  status: RunStatus;
  /** Sequence number of the latest run started (answers of older runs are ignored). */
  runId: number;
  /** The scenario text being run or last run. */
  text: string | null;
  progress: number;
  result: RunResult | null;
  /** The text the shown result belongs to. */
  resultText: string | null;
  /** Wall time of the last finished run, ms. */
  elapsedMs: number | null;
  message: string | null;
  issues: ScenarioIssue[];
}

/** Run lifecycle events. */
export type RunEvent =
  | { type: 'started'; runId: number; text: string }
  | { type: 'progress'; runId: number; fraction: number }
  | { type: 'finished'; runId: number; result: RunResult; elapsedMs: number }
  | { type: 'rejected'; runId: number; issues: ScenarioIssue[] }
  | { type: 'failed'; runId: number; message: string }
  | { type: 'cancelled'; runId: number };

/** Nothing run yet. */
export const INITIAL_RUN_STATE: RunState = { status: 'idle', runId: 0, text: null, progress: 0, result: null, resultText: null, elapsedMs: null, message: null, issues: [] };

/** The pure reducer; events of a run other than the latest are ignored. */
export function runReducer(state: RunState, event: RunEvent): RunState {
  if (event.type === 'started') return { ...state, status: 'running', runId: event.runId, text: event.text, progress: 0, message: null, issues: [] };
  if (event.runId !== state.runId) return state;
  switch (event.type) {
    case 'progress':
      return state.status === 'running' && event.fraction > state.progress ? { ...state, progress: event.fraction } : state;
    case 'finished':
      return { ...state, status: 'done', progress: 1, result: event.result, resultText: state.text, elapsedMs: event.elapsedMs };
    case 'rejected':
      return { ...state, status: 'failed', message: 'the simulator rejected the design', issues: event.issues };
    case 'failed':
      return { ...state, status: 'failed', message: event.message };
    case 'cancelled':
      return state.status === 'running' ? { ...state, status: 'idle', message: 'run cancelled' } : state;
  }
}
