import type { DisaggregatedSummary } from './disaggregated-summary.ts';
import type { PrefixCacheSummary } from './prefix-cache-summary.ts';
import type { CostLine, LineItemCosts } from '@design-sim/cost-model';
import type { EngineEvent } from '../engine/engine-result.ts';
import type { RequestCounts } from '../engine/run-stats.ts';
import type { Diagnostic } from './diagnostics.ts';
import type { TimeSeries } from '../metrics/timeseries.ts';
import type { ClaimGrade, ExpectationResult } from '../scenario/index.ts';
import type { LatencyBreakdownSummary, ServiceSummary } from './service-summary.ts';
import type { LoraSummary } from './lora-summary.ts';
import type { MetricsOutageSummary } from './metrics-outage-summary.ts';
import type { ScaleToZeroSummary } from './scale-to-zero.ts';
import type { NodePoolSummary } from './node-pool-summary.ts';
import type { UnallocatedCost } from './cost-allocation.ts';

/** Version of the RunResult shape (the CLI's --json output); bump on any breaking change. */
export const RUN_RESULT_FORMAT_VERSION = 2;

/** Summary of a serving simulation. Latencies in ms, durations in s, money in USD. */
export interface ServingSummary {
  durationSeconds: number;
  warmupSeconds: number;
  /**
   * All requests, each in one bucket: offered = served + dropped + timedOut + unfinished (still in flight
   * when the drain after the horizon ended). retried = re-sent after their pod's node died; drained = finished on a pod shutting down.
   */
  requests: RequestCounts & { retried: number; drained: number };
  /** Requests that arrived after the warm-up, each in one bucket (the basis of availability and latency). */
  measured: RequestCounts;
  /**
   * Latencies of measured requests: the served ones and, censored at their age at the end (a lower bound),
   * the `censored` unfinished ones, so a backlog shows in the percentiles.
   */
  latencyMs: { p50: number; p90: number; p95: number; p99: number; p999: number; mean: number; max: number; censored: number };
  /** served ÷ offered after the warm-up: unfinished requests count as not served; 1 when nothing was offered. */
  availability: number;
  /** Requests in flight at interval ends after the warm-up: the most waiting + in service, and the most waiting. */
  backlog: { max: number; waitingMax: number };
  replicas: { min: number; max: number; mean: number };
  nodes: { min: number; max: number; mean: number };
  peakGpus: number;
  gpuUtilization: number;
  spotInterruptions: number;
  /** Hardware failures, spot waves and scheduled faults (null when the design has none). */
  faults: FaultsSummary | null;
  /** A cluster shared by teams (spec.teams, priorityClasses, jobs): per team and per job; null otherwise. */
  shared: SharedClusterSummary | null;
  /** Per traffic source, in spec order: its target, the requests it offered and its own offered rate per interval (the top-level series sum them). */
  traffic: TrafficSourceSummary[];
  /** Per node pool, in spec order: provisioner (cluster autoscaler or Karpenter), launches, consolidations, capacity refusals, node-hours, cost. */
  nodePools: NodePoolSummary[];
  /** HPA scale-up decision to ready capacity, minutes (null without scale-ups or with several services). */
  scaleUp: { p50Minutes: number; maxMinutes: number; decisions: number } | null;
  /** KEDA scale to zero: time at zero, cold starts, requests that waited or failed at zero, money saved (null without a ScaledObject). */
  scaleToZero: ScaleToZeroSummary | null;
  /** Metrics outages (spec.faults kind metrics): their windows, and per service the HPA syncs and KEDA polls whose reads failed and when KEDA's fallback was active (null without one). */
  metricsOutage: MetricsOutageSummary | null;
  /**
   * Token-level (llm) services only. TTFT, TPOT and ITL (the gaps between streamed chunks, pooled over requests) in
   * ms; tokens per second over the whole run.
   */
  llm: {
    ttftMs: { p50: number; p90: number; p95: number; p99: number; mean: number };
    tpotMs: { p50: number; p90: number; p99: number; mean: number };
    itlMs: { p50: number; p90: number; p99: number; mean: number };
    outputTokens: number;
    outputTokensPerSecond: number;
    costPerMillionOutputTokensUsd: number | null;
    /** Services with prompt templates or sessions: hit rate, TTFT with and without a hit, compute saved; null otherwise. */
    prefixCache: PrefixCacheSummary | null;
    /**
     * Services with `llm.speculative`: decode steps of one sequence verified, over the sequences that finished (`sequenceSteps`), the mean tokens a
     * sequence gained per step, the verifier's own included (`acceptedTokensPerStep`, vLLM's mean acceptance
     * length), and the share of draft tokens accepted (`draftAcceptanceRate`, (accepted − 1) ÷ k); null otherwise.
     */
    speculative: { sequenceSteps: number; acceptedTokensPerStep: number; draftAcceptanceRate: number } | null;
    /** Services with `llm.scheduler.kvAllocation: paged`: by name, the sequences preempted (KV blocks ran out; each re-prefilled later); null otherwise. */
    preemptions: Record<string, number> | null;
    /** Services with `llm.lora`: by name, adapter loads over the whole run and the requests max_loras held back (api/lora-summary.ts); null otherwise. */
    lora: Record<string, LoraSummary> | null;
    /** Disaggregated services: per pool (prefill, decode) GPU, replicas, utilization, queue, tokens and cost per million tokens; the KV transfer. Empty without one. */
    disaggregated: DisaggregatedSummary[];
  } | null;
  /**
   * Closed-loop traffic only: users over the run, the achieved throughput, and one row per user level (a
   * concurrency sweep's table, as vllm bench / genai-perf report it). Null for open-loop and trace traffic.
   */
  closedLoop: ClosedLoopSummary | null;
  cost: {
    totalUsd: number;
    perHourUsd: number;
    monthlyUsd: number;
    per1kRequestsUsd: number | null;
    perMillionRequestsUsd: number | null;
    lines: CostLine[];
    unknownPrices: string[];
    complete: boolean;
    /** Prices used that are stale on the bill's date (still billed), one line each. */
    stalePrices: string[];
    /** spec.baseline's hourly figure and 1 − perHourUsd ÷ it, when the scenario states a baseline. */
    baselineHourlyUsd: number | null;
    savingVsBaseline: number | null;
    /**
     * What no service's cost share holds (a pool that runs no service; the control plane, storage, egress, extras),
     * USD per hour: the services' `cost.perHourUsd` plus these add up to `perHourUsd` (api/cost-allocation.ts).
     */
    unallocated: UnallocatedCost[];
  };
}

/** What a closed loop did. Rates per second of simulated time; latencies in ms. */
/** One traffic source's part of the offered load. */
export interface TrafficSourceSummary {
  /** The service it sends to. */
  target: string;
  /** Requests it offered over the whole run (warm-up included), like `requests.offered`. */
  offered: number;
  /** Its offered rate at each interval (requests/s), aligned with the top-level `timeseries.t`. */
  timeseries: { offeredQps: Float64Array };
}

export interface ClosedLoopSummary {
  /** Users (with a request in flight or thinking) at interval ends after the warm-up. */
  users: { min: number; max: number; mean: number };
  /** Mean think time, s. */
  thinkSeconds: number;
  /** Served requests per second after the warm-up (the benchmark's "request throughput"). */
  throughputQps: number;
  /** One row per stretch of constant users, in time order. */
  levels: LoadLevelSummary[];
  /** True when the users changed more than 64 times (a long ramp): later stretches have no row. */
  levelsTruncated: boolean;
}

/**
 * One stretch of constant closed-loop users. Throughput counts every completion in the stretch; latency,
 * TTFT and TPOT count the requests that arrived and finished in it (`requests` of them).
 */
export interface LoadLevelSummary {
  users: number;
  fromSeconds: number;
  toSeconds: number;
  /** Served and failed (dropped or timed out) requests per second during the stretch. */
  servedQps: number;
  failedQps: number;
  /** Output tokens per second during the stretch (llm services; 0 otherwise). */
  outputTokensPerSecond: number;
  requests: number;
  latencyMs: { p50: number; p90: number; p95: number; p99: number; mean: number };
  /** Null without an llm service. */
  ttftMs: { p50: number; p90: number; p95: number; p99: number; mean: number } | null;
  tpotMs: { p50: number; p90: number; p95: number; p99: number; mean: number } | null;
}

/** A training estimate as the scenario asked for it. */
export interface TrainingSummary {
  flops: number;
  gpu: string;
  gpuCount: number;
  purchase: string;
  usdPerGpuHour: number | null;
  idealDays: number;
  days: number;
  hours: number;
  gpuHours: number;
  lostDays: number;
  /** Where the expected days go: compute at the run's MFU, checkpoint saves, work redone after interruptions, restarts (they add up to `days`). */
  breakdownDays: { work: number; checkpoint: number; lostWork: number; restart: number };
  /** Nodes of an instance-based run (spec.training.nodes); null when the run is given in GPUs. */
  nodes: number | null;
  interruptions: number;
  costUsd: number | null;
  budget: { budgetUsd: number; fits: boolean; tokensAffordable: number; daysAffordable: number; shortfallUsd: number } | null;
  formula: string;
  unknownPrices: string[];
  /** Where the price per GPU-hour comes from and when its source observed it ("2026-06-23", "≤ 2025-05-31", "undated"); null without a catalog price. */
  priceSource: string | null;
  priceObserved: string | null;
  /** The price used, when stale on the catalog date: "<instance> <capacity> $x/h: STALE: …". */
  stalePrices: string[];
  /** Mixed-precision Adam model states, unsharded (16 bytes per parameter), GB; and one GPU's dense peak TFLOPS. */
  memoryGB: number;
  peakTflopsPerGpu: number;
  /** Whether the model states (and stated activations) fit in each GPU's memory under the run's ZeRO sharding. */
  memoryFit: TrainingMemoryFit;
}

/** Per-GPU training memory against one GPU's capacity (decimal GB), under one ZeRO stage. */
export interface TrainingMemoryFit {
  /** The stage checked: spec.training.zeroStage, or 3 (the most sharded) when the scenario does not say. */
  zeroStage: 0 | 1 | 2 | 3;
  stageStated: boolean;
  /** Model states held on each GPU after sharding, GB. */
  statesGBPerGpu: number;
  /** spec.training.activationGBPerGpu, or 0 when not stated. */
  activationGBPerGpu: number;
  /** The catalog GPU id. */
  gpu: string;
  /** One GPU's memory and all of them together, GB. */
  gpuMemoryGB: number;
  totalGpuMemoryGB: number;
  fits: boolean;
  /** Fewest GPUs of this kind that fit at this stage; null when none does (replicated states alone overflow one GPU). */
  minGpus: number | null;
  /** The lowest ZeRO stage that fits on these GPUs, or null when even stage 3 does not. */
  lowestFittingStage: 0 | 1 | 2 | 3 | null;
}

/** Everything one scenario run produced: plain data, structured-clone friendly (series are typed arrays). */
export interface RunResult {
  formatVersion: typeof RUN_RESULT_FORMAT_VERSION;
  scenario: { name: string; title: string | null };
  seed: number;
  summary: ServingSummary | null;
  timeseries: TimeSeries | null;
  events: EngineEvent[];
  training: TrainingSummary | null;
  /** spec.costs priced: line items with sources, dates and freshness, totals per period, hour and month. */
  costs: LineItemCosts | null;
  expectations: ExpectationResult[];
  claims: ClaimGrade[];
  /** Per service, keyed by name (null without a serving run); `summary` stays end to end at the entry points. */
  services: Record<string, ServiceSummary> | null;
  /** Where the entry point's time goes on the critical path (null without calls). */
  breakdown: LatencyBreakdownSummary | null;
  /** What the run itself found wrong (overload, nothing served…); an error fails the run whatever the expectations. */
  diagnostics: Diagnostic[];
  /** True when every expectation holds and no diagnostic is an error (claims are graded, never failing the run). */
  pass: boolean;
  /** Fraction of the simulated horizon this result covers: 1 when complete, less for a snapshot of a run in progress. */
  progress: number;
}

/** What failures and faults did to a serving run (cluster/node-faults.ts). */
export interface FaultsSummary {
  /** Hardware failures drawn from nodePools[].failures. */
  nodeFailures: number;
  /** Spot reclaim waves, and the spot nodes they took (each also counts in spotInterruptions). */
  spotWaves: number;
  spotWaveNodes: number;
  /** spec.faults entries that started, and the nodes they took down. */
  scheduledFaults: number;
  scheduledFaultNodes: number;
  /** Serving pods lost with a failed node, and Σ hours until each was replaced (or the run ended). */
  podsLost: number;
  lostPodHours: number;
  /** Requests and calls queued or in service on a failed node: failed (they count as dropped in the totals). */
  requestsFailed: number;
}

/** A shared cluster's run: what each team held and was charged, how long jobs waited, what was preempted. */
export interface SharedClusterSummary {
  /** GPU-hours of the GPU pools' nodes over the run, the share the teams held, and the cost per GPU-hour. */
  capacityGpuHours: number;
  allocation: number;
  usdPerGpuHour: number | null;
  unallocatedGpuHours: number;
  unallocatedUsd: number | null;
  teams: {
    name: string;
    /** ResourceQuota requests.nvidia.com/gpu (pool units); null without one. */
    gpuQuota: number | null;
    gpuHours: number;
    /** gpuHours ÷ capacity; and ÷ (quota × hours) when it has a quota on whole GPUs. */
    share: number;
    quotaUse: number | null;
    peakGpus: number;
    quotaRefusals: number;
    podsPreempted: number;
    showbackUsd: number | null;
    /** Only for a team with a Kueue ClusterQueue (spec.teams[].kueue). */
    kueue?: {
      nominalQuota: number;
      /** GPU-hours its ClusterQueue held above nominalQuota: quota borrowed from its cohort. */
      borrowedGpuHours: number;
      /** Workloads of other queues it evicted to take back its nominal quota (reclaimWithinCohort). */
      reclaims: number;
      /** Its workloads evicted by other queues taking back theirs. */
      reclaimedFrom: number;
      /** With `cluster.kueue.waitForPodsReady`: its workloads evicted because their pods were not ready in time. */
      podsReadyEvictions?: number;
      /** With `cluster.kueue.waitForPodsReady`: its workloads deactivated after `backoffLimitCount` requeues. */
      deactivated?: number;
    };
  }[];
  jobs: {
    name: string;
    team: string;
    submitted: number;
    completed: number;
    /** Submission to running, minutes, over runs that started; null when none did. */
    waitMinutes: { p50: number; mean: number; max: number } | null;
    interruptions: number;
    lostGpuHours: number;
  }[];
  /** Serving pods preempted, by service name (only services with any). */
  servingPreempted: Record<string, number>;
  /** Job runs still waiting at the end: admitted but not placed, quota-blocked, and the longest wait so far (minutes). */
  jobsWaitingAtEnd: { queued: number; quotaBlocked: number; oldestWaitMinutes: number };
}
