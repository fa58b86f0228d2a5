/** The per-interval series a run produces; every array has one entry per interval, `t` is the interval's end (s). */
export interface TimeSeries {
  t: Float64Array;
  offeredQps: Float64Array;
  servedQps: Float64Array;
  /** Dropped plus timed-out requests per second. */
  droppedQps: Float64Array;
  desiredReplicas: Float64Array;
  readyReplicas: Float64Array;
  readyNodes: Float64Array;
  provisioningNodes: Float64Array;
  pendingPods: Float64Array;
  latencyP50Ms: Float64Array;
  latencyP95Ms: Float64Array;
  latencyP99Ms: Float64Array;
  /** Busy GPU-seconds over allocatable GPU-seconds of ready nodes, 0..1. */
  gpuUtilization: Float64Array;
  /** Cost accrued since t = 0, USD. */
  costUsd: Float64Array;
  /** The part of `costUsd` accrued on spot nodes, USD (the rest is on-demand or committed). */
  spotCostUsd: Float64Array;
  /** LLM services: output tokens generated per second, and mean KV-cache use of ready replicas (0..1). */
  outputTokensPerSecond: Float64Array;
  kvCacheUtilization: Float64Array;
  /** Requests in flight at the interval's end: waiting in a queue, and in service (the backlog is their sum). */
  waiting: Float64Array;
  inService: Float64Array;
  /** Closed-loop users at the interval's end (with a request in flight or thinking); 0 without a closed loop. */
  users: Float64Array;
  /** Prefix caching: the share of prompt tokens of the requests finished in the interval that came from the cache, 0..1 (0 without templates or sessions). */
  prefixHitRate: Float64Array;
}

export const TIME_SERIES_FIELDS = [
  't',
  'offeredQps',
  'servedQps',
  'droppedQps',
  'desiredReplicas',
  'readyReplicas',
  'readyNodes',
  'provisioningNodes',
  'pendingPods',
  'latencyP50Ms',
  'latencyP95Ms',
  'latencyP99Ms',
  'gpuUtilization',
  'costUsd',
  'spotCostUsd',
  'outputTokensPerSecond',
  'kvCacheUtilization',
  'waiting',
  'inService',
  'users',
  'prefixHitRate',
] as const satisfies readonly (keyof TimeSeries)[];

/** The first `n` intervals of a series, copied (for a snapshot of a run in progress). */
export function sliceTimeSeries(s: TimeSeries, n: number): TimeSeries {
  const out = {} as Record<keyof TimeSeries, Float64Array>;
  for (const f of TIME_SERIES_FIELDS) out[f] = s[f].slice(0, n);
  return out;
}

/** Preallocated series for `n` intervals: memory grows with intervals, never with requests. */
export function createTimeSeries(n: number): TimeSeries {
  const series = {} as Record<keyof TimeSeries, Float64Array>;
  for (const f of TIME_SERIES_FIELDS) series[f] = new Float64Array(n);
  return series;
}
