import type { EnginePrefixResult } from './prefix-stats.ts';

/**
 * Speculative decoding over the whole run, all speculating services together: sequence-steps verified (counted as each
 * sequence finishes, so those still decoding at the end are left out), the tokens
 * their acceptance draws yielded (before a sequence's last step is capped by the tokens it had left), and the
 * draft tokens proposed (k per sequence-step).
 */
export interface EngineSpeculativeResult {
  sequenceSteps: number;
  drawnTokens: number;
  proposedTokens: number;
}
import type { LatencyHistogram } from '../metrics/latency-histogram.ts';
import type { TimeSeries } from '../metrics/timeseries.ts';
import type { HpaSyncCounts } from './hpa-driver.ts';
import type { KedaServiceResult } from './keda-driver.ts';
import type { KnativeServiceResult } from './knative-driver.ts';
import type { RequestCounts } from './run-stats.ts';
import type { ServiceStats } from './service-stats.ts';
import type { LatencyBreakdown } from './tracing.ts';
import type { ClosedLoopResult } from './load-levels.ts';
import type { TraceOpener } from '../traffic/trace-reader.ts';

/** One service's part of a run (per-service series have one point per interval, like the fleet's). */
export interface EngineServiceResult {
  /** Visits and their latencies; null for a one-service design without calls (its figures are the summary's). */
  stats: ServiceStats | null;
  /** Visits of requests that arrived after the warm-up still in flight at the end (queued, working, waiting on calls or on the network). */
  unfinished: number;
  /** With several services: those unfinished visits at their age (arrival at the service to the stop, ms), censored latencies; null otherwise. */
  unfinishedLatency: LatencyHistogram | null;
  /** For a service with calls: its unfinished visits' own part (age less the time waited on calls so far, ms); null otherwise or when none. */
  unfinishedOwnLatency: LatencyHistogram | null;
  cacheHits: number;
  rateLimited: number;
  /** Mean utilization after the warm-up: working slots ÷ slots of ready replicas (batching and llm: busy fraction). */
  utilization: number;
  /**
   * Mean after the warm-up of slots in use ÷ slots of ready replicas: working slots and those held by visits waiting
   * on their calls (a thread-per-request service, `releaseDuringCalls: false`). Equals `utilization` for a service
   * that holds none, and for batching and llm services.
   */
  slotsInUse: number;
  replicas: { min: number; max: number; mean: number };
  /** Replica-unit-seconds requested on each pool (GPUs or vCPUs × s), for the service's share of the bill. */
  unitSecondsByPool: number[];
  series: { servedQps: Float64Array; failedQps: Float64Array; latencyP99Ms: Float64Array; readyReplicas: Float64Array; utilization: Float64Array; slotsInUse: Float64Array; waiting: Float64Array };
  /** Token-level services: prompt tokens prefilled, output tokens generated and sequences finished on its replicas over the whole run; null otherwise. */
  llmTokens: { prompt: number; generated: number; sequences: number } | null;
  /** Multi-LoRA serving (`llm.lora`), the whole run: adapter loads from disk and from host memory, their time (s), and requests held back by max_loras; omitted without. */
  lora?: EngineLoraResult;
  /** What its KEDA ScaledObject did (time at zero, cold starts, requests at zero); null without one. */
  keda: KedaServiceResult | null;
  /** What its Knative Pod Autoscaler did (decisions, panic mode, time at zero, requests held by the activator); omitted without one. */
  knative?: KnativeServiceResult;
  /** Its HPA's syncs, and those a metrics outage touched (reads failed, nothing scaled, KEDA's fallback answered); null without an HPA. */
  hpa: HpaSyncCounts | null;
  /** Replicas still waiting for a node at the end (no node had room), the longest wait (s), and their pools then: nodes alive of at most maxNodes. */
  unscheduled: { replicas: number; longestSeconds: number; pools: { name: string; nodes: number; maxNodes: number }[] };
}

/** Something that happened to the fleet, for charts and logs (times in s). */
export interface EngineEvent {
  t: number;
  kind: 'hpa-scale' | 'keda-scale' | 'knative-scale' | 'node-requested' | 'node-ready' | 'node-removed' | 'scale-up-timeout' | 'spot-notice' | 'spot-lost' | 'in-flight-limit' | 'spot-wave' | 'node-failed' | 'node-repaired' | 'fault-start' | 'fault-end' | 'insufficient-capacity' | 'consolidation' | 'drift' | 'pod-preempted' | 'pod-evicted' | 'pod-deleted' | 'drain-failed' | 'job-preempted' | 'job-evicted' | 'pod-killed';
  /** Service or pool name. */
  target: string;
  from?: number;
  to?: number;
  detail?: string;
}

/** What a pool's provisioner did over the run. */
export interface EnginePoolActivity {
  pool: string;
  provisioner: 'cluster-autoscaler' | 'karpenter';
  /** Nodes launched after t = 0 by instance type and capacity (a CA launch refused for capacity is not one). */
  launches: { instanceId: string; capacity: 'on-demand' | 'spot' | 'commit1y' | 'commit3y'; nodes: number }[];
  /** Karpenter consolidation: empty nodes deleted, underutilized nodes deleted, nodes replaced by a cheaper one. */
  consolidations: { empty: number; deleted: number; replaced: number };
  /** Karpenter: nodes deleted because they reached `expireAfter` (forceful, whatever the budgets); 0 for the cluster autoscaler. */
  expired: number;
  /** Launch attempts refused for insufficient capacity: Karpenter moved to its next offering; a node group's node was not created. */
  insufficientCapacity: number;
  /** Karpenter: launches that found no offering left; cluster autoscaler: scale-ups that failed and backed the group off. */
  failedLaunches: number;
}

/** A pool's provisioning and its own nodes at interval ends (the fleet's series sum them). */
export interface EnginePoolResult extends EnginePoolActivity {
  series: { readyNodes: Float64Array; provisioningNodes: Float64Array };
}

export interface RunOptions {
  /**
   * Called at each interval boundary with the fraction of simulated time done (0..1) and a function that
   * returns the result so far (as if the run ended now; it copies, so call it only when you will use it).
   */
  onProgress?: (fraction: number, snapshot: () => EngineResult) => void;
  /** Polled at control events; returning true aborts the run with an Error('cancelled'). */
  shouldCancel?: () => boolean;
  /** Opens trace files (traffic.trace); without it a trace source is an error ("trace files are run from the CLI"). */
  traces?: TraceOpener;
}

/** What one engine run measured. Counts are requests; times are seconds; latencies are ms. */
export interface EngineResult {
  durationSeconds: number;
  /** Simulated time the bill and the time series cover: durationSeconds at the end, less in a snapshot of a run in progress. */
  endSeconds: number;
  /** When request outcomes were last observed: the end of the drain (≤ durationSeconds + drainSeconds), or the snapshot's moment. */
  observedUntilSeconds: number;
  warmupSeconds: number;
  /** Every request of the run: offered = served + dropped + timedOut + unfinished (retries are not new requests). */
  requests: RequestCounts & { retried: number; drained: number };
  /** Requests that arrived after the warm-up, each in exactly one bucket: the basis of availability. */
  measured: RequestCounts;
  /**
   * Latencies of requests that arrived after the warm-up: the served ones, and the unfinished ones at
   * their age at the end (censored: a lower bound), `censored` of them.
   */
  latency: LatencyHistogram;
  censored: number;
  timeseries: TimeSeries;
  /** Ready replicas and alive nodes sampled at interval ends after the warm-up. */
  replicas: { min: number; max: number; mean: number };
  nodes: { min: number; max: number; mean: number };
  peakGpus: number;
  gpuUtilizationMean: number;
  spotInterruptions: number;
  /** Hardware failures, spot waves and scheduled faults, and what they cost; null when the design has none. */
  faults: EngineFaultsResult | null;
  /** Teams, jobs and preemptions of a shared cluster (teams, priority classes or jobs); null otherwise. */
  shared: EngineSharedResult | null;
  /** Node-seconds by pool and capacity type, for the cost model. */
  nodeUsage: { pool: string; instanceId: string; capacity: 'on-demand' | 'spot' | 'commit1y' | 'commit3y'; nodeSeconds: number }[];
  accruedCostUsd: number;
  /** Per pool, in spec order: its provisioner, what it did, and its nodes over time. */
  /** Per traffic source, in config order: requests it offered (whole run) and its offered rate per interval (requests/s). */
  sources: { offered: number; series: { offeredQps: Float64Array } }[];
  pools: EnginePoolResult[];
  /**
   * Token-level services only: time to first token, per output token and between streamed chunks (ITL) (ms), tokens generated (`outputTokens`:
   * the whole run, drain included; `horizonOutputTokens`: up to the horizon, the tokens of the run's time). `preemptions`: by service
   * name, the sequences each service with paged KV allocation preempted over the run (null when none has it).
   */
  llm: { ttft: LatencyHistogram; tpot: LatencyHistogram; itl: LatencyHistogram; outputTokens: number; horizonOutputTokens: number; prefixCache: EnginePrefixResult | null; speculative: EngineSpeculativeResult | null; preemptions: Record<string, number> | null; tooLongForKv?: Record<string, { requests: number; kvTokens: number }> | null } | null;
  /** Most requests in flight (waiting + in service), and most waiting, at an interval end after the warm-up. */
  backlog: { max: number; waitingMax: number };
  /** Request slots still taken when observation stopped, counted from the slots (a check on `requests.unfinished`). */
  inFlightAtStop: number;
  events: EngineEvent[];
  eventsDropped: number;
  hpaDecisions: number;
  /** Arrivals dropped because MAX_IN_FLIGHT_REQUESTS were already in flight (0 in any sane design). */
  inFlightLimitDrops: number;
  /**
   * Services whose terminating pods were killed at the end of their terminationGracePeriod still serving (scale-down,
   * drain, eviction, spot notice): the pods, and the visits (requests or calls) in flight on them then, which failed
   * (they are in the dropped counts too). Only services with such kills; empty when every terminating pod drained.
   */
  graceKills: { service: number; pods: number; visits: number }[];
  /** Per service, in spec order. */
  services: EngineServiceResult[];
  /** Where the entry point's time goes (sampled traces); null without calls. */
  breakdown: LatencyBreakdown | null;
  /** Closed-loop traffic: users over the run and the table of each user level; null without a closed loop. */
  closedLoop: ClosedLoopResult | null;
}

/** What faults did to a run (engine/simulation.ts, cluster/node-faults.ts). */
export interface EngineFaultsResult {
  nodeFailures: number;
  spotWaves: number;
  spotWaveNodes: number;
  scheduledFaults: number;
  scheduledFaultNodes: number;
  /** Serving pods lost with a crashed node (hardware failure or scheduled fault). */
  podsLost: number;
  /** Σ over lost pods of the time until a replacement replica was Ready (or the horizon), s. */
  lostPodSeconds: number;
  /** Visits (requests or calls) that were queued or in service on a crashed node: failed. */
  visitsFailed: number;
}

/** A team's Kueue ClusterQueue over the run: GPU-seconds above its nominal quota, and reclaims by and from it. */
export interface EngineKueueTeamResult {
  nominalQuota: number;
  borrowedGpuSeconds: number;
  /** Workloads of other queues it evicted to reclaim its nominal quota (reclaimWithinCohort). */
  reclaims: number;
  /** Its workloads evicted by other queues reclaiming theirs. */
  reclaimedFrom: number;
  /** With waitForPodsReady: its workloads evicted by PodsReadyTimeout (each requeued after the backoff). */
  podsReadyEvictions?: number;
  /** With waitForPodsReady: its workloads deactivated after backoffLimitCount requeues. */
  deactivated?: number;
}

/** A service's adapter traffic under multi-LoRA serving (engine/lora-adapters.ts). */
export interface EngineLoraResult {
  diskLoads: number;
  cpuLoads: number;
  loadSeconds: number;
  /** Requests skipped at least once because their adapter would have made a batch exceed maxLoras. */
  delayedRequests: number;
}

/** A shared cluster's run: per team, per job, preemptions (cluster/job-queue.ts, cluster/team-ledger.ts). */
export interface EngineSharedResult {
  /** GPU-seconds of the pools' nodes over the run (the capacity the teams share). */
  capacityGpuSeconds: number;
  teams: { name: string; gpuQuota: number | null; gpuSeconds: number; peakGpus: number; quotaRefusals: number; podsPreempted: number; kueue?: EngineKueueTeamResult }[];
  /** Per job (spec order): team index, submissions, completions, waits (s) of runs that started, interruptions, GPU-seconds of work lost. */
  jobs: { name: string; team: number; submitted: number; completed: number; waits: number[]; interruptions: number; lostGpuSeconds: number }[];
  /** Serving pods preempted, by service. */
  servingPreempted: number[];
  jobsWaitingAtEnd: { queued: number; quotaBlocked: number; oldestWaitSeconds: number };
}
