/**
 * What a run in the worker sends back while it goes: the fraction done about once per percent,
 * and a snapshot of the result so far (charts grow left to right, cards update) as soon as the first
 * intervals are simulated and then every `everyMs` of wall time. A snapshot copies the series, so it is taken only
 * when it will be sent; its buffers are handed over, not cloned.
 */
import type { ProgressCallback, RunResult } from '@design-sim/sim-core';
import { transfer } from 'comlink';
import { throttleProgress } from './progress-throttle.ts';
import { RunCancelled } from './run-cancel.ts';
import { resultBuffers } from './transferable-result.ts';

/** The main thread's progress callback: a fraction, and now and then the result so far. */
export type StreamCallback = (fraction: number, partial?: RunResult) => void;

/**
 * Pacing of snapshots: the first once `firstIntervals` intervals are simulated (a line needs two points;
 * waiting for wall time instead would only delay the first numbers), then every `everyMs` of wall time
 * for the first `fastForMs`, then every `slowEveryMs` (a long run's later snapshots matter less than
 * a free main thread: each one re-renders the charts, cards and canvas badges).
 */
export interface StreamPacing {
  firstIntervals: number;
  everyMs: number;
  fastForMs: number;
  slowEveryMs: number;
}

/** First snapshot after two intervals (something to draw), 4 a second for the first 1.5 s, then 2 a second. */
export const DEFAULT_PACING: StreamPacing = { firstIntervals: 2, everyMs: 250, fastForMs: 1500, slowEveryMs: 500 };

/**
 * Adapts the engine's progress callback to `send`, pacing snapshots by the clock `now` (ms); at each
 * interval boundary a `cancelled()` run throws RunCancelled, which ends it (run-cancel.ts).
 */
export function streamPartials(send: StreamCallback, now: () => number, pacing: StreamPacing = DEFAULT_PACING, cancelled: () => boolean = () => false): ProgressCallback {
  const started = now();
  let intervals = 0;
  let next = Infinity; // set by the first snapshot
  // The fraction at most every 100 ms of wall time (and at the end): each one repaints the run line.
  let lastFraction = -Infinity;
  const fraction = throttleProgress((f) => {
    const t = now();
    if (f < 1 && t - lastFraction < 100) return;
    lastFraction = t;
    send(f);
  });
  return (f, partial) => {
    if (cancelled()) throw new RunCancelled();
    const t = now();
    intervals += 1;
    if (f < 1 && (intervals === pacing.firstIntervals || t >= next)) {
      next = t + (t - started < pacing.fastForMs ? pacing.everyMs : pacing.slowEveryMs);
      const r = partial();
      send(f, transfer(r, resultBuffers({ ok: true, result: r, warnings: [] })));
      return;
    }
    fraction(f);
  };
}
