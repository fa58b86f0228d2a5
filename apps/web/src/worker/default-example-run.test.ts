import { createSimApi, type SimApi } from '@design-sim/sim-core';
import { describe, expect, it } from 'vitest';
import { defaultDesign } from '../boot.ts';
import { designFileName } from '../hooks/useDesign.ts';
import { DEFAULT_EXAMPLE } from '../model/default-example-file.ts';
import { withoutCanvas } from '../model/scenario-yaml.ts';
import { fakeWorkerFactory } from '../test-support/fake-worker.ts';
import { smallDoc } from '../test-support/fixtures.ts';
import type { EarlyExample, EarlyExampleMessage } from './early-example.ts';
import { createSimClient, type WorkerLike } from './sim-client.ts';
import { createWorkerSimApi } from './worker-sim-api.ts';

/** A SimApi that records what each run reads (text and file name, or the scenario) and answers without simulating. */
function recordingApi(): { api: SimApi; runs: unknown[] } {
  const real = createSimApi();
  const runs: unknown[] = [];
  return {
    runs,
    api: {
      ...real,
      run: (text, fileName) => (runs.push({ text, fileName }), { ok: false, issues: [] }),
      runScenario: (scenario) => (runs.push({ scenario }), { ok: true, result: { timeseries: null } as never, warnings: [] }),
    },
  };
}

describe("the default example's run, started before the page has read its design (main.tsx)", () => {
  it('runs exactly what the app runs when it opens the example: the same scenario (or text and file name)', async () => {
    const boot = await defaultDesign();
    expect(boot.pristineExample).toBe(true);
    expect(designFileName(boot.doc)).toBe(DEFAULT_EXAMPLE);
    const early = recordingApi();
    createWorkerSimApi(early.api).runDefaultExample(DEFAULT_EXAMPLE);
    const app = recordingApi();
    createWorkerSimApi(app.api).runDesign(withoutCanvas(boot.doc), designFileName(boot.doc));
    expect(early.runs).toHaveLength(1);
    expect(early.runs).toStrictEqual(app.runs);
  });

  it('is taken over when the page opens the example unchanged, with what it already sent; else it makes way', async () => {
    const boot = await defaultDesign();
    const doc = withoutCanvas(boot.doc);
    const { create, started } = fakeWorkerFactory();
    const client = createSimClient(create);
    client.prestartExample();
    client.prestart(doc, DEFAULT_EXAMPLE, true);
    const fractions: number[] = [];
    const run = client.run(doc, DEFAULT_EXAMPLE, undefined, (f) => fractions.push(f));
    const outcome = await run.outcome;
    expect(outcome.kind === 'done' && outcome.response.ok).toBe(true);
    expect(started).toHaveLength(1); // one worker, one run
    expect(fractions.at(-1)).toBe(1);
    // It ran the example engine only (lazy-sim-api.ts) and then loaded the full API: the next run goes to the same worker.
    const next = client.run(smallDoc(), 'small.yaml', { durationSeconds: 60 });
    const o = await next.outcome;
    expect(o.kind === 'done' && o.response.ok).toBe(true);
    expect(started).toHaveLength(1);

    const other = createSimClient(fakeWorkerFactory().create);
    other.prestartExample();
    other.prestart(doc, 'my-design.yaml', false); // an autosaved design after all: the example's run is cancelled
    const mine = other.run(doc, 'my-design.yaml');
    expect((await mine.outcome).kind).toBe('done');
    client.dispose();
    other.dispose();
  }, 60_000);
});

/** The worker index.html started, running the example by itself: a test posts its messages (early-example.ts). */
function earlyWorker() {
  const target = new EventTarget();
  const w = Object.assign(target, {
    terminated: false,
    postMessage: () => undefined,
    terminate: () => void (w.terminated = true),
    emit: (data: EarlyExampleMessage) => target.dispatchEvent(new MessageEvent('message', { data })),
  });
  return w;
}

describe("the default example's run started by the worker itself (index.html's inline script)", () => {
  it('is taken over with what it already sent, and answers from its own messages', async () => {
    const boot = await defaultDesign();
    const doc = withoutCanvas(boot.doc);
    const w = earlyWorker();
    const early: EarlyExample = { cancelUrl: 'blob:early', messages: [{ designSimExample: true, kind: 'progress', fraction: 0.02 }] };
    const client = createSimClient(() => w as WorkerLike);
    client.prestartExample(early);
    client.prestart(doc, DEFAULT_EXAMPLE, true);
    const fractions: number[] = [];
    const run = client.run(doc, DEFAULT_EXAMPLE, undefined, (f) => fractions.push(f));
    await Promise.resolve();
    w.emit({ designSimExample: true, kind: 'progress', fraction: 0.5 });
    const response = createWorkerSimApi().runDesign(smallDoc(), 'small.yaml', { durationSeconds: 60 });
    w.emit({ designSimExample: true, kind: 'done', response });
    const outcome = await run.outcome;
    expect(outcome.kind === 'done' && outcome.response).toBe(response);
    expect(fractions).toEqual([0.02, 0.5]);
    expect(w.terminated).toBe(false); // the worker stays for the next run
    client.dispose();
  });

  it('is cancelled by revoking its cancel URL and ending its worker when the page opens another design', async () => {
    const w = earlyWorker();
    const revoked: string[] = [];
    const realRevoke = URL.revokeObjectURL;
    URL.revokeObjectURL = (u: string) => void revoked.push(u);
    try {
      const client = createSimClient(() => w as WorkerLike);
      client.prestartExample({ cancelUrl: 'blob:early', messages: [] });
      client.prestart(smallDoc(), 'my-design.yaml', false);
      expect(revoked).toEqual(['blob:early']);
      expect(w.terminated).toBe(true);
      client.dispose();
    } finally {
      URL.revokeObjectURL = realRevoke;
    }
  });
});
