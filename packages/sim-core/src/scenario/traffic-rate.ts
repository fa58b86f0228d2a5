/**
 * The request rate of a traffic profile as a function of simulated time, and its exact integral.
 * This is the reference definition of each profile's shape, used for limits and validation; the
 * engine compiles the same shapes to breakpoints (traffic/rate-profile.ts), and a test holds the two
 * equal. Simulated time 0 is 00:00 (so a diurnal `peakAt: "14:00"` peaks 14 h into the run).
 */
import type { TrafficProfile, TrafficSpec } from './traffic-schema.ts';

/** A piecewise-linear rate: held at the first value before the first knot and at the last after the last. Equal times make a jump. */
type Knot = readonly [t: number, qps: number];

function knots(profile: Exclude<TrafficProfile, { type: 'diurnal' }>): Knot[] {
  switch (profile.type) {
    case 'constant':
      return [[0, profile.qps]];
    case 'step':
      return [[profile.at, profile.from], [profile.at, profile.to]];
    case 'ramp':
      return [[profile.start, profile.from], [profile.end, profile.to]];
    case 'spike': {
      const top = profile.at + profile.rampUp;
      const fall = top + profile.duration;
      return [[profile.at, profile.base], [top, profile.peak], [fall, profile.peak], [fall + profile.rampDown, profile.base]];
    }
    case 'points':
      return profile.points.map((p) => [p.at, p.qps] as const);
  }
}

function knotRate(ks: readonly Knot[], t: number): number {
  let i = -1;
  while (i + 1 < ks.length && (ks[i + 1]?.[0] ?? Infinity) <= t) i++;
  if (i < 0) return ks[0]?.[1] ?? 0;
  const [t0, v0] = ks[i] ?? [0, 0];
  const next = ks[i + 1];
  if (next === undefined) return v0;
  const [t1, v1] = next;
  return v0 + ((v1 - v0) * (t - t0)) / (t1 - t0);
}

/** Exact integral of a piecewise-linear rate over [a, b] (trapezoids on each overlap). */
function knotIntegral(ks: readonly Knot[], a: number, b: number): number {
  const first = ks[0];
  const last = ks[ks.length - 1];
  if (first === undefined || last === undefined) return 0;
  let total = 0;
  // Flat head before the first knot and flat tail after the last one.
  total += first[1] * Math.max(0, Math.min(b, first[0]) - a);
  total += last[1] * Math.max(0, b - Math.max(a, last[0]));
  for (let i = 0; i + 1 < ks.length; i++) {
    const [t0, v0] = ks[i] ?? [0, 0];
    const [t1, v1] = ks[i + 1] ?? [0, 0];
    const lo = Math.max(a, t0);
    const hi = Math.min(b, t1);
    if (hi <= lo) continue;
    const at = (t: number) => v0 + ((v1 - v0) * (t - t0)) / (t1 - t0);
    total += ((at(lo) + at(hi)) / 2) * (hi - lo);
  }
  return total;
}

/** Request rate (requests/s) of `profile` at simulated time `t` (s); right-continuous at steps. */
export function trafficRateAt(profile: TrafficProfile, t: number): number {
  if (profile.type !== 'diurnal') return knotRate(knots(profile), t);
  // Cosine between min and max, peaking at peakAt and repeating every period.
  const mid = (profile.min + profile.max) / 2;
  const amp = (profile.max - profile.min) / 2;
  return mid + amp * Math.cos((2 * Math.PI * (t - profile.peakAt)) / profile.period);
}

/** Exact number of requests `profile` offers over [t0, t1] (s): the integral of its rate. */
export function trafficIntegral(profile: TrafficProfile, t0: number, t1: number): number {
  if (t1 <= t0) return 0;
  if (profile.type !== 'diurnal') return knotIntegral(knots(profile), t0, t1);
  const mid = (profile.min + profile.max) / 2;
  const amp = (profile.max - profile.min) / 2;
  const w = (2 * Math.PI) / profile.period;
  return mid * (t1 - t0) + (amp / w) * (Math.sin(w * (t1 - profile.peakAt)) - Math.sin(w * (t0 - profile.peakAt)));
}

/** Highest rate (requests/s) the profile reaches during [0, durationSeconds]. */
export function peakTrafficRate(profile: TrafficProfile, durationSeconds: number): number {
  if (profile.type === 'diurnal') {
    // The max is reached if a peak (peakAt + k·period) falls in the window; otherwise at an end.
    const k = Math.ceil((0 - profile.peakAt) / profile.period);
    const firstPeak = profile.peakAt + k * profile.period;
    if (firstPeak <= durationSeconds) return profile.max;
    return Math.max(trafficRateAt(profile, 0), trafficRateAt(profile, durationSeconds));
  }
  const ks = knots(profile);
  let peak = trafficRateAt(profile, 0);
  for (const [t, v] of ks) if (t <= durationSeconds) peak = Math.max(peak, v);
  return Math.max(peak, trafficRateAt(profile, durationSeconds));
}

/** Expected number of requests a run of `durationSeconds` offers: ∫₀ᴰ rate(t) dt (exact). */
export function expectedRequests(traffic: Pick<TrafficSpec, 'profile'>, durationSeconds: number): number {
  return trafficIntegral(traffic.profile, 0, durationSeconds);
}
