import type { RunResult, Scenario } from '@design-sim/sim-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXAMPLE_DOC } from '../model/default-example-doc.ts';
import { DEFAULT_EXAMPLE } from '../model/default-example-file.ts';
import { withoutCanvas } from '../model/scenario-yaml.ts';
import { smallDoc } from '../test-support/fixtures.ts';
import { runExampleScenario } from './example-first-run.ts';
import { createLazySimApi } from './lazy-sim-api.ts';
import { RunCancelled } from './run-cancel.ts';
import { createWorkerSimApi, type SimWorkerApi } from './worker-sim-api.ts';

/** The full API behind a counter of its loads. */
function counted(api: SimWorkerApi = createWorkerSimApi()) {
  const loads = { n: 0 };
  return { loads, load: () => (loads.n++, Promise.resolve(api)) };
}

describe("the worker's API, the default example's first run engine only (lazy-sim-api.ts)", () => {
  it('runs the example without loading the full API, streaming snapshots, to the result the full API gives for the design the page opens', async () => {
    const api = createWorkerSimApi();
    const { loads, load } = counted(api);
    const warmed: SimWorkerApi[] = [];
    const lazy = createLazySimApi(load, { afterExampleRun: (a) => warmed.push(a) });
    const snapshots: RunResult[] = [];
    const loadsDuringRun: number[] = [];
    const fast = await lazy.runDefaultExample(DEFAULT_EXAMPLE, (_f, partial) => {
      loadsDuringRun.push(loads.n);
      if (partial !== undefined) snapshots.push(partial as unknown as RunResult);
    });
    expect(loadsDuringRun.every((n) => n === 0)).toBe(true);
    expect(loads.n).toBe(1); // loaded once the run is over, for the runs that follow
    await new Promise((r) => setTimeout(r, 0));
    expect(warmed).toEqual([api]); // then handed to the warm-up (sim.worker.ts: one parse of the example)
    expect(snapshots.length).toBeGreaterThan(0);
    expect(snapshots[0]!.progress).toBeLessThan(1);
    // The page opens the example's document without spec.canvas (boot.ts); the full API validates and runs that.
    const full = createWorkerSimApi().runDesign(withoutCanvas(DEFAULT_EXAMPLE_DOC), DEFAULT_EXAMPLE);
    expect(fast.ok && full.ok).toBe(true);
    expect(fast).toStrictEqual(full);
  }, 60_000);

  it('loads the full API once, on the first call that needs it or on prepare()', async () => {
    const { loads, load } = counted();
    const lazy = createLazySimApi(load);
    await lazy.prepare();
    expect(loads.n).toBe(1);
    const v = await lazy.validateDesign(smallDoc(), 'small.yaml');
    const r = await lazy.runDesign(smallDoc(), 'small.yaml', { durationSeconds: 60 });
    expect(v.ok && r.ok).toBe(true);
    expect(loads.n).toBe(1);

    const other = counted();
    const r2 = await createLazySimApi(other.load).runDesign(smallDoc(), 'small.yaml', { durationSeconds: 60 });
    expect(r2).toStrictEqual(r);
    expect(other.loads.n).toBe(1);
  });

  it('hands a run that stops on an error to the full API, which reports it as before', async () => {
    const api = createWorkerSimApi();
    const asked: string[] = [];
    const full: SimWorkerApi = { ...api, runDefaultExample: (f, p, c) => (asked.push(f), api.runDefaultExample(f, p, c)) };
    const broken = { apiVersion: 'x', kind: 'Scenario', metadata: { name: 'broken' }, spec: { services: [{ name: 's' }] } } as unknown as Scenario;
    const r = await createLazySimApi(() => Promise.resolve(full), { example: broken }).runDefaultExample(DEFAULT_EXAMPLE);
    expect(asked).toEqual([DEFAULT_EXAMPLE]);
    expect(r.ok).toBe(true); // the example itself, through the full path
  }, 60_000);

  it('with a pause after the first snapshot: nothing more is simulated until the pause ends, and the result is the same', async () => {
    const plain = createLazySimApi(counted().load);
    const whole = await plain.runDefaultExample(DEFAULT_EXAMPLE, () => undefined);
    let resume: () => void = () => undefined;
    const events: string[] = [];
    const paused = createLazySimApi(counted().load).runDefaultExample(
      DEFAULT_EXAMPLE,
      (f, partial) => events.push(partial === undefined ? `progress ${f}` : 'snapshot'),
      undefined,
      () => (events.push('paused'), new Promise<void>((r) => (resume = r))),
    );
    await new Promise((r) => setTimeout(r, 20));
    // The stream's first snapshot (after its first intervals, partial-stream.ts), then the pause: no progress since.
    expect(events.at(-1)).toBe('paused');
    expect(events.filter((e) => e === 'snapshot')).toHaveLength(1);
    expect(events.at(-2)).toBe('snapshot');
    resume();
    const r = await paused;
    expect(events.filter((e) => e === 'snapshot').length).toBeGreaterThan(1);
    expect(r).toStrictEqual(whole);
  }, 60_000);

  it('lets a cancelled run end as cancelled (RunCancelled), not through the full API', () => {
    const scenario = createWorkerSimApi().validateDesign(smallDoc(), 'small.yaml');
    if (!scenario.ok) throw new Error('expected the small design to validate');
    expect(() =>
      runExampleScenario(scenario.scenario, () => {
        throw new RunCancelled();
      }),
    ).toThrow(RunCancelled);
  });
});
