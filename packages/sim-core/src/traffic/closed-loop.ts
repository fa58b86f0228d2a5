/**
 * A closed loop, as load testers and LLM benchmarks generate it (vllm bench --max-concurrency,
 * genai-perf --concurrency, locust users): a population of users, each sending one request, waiting for
 * its end (served or failed) and thinking before the next. The population may follow a profile (a
 * concurrency sweep is a step or points profile): when it rises new users start at once; when it falls
 * users retire at the end of their current request or think time, never mid-request.
 *
 * The engine owns the events (a user's next request is a heap event, so the loop's arrivals cost one heap
 * push per request); this class owns the population: its target over time and who retires.
 */
import { standardExponential } from '../random/exponential.ts';
import type { Rng } from '../random/rng.ts';
import { MAX_EXPECTED_REQUESTS } from '../scenario/limits.ts';
import type { RateProfile } from './rate-profile.ts';

/**
 * A closed loop has no rate to integrate before the run (its pace is the service's response time), so its
 * share of MAX_EXPECTED_REQUESTS is checked as it runs: from 2^20 requests on, at each doubling, the pace so
 * far is projected over the horizon, and a run heading past 4 × the limit stops at once (100,000 users of a
 * 1 µs service would otherwise simulate for days); past the limit itself it stops whatever the projection.
 */
export class ClosedLoopLimitError extends Error {
  constructor(
    /** Requests the loop had sent. */
    readonly sent: number,
    /** Simulated time reached, s. */
    readonly at: number,
    /** Requests the whole run would send at this pace. */
    readonly projected: number,
  ) {
    super(`closed loop over the request limit: ${sent} requests by ${at} s, about ${projected} over the run`);
  }
}

const FIRST_PROJECTION = 2 ** 20;
/** A projection must exceed the limit this many times before the run stops early (the pace may still fall). */
const PROJECTION_MARGIN = 4;

/** Think time between a reply and the user's next request, seconds. */
export type ThinkDistribution = { kind: 'constant'; seconds: number } | { kind: 'exponential'; meanSeconds: number };

/** The times at which the user target changes, and the target from each on. */
export interface UserSchedule {
  /** Users at t = 0. */
  initial: number;
  /** Change times, s, non-decreasing. */
  times: Float64Array;
  /** Target from times[i] on. */
  targets: Int32Array;
}

/**
 * The integer user target of a piecewise-linear users profile: ⌊U(t)⌋, with a change at each crossing of
 * an integer (on a rising segment when U reaches k, on a falling one when U drops below k + 1).
 */
export function userSchedule(profile: RateProfile, horizon: number): UserSchedule {
  const { times, rates } = profile;
  const initial = Math.floor(rates[0]! + 1e-9);
  const ts: number[] = [];
  const ks: number[] = [];
  let cur = initial;
  const push = (t: number, k: number): void => {
    if (k === cur || t > horizon) return;
    ts.push(t);
    ks.push(k);
    cur = k;
  };
  for (let i = 0; i + 1 < times.length; i++) {
    const t0 = times[i]!;
    const t1 = times[i + 1]!;
    const r0 = rates[i]!;
    const r1 = rates[i + 1]!;
    if (t0 > horizon) break;
    if (t1 === t0 || r1 === r0) {
      push(t1, Math.floor(r1 + 1e-9));
      continue;
    }
    const slope = (r1 - r0) / (t1 - t0);
    if (r1 > r0) {
      for (let k = Math.floor(r0 + 1e-9) + 1; k <= Math.floor(r1 + 1e-9); k++) push(t0 + (k - r0) / slope, k);
    } else {
      for (let k = Math.floor(r0 + 1e-9) - 1; k >= Math.floor(r1 + 1e-9); k--) push(t0 + (k + 1 - r0) / slope, k);
    }
  }
  return { initial, times: Float64Array.from(ts), targets: Int32Array.from(ks) };
}

/** One closed-loop source's population. */
export class ClosedLoop {
  /** Users that exist: with a request in flight or thinking. */
  active = 0;
  /** Users the profile asks for now. */
  target = 0;
  /** Index of the next change in the schedule. */
  private nextChange = 0;
  /** Requests sent so far, and the count at which the pace is next checked. */
  private sent = 0;
  private nextCheck = FIRST_PROJECTION;

  constructor(
    readonly schedule: UserSchedule,
    private readonly think: ThinkDistribution,
    private readonly rng: Rng,
  ) {}

  /** Think time before a user's next request, s. */
  thinkSeconds(): number {
    return this.think.kind === 'constant' ? this.think.seconds : standardExponential(this.rng) * this.think.meanSeconds;
  }

  /** Time of the next target change, or Infinity. */
  nextChangeTime(): number {
    return this.nextChange < this.schedule.times.length ? this.schedule.times[this.nextChange]! : Infinity;
  }

  /** Applies the next target change; returns how many users start now. */
  applyChange(): number {
    this.target = this.schedule.targets[this.nextChange++]!;
    return this.grow();
  }

  /** Starts the initial users; returns how many. */
  begin(): number {
    this.target = this.schedule.initial;
    return this.grow();
  }

  private grow(): number {
    const start = Math.max(0, this.target - this.active);
    this.active += start;
    return start;
  }

  /** Counts a request sent at `now` (s) of a run `horizon` s long; throws ClosedLoopLimitError past the limit. */
  countRequest(now: number, horizon: number): void {
    if (++this.sent < this.nextCheck) return;
    this.nextCheck = Math.min(this.nextCheck * 2, MAX_EXPECTED_REQUESTS + 1);
    const projected = now > 0 ? (this.sent * horizon) / now : Infinity;
    if (this.sent > MAX_EXPECTED_REQUESTS || projected > PROJECTION_MARGIN * MAX_EXPECTED_REQUESTS) throw new ClosedLoopLimitError(this.sent, now, projected);
  }

  /** A user is free (its request ended, or its think time is over): false when it retires instead. */
  stays(): boolean {
    if (this.active > this.target) {
      this.active--;
      return false;
    }
    return true;
  }
}
