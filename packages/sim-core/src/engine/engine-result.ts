import type { LatencyHistogram } from '../metrics/latency-histogram.ts';
import type { TimeSeries } from '../metrics/timeseries.ts';

/** Something that happened to the fleet, for charts and logs (times in s). */
export interface EngineEvent {
  t: number;
  kind: 'hpa-scale' | 'node-requested' | 'node-ready' | 'node-removed' | 'spot-notice' | 'spot-lost' | 'in-flight-limit';
  /** Service or pool name. */
  target: string;
  from?: number;
  to?: number;
  detail?: string;
}

export interface RunOptions {
  /** Called at each interval boundary with the fraction of simulated time done (0..1). */
  onProgress?: (fraction: number) => void;
  /** Polled at control events; returning true aborts the run with an Error('cancelled'). */
  shouldCancel?: () => boolean;
}

/** What one engine run measured. Counts are requests; times are seconds; latencies are ms. */
export interface EngineResult {
  durationSeconds: number;
  warmupSeconds: number;
  /** Every request of the run: offered = served + dropped + timedOut + inFlightAtEnd (retries are not new requests). */
  requests: { offered: number; served: number; dropped: number; timedOut: number; retried: number; drained: number; inFlightAtEnd: number };
  /** Requests that arrived after the warm-up: the basis of availability. */
  measured: { offered: number; served: number; dropped: number; timedOut: number };
  /** Latencies of served requests that arrived after the warm-up. */
  latency: LatencyHistogram;
  timeseries: TimeSeries;
  /** Ready replicas and alive nodes sampled at interval ends after the warm-up. */
  replicas: { min: number; max: number; mean: number };
  nodes: { min: number; max: number; mean: number };
  peakGpus: number;
  gpuUtilizationMean: number;
  spotInterruptions: number;
  /** Node-seconds by pool and capacity type, for the cost model. */
  nodeUsage: { pool: string; instanceId: string; capacity: 'on-demand' | 'spot' | 'commit1y' | 'commit3y'; nodeSeconds: number }[];
  accruedCostUsd: number;
  /** Token-level services only: time to first token and per output token (ms), tokens generated. */
  llm: { ttft: LatencyHistogram; tpot: LatencyHistogram; outputTokens: number } | null;
  events: EngineEvent[];
  eventsDropped: number;
  hpaDecisions: number;
  /** Arrivals dropped because MAX_IN_FLIGHT_REQUESTS were already in flight (0 in any sane design). */
  inFlightLimitDrops: number;
}
