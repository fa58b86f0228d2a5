import { describe, expect, it, vi } from 'vitest';
import { runDoc, smallDoc } from '../test-support/fixtures.ts';
import { createRunStore } from './run-store.ts';
import { INITIAL_RUN_STATE, runReducer, type RunEvent } from './run-state.ts';

const result = runDoc(smallDoc());
const start = (runId: number, key = `t${runId}`): RunEvent => ({ type: 'started', runId, key, scenario: null, warnings: [] });

describe('run state', () => {
  it('tracks a run from start to finish and keeps the result with its design key', () => {
    let s = runReducer(INITIAL_RUN_STATE, start(1));
    s = runReducer(s, { type: 'progress', runId: 1, fraction: 0.4 });
    s = runReducer(s, { type: 'progress', runId: 1, fraction: 0.2 });
    expect(s.progress).toBe(0.4);
    s = runReducer(s, { type: 'finished', runId: 1, result, elapsedMs: 12 });
    expect(s.status).toBe('done');
    expect(s.shown).toMatchObject({ runId: 1, key: 't1', result });
  });

  it('ignores events of stale runs and keeps the last result while a new run goes on', () => {
    let s = runReducer(runReducer(INITIAL_RUN_STATE, start(1)), { type: 'finished', runId: 1, result, elapsedMs: 5 });
    s = runReducer(s, start(2));
    expect(runReducer(s, { type: 'finished', runId: 1, result, elapsedMs: 1 })).toBe(s);
    s = runReducer(s, { type: 'cancelled', runId: 2 });
    expect(s).toMatchObject({ status: 'idle', message: 'run cancelled' });
    expect(s.shown?.runId).toBe(1);
    expect(runReducer(runReducer(s, start(3)), { type: 'rejected', runId: 3, issues: [] }).status).toBe('failed');
  });

  it('the store notifies subscribers only on change', () => {
    const store = createRunStore();
    const listener = vi.fn();
    const off = store.subscribe(listener);
    store.send(start(1));
    store.send({ type: 'progress', runId: 9, fraction: 0.5 });
    expect(listener).toHaveBeenCalledTimes(1);
    off();
    store.send({ type: 'progress', runId: 1, fraction: 0.5 });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.get().progress).toBe(0.5);
  });
});

describe('streamed snapshots', () => {
  const snapshot = { ...result, progress: 0.25 };
  it('a snapshot of the running run is shown at once; the complete result replaces it', () => {
    let s = runReducer(INITIAL_RUN_STATE, start(1));
    s = runReducer(s, { type: 'partial', runId: 1, result: snapshot });
    expect(s.shown).toMatchObject({ runId: 1, key: 't1' });
    expect(s.shown!.result.progress).toBe(0.25);
    expect(s.progress).toBe(0.25);
    s = runReducer(s, { type: 'finished', runId: 1, result, elapsedMs: 9 });
    expect(s.shown!.result.progress).toBe(1);
  });

  it("a snapshot of an older or stopped run is ignored", () => {
    let s = runReducer(runReducer(INITIAL_RUN_STATE, start(1)), start(2));
    expect(runReducer(s, { type: 'partial', runId: 1, result: snapshot })).toBe(s);
    s = runReducer(s, { type: 'cancelled', runId: 2 });
    expect(runReducer(s, { type: 'partial', runId: 2, result: snapshot })).toBe(s);
  });
});
