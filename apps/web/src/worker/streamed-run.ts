/**
 * How a run in the worker talks to the page: its progress callback adapted to streamed snapshots
 * (partial-stream.ts) with cancellation by URL (run-cancel.ts), and its response's series handed over.
 * Shared by the engine-only first run (example-first-run.ts) and the full API (worker-sim-api.ts).
 */
import type { ProgressCallback, RunResponse } from '@design-sim/sim-core';
import { transfer } from 'comlink';
import { streamPartials, DEFAULT_PACING, type StreamCallback } from './partial-stream.ts';
import { cancelledBy } from './run-cancel.ts';
import { resultBuffers } from './transferable-result.ts';

/** The response with its series' buffers transferred, not copied. */
export function handOver(response: RunResponse): RunResponse {
  return transfer(response, resultBuffers(response));
}

const now = () => performance.now();

/**
 * A snapshot function cannot be structured-cloned: across the worker boundary the main thread's
 * callback (a comlink proxy) receives the fraction and, now and then, the result so far as data;
 * revoking `cancelUrl` stops the run.
 */
export function streamed(onProgress: ProgressCallback, cancelUrl?: string): ProgressCallback {
  return streamPartials(onProgress as unknown as StreamCallback, now, DEFAULT_PACING, cancelledBy(cancelUrl, now));
}
