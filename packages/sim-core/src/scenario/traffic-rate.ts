/**
 * The request rate of a traffic profile as a function of simulated time, and its exact integral.
 * The piecewise-linear shapes are compiled by traffic/rate-profile.ts, the same code the engine's
 * arrivals use; only the diurnal cosine is evaluated here in closed form (the engine samples it every
 * minute, and a test bounds the difference). Simulated time 0 is 00:00 (so a diurnal `peakAt: "14:00"`
 * peaks 14 h into the run).
 */
import { compileRateProfile, integrateRate, peakRate, type ProfileSpec, rateAt } from '../traffic/rate-profile.ts';
import type { TrafficProfile, TrafficSpec, UsersSpec } from './traffic-schema.ts';

/** The parsed profile in the engine's terms (points as [t, qps] pairs); the shapes themselves are defined once, in traffic/rate-profile.ts. */
export function profileSpecOf(profile: TrafficProfile): ProfileSpec {
  return profile.type === 'points' ? { type: 'points', points: profile.points.map((p) => [p.at, p.qps] as const) } : profile;
}

/** A closed loop's users in the engine's profile terms (a user count where the rate profile has requests/s). */
export function usersProfileSpecOf(users: UsersSpec): ProfileSpec {
  if (typeof users === 'number') return { type: 'constant', qps: users };
  switch (users.type) {
    case 'constant':
      return { type: 'constant', qps: users.users };
    case 'points':
      return { type: 'points', points: users.points.map((p) => [p.at, p.users] as const) };
    default:
      return users;
  }
}

/** Request rate (requests/s) of `profile` at simulated time `t` (s); right-continuous at steps. */
export function trafficRateAt(profile: TrafficProfile, t: number): number {
  if (profile.type !== 'diurnal') return rateAt(compileRateProfile(profileSpecOf(profile), t), t);
  // Cosine between min and max, peaking at peakAt and repeating every period.
  const mid = (profile.min + profile.max) / 2;
  const amp = (profile.max - profile.min) / 2;
  return mid + amp * Math.cos((2 * Math.PI * (t - profile.peakAt)) / profile.period);
}

/** Exact number of requests `profile` offers over [t0, t1] (s): the integral of its rate. */
export function trafficIntegral(profile: TrafficProfile, t0: number, t1: number): number {
  if (t1 <= t0) return 0;
  if (profile.type !== 'diurnal') {
    const compiled = compileRateProfile(profileSpecOf(profile), t1);
    return integrateRate(compiled, t1) - integrateRate(compiled, Math.max(0, t0));
  }
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
  return peakRate(compileRateProfile(profileSpecOf(profile), durationSeconds), durationSeconds);
}

/** Expected number of requests a run of `durationSeconds` offers: ∫₀ᴰ rate(t) dt (exact). */
export function expectedRequests(traffic: Pick<TrafficSpec, 'profile'>, durationSeconds: number): number {
  // A closed loop or a trace has no rate profile: its count is known only by running it.
  return traffic.profile === undefined ? 0 : trafficIntegral(traffic.profile, 0, durationSeconds);
}
