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
  readonly own = new LatencyHistogram();
  readonly subtree = new LatencyHistogram();
  /** The current interval: visits ended and their subtree latencies, for the per-service series. */
  iServed = 0;
  iFailed = 0;
  readonly interval = new LatencyHistogram();
}

/** Outcome of a visit, as ServiceStats counts it. */
export const enum VisitOutcome {
  Served = 0,
  Dropped = 1,
  TimedOut = 2,
}
