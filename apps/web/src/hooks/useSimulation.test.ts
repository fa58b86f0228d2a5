import { createSimApi, type RunResponse } from '@design-sim/sim-core';
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { docToYaml } from '../model/scenario-yaml.ts';
import { validateDesign, type DesignValidation } from '../model/validate-design.ts';
import { smallDoc } from '../test-support/fixtures.ts';
import type { RunOutcome, SimClient } from '../worker/sim-client.ts';
import { useSimulation } from './useSimulation.ts';

/** A client whose runs finish when the test says so. */
function controlledClient() {
  const runs: { text: string; cancelled: boolean; finish: () => void }[] = [];
  const client: SimClient = {
    run(text) {
      let resolve!: (o: RunOutcome) => void;
      const outcome = new Promise<RunOutcome>((r) => (resolve = r));
      const entry = {
        text,
        cancelled: false,
        finish: () => resolve({ kind: 'done', response: createSimApi().run(text, 'x.yaml') as RunResponse, elapsedMs: 5 }),
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
    expect(runs.map((r) => r.text)).toEqual([v1.text]);
    expect(result.current.store.get().status).toBe('running');
    rerender({ v: v2 });
    expect(runs[0]!.cancelled).toBe(true);
    act(() => void vi.advanceTimersByTime(59));
    expect(runs).toHaveLength(1);
    act(() => void vi.advanceTimersByTime(1));
    expect(runs).toHaveLength(2);
    await act(async () => runs[1]!.finish());
    expect(result.current.store.get().shown?.text).toBe(v2.text);
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
    expect(runs.map((r) => r.text)).toEqual([docToYaml(smallDoc())]);
  });

  it('after an edit of a valid design, runs the new text before its validation answers; a refusal is dropped quietly', async () => {
    const { client, runs } = controlledClient();
    const { result, rerender } = renderHook(({ v }: { v: DesignValidation }) => useSimulation(client, v, 'x.yaml', { autoRun: true }), { initialProps: { v: v1 } });
    act(() => void vi.advanceTimersByTime(0));
    await act(async () => runs[0]!.finish());
    // The edit's validation is still pending (the worker has not answered): the run goes anyway, after the debounce.
    const pending: DesignValidation = { ...v1, text: v2.text, scenario: null, pending: true };
    rerender({ v: pending });
    act(() => void vi.advanceTimersByTime(60));
    expect(runs.map((r) => r.text)).toEqual([v1.text, v2.text]);
    // The validation answers with the same text: no second run of it.
    rerender({ v: v2 });
    act(() => void vi.advanceTimersByTime(1000));
    expect(runs).toHaveLength(2);
    // A pending edit whose text the worker refuses: the panel goes idle, not "rejected" (the fields show the issues).
    const broken: DesignValidation = { ...v2, text: 'kind: Nope\n', scenario: null, pending: true };
    rerender({ v: broken });
    act(() => void vi.advanceTimersByTime(60));
    expect(runs.at(-1)!.text).toBe('kind: Nope\n');
    await act(async () => runs.at(-1)!.finish());
    expect(result.current.store.get().status).toBe('idle');
    expect(result.current.store.get().message).toBe(null);
    // A design whose last verdict had issues waits for its validation.
    const invalid = validateDesign({ ...smallDoc(), kind: 'Nope' }, 'x.yaml');
    rerender({ v: invalid });
    rerender({ v: { ...invalid, text: v1.text, pending: true } });
    act(() => void vi.advanceTimersByTime(1000));
    expect(runs).toHaveLength(3);
  });
});
