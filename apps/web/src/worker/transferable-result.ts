/**
 * The buffers of a run response's series, so the worker hands them over (`transfer`) instead of
 * copying them: the main thread gets the result without a structured-clone pass over the arrays.
 */
import type { RunResponse } from '@design-sim/sim-core';

/** The ArrayBuffers inside a response (empty for an error or a training-only run). */
export function resultBuffers(response: RunResponse): ArrayBuffer[] {
  if (!response.ok || response.result.timeseries === null) return [];
  const seen = new Set<ArrayBuffer>();
  for (const series of Object.values(response.result.timeseries)) {
    if (series.buffer instanceof ArrayBuffer) seen.add(series.buffer);
  }
  // Each service's own series (a service graph) travel the same way.
  for (const svc of Object.values(response.result.services ?? {})) {
    for (const series of Object.values(svc.timeseries)) if (series.buffer instanceof ArrayBuffer) seen.add(series.buffer);
  }
  return [...seen];
}
