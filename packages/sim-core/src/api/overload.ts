/**
 * Is the backlog growing without bound when the run ends? A stable queue's backlog (requests waiting
 * plus in service) fluctuates around a level; an overloaded one grows by (offered − capacity) every
 * second. Judged on the backlog at interval ends, so it costs nothing on the request path.
 */
import type { TimeSeries } from '../metrics/timeseries.ts';

/** An overload that lasts until the end of the run. */
export interface Overload {
  /** When the backlog started to grow, s (extrapolated back from the growth rate, at interval resolution). */
  fromSeconds: number;
  /** How fast it grows at the end, requests per second. */
  growthPerSecond: number;
  /** Requests in flight at the end. */
  backlogAtEnd: number;
}

/**
 * The backlog's trend over the last third of the run (at least three interval ends, with t = 0, where
 * nothing is in flight, as the first point when the run is short). It counts as growth without bound when
 * it rises almost monotonically (no fall of more than a quarter of the rise) by more than the noise of the
 * arrivals in that window (10 requests, 3 √arrivals, and 0.5% of them), so a stable queue's fluctuations
 * and the end of a busy spell do not trip it.
 */
export function detectOverload(s: TimeSeries): Overload | null {
  const n = s.t.length;
  if (n === 0) return null;
  const t = [0, ...s.t];
  const b = [0, ...Array.from(s.t, (_, i) => s.waiting[i]! + s.inService[i]!)];
  const last = t.length - 1;
  const w = Math.min(last, Math.max(3, Math.ceil(n / 3)));
  const first = last - w;
  const rise = b[last]! - b[first]!;
  if (rise <= 0) return null;
  let peak = b[first]!;
  let worstFall = 0;
  for (let i = first + 1; i <= last; i++) {
    peak = Math.max(peak, b[i]!);
    worstFall = Math.max(worstFall, peak - b[i]!);
  }
  let arrivals = 0;
  for (let i = first; i < last; i++) arrivals += s.offeredQps[i]! * (t[i + 1]! - t[i]!);
  const noise = Math.max(10, 3 * Math.sqrt(arrivals), 0.005 * arrivals);
  if (worstFall > 0.25 * rise || rise < noise) return null;
  const growth = slope(t.slice(first), b.slice(first));
  if (growth <= 0) return null;
  // Back to where the line meets the lowest backlog seen before: the start of the growth.
  const floor = Math.min(...b.slice(0, last));
  const start = t[last]! - (b[last]! - floor) / growth;
  const step = t[last]! - t[last - 1]!;
  return { fromSeconds: Math.max(0, Math.round(start / step) * step), growthPerSecond: growth, backlogAtEnd: b[last]! };
}

/** Least-squares slope of y over x. */
function slope(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((a, v) => a + v, 0) / n;
  const my = y.reduce((a, v) => a + v, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (x[i]! - mx) * (y[i]! - my);
    den += (x[i]! - mx) ** 2;
  }
  return den > 0 ? num / den : 0;
}
