import { LatencyHistogram } from '../metrics/latency-histogram.ts';

/**
 * What one service saw, in a service graph: every visit (a request at this service, from an entry point,
 * a caller or an async event) ends served or failed, with its own latency (queue + work, without the time
 * spent waiting on its calls) and its subtree latency (arrival at the service to its reply). Counted for
 * visits whose end-to-end request arrived after the warm-up, like the summary.
 */
export class ServiceStats {
  visits = 0;
  served = 0;
  dropped = 0;
  timedOut = 0;
  /** Calls this service made that were retried, and that timed out at the caller. */
  retries = 0;
  callTimeouts = 0;
  /** Calls this service made that waited for a free connection of its pool. */
  connectionWaits = 0;
  /** The current interval: visits ended and their subtree latencies (all of them), for the per-service series. */
  iServed = 0;
  iFailed = 0;
  readonly interval = new LatencyHistogram();
  /**
   * Subtree latencies are not recorded a second time for the summary: the intervals' histograms are
   * folded in as they close (as RunStats does for the whole run), less the part of the interval open at
   * the warm-up instant and the few visits that ended after it for requests that arrived before it.
   */
  private readonly closed = new LatencyHistogram();
  private beforeWarm: LatencyHistogram | null = null;
  /** Visits ended after the warm-up instant whose request arrived before it (not measured). */
  readonly late = new LatencyHistogram();
  /** True once the warm-up is over (from the start when there is none). */
  warm: boolean;
  /** Own latencies of measured visits, for a service that makes calls (for the others own = subtree). */
  readonly ownWithCalls: LatencyHistogram | null;

  constructor(hasCalls: boolean, warmupSeconds: number) {
    this.ownWithCalls = hasCalls ? new LatencyHistogram() : null;
    this.warm = warmupSeconds <= 0;
  }

  /**
   * A visit was served: `subtreeMs` from its arrival at the service to its reply, `callWaitMs` of it spent
   * waiting on its calls; `measured` when its end-to-end request arrived after the warm-up.
   */
  visitServed(subtreeMs: number, callWaitMs: number, measured: boolean): void {
    this.iServed++;
    this.interval.record(subtreeMs);
    if (!measured) {
      if (this.warm) this.late.record(subtreeMs);
      return;
    }
    this.visits++;
    this.served++;
    if (this.ownWithCalls !== null) this.ownWithCalls.record(subtreeMs - callWaitMs);
  }

  /** A visit failed (dropped, or timed out). */
  visitFailed(outcome: VisitOutcome, measured: boolean): void {
    this.iFailed++;
    if (!measured) return;
    this.visits++;
    if (outcome === VisitOutcome.Dropped) this.dropped++;
    else this.timedOut++;
  }

  /** The warm-up instant: what the open interval holds so far is not measured. */
  markWarmup(): void {
    this.warm = true;
    this.beforeWarm = new LatencyHistogram();
    this.beforeWarm.merge(this.interval);
  }

  /** An interval ends (after its p99 was read): its visits join the summary's once the warm-up is over. */
  closeInterval(): void {
    if (this.warm) this.fold(this.closed, this.interval);
    this.interval.reset();
  }

  private fold(into: LatencyHistogram, interval: LatencyHistogram): void {
    into.merge(interval);
    if (this.beforeWarm !== null && into === this.closed) {
      into.subtract(this.beforeWarm);
      this.beforeWarm = null;
    }
  }

  /** Subtree latencies (arrival at the service to its reply) of the measured visits served, the open interval included. */
  subtree(): LatencyHistogram {
    const h = new LatencyHistogram();
    h.merge(this.closed);
    if (this.warm) {
      h.merge(this.interval);
      if (this.beforeWarm !== null) h.subtract(this.beforeWarm);
    }
    h.subtract(this.late);
    return h;
  }

  /** Own latencies (queue and work, without waiting on calls) of the measured visits served. */
  own(): LatencyHistogram {
    return this.ownWithCalls ?? this.subtree();
  }
}

/** Outcome of a visit, as ServiceStats counts it. */
export const enum VisitOutcome {
  Served = 0,
  Dropped = 1,
  TimedOut = 2,
}
