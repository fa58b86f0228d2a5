/** The worker side of the sweep contract (worker-protocol.ts); also called in-process when no worker file exists. */
import { createSimApi, formatIssue } from '@design-sim/sim-core';
import type { MessagePort } from 'node:worker_threads';
import { fileTraceOpener } from '../io/trace-file.ts';
import { SWEEP_WORKER_KIND, type SweepRequest, type SweepResponse, type SweepWorkerData } from './worker-protocol.ts';

/** True for the worker data the sweep starts its threads with. */
export function isSweepWorkerData(data: unknown): data is SweepWorkerData {
  return typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === SWEEP_WORKER_KIND;
}

/** Runs one variant; never throws (a failure is an answer). */
export function handleSweepRequest(req: SweepRequest): SweepResponse {
  try {
    const traces = fileTraceOpener(req.fileName, process.cwd());
    const r = createSimApi().run(req.text, req.fileName, req.seed === undefined ? { traces } : { seed: req.seed, traces });
    if (!r.ok) return { id: req.id, ok: false, message: r.issues.map(formatIssue).join('; '), issues: r.issues };
    const { seed, summary, training, costs, expectations, claims, diagnostics, pass } = r.result;
    return { id: req.id, ok: true, outcome: { seed, summary, training, costs, expectations, claims, diagnostics, pass } };
  } catch (e) {
    return { id: req.id, ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/** Serves requests on `port` until the main thread terminates the worker. */
export function serveSweepRequests(port: MessagePort): void {
  port.on('message', (req: SweepRequest) => port.postMessage(handleSweepRequest(req)));
}
