import { createSimApi, type SimApi } from '@design-sim/sim-core';
import { expose } from 'comlink';
import { describe, expect, it } from 'vitest';
import { docToYaml } from '../model/scenario-yaml.ts';
import { smallDoc } from '../test-support/fixtures.ts';
import { throttleProgress } from './progress-throttle.ts';
import { createSimClient, type WorkerLike } from './sim-client.ts';
import { resultBuffers } from './transferable-result.ts';
import { createWorkerValidator } from './validation-client.ts';
import { createWorkerSimApi } from './worker-sim-api.ts';

/** A stand-in worker: the SimApi exposed over a MessageChannel in this thread; `terminate` closes it. */
function fakeWorkerFactory(api: SimApi = createWorkerSimApi()) {
  const started: { terminated: boolean }[] = [];
  const create = (): WorkerLike => {
    const { port1, port2 } = new MessageChannel();
    expose(api, port2);
    const record = { terminated: false };
    started.push(record);
    return {
      postMessage: (msg: unknown, transfer?: unknown) => port1.postMessage(msg, transfer as Transferable[]),
      addEventListener: port1.addEventListener.bind(port1) as WorkerLike['addEventListener'],
      removeEventListener: port1.removeEventListener.bind(port1) as WorkerLike['removeEventListener'],
      terminate: () => {
        record.terminated = true;
        port1.close();
        port2.close();
      },
    };
  };
  return { create, started };
}

const text = docToYaml(smallDoc());

describe('simulator client', () => {
  it('runs scenario text in the worker, reports progress, and answers with the result', async () => {
    const { create } = fakeWorkerFactory();
    const client = createSimClient(create);
    const progress: number[] = [];
    const outcome = await client.run(text, 'small.yaml', undefined, (f) => progress.push(f)).outcome;
    expect(outcome.kind).toBe('done');
    if (outcome.kind !== 'done' || !outcome.response.ok) throw new Error('expected a result');
    expect(outcome.response.result.summary!.peakGpus).toBe(6);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(1);
    client.dispose();
  });

  it('answers a design the simulator rejects with its issues, not an exception', async () => {
    const client = createSimClient(fakeWorkerFactory().create);
    const outcome = await client.run('kind: nope', 'bad.yaml').outcome;
    expect(outcome.kind === 'done' && !outcome.response.ok && outcome.response.issues.length > 0).toBe(true);
    client.dispose();
  });

  it('cancels by terminating the worker; the next run starts a fresh one; a new run cancels the one in progress', async () => {
    const { create, started } = fakeWorkerFactory();
    const client = createSimClient(create);
    const first = client.run(text, 'a.yaml');
    first.cancel();
    expect(await first.outcome).toEqual({ kind: 'cancelled' });
    expect(started[0]!.terminated).toBe(true);
    expect(client.busy()).toBe(false);
    const second = client.run(text, 'b.yaml');
    const third = client.run(text, 'c.yaml');
    expect(await second.outcome).toEqual({ kind: 'cancelled' });
    expect((await third.outcome).kind).toBe('done');
    expect(started).toHaveLength(3);
    client.dispose();
  });

  it('reports a crash in the worker as a failed run', async () => {
    const api = createWorkerSimApi();
    const broken: SimApi = { ...api, run: () => { throw new Error('engine bug'); } };
    const client = createSimClient(fakeWorkerFactory(broken).create);
    expect(await client.run(text, 'x.yaml').outcome).toEqual({ kind: 'failed', message: 'engine bug' });
    client.dispose();
  });

  it('validates through the same worker contract', async () => {
    const validate = createWorkerValidator(fakeWorkerFactory().create);
    const r = await validate(text, 'small.yaml');
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
    expect(resultBuffers(r)).toHaveLength(Object.keys(r.result.timeseries!).length);
    expect(resultBuffers({ ok: false, issues: [] })).toEqual([]);
  });
});
