import { LatencyHistogram } from '../metrics/latency-histogram.ts';

/**
 * Request accounting. Every request ends in exactly one of served, dropped (no capacity or a full
 * queue), timed out (waited longer than the queue timeout) or still in flight at the horizon; retries
 * (after a pod's node died) are counted separately and never double-count a request.
 *
 * Warm-up is applied by event time, as is usual in steady-state simulation: latencies, completions,
 * drops and time-outs count when they happen after the warm-up; offered requests when they arrive after
 * it. That keeps the per-request path free of branches: the counters at the warm-up instant are
 * snapshotted once (`markWarmup`) and subtracted at the end, and the latency histogram for the summary
 * is built by merging interval histograms.
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
  /** Latencies of every request served after the warm-up. */
  readonly all = new LatencyHistogram();
  /** LLM requests served after the warm-up: time to first token and time per output token, ms. */
  readonly ttft = new LatencyHistogram();
  readonly tpot = new LatencyHistogram();
  /** Output tokens generated (all, and in the current interval). */
  outputTokens = 0;
  iOutputTokens = 0;
  /** False until the warm-up has passed (true from the start when there is none). */
  private warm: boolean;

  constructor(hasWarmup: boolean) {
    this.warm = !hasWarmup;
  }
  private atWarmup = { served: 0, dropped: 0, timedOut: 0 };

  offer(): void {
    this.offered++;
    this.iOffered++;
  }

  serve(arrival: number, now: number): void {
    this.served++;
    this.iServed++;
    this.interval.record((now - arrival) * 1000);
  }

  drop(): void {
    this.dropped++;
    this.iDropped++;
  }

  timeOut(): void {
    this.timedOut++;
    this.iDropped++;
  }

  /** An LLM request finished: its token timings (recorded after the warm-up only). */
  serveTokens(ttftMs: number, tpotMs: number, outputTokens: number): void {
    if (!this.warm) return;
    this.ttft.record(ttftMs);
    if (outputTokens > 1) this.tpot.record(tpotMs);
  }

  /** Counts generated tokens. */
  tokens(n: number): void {
    this.outputTokens += n;
    this.iOutputTokens += n;
  }

  /** Called once, at the warm-up instant (not called when there is no warm-up). */
  markWarmup(): void {
    this.warm = true;
    this.atWarmup = { served: this.served, dropped: this.dropped, timedOut: this.timedOut };
    this.preWarmup = this.interval;
    this.interval = new LatencyHistogram();
  }

  /** Closes an interval: returns its histogram (all requests, for the chart) after folding the post-warm-up part into `all`. */
  closeInterval(): LatencyHistogram {
    this.all.merge(this.interval);
    if (this.preWarmup) {
      this.preWarmup.merge(this.interval);
      const whole = this.preWarmup;
      this.preWarmup = null;
      this.interval = new LatencyHistogram();
      return whole;
    }
    return this.interval;
  }

  /**
   * Counts after the warm-up, by event time. `offered` is every request whose outcome came after the
   * warm-up plus those still in flight at the end, so that offered = served + dropped + timed out + in
   * flight holds after the warm-up too (counting arrivals instead could show more served than offered).
   */
  measured(inFlightAtEnd: number): { offered: number; served: number; dropped: number; timedOut: number } {
    const w = this.atWarmup;
    const served = this.served - w.served;
    const dropped = this.dropped - w.dropped;
    const timedOut = this.timedOut - w.timedOut;
    return { offered: served + dropped + timedOut + inFlightAtEnd, served, dropped, timedOut };
  }
}
