import { createSimApi } from '@design-sim/sim-core';
import { describe, expect, it, vi } from 'vitest';
import { docToYaml } from '../model/scenario-yaml.ts';
import { fakeWorkerFactory } from '../test-support/fake-worker.ts';
import { smallDoc } from '../test-support/fixtures.ts';
import { streamPartials } from './partial-stream.ts';
import { throttleProgress } from './progress-throttle.ts';
import { createSimClient } from './sim-client.ts';
import { resultBuffers } from './transferable-result.ts';
import { createWorkerValidator } from './validation-client.ts';
import { createWorkerSimApi, type SimWorkerApi } from './worker-sim-api.ts';

const doc = smallDoc();
const text = docToYaml(doc);

describe('simulator client', () => {
  it('runs scenario text in the worker, reports progress, and answers with the result', async () => {
    const { create } = fakeWorkerFactory();
    const client = createSimClient(create);
    const progress: number[] = [];
    const outcome = await client.run(doc, 'small.yaml', undefined, (f) => progress.push(f)).outcome;
    expect(outcome.kind).toBe('done');
    if (outcome.kind !== 'done' || !outcome.response.ok) throw new Error('expected a result');
    expect(outcome.response.result.summary!.peakGpus).toBe(6);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(1);
    client.dispose();
  });

  it('answers a design the simulator rejects with its issues, not an exception', async () => {
    const client = createSimClient(fakeWorkerFactory().create);
    const outcome = await client.run({ kind: 'nope' }, 'bad.yaml').outcome;
    expect(outcome.kind === 'done' && !outcome.response.ok && outcome.response.issues.length > 0).toBe(true);
    client.dispose();
  });

  it('cancels by terminating the worker; the next run starts a fresh one; a new run cancels the one in progress', async () => {
    const { create, started } = fakeWorkerFactory();
    const client = createSimClient(create);
    const first = client.run(doc, 'a.yaml');
    first.cancel();
    expect(await first.outcome).toEqual({ kind: 'cancelled' });
    expect(started[0]!.terminated).toBe(true);
    expect(client.busy()).toBe(false);
    const second = client.run(doc, 'b.yaml');
    const third = client.run(doc, 'c.yaml');
    expect(await second.outcome).toEqual({ kind: 'cancelled' });
    expect((await third.outcome).kind).toBe('done');
    expect(started).toHaveLength(3);
    client.dispose();
  });

  it('reports a crash in the worker as a failed run', async () => {
    const api = createWorkerSimApi();
    const broken: SimWorkerApi = { ...api, runDesign: () => { throw new Error('engine bug'); } };
    const client = createSimClient(fakeWorkerFactory(broken).create);
    expect(await client.run(doc, 'x.yaml').outcome).toEqual({ kind: 'failed', message: 'engine bug' });
    client.dispose();
  });

  it('validates through the same worker contract: the worker writes the document as YAML', async () => {
    const validate = createWorkerValidator(fakeWorkerFactory().create);
    const r = await validate(doc, 'small.yaml');
    expect(r).toEqual(createSimApi().validate(text, 'small.yaml'));
  });
});

describe('worker helpers', () => {
  it('throttles progress to about one message per percent, always sending the end', () => {
    const seen: number[] = [];
    const p = throttleProgress((f) => seen.push(f));
    for (let i = 0; i <= 1000; i++) p(i / 1000);
    expect(seen.length).toBeLessThanOrEqual(101);
    expect(seen.at(-1)).toBe(1);
  });

  it('hands over every series buffer of a result', () => {
    const r = createSimApi().run(text, 'small.yaml');
    if (!r.ok) throw new Error('expected a result');
    const perService = Object.values(r.result.services!).reduce((a, s) => a + Object.keys(s.timeseries).length, 0);
    // servedQps, failedQps, latencyP99Ms, readyReplicas, utilization, slotsInUse, waiting.
    expect(perService).toBe(7);
    expect(resultBuffers(r)).toHaveLength(Object.keys(r.result.timeseries!).length + perService);
    expect(resultBuffers({ ok: false, issues: [] })).toEqual([]);
  });
});

describe('streamed partial results', () => {
  it('sends a first snapshot once two intervals are simulated, then one per pacing period, and fractions in between', () => {
    let clock = 0;
    const sent: { f: number; progress?: number; points?: number }[] = [];
    const on = streamPartials((f, partial) => sent.push({ f, ...(partial ? { progress: partial.progress, points: partial.timeseries!.t.length } : {}) }), () => clock, { firstIntervals: 2, everyMs: 30, fastForMs: 1000, slowEveryMs: 500 });
    const r = createSimApi().run(text, 'small.yaml', undefined, (f, partial) => {
      clock += 10; // each interval boundary 10 ms of wall time later
      on(f, partial);
    });
    expect(r.ok).toBe(true);
    const snaps = sent.filter((s) => s.progress !== undefined);
    expect(snaps.length).toBeGreaterThanOrEqual(1);
    // 10 intervals of the 10-minute design, 10 ms apart: the first snapshot after 2 of them, the next 30 ms later.
    expect(snaps[0]).toEqual({ f: 0.2, progress: 0.2, points: 2 });
    expect(snaps[1]).toEqual({ f: 0.5, progress: 0.5, points: 5 });
    expect(sent.at(-1)!.f).toBe(1);
  });

  it('the client hands snapshots to the caller as data, through the real worker contract', async () => {
    const client = createSimClient(fakeWorkerFactory().create);
    const partials: number[] = [];
    const outcome = await client.run(doc, 'small.yaml', undefined, (_f, partial) => partial && partials.push(partial.timeseries!.t.length)).outcome;
    expect(outcome.kind).toBe('done');
    expect(partials.every((n) => n > 0 && n <= 10)).toBe(true);
    client.dispose();
  });
});

describe('a prestarted run', () => {
  it('is taken over by the next run of the same design, with what it already sent; another design cancels it', async () => {
    const { create, started } = fakeWorkerFactory();
    const client = createSimClient(create);
    client.prestart(doc, 'small.yaml');
    await new Promise((r) => setTimeout(r, 0));
    const heard: number[] = [];
    const taken = client.run(smallDoc(), 'small.yaml', undefined, (f) => heard.push(f));
    const outcome = await taken.outcome;
    expect(outcome.kind === 'done' && outcome.response.ok).toBe(true);
    expect(started).toHaveLength(1); // no second worker: the same run
    expect(heard.at(-1)).toBe(1);
    client.prestart(doc, 'small.yaml');
    const other = client.run(smallDoc({ qps: 60 }), 'small.yaml');
    expect(started[0]!.terminated).toBe(true); // the prestarted run ended with its worker
    expect((await other.outcome).kind).toBe('done');
    client.dispose();
  });
});

describe('warm workers', () => {
  it('each of the two spares runs the design once for one simulated second, so its code is warm for the next edit', async () => {
    const api = createWorkerSimApi();
    const calls: (number | undefined)[] = [];
    const recording: SimWorkerApi = { ...api, runDesign: (d, f, o, p) => (calls.push(o?.durationSeconds), api.runDesign(d, f, o, p)) };
    const client = createSimClient(fakeWorkerFactory(recording).create);
    client.prewarm();
    await client.run(doc, 'a.yaml', undefined, () => undefined).outcome;
    // The spares load one after the other after the run: waited for, not timed (a fixed 50 ms failed under load).
    await vi.waitFor(() => expect(calls).toEqual([undefined, 1, 1]), { timeout: 10_000, interval: 10 });
    client.dispose();
  });

  it('after prewarm a loaded spare replaces a cancelled run at once, and a new spare starts loading', async () => {
    const { create, started } = fakeWorkerFactory();
    const client = createSimClient(create);
    client.prewarm();
    expect(started).toHaveLength(1); // the worker; its spare waits until a run is under way
    let underway!: () => void;
    const heard = new Promise<void>((r) => (underway = r));
    const first = client.run(doc, 'a.yaml', undefined, (_f, partial) => partial && underway());
    await heard;
    expect(started).toHaveLength(2); // the spare loads once the first run has sent its first snapshot
    const second = client.run(doc, 'b.yaml'); // cancels the first: its worker ends, the spare takes over
    expect(started[0]!.terminated).toBe(true);
    expect(started).toHaveLength(2);
    expect(await first.outcome).toEqual({ kind: 'cancelled' });
    expect((await second.outcome).kind).toBe('done');
    expect(started).toHaveLength(3); // the next spare
    client.dispose();
    expect(started.every((w) => w.terminated)).toBe(true);
  });

  it('keeps two loaded spares, loaded one after the other, so edits in a row each find a loaded worker', async () => {
    const { create, started } = fakeWorkerFactory();
    const client = createSimClient(create);
    client.prewarm();
    await client.run(doc, 'a.yaml', undefined, () => undefined).outcome;
    // The worker and two spares, loaded one after the other: waited for, then the last one given time to load.
    await vi.waitFor(() => expect(started).toHaveLength(3), { timeout: 10_000, interval: 10 });
    await new Promise((r) => setTimeout(r, 100));
    const runs = [client.run(doc, 'b.yaml'), client.run(doc, 'c.yaml'), client.run(doc, 'd.yaml')];
    // b's run went to the idle first worker; c and d each cancelled the run before and took a loaded spare: no cold worker.
    expect(started).toHaveLength(3);
    expect(started.slice(0, 2).map((w) => w.terminated)).toEqual([true, true]);
    expect(await runs[0]!.outcome).toEqual({ kind: 'cancelled' });
    expect(await runs[1]!.outcome).toEqual({ kind: 'cancelled' });
    expect((await runs[2]!.outcome).kind).toBe('done');
    client.dispose();
  });

  it('the first spare waits for the page to show its first result, and the validation worker too', async () => {
    const { create, started } = fakeWorkerFactory();
    let shown!: () => void;
    const firstResult = new Promise<void>((r) => (shown = r));
    const client = createSimClient(create, () => performance.now(), () => firstResult);
    client.prewarm();
    let underway!: () => void;
    const heard = new Promise<void>((r) => (underway = r));
    void client.run(doc, 'a.yaml', undefined, () => underway());
    await heard;
    await new Promise((r) => setTimeout(r, 20));
    expect(started).toHaveLength(1); // the run is under way, but nothing is on screen yet
    const validatorWorkers = fakeWorkerFactory();
    const validate = createWorkerValidator(validatorWorkers.create, () => firstResult);
    const answer = validate(doc, 'a.yaml');
    await new Promise((r) => setTimeout(r, 20));
    expect(validatorWorkers.started).toHaveLength(0);
    shown();
    await new Promise((r) => setTimeout(r, 20));
    expect(started.length).toBeGreaterThanOrEqual(2); // now the spares load
    expect((await answer).ok).toBe(true); // and the validation runs, in request order
    expect(validatorWorkers.started).toHaveLength(1);
    client.dispose();
  });
});
