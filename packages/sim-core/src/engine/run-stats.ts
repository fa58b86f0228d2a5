import { LatencyHistogram } from '../metrics/latency-histogram.ts';
import type { LoadLevel } from './load-levels.ts';

/** Outcome counts of requests: every offered request is served, dropped, timed out or unfinished. */
export interface RequestCounts {
  offered: number;
  served: number;
  dropped: number;
  timedOut: number;
  /** Still in flight (waiting or in service) when the run ended. */
  unfinished: number;
}

/**
 * Request accounting. Every request ends in exactly one of served, dropped (no capacity or a full
 * queue), timed out (waited longer than the queue timeout) or unfinished (still in flight at the
 * horizon); retries (after a pod's node died) are counted separately and never double-count a request.
 *
 * The summary measures the requests that *arrived* after the warm-up: each of them is counted in exactly
 * one bucket, so offered = served + dropped + timed out + unfinished. To keep the per-request path free
 * of work, counters are snapshotted once at the warm-up instant (`markWarmup`) and the few requests that
 * arrived before it but finished after it are counted aside (`late*`) and subtracted at the end; the
 * latency histogram of the summary is the merge of the interval histograms after the warm-up minus those
 * late requests. Without a warm-up, `arrival < measureFrom` is never true and that branch never runs.
 */
export class RunStats {
  offered = 0;
  served = 0;
  dropped = 0;
  timedOut = 0;
  retried = 0;
  /** Requests that finished on a pod already draining (scale-down, eviction, spot notice). */
  drained = 0;
  /** Per-interval counters, reset at each interval boundary. */
  iOffered = 0;
  iServed = 0;
  iDropped = 0;
  /** Latencies (ms) of requests served in the current interval. */
  interval = new LatencyHistogram();
  /** The part of the current interval that came before the warm-up (kept for the chart, not the summary). */
  private preWarmup: LatencyHistogram | null = null;
  /** Latencies of every request served after the warm-up, whatever its arrival (late ones are removed at the end). */
  private readonly afterWarmup = new LatencyHistogram();
  /** LLM requests that arrived after the warm-up: time to first token and time per output token, ms. */
  readonly ttft = new LatencyHistogram();
  readonly tpot = new LatencyHistogram();
  /** Gaps between successive streamed chunks of those requests, pooled (benchmark_serving's ITL), ms; engine/chunk-gaps.ts. */
  readonly itl = new LatencyHistogram();
  /** The load level being recorded (a closed loop's user count), or null. */
  level: LoadLevel | null = null;
  /** Output tokens generated (all, and in the current interval). */
  outputTokens = 0;
  iOutputTokens = 0;
  /**
   * Output tokens generated up to the horizon (set there; null before): the drain after it finishes requests in
   * flight but is not part of the run's time, so a rate over the run must not count its tokens.
   */
  horizonOutputTokens: number | null = null;
  /** Requests arriving before this time are not measured (the warm-up, s; 0 when there is none). */
  readonly measureFrom: number;
  /** False until the warm-up has passed (true from the start when there is none). */
  private warm: boolean;
  private atWarmup = { offered: 0, served: 0, dropped: 0, timedOut: 0 };
  /** Requests that arrived before the warm-up and finished after it: excluded from the summary. */
  private lateServed = 0;
  private lateDropped = 0;
  private lateTimedOut = 0;
  private readonly late = new LatencyHistogram();

  constructor(warmupSeconds: number) {
    this.measureFrom = warmupSeconds;
    this.warm = warmupSeconds <= 0;
  }

  offer(): void {
    this.offered++;
    this.iOffered++;
  }

  serve(arrival: number, now: number): void {
    const ms = (now - arrival) * 1000;
    this.served++;
    this.iServed++;
    this.interval.record(ms);
    if (this.level !== null) this.level.serve(arrival, ms);
    if (arrival < this.measureFrom && this.warm) {
      this.lateServed++;
      this.late.record(ms);
    }
  }

  drop(arrival: number): void {
    if (this.level !== null) this.level.failed++;
    this.dropped++;
    this.iDropped++;
    if (arrival < this.measureFrom && this.warm) this.lateDropped++;
  }

  timeOut(arrival: number): void {
    if (this.level !== null) this.level.failed++;
    this.timedOut++;
    this.iDropped++;
    if (arrival < this.measureFrom && this.warm) this.lateTimedOut++;
  }

  /** An LLM request finished: its token timings (recorded when it arrived after the warm-up). */
  serveTokens(arrival: number, ttftMs: number, tpotMs: number, outputTokens: number): void {
    if (this.level !== null) this.level.serveTokens(arrival, ttftMs, tpotMs, outputTokens);
    if (arrival < this.measureFrom) return;
    this.ttft.record(ttftMs);
    if (outputTokens > 1) this.tpot.record(tpotMs);
  }

  /** Counts generated tokens. */
  tokens(n: number): void {
    if (this.level !== null) this.level.outputTokens += n;
    this.outputTokens += n;
    this.iOutputTokens += n;
  }

  /** Called once, at the warm-up instant (not called when there is no warm-up). */
  markWarmup(): void {
    this.warm = true;
    this.atWarmup = { offered: this.offered, served: this.served, dropped: this.dropped, timedOut: this.timedOut };
    this.preWarmup = this.interval;
    this.interval = new LatencyHistogram();
  }

  /** Closes an interval: returns its histogram (all requests, for the chart) after folding the post-warm-up part into the summary. */
  closeInterval(): LatencyHistogram {
    // Intervals that close before the warm-up hold only warm-up latencies: they feed the chart, never the
    // summary (without this guard every warm-up request's latency entered the summary's percentiles).
    if (this.warm) this.afterWarmup.merge(this.interval);
    if (this.preWarmup) {
      this.preWarmup.merge(this.interval);
      const whole = this.preWarmup;
      this.preWarmup = null;
      this.interval = new LatencyHistogram();
      return whole;
    }
    return this.interval;
  }

  /** Outcomes of the requests that arrived after the warm-up (all requests when there is none). */
  measured(): RequestCounts {
    const w = this.atWarmup;
    const offered = this.offered - w.offered;
    const served = this.served - w.served - this.lateServed;
    const dropped = this.dropped - w.dropped - this.lateDropped;
    const timedOut = this.timedOut - w.timedOut - this.lateTimedOut;
    return { offered, served, dropped, timedOut, unfinished: offered - served - dropped - timedOut };
  }

  /** Outcomes of every request of the run, warm-up included. */
  whole(): RequestCounts {
    const { offered, served, dropped, timedOut } = this;
    return { offered, served, dropped, timedOut, unfinished: offered - served - dropped - timedOut };
  }

  /**
   * The summary's latency histogram: requests that arrived after the warm-up and were served (including
   * the still-open interval), plus each unfinished one at its age — a censored value, a lower bound on its
   * latency — so that a backlog cannot hide behind the requests that did get served.
   */
  summaryLatency(unfinishedAgesMs: readonly number[]): LatencyHistogram {
    const h = new LatencyHistogram();
    h.merge(this.afterWarmup);
    if (this.warm) h.merge(this.interval);
    h.subtract(this.late);
    for (const ms of unfinishedAgesMs) h.record(ms);
    return h;
  }

  /** Time to first token of measured LLM requests, plus those still without a first token at their age (censored). */
  summaryTtft(waitingAgesMs: readonly number[]): LatencyHistogram {
    const h = new LatencyHistogram();
    h.merge(this.ttft);
    for (const ms of waitingAgesMs) h.record(ms);
    return h;
  }
}
