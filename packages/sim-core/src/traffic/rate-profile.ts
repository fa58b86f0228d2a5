/**
 * A traffic profile compiled to a piecewise-linear rate over time: breakpoints (t, qps), linear between
 * them, flat after the last. A step is two breakpoints at the same instant. Every profile the scenario
 * format offers is exactly piecewise-linear except the diurnal cosine, which is sampled every
 * DIURNAL_STEP_SECONDS; the interpolation error is at most (h²/8)·|λ''| ≈ 0.001 QPS for a 1000-QPS, 24 h wave.
 */
export interface RateProfile {
  /** Breakpoint times, seconds, non-decreasing, starting at 0. */
  readonly times: Float64Array;
  /** Rates at the breakpoints, requests per second, ≥ 0. */
  readonly rates: Float64Array;
}

export type ProfileSpec =
  | { type: 'constant'; qps: number }
  | { type: 'step'; from: number; to: number; at: number }
  | { type: 'ramp'; from: number; to: number; start: number; end: number }
  | { type: 'spike'; base: number; peak: number; at: number; duration: number; rampUp?: number; rampDown?: number }
  | { type: 'diurnal'; min: number; max: number; peakAt: number; period?: number }
  | { type: 'points'; points: readonly (readonly [number, number])[] };

export const DIURNAL_STEP_SECONDS = 60;

/** Compiles a profile over [0, horizonSeconds]. */
export function compileRateProfile(spec: ProfileSpec, horizonSeconds: number): RateProfile {
  return fromPairs(profilePairs(spec, horizonSeconds));
}

function profilePairs(spec: ProfileSpec, horizon: number): [number, number][] {
  switch (spec.type) {
    case 'constant':
      return [[0, spec.qps]];
    case 'step':
      return spec.at <= 0 ? [[0, spec.to]] : [[0, spec.from], [spec.at, spec.from], [spec.at, spec.to]];
    case 'ramp':
      return [[0, spec.from], [spec.start, spec.from], [spec.end, spec.to]];
    case 'spike': {
      const up = spec.rampUp ?? 0;
      const down = spec.rampDown ?? 0;
      // Rise over rampUp from `at`, hold the peak for `duration`, fall over rampDown (the ramps are not part of `duration`).
      const top = spec.at + up;
      const fall = top + spec.duration;
      return [[0, spec.base], [spec.at, spec.base], [top, spec.peak], [fall, spec.peak], [fall + down, spec.base]];
    }
    case 'diurnal':
      return diurnalPairs(spec.min, spec.max, spec.peakAt, spec.period ?? 86_400, horizon);
    case 'points':
      return spec.points.length === 0 ? [[0, 0]] : withOrigin(spec.points.map(([t, q]) => [t, q] as [number, number]));
  }
}

function withOrigin(pairs: [number, number][]): [number, number][] {
  const first = pairs[0]!;
  return first[0] > 0 ? [[0, first[1]], ...pairs] : pairs;
}

/** qps(t) = min + (max - min) · (1 + cos(2π (t - peakAt) / period)) / 2: the trough is half a period from the peak. */
function diurnalPairs(min: number, max: number, peakAt: number, period: number, horizon: number): [number, number][] {
  const pairs: [number, number][] = [];
  const steps = Math.max(1, Math.ceil(horizon / DIURNAL_STEP_SECONDS));
  for (let i = 0; i <= steps; i++) {
    const t = Math.min(i * DIURNAL_STEP_SECONDS, horizon);
    pairs.push([t, min + ((max - min) * (1 + Math.cos((2 * Math.PI * (t - peakAt)) / period))) / 2]);
  }
  return pairs;
}

function fromPairs(pairs: [number, number][]): RateProfile {
  const sorted = pairs.filter(([t]) => t >= 0);
  return {
    times: Float64Array.from(sorted, ([t]) => t),
    rates: Float64Array.from(sorted, ([, q]) => Math.max(0, q)),
  };
}

/** The rate at time t (right-continuous at steps). */
export function rateAt(profile: RateProfile, t: number): number {
  const { times, rates } = profile;
  const n = times.length;
  if (t >= times[n - 1]!) return rates[n - 1]!;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= t) lo = mid;
    else hi = mid;
  }
  const t0 = times[lo]!;
  const t1 = times[hi]!;
  return t1 === t0 ? rates[hi]! : rates[lo]! + ((rates[hi]! - rates[lo]!) * (t - t0)) / (t1 - t0);
}

/** The exact expected number of arrivals in [0, horizon]: the integral of the piecewise-linear rate. */
export function integrateRate(profile: RateProfile, horizon: number): number {
  const { times, rates } = profile;
  let total = 0;
  for (let i = 0; i < times.length; i++) {
    const t0 = times[i]!;
    if (t0 >= horizon) break;
    const last = i + 1 >= times.length;
    const tNext = last ? horizon : times[i + 1]!;
    const t1 = Math.min(tNext, horizon);
    const r0 = rates[i]!;
    const rNext = last ? r0 : rates[i + 1]!;
    const r1 = tNext === t0 ? r0 : r0 + ((rNext - r0) * (t1 - t0)) / (tNext - t0);
    total += ((r0 + r1) / 2) * (t1 - t0);
  }
  return total;
}

/** The highest rate reached in [0, horizon]: at a breakpoint, or at the horizon inside a rising segment. */
export function peakRate(profile: RateProfile, horizon: number): number {
  let peak = rateAt(profile, horizon);
  for (let i = 0; i < profile.times.length && profile.times[i]! <= horizon; i++) peak = Math.max(peak, profile.rates[i]!);
  return peak;
}
