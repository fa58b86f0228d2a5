import { createSimApi } from '@design-sim/sim-core';
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { designKey, validateDesign, type DesignValidation } from '../model/validate-design.ts';
import { smallDoc } from '../test-support/fixtures.ts';
import type { RunOutcome, SimClient } from '../worker/sim-client.ts';
import { createWorkerSimApi } from '../worker/worker-sim-api.ts';
import { QUIET_MS, useSimulation } from './useSimulation.ts';

/** A client whose runs finish when the test says so. */
function controlledClient() {
  const runs: { key: string; cancelled: boolean; finish: () => void }[] = [];
  const client: SimClient = {
    run(doc) {
      const key = designKey(doc);
      let resolve!: (o: RunOutcome) => void;
      const outcome = new Promise<RunOutcome>((r) => (resolve = r));
      const entry = {
        key,
        cancelled: false,
        finish: () => resolve({ kind: 'done', response: createWorkerSimApi(createSimApi()).runDesign(doc, 'x.yaml'), elapsedMs: 5 }),
      };
      runs.push(entry);
      return {
        outcome,
        cancel: () => {
          entry.cancelled = true;
          resolve({ kind: 'cancelled' });
        },
      };
    },
    busy: () => false,
    prestart: () => undefined,
    prestartExample: () => undefined,
    prepare: () => undefined,
    prewarm: () => undefined,
    dispose: () => undefined,
  };
  return { client, runs };
}

const v1 = validateDesign(smallDoc(), 'x.yaml');
const v2 = validateDesign(smallDoc({ qps: 60 }), 'x.yaml');

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useSimulation', () => {
  it('runs at once on first show, then debounces automatic runs after edits, and an edit cancels the stale run', async () => {
    const { client, runs } = controlledClient();
    const { result, rerender } = renderHook(({ v }: { v: DesignValidation }) => useSimulation(client, v, 'x.yaml', { autoRun: true }), { initialProps: { v: v1 } });
    act(() => void vi.advanceTimersByTime(0));
    expect(runs.map((r) => r.key)).toEqual([v1.key]);
    expect(result.current.store.get().status).toBe('running');
    rerender({ v: v2 });
    expect(runs[0]!.cancelled).toBe(true);
    act(() => void vi.advanceTimersByTime(59));
    expect(runs).toHaveLength(1);
    act(() => void vi.advanceTimersByTime(1));
    expect(runs).toHaveLength(2);
    await act(async () => runs[1]!.finish());
    expect(result.current.store.get().shown?.key).toBe(v2.key);
  });

  it('runs a lone edit at once (no debounce after a quiet spell); edits in a burst are still debounced', async () => {
    const { client, runs } = controlledClient();
    const { rerender } = renderHook(({ v }: { v: DesignValidation }) => useSimulation(client, v, 'x.yaml', { autoRun: true }), { initialProps: { v: v1 } });
    act(() => void vi.advanceTimersByTime(0));
    await act(async () => runs[0]!.finish());
    act(() => void vi.advanceTimersByTime(QUIET_MS));
    rerender({ v: v2 });
    act(() => void vi.advanceTimersByTime(0));
    expect(runs.map((r) => r.key)).toEqual([v1.key, v2.key]);
    // The next keystroke 40 ms later is part of a burst: it waits for the debounce.
    act(() => void vi.advanceTimersByTime(40));
    const v3 = validateDesign(smallDoc({ qps: 70 }), 'x.yaml');
    rerender({ v: v3 });
    act(() => void vi.advanceTimersByTime(59));
    expect(runs).toHaveLength(2);
    act(() => void vi.advanceTimersByTime(1));
    expect(runs.map((r) => r.key)).toEqual([v1.key, v2.key, v3.key]);
  });

  it('never sends an invalid design, and runs on demand without auto-run', () => {
    const { client, runs } = controlledClient();
    const invalid = validateDesign({ ...smallDoc(), kind: 'Nope' }, 'x.yaml');
    expect(invalid.scenario).toBeNull();
    const { result, rerender } = renderHook(({ v }: { v: DesignValidation }) => useSimulation(client, v, 'x.yaml', { autoRun: false }), { initialProps: { v: invalid } });
    act(() => {
      vi.advanceTimersByTime(1000);
      result.current.run();
    });
    expect(runs).toHaveLength(0);
    rerender({ v: v1 });
    act(() => void vi.advanceTimersByTime(1000));
    expect(runs).toHaveLength(0);
    act(() => result.current.run());
    act(() => result.current.run());
    expect(runs.map((r) => r.key)).toEqual([designKey(smallDoc())]);
  });

  it('on demand, a design whose validation has not answered yet runs at once (a Check right after an edit is not lost)', () => {
    const { client, runs } = controlledClient();
    const pending: DesignValidation = { ...v1, key: v2.key, doc: v2.doc, scenario: null, pending: true };
    const { result, rerender } = renderHook(({ v }: { v: DesignValidation }) => useSimulation(client, v, 'x.yaml', { autoRun: false }), { initialProps: { v: pending } });
    act(() => result.current.run());
    expect(runs.map((r) => r.key)).toEqual([v2.key]);
    // The validation answers for the same design: the run in progress is that design's, so nothing starts again.
    rerender({ v: v2 });
    act(() => result.current.run());
    expect(runs).toHaveLength(1);
    // A pending edit of a design whose last verdict had issues waits for its validation.
    const invalid = validateDesign({ ...smallDoc(), kind: 'Nope' }, 'x.yaml');
    rerender({ v: { ...invalid, key: v1.key, doc: v1.doc, pending: true } });
    act(() => result.current.run());
    expect(runs).toHaveLength(1);
  });

  it('after an edit of a valid design, runs the new design before its validation answers; a refusal is dropped quietly', async () => {
    const { client, runs } = controlledClient();
    const { result, rerender } = renderHook(({ v }: { v: DesignValidation }) => useSimulation(client, v, 'x.yaml', { autoRun: true }), { initialProps: { v: v1 } });
    act(() => void vi.advanceTimersByTime(0));
    await act(async () => runs[0]!.finish());
    // The edit's validation is still pending (the worker has not answered): the run goes anyway, after the debounce.
    const pending: DesignValidation = { ...v1, key: v2.key, doc: v2.doc, scenario: null, pending: true };
    rerender({ v: pending });
    act(() => void vi.advanceTimersByTime(60));
    expect(runs.map((r) => r.key)).toEqual([v1.key, v2.key]);
    // The validation answers for the same design: no second run of it.
    rerender({ v: v2 });
    act(() => void vi.advanceTimersByTime(1000));
    expect(runs).toHaveLength(2);
    // A pending edit the worker refuses: the panel goes idle, not "rejected" (the fields show the issues).
    const nope = { ...smallDoc(), kind: 'Nope' };
    const broken: DesignValidation = { ...v2, key: designKey(nope), doc: nope, scenario: null, pending: true };
    rerender({ v: broken });
    act(() => void vi.advanceTimersByTime(60));
    expect(runs.at(-1)!.key).toBe(designKey(nope));
    await act(async () => runs.at(-1)!.finish());
    expect(result.current.store.get().status).toBe('idle');
    expect(result.current.store.get().message).toBe(null);
    // A design whose last verdict had issues waits for its validation.
    const invalid = validateDesign({ ...smallDoc(), kind: 'Nope' }, 'x.yaml');
    rerender({ v: invalid });
    rerender({ v: { ...invalid, key: v1.key, doc: v1.doc, pending: true } });
    act(() => void vi.advanceTimersByTime(1000));
    expect(runs).toHaveLength(3);
  });
});
