/**
 * Per-component results of a run: each service's visits, its own latency (queue + work, without its
 * calls) and its subtree latency (arrival to reply, calls included), utilization, replicas, its share of
 * the node bill, and its series; and where the entry point's time goes (critical path of sampled traces).
 */
import type { CostAllocation } from './cost-allocation.ts';
import type { EngineResult } from '../engine/engine-result.ts';
import { LatencyHistogram } from '../metrics/latency-histogram.ts';
import type { Scenario, ServiceSpec } from '../scenario/index.ts';
import { runningServices } from '../scenario/disaggregation.ts';

/** See `ServiceSummary.utilizationBasis`. */
export type UtilizationBasis = 'slots' | 'busy';

/** What a service's utilization measures: its executor decides (batching and token-level pods report busy time). */
export function utilizationBasis(service: Pick<ServiceSpec, 'llm' | 'batching'>): UtilizationBasis {
  return service.llm !== undefined || service.batching !== undefined ? 'busy' : 'slots';
}

export interface LatencySummaryMs {
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  mean: number;
}

/** One service, in a run's `services` block (keyed by service name). Latencies in ms, rates per second. */
export interface ServiceSummary {
  /**
   * Visits to this service by requests that arrived after the warm-up (from an entry point, a caller or an
   * async event): visits = served + dropped + timedOut + unfinished (still in flight when the run stopped),
   * as for the run's requests; `retries`, `callTimeouts` and `connectionWaits` (calls that waited for a free connection of its pool) are of the calls it made.
   */
  requests: { visits: number; served: number; dropped: number; timedOut: number; failed: number; unfinished: number; cacheHits: number; rateLimited: number; retries: number; callTimeouts: number; connectionWaits: number };
  /** Visits served ÷ visits (dropped, timed-out and unfinished ones count as not served, as in the summary's availability); 1 with no visits. */
  availability: number;
  /** The service alone: queueing and its own work, without the time waiting on its calls. */
  latencyMs: LatencySummaryMs;
  /** Arrival at the service to its reply, its calls included. */
  subtreeLatencyMs: LatencySummaryMs;
  /** Mean after the warm-up: working slots ÷ slots of ready replicas (batching and llm services: the busy fraction). */
  utilization: number;
  /**
   * What `utilization` divides: `slots` (per-request services: working slots ÷ slots, a capacity figure) or `busy`
   * (batching and llm services: the share of time a replica runs a batch or an iteration at all, which a
   * continuous-batching server keeps near 1 at any load; not a capacity figure). Outputs label it by this.
   */
  utilizationBasis: UtilizationBasis;
  /**
   * Mean after the warm-up: slots in use ÷ slots of ready replicas, counting with the working slots those held by
   * visits waiting on their calls (`releaseDuringCalls: false`, a thread-per-request server). A service that holds
   * none (no calls, `releaseDuringCalls: true`, batching or llm) reads its `utilization`. Near 1 with a low
   * `utilization`: the threads are exhausted by a slow dependency while the CPU idles.
   */
  slotsInUse: number;
  replicas: { min: number; max: number; mean: number };
  /**
   * Its share of the node bill: each pool's cost split by the replica-units (GPUs or vCPUs) each service requested there, USD per
   * hour (null when a price is unknown); the shares and `summary.cost.unallocated` add up to the bill (api/cost-allocation.ts).
   */
  cost: { perHourUsd: number | null };
  /** One point per interval: visits served and failed per second, subtree p99 (ms), ready replicas, utilization, slots in use, queued visits. */
  timeseries: { servedQps: Float64Array; failedQps: Float64Array; latencyP99Ms: Float64Array; readyReplicas: Float64Array; utilization: Float64Array; slotsInUse: Float64Array; waiting: Float64Array };
}

/** Where the time of the entry point's requests goes, on their critical path (means over sampled traces, ms). */
export interface LatencyBreakdownSummary {
  traces: number;
  totalMs: number;
  services: { name: string; queueMs: number; workMs: number }[];
  networkMs: number;
  retryMs: number;
  /** The most frequent critical path, caller first, and the share of traces that took it. */
  criticalPath: { services: string[]; share: number };
}

export function latencySummary(h: LatencyHistogram): LatencySummaryMs {
  return { p50: h.quantile(0.5), p90: h.quantile(0.9), p95: h.quantile(0.95), p99: h.quantile(0.99), mean: h.mean() };
}

/** TPOT's and ITL's figures (ms): the metric table lists p50, p90, p99 and the mean for both, no p95. */
export function tokenGapSummary(h: LatencyHistogram): { p50: number; p90: number; p99: number; mean: number } {
  return { p50: h.quantile(0.5), p90: h.quantile(0.9), p99: h.quantile(0.99), mean: h.mean() };
}

/** The `services` block: one-service designs without calls read their figures from the summary's. */
export function serviceSummaries(scenario: Scenario, r: EngineResult, share: CostAllocation['shares']): Record<string, ServiceSummary> {
  const running = runningServices(scenario.spec.services);
  const names = running.map((s) => s.name);
  const out: Record<string, ServiceSummary> = {};
  r.services.forEach((s, i) => {
    const st = s.stats;
    const whole = latencySummary(r.latency);
    const m = r.measured;
    const requests: ServiceSummary['requests'] = st
      ? { visits: st.visits + s.unfinished, served: st.served, dropped: st.dropped, timedOut: st.timedOut, failed: st.dropped + st.timedOut, unfinished: s.unfinished, cacheHits: s.cacheHits, rateLimited: s.rateLimited, retries: st.retries, callTimeouts: st.callTimeouts, connectionWaits: st.connectionWaits }
      : { visits: m.offered, served: m.served, dropped: m.dropped, timedOut: m.timedOut, failed: m.dropped + m.timedOut, unfinished: m.unfinished, cacheHits: s.cacheHits, rateLimited: s.rateLimited, retries: 0, callTimeouts: 0, connectionWaits: 0 };
    // Unfinished visits count in the subtree latency at their age, as unfinished requests do in the summary's;
    // a service without calls reads its own latency from the same histogram. A caller's own latency counts
    // them at their age less the time they have waited on calls so far (a backlog in its own queue shows).
    const subtree = st ? st.subtree() : null;
    if (subtree !== null && s.unfinishedLatency !== null) subtree.merge(s.unfinishedLatency);
    const own = st?.ownWithCalls ? withUnfinished(st.ownWithCalls, s.unfinishedOwnLatency) : subtree;
    out[names[i]!] = {
      requests,
      availability: requests.visits === 0 ? 1 : requests.served / requests.visits,
      latencyMs: own !== null ? latencySummary(own) : whole,
      subtreeLatencyMs: subtree ? latencySummary(subtree) : whole,
      utilization: s.utilization,
      utilizationBasis: utilizationBasis(running[i]!),
      slotsInUse: s.slotsInUse,
      replicas: s.replicas,
      cost: { perHourUsd: share[i]! },
      timeseries: s.series,
    };
  });
  return out;
}

/** A served visits' histogram with the unfinished ones added, as a new histogram (the run's own is left as it is: snapshots read it again). */
function withUnfinished(served: LatencyHistogram, unfinished: LatencyHistogram | null): LatencyHistogram {
  if (unfinished === null) return served;
  const h = new LatencyHistogram();
  h.merge(served);
  h.merge(unfinished);
  return h;
}

export function breakdownSummary(scenario: Scenario, r: EngineResult): LatencyBreakdownSummary | null {
  const b = r.breakdown;
  if (b === null) return null;
  const names = runningServices(scenario.spec.services).map((s) => s.name);
  return {
    traces: b.traces,
    totalMs: b.totalMs,
    services: b.services.map((s) => ({ name: names[s.service]!, queueMs: s.queueMs, workMs: s.workMs })),
    networkMs: b.networkMs,
    retryMs: b.retryMs,
    criticalPath: { services: b.path.services.map((i) => names[i]!), share: b.path.share },
  };
}
