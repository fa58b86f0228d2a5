import type { RunResponse, RunResult } from '@design-sim/sim-core';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTOSAVE_KEY } from '../model/autosave-key.ts';
import { adoptEarlyExample, earlyExampleCancelUrl, earlyWorkerScript, takeEarlyExample, type EarlyExample, type EarlyExampleMessage } from './early-example.ts';

/** A Worker stand-in that records how it was made and lets a test post messages as the worker would. */
class FakeWorker extends EventTarget {
  static made: FakeWorker[] = [];
  constructor(
    readonly url: string,
    readonly options: { type: string; name: string },
  ) {
    super();
    FakeWorker.made.push(this);
  }
  emit(data: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
}

/** Runs the inline script of index.html in this page with `hash` and `saved` (the autosave), as the browser would. */
function runInlineScript(hash: string, saved: string | null): { worker: FakeWorker; early: EarlyExample | null | undefined } {
  FakeWorker.made = [];
  location.hash = hash;
  if (saved === null) localStorage.removeItem(AUTOSAVE_KEY);
  else localStorage.setItem(AUTOSAVE_KEY, saved);
  const real = globalThis.Worker;
  (globalThis as { Worker: unknown }).Worker = FakeWorker;
  try {
    new Function(earlyWorkerScript('./assets/sim.worker-x.js'))();
  } finally {
    globalThis.Worker = real;
  }
  delete window.__designSimWorker;
  return { worker: FakeWorker.made[0]!, early: takeEarlyExample() };
}

const progress = (fraction: number, partial?: RunResult): EarlyExampleMessage =>
  partial === undefined ? { designSimExample: true, kind: 'progress', fraction } : { designSimExample: true, kind: 'progress', fraction, partial };
const done = (response: RunResponse): EarlyExampleMessage => ({ designSimExample: true, kind: 'done', response });

afterEach(() => {
  localStorage.removeItem(AUTOSAVE_KEY);
  location.hash = '';
});

describe("the default example's run started by the worker itself (index.html's inline script)", () => {
  it('on a first visit names the worker with a cancel URL the worker reads back; otherwise starts a plain worker and says so', () => {
    const first = runInlineScript('', null);
    expect(first.worker.url).toBe('./assets/sim.worker-x.js');
    expect(first.worker.options.type).toBe('module');
    expect(first.early).not.toBeNull();
    expect(first.early!.cancelUrl).toMatch(/^blob:/);
    expect(earlyExampleCancelUrl(first.worker.options.name)).toBe(first.early!.cancelUrl);
    // A link in the fragment, or an autosaved design: the page opens that, and no run starts by itself.
    for (const [hash, saved] of [
      ['#z=abc', null],
      ['', '{"doc":{}}'],
    ] as const) {
      const other = runInlineScript(hash, saved);
      expect(other.early).toBeNull();
      expect(other.worker.options.name).toBe('design-sim');
      expect(earlyExampleCancelUrl(other.worker.options.name)).toBeNull();
    }
    // Taken once: a second read finds nothing (undefined, as without an inline script).
    expect(takeEarlyExample()).toBeUndefined();
  });

  it('keeps what the worker sent before the page listened, then passes the rest through, in order, to the answer', async () => {
    const { worker, early } = runInlineScript('', null);
    const snapshot = { progress: 0.01 } as RunResult;
    worker.emit(progress(0.005));
    worker.emit({ id: 'comlink-1', type: 'RETURN' }); // not the example's: ignored
    worker.emit(progress(0.01, snapshot));
    expect(early!.messages).toHaveLength(2);
    const seen: [number, RunResult | undefined][] = [];
    const answer = adoptEarlyExample(worker, early!, (f, p) => seen.push([f, p]));
    expect(seen).toEqual([]); // replayed once the caller has stored the run
    await Promise.resolve();
    expect(seen).toEqual([
      [0.005, undefined],
      [0.01, snapshot],
    ]);
    worker.emit(progress(0.5));
    const response = { ok: false, issues: [] } as RunResponse;
    worker.emit(done(response));
    worker.emit(progress(0.9)); // after the answer: not passed on
    expect(await answer).toBe(response);
    expect(seen.map(([f]) => f)).toEqual([0.005, 0.01, 0.5]);
    expect(early!.messages).toBeNull(); // the inline script's buffer is closed once adopted
  });

  it('resumes a run paused after its first snapshot once the page says that snapshot is shown', async () => {
    const { worker, early } = runInlineScript('', null);
    const { port1, port2 } = new MessageChannel();
    const resumed = new Promise((r) => (port1.onmessage = r));
    let show: () => void = () => undefined;
    const shown = new Promise<void>((r) => (show = r));
    // Paused before the page listened: the inline script keeps the message (and its port) with the others.
    worker.emit({ designSimExample: true, kind: 'paused', resume: port2 } satisfies EarlyExampleMessage);
    void adoptEarlyExample(worker, early!, () => undefined, () => shown);
    let answered = false;
    void resumed.then(() => (answered = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(answered).toBe(false); // not before the first result is on screen
    show();
    await resumed;
    port1.close();
  });

  it("rejects with the worker's message when the run failed (a cancelled run, for one)", async () => {
    const { worker, early } = runInlineScript('', null);
    const answer = adoptEarlyExample(worker, early!, () => undefined);
    await Promise.resolve();
    worker.emit({ designSimExample: true, kind: 'failed', message: 'cancelled' } satisfies EarlyExampleMessage);
    await expect(answer).rejects.toThrow('cancelled');
  });
});
