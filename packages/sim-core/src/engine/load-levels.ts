/**
 * A concurrency sweep's table, as benchmarks report it (one row per concurrency: throughput, latency,
 * TTFT, TPOT): one level per stretch of constant closed-loop users. Throughput and tokens count every
 * completion during the stretch; latencies count only requests that arrived during it (a request sent
 * under the previous user count belongs to neither), so each row describes its own steady load.
 */
import { LatencyHistogram } from '../metrics/latency-histogram.ts';

/** Most levels recorded in one run: a step or points sweep has a few; a long ramp is cut off (docs/limits.md). */
export const MAX_LOAD_LEVELS = 64;

export class LoadLevel {
  /** End of the stretch, s (set when it closes). */
  to = Infinity;
  /** Requests served and failed (dropped or timed out) during the stretch, whatever their arrival. */
  served = 0;
  failed = 0;
  outputTokens = 0;
  /** End-to-end latency (ms) of requests that arrived and were served during the stretch. */
  readonly latency = new LatencyHistogram();
  /** LLM services: time to first token and per output token (ms) of requests that arrived during the stretch. */
  readonly ttft: LatencyHistogram | null;
  readonly tpot: LatencyHistogram | null;

  constructor(
    /** Closed-loop users during the stretch (the target; users above it retire at their next request end). */
    readonly users: number,
    /** Start of the stretch, s. */
    readonly from: number,
    llm: boolean,
  ) {
    this.ttft = llm ? new LatencyHistogram() : null;
    this.tpot = llm ? new LatencyHistogram() : null;
  }

  serve(arrival: number, ms: number): void {
    this.served++;
    if (arrival >= this.from) this.latency.record(ms);
  }

  serveTokens(arrival: number, ttftMs: number, tpotMs: number, outputTokens: number): void {
    if (arrival < this.from || this.ttft === null) return;
    this.ttft.record(ttftMs);
    if (outputTokens > 1) this.tpot!.record(tpotMs);
  }
}

/** What a closed loop did over the run. */
export interface ClosedLoopResult {
  /** Users at interval ends after the warm-up (all closed-loop sources together). */
  users: { min: number; max: number; mean: number };
  /** Mean think time of the sources' distributions, s (the first source's). */
  thinkSeconds: number;
  levels: LoadLevel[];
  /** True when the users changed more than MAX_LOAD_LEVELS times: later stretches are not in `levels`. */
  levelsTruncated: boolean;
}
