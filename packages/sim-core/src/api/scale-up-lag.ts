/**
 * How long an HPA scale-up takes to become serving capacity: for each scale-up decision (an `hpa-scale`
 * event to `to` replicas at t0), the time until ready replicas reach `to`, or the desired count when a later
 * decision lowered it. This is the chain an answer's "scale-up time" promises: metric lag is before the
 * decision; node provisioning, image pull, model load and readiness are after it.
 */
import type { EngineEvent } from '../engine/engine-result.ts';
import type { TimeSeries } from '../metrics/timeseries.ts';

/** Scale-up waits in minutes: median and longest, and how many decisions there were. */
export interface ScaleUpLag {
  p50Minutes: number;
  maxMinutes: number;
  decisions: number;
}

/**
 * Scale-up waits of a run with one scaled service (ready replicas are summed over services, so with
 * several the waits would mix them: null). Measured at interval ends, so to within one `interval`; a
 * decision still waiting when the run ends counts until then. Null when there was no scale-up.
 */
export function scaleUpLag(events: readonly EngineEvent[], ts: TimeSeries, serviceCount: number, endSeconds: number): ScaleUpLag | null {
  if (serviceCount !== 1) return null;
  const waits: number[] = [];
  for (const e of events) {
    if (e.kind !== 'hpa-scale' || e.to === undefined || e.from === undefined || e.to <= e.from) continue;
    let done = endSeconds;
    for (let i = 0; i < ts.t.length; i++) {
      const t = ts.t[i]!;
      if (t < e.t) continue;
      if (ts.readyReplicas[i]! >= Math.min(e.to, ts.desiredReplicas[i]!)) {
        done = t;
        break;
      }
    }
    waits.push((done - e.t) / 60);
  }
  if (waits.length === 0) return null;
  waits.sort((a, b) => a - b);
  const mid = waits.length >> 1;
  const p50 = waits.length % 2 === 1 ? waits[mid]! : (waits[mid - 1]! + waits[mid]!) / 2;
  return { p50Minutes: p50, maxMinutes: waits[waits.length - 1]!, decisions: waits.length };
}
