/**
 * The default example's first run, started by the worker itself. On a first visit (no link, nothing
 * autosaved) index.html's inline script starts the simulator worker with a name that says "run the
 * example" and carries a cancel URL (run-cancel.ts); the worker starts the run as soon as its chunk has
 * been evaluated, without waiting for a message from the page. A message from the page could not arrive
 * sooner: Chromium holds messages posted to a worker until its script has been evaluated and then
 * forwards them from the page's main thread, which at that moment is busy evaluating the app's chunk
 * (30–65 ms of waiting in traces at load 1–4; docs/performance.md, "seventh pass").
 *
 * The run talks to the page with plain messages (comlink ignores messages without its id): progress with
 * snapshots, then the answer. The inline script buffers them until the page's entry adopts the run
 * (sim-client.ts's `prestartExample`), so nothing is lost if the worker is faster than the page.
 * Three parties share this protocol, all from this file: the inline script (written by `earlyWorkerScript`
 * at build time), the worker (`isEarlyExampleWorker`, `EarlyExampleMessage`) and the page (`adoptEarlyExample`).
 */
import type { RunResponse, RunResult } from '@design-sim/sim-core';
import { AUTOSAVE_KEY } from '../model/autosave-key.ts';

/**
 * Longest pause of the example's run after its first snapshot, ms: the page says when that snapshot is on screen
 * (usually 40–130 ms later); a page that has not taken the run over by then (a slow boot) gets its core back too,
 * and after this the run goes on regardless.
 */
export const EARLY_PAUSE_MAX_MS = 400;

/** The worker's name when it runs the example by itself: this prefix, then the run's cancel URL. */
const EXAMPLE_NAME_PREFIX = 'design-sim example ';

/** The global the inline script keeps the early worker in (new-sim-worker.ts takes it). */
export const EARLY_WORKER_GLOBAL = '__designSimWorker';
/** The global the inline script keeps the example run's cancel URL and buffered messages in. */
export const EARLY_EXAMPLE_GLOBAL = '__designSimExample';

/** A plain message of the example's run, worker → page. */
export type EarlyExampleMessage = { designSimExample: true } & (
  | { kind: 'progress'; fraction: number; partial?: RunResult }
  /** The run has sent its first snapshot and waits (at most `EARLY_PAUSE_MAX_MS`) for a message on `resume`. */
  | { kind: 'paused'; resume: MessagePort }
  | { kind: 'done'; response: RunResponse }
  | { kind: 'failed'; message: string }
);

/** What the inline script leaves for the page: the run's cancel URL and the messages that came before anyone listened. */
export interface EarlyExample {
  cancelUrl: string;
  /** Buffered until the page adopts the run; null from then on (the inline script stops buffering). */
  messages: EarlyExampleMessage[] | null;
}

declare global {
  interface Window {
    /** The first simulator worker, started by index.html's inline script before any module ran. */
    [EARLY_WORKER_GLOBAL]?: Worker;
    /** Set by the inline script: the example run that worker started by itself, or null (not a first visit). */
    [EARLY_EXAMPLE_GLOBAL]?: EarlyExample | null;
  }
}

/**
 * The inline script of index.html (vite.config.ts) for the worker chunk `workerFile`: starts the worker at once and,
 * on a first visit, has it run the default example (main.tsx's `opensDefaultExample` is the same rule, for the dev server).
 */
export function earlyWorkerScript(workerFile: string): string {
  const firstVisit = `location.hash.length<=1&&localStorage.getItem(${JSON.stringify(AUTOSAVE_KEY)})==null`;
  return (
    `(function(){try{var e=null;try{if(${firstVisit})e={cancelUrl:URL.createObjectURL(new Blob([''])),messages:[]}}catch{}` +
    `var w=new Worker(${JSON.stringify(workerFile)},{type:'module',name:e?${JSON.stringify(EXAMPLE_NAME_PREFIX)}+e.cancelUrl:'design-sim'});` +
    `if(e)w.addEventListener('message',function(m){if(m.data&&m.data.designSimExample===true&&e.messages)e.messages.push(m.data)});` +
    `window.${EARLY_WORKER_GLOBAL}=w;window.${EARLY_EXAMPLE_GLOBAL}=e}catch{}})()`
  );
}

/** In the worker: the cancel URL when its name asks it to run the example by itself, else null. */
export function earlyExampleCancelUrl(workerName: string): string | null {
  return workerName.startsWith(EXAMPLE_NAME_PREFIX) ? workerName.slice(EXAMPLE_NAME_PREFIX.length) : null;
}

/**
 * On the page, once: the example run the inline script started, null when it decided on none (not a first visit),
 * undefined when there was no inline script (the dev server) or it failed.
 */
export function takeEarlyExample(): EarlyExample | null | undefined {
  if (typeof window === 'undefined') return undefined;
  const e = window[EARLY_EXAMPLE_GLOBAL];
  delete window[EARLY_EXAMPLE_GLOBAL];
  return e;
}

/**
 * On the page: the answer of the example's run in `worker`, its progress (with snapshots) passed to `onProgress`:
 * first what the inline script buffered, then what comes.
 */
export function adoptEarlyExample(
  worker: Pick<Worker, 'addEventListener' | 'removeEventListener'>,
  early: EarlyExample,
  onProgress: (fraction: number, partial?: RunResult) => void,
  shown: () => Promise<unknown> = () => Promise.resolve(),
): Promise<RunResponse> {
  return new Promise((resolve, reject) => {
    const handle = (m: EarlyExampleMessage) => {
      if (m.kind === 'progress') onProgress(m.fraction, m.partial);
      // The run waits for its first snapshot to be on screen (`shown`), then goes on.
      else if (m.kind === 'paused') void shown().then(() => m.resume.postMessage(null));
      else {
        worker.removeEventListener('message', listener);
        if (m.kind === 'done') resolve(m.response);
        else reject(new Error(m.message));
      }
    };
    const listener = (ev: Event) => {
      const data = (ev as MessageEvent).data as EarlyExampleMessage | undefined;
      if (data?.designSimExample === true) handle(data);
    };
    const buffered = early.messages ?? [];
    // From now on messages come here, not to the buffer (the inline script's listener checks it). The buffered ones
    // are replayed after the caller has stored the run (as a worker's message would come), and before any new one.
    early.messages = null;
    queueMicrotask(() => {
      worker.addEventListener('message', listener);
      for (const m of buffered) handle(m);
    });
  });
}
