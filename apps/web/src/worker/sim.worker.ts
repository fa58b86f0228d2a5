// The simulator's worker: it only serves sim-core's SimApi (STYLE.md §3); the app wraps it in sim-client.ts.
// Its first chunk holds what the default example's first run needs (the engine); the rest is loaded on demand (lazy-sim-api.ts).
import type { ProgressCallback, RunResponse, RunResult } from '@design-sim/sim-core';
import { expose } from 'comlink';
import { DEFAULT_EXAMPLE } from '../model/default-example-file.ts';
import { EARLY_PAUSE_MAX_MS, earlyExampleCancelUrl, type EarlyExampleMessage } from './early-example.ts';
import { createLazySimApi } from './lazy-sim-api.ts';
import type { StreamCallback } from './partial-stream.ts';
import { resultBuffers } from './transferable-result.ts';

const full = () => import('./worker-sim-api.ts');
const api = createLazySimApi(() => full().then((m) => m.createWorkerSimApi()), { afterExampleRun: (a) => void full().then((m) => m.warmParse(a)) });
expose(api);

// A first visit: index.html's inline script named this worker to run the default example at once (early-example.ts).
const cancelUrl = earlyExampleCancelUrl(self.name);
if (cancelUrl !== null) queueMicrotask(() => runEarlyExample(cancelUrl));

function runEarlyExample(url: string): void {
  // The worker's postMessage (the app's typings describe a window's).
  const scope = self as unknown as { postMessage(message: EarlyExampleMessage, transfer: Transferable[]): void };
  const post = (m: EarlyExampleMessage, transfer: Transferable[] = []) => scope.postMessage(m, transfer);
  // After its first snapshot the run hands the cores to the page until the page has painted it (early-example.ts).
  const pauseAfterFirst = () =>
    new Promise<void>((resume) => {
      const { port1, port2 } = new MessageChannel();
      const timer = setTimeout(go, EARLY_PAUSE_MAX_MS);
      port1.onmessage = go;
      post({ designSimExample: true, kind: 'paused', resume: port2 }, [port2]);
      function go(): void {
        clearTimeout(timer);
        port1.close();
        resume();
      }
    });
  const response = (r: RunResponse) => post({ designSimExample: true, kind: 'done', response: r }, resultBuffers(r));
  const progress: StreamCallback = (fraction, partial?: RunResult) =>
    partial === undefined
      ? post({ designSimExample: true, kind: 'progress', fraction })
      : post({ designSimExample: true, kind: 'progress', fraction, partial }, resultBuffers({ ok: true, result: partial, warnings: [] }));
  try {
    // streamed() calls back with data, as it does a comlink proxy of the page's callback (streamed-run.ts).
    void Promise.resolve(api.runDefaultExample(DEFAULT_EXAMPLE, progress as unknown as ProgressCallback, url, pauseAfterFirst)).then(response, failed);
  } catch (e) {
    failed(e);
  }
  function failed(e: unknown): void {
    post({ designSimExample: true, kind: 'failed', message: e instanceof Error ? e.message : String(e) });
  }
}
