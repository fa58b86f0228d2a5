import type { EngineLora } from './lora-adapters.ts';
import type { KedaFallback } from '../keda/keda-fallback.ts';
import type { KpaDeciderSpec } from '../knative/kpa-decider.ts';
import type { PaSpec } from '../knative/pa-reconciler.ts';
import type { BackoffConfig } from '../cluster/node-group-backoff.ts';
import type { ExpanderName } from '../cluster/expander.ts';
import type { PodDisruptionBudgetSpec } from '../cluster/pod-disruption-budget.ts';
import type { HpaControllerConfig } from '../hpa/index.ts';
import type { CronSchedule } from '../karpenter/cron-schedule.ts';
import type { LlmCostModel, LlmEfficiency, LlmHardware } from '../llm/llm-perf.ts';
import type { EngineSpeculative } from '../llm/speculative.ts';
import type { DurationDistribution } from '../random/service-time.ts';
import type { LlmScheduler } from './llm-scheduler.ts';
import type { ArrivalKind } from '../traffic/arrival-process.ts';
import type { ThinkDistribution } from '../traffic/closed-loop.ts';
import type { RateProfile } from '../traffic/rate-profile.ts';
import type { EngineTrace } from '../traffic/trace-arrivals.ts';

/**
 * What the engine runs: a scenario resolved to plain numbers in canonical units (seconds, requests per
 * second, USD per hour) and catalog look-ups already done. `compileScenario` builds it from a parsed
 * Scenario; tests build it directly. The engine never sees YAML, units strings or catalog ids.
 */
export interface EngineConfig {
  seed: number;
  durationSeconds: number;
  /** Requests arriving before this time are excluded from the summary statistics. */
  warmupSeconds: number;
  /** Time-series resolution. */
  intervalSeconds: number;
  /**
   * After the horizon no request arrives; those in flight get this long to finish (0 = cut at the
   * horizon). Whatever is still in flight then is unfinished: not served, its latency censored at its age.
   */
  drainSeconds: number;
  /** Traffic sources: each its own profile and entry service. */
  traffic: EngineTraffic[];
  services: EngineService[];
  /** Network time added to each call and to its reply, one way, s (spec.network.sameZone). */
  networkSeconds?: number;
  pools: EnginePool[];
  /** The cluster autoscaler's global flags (used when any pool is autoscaled); default: cluster-autoscaler 1.34's. */
  clusterAutoscaler?: EngineClusterAutoscaler;
  /** Karpenter's global settings (used when any pool has `karpenter`); default: upstream's (karpenter/karpenter-config.ts). */
  karpenter?: EngineKarpenterSettings;
  /** Most events (scale, node, spot) kept in the result; later ones are counted, not stored. */
  maxEvents?: number;
  /** Most requests in flight at once before arrivals are dropped (default MAX_IN_FLIGHT_REQUESTS). */
  maxInFlightRequests?: number;
  /** Scheduled node faults (spec.faults, kind nodes); omitted or empty for none. */
  faults?: EngineFault[];
  /** Scheduled outages of the autoscalers' metrics (spec.faults, kind metrics); omitted or empty for none. */
  metricsOutages?: EngineMetricsOutage[];
  /** Teams (namespaces) with their GPU quotas; omitted or empty for none. */
  teams?: EngineTeam[];
  /** Training and batch jobs on the pools; omitted or empty for none. */
  jobs?: EngineJob[];
  /** Kueue's waitForPodsReady for the teams with `kueue` (cluster/kueue-pods-ready.ts); omitted or null = not enabled. */
  waitForPodsReady?: EngineWaitForPodsReady | null;
}

/**
 * Kueue's manager configuration `waitForPodsReady` (config.kueue.x-k8s.io/v1beta2), upstream defaults applied
 * (kubernetes-sigs/kueue @ff69552e apis/config/v1beta2/defaults.go).
 */
export interface EngineWaitForPodsReady {
  /** `timeout`, s: an admitted workload whose pods are not all ready this long after admission is evicted. */
  timeoutSeconds: number;
  /** `recoveryTimeout`, s: the same after a ready workload loses a pod; null = not checked ("0s"). */
  recoveryTimeoutSeconds: number | null;
  /** `blockAdmission`: no workload is admitted while an admitted one waits for its pods. */
  blockAdmission: boolean;
  /** `requeuingStrategy.timestamp`: the queue order of a requeued workload, from its eviction or its creation. */
  requeuingTimestamp: 'Eviction' | 'Creation';
  /** `requeuingStrategy.backoffLimitCount`: requeues before the workload is deactivated; null = for ever. */
  backoffLimitCount: number | null;
  /** `requeuingStrategy.backoffBaseSeconds`. */
  backoffBaseSeconds: number;
  /** `requeuingStrategy.backoffMaxSeconds`; 0 = no cap (upstream's `NewBackoff` treats a zero cap as none). */
  backoffMaxSeconds: number;
}

/** A team (namespace): its ResourceQuota `requests.nvidia.com/gpu`, in pool units; null = none. */
export interface EngineTeam {
  name: string;
  gpuQuota: number | null;
  /** Its jobs are admitted by a Kueue ClusterQueue (cluster/kueue-scheduler.ts) instead of the ResourceQuota; null or omitted = not. */
  kueue?: EngineKueueQueue | null;
}

/** A team's Kueue ClusterQueue: quota in pool units, its cohort (index) and policies, upstream defaults applied. */
export interface EngineKueueQueue {
  nominalQuota: number;
  borrowingLimit: number | null;
  lendingLimit: number | null;
  /** Cohort index (teams sharing one name share one), or null for a queue on its own. */
  cohort: number | null;
  reclaimWithinCohort: 'Never' | 'LowerPriority' | 'Any';
  withinClusterQueue: 'Never' | 'LowerPriority' | 'LowerOrNewerEqualPriority';
  queueingStrategy: 'BestEffortFIFO' | 'StrictFIFO';
}

/** A training or batch job (spec.jobs), resolved to indices and seconds. */
export interface EngineJob {
  name: string;
  team: number;
  pool: number;
  pods: number;
  /** Units (GPUs, or MIG slices on a MIG pool) each pod requests. */
  unitsPerPod: number;
  durationSeconds: number;
  gang: boolean;
  priority: number;
  /** PriorityClass preemptionPolicy PreemptLowerPriority (false: Never). */
  preempts: boolean;
  /** Submission times, s. */
  submitAt: number[];
  /** A preempted run keeps its work up to the last multiple of this; null = restarts from the start. */
  checkpointSeconds: number | null;
  /**
   * `karpenter.sh/do-not-disrupt: "true"` on the job's pods (`jobs[].podAnnotations`): Karpenter's graceful methods skip
   * a node running one, launch no capacity for it while its node is deleted, and its drain leaves it to finish (or to
   * the NodePool's terminationGracePeriod). Omitted: false.
   */
  doNotDisrupt?: boolean;
  /** `cluster-autoscaler.kubernetes.io/safe-to-evict` on the job's pods: "false" keeps their node from scale-down. Omitted: absent. */
  safeToEvict?: boolean | null;
}

export interface EngineTraffic {
  /** Open loop: the request rate (unused by a closed loop or a trace). */
  profile: RateProfile;
  arrivals: ArrivalKind;
  /** Index of the service that receives the traffic. */
  service: number;
  /** A closed loop instead of the open-loop profile: users over time (a profile of user counts) and their think time. */
  closed?: { users: RateProfile; think: ThinkDistribution } | null;
  /** Arrivals (and token counts) replayed from a trace instead of the profile; the host supplies the file (RunOptions.traces). */
  trace?: EngineTrace | null;
}

export type Routing = 'least-outstanding' | 'round-robin' | 'random' | 'shared-queue' | 'prefix-aware';

export interface EngineBatching {
  maxBatchSize: number;
  maxQueueDelaySeconds: number;
  /** Service time of a batch of b requests, seconds: table[b] for b in 1..maxBatchSize (index 0 unused). */
  batchSeconds: Float64Array;
  /** The service's calls are made once per batch (by its first request), and every request of the batch waits for them. */
  callsPerBatch: boolean;
}

export type HpaMetricType = 'qpsPerReplica' | 'concurrency' | 'gpuUtilization' | 'cpuUtilization' | 'queueLength' | 'kvCacheUtilization';

export interface EngineHpaMetric {
  type: HpaMetricType;
  /** Pods: one pipeline per pod; Resource (cpuUtilization): per pod, with the CPU readiness rules; External: one pipeline for the service's total (queueLength, concurrency). */
  source: 'Pods' | 'External' | 'Resource';
  /** AverageValue: `target` per replica; Value (External only): `target` for the whole service. */
  targetType: 'AverageValue' | 'Value';
  /** Average value per replica (gpuUtilization: percent 0–100), or the total for a Value target. */
  target: number;
  /** Rate window for counters (qpsPerReplica), 0 = last value. */
  windowSeconds: number;
  scrapeIntervalSeconds: number;
  /** First scrape time (s, in [0, scrapeInterval)); omitted = drawn from the seed, so scrapes and syncs are not phase-locked. */
  scrapePhaseSeconds?: number;
}

export interface EngineHpa {
  controller: HpaControllerConfig;
  metrics: EngineHpaMetric[];
  syncPeriodSeconds: number;
  /** First sync time (s, in [0, syncPeriod)); omitted = drawn from the seed. */
  syncPhaseSeconds?: number;
}

export interface EngineService {
  name: string;
  initialReplicas: number;
  gpusPerReplica: number;
  /** Requests (or batches, with batching) in service at once per replica. */
  concurrency: number;
  routing: Routing;
  serviceTime: DurationDistribution;
  batching: EngineBatching | null;
  /** Per-replica queue cap (shared-queue: the balancer's queue); Infinity = unbounded. */
  queueMaxLength: number;
  /** Longest a request may wait in a queue before it is timed out; Infinity = never. */
  queueTimeoutSeconds: number;
  startup: EngineStartup;
  /** Indices into `pools` the replicas may run on (node affinity); empty for an unconstrained cluster (pods schedule at once, no node cost). */
  pools: readonly number[];
  hpa: EngineHpa | null;
  /** A response cache in front of the replicas: this fraction of new requests is answered at its latency. */
  cache: { hitRatio: number; latencySeconds: number } | null;
  /** Token-level LLM serving (replaces `serviceTime`); null for per-request service times. */
  llm: EngineLlm | null;
  /** What the service does after its own work: steps run in order, each one call or a parallel group (empty: none). */
  calls?: EngineStep[];
  /** false: a replica's slot is held while the request waits on its calls (thread per request); true: released (async server). */
  releaseDuringCalls?: boolean;
  /** Processor each replica requests: 'gpu' (gpusPerReplica counts GPUs) or 'cpu' (gpusPerReplica then counts its vCPUs, the unit its CPU pool schedules by). */
  unit?: 'gpu' | 'cpu';
  /** An external dependency's rate limit: requests beyond `perSecond` (token bucket of `burst`) are refused. */
  rateLimit?: { perSecond: number; burst: number } | null;
  /** A KEDA ScaledObject over the service (0 ↔ 1, and the buffer at zero); null or omitted without one. */
  keda?: EngineKeda | null;
  /** The Knative Pod Autoscaler over the service (engine/knative-driver.ts); null or omitted without one. */
  knative?: EngineKnative | null;
  /** Team index (spec.teams) for quota and showback; null or omitted without one. */
  team?: number | null;
  /** PriorityClass value (default 0), and whether its pods may preempt lower ones. */
  priority?: number;
  preempts?: boolean;
  /** The PodDisruptionBudget over the service's pods (cluster/pod-disruption-budget.ts); null or omitted without one. */
  disruptionBudget?: PodDisruptionBudgetSpec | null;
  /**
   * `karpenter.sh/do-not-disrupt: "true"` on the pods (scenario/pod-annotations-schema.ts): Karpenter's graceful
   * methods skip a node running one, and its drain does not evict it. Omitted: false.
   */
  doNotDisrupt?: boolean;
  /** `cluster-autoscaler.kubernetes.io/safe-to-evict` on the pods: true "true", false "false"; omitted or null: absent. */
  safeToEvict?: boolean | null;
  /**
   * The pods' terminationGracePeriodSeconds: a terminating pod still serving this long after it left the endpoints
   * is killed with what it serves (engine/termination-grace.ts). Omitted: Kubernetes' default, 30 s.
   */
  terminationGraceSeconds?: number;
}

/**
 * A pod's start-up after it is bound to a node, s: image pull (skipped when the node has the image), then
 * model load (weight load + engine start), then readiness. `stages`, when the scenario gave the physics, says
 * how the pull and the load were computed (for reports; the engine reads the three sums).
 */
export interface EngineStartup {
  imagePullSeconds: number;
  modelLoadSeconds: number;
  readinessSeconds: number;
  stages?: { imageGB: number | null; registryMBps: number | null; weightsGB: number | null; weightsSource: string | null; weightsMBps: number | null; weightLoadSeconds: number; engineStartSeconds: number };
}

/** One KEDA trigger the scale loop polls (what it reads, its activation threshold, a rate window in s). */
export interface EngineKedaTrigger {
  type: 'requestRate' | 'pendingRequests' | 'prometheus';
  /** prometheus only: the replicas' own series it queries. */
  metric: 'queueLength' | 'concurrency' | 'qpsPerReplica' | null;
  activationThreshold: number;
  windowSeconds: number;
}

/** A KEDA ScaledObject (keda/scaled-object-controller.ts) and the buffer that holds requests at zero. */
export interface EngineKeda {
  minReplicaCount: number;
  pollingIntervalSeconds: number;
  cooldownPeriodSeconds: number;
  initialCooldownPeriodSeconds: number;
  /** `idleReplicaCount` (below minReplicaCount): replicas while no trigger is active; null = not set. */
  idleReplicaCount: number | null;
  triggers: EngineKedaTrigger[];
  /** null: requests with no ready replica fail at once; else they wait (capacity and timeout may be Infinity). */
  buffer: { capacity: number; timeoutSeconds: number } | null;
  /** `spec.fallback` (keda/keda-fallback.ts); null or omitted without one. */
  fallback?: KedaFallback | null;
}

/** The Knative Pod Autoscaler: the decider's spec (MakeDecider), the PodAutoscaler's bounds, its windows and the activator's buffer. */
export interface EngineKnative {
  metric: 'concurrency' | 'rps';
  /** metric-aggregation-algorithm: the windows' plain average, or weighted-exponential. Omitted: linear. */
  aggregation?: 'linear' | 'weighted-exponential';
  decider: KpaDeciderSpec;
  pa: PaSpec;
  panicWindowPercentage: number;
  /** The activator's hold while no replica is ready (capacity and timeout may be Infinity). */
  buffer: { capacity: number; timeoutSeconds: number };
}

/** One step of a service's calls: a single call, or several in parallel (fork-join). */
export interface EngineStep {
  calls: EngineCall[];
  /** A choice: at most one of the calls is made, picked by their probabilities (a router). */
  choice?: boolean;
}

/** A call from one service to another. */
export interface EngineCall {
  /** Callee service index. */
  to: number;
  /** Fraction of visits that make the call (decided per visit, seeded). */
  probability: number;
  /** Fire-and-forget: the caller does not wait. */
  async: boolean;
  /** The caller gives up after this long (s, from sending); Infinity: never. */
  timeoutSeconds: number;
  /** Attempts after the first when the call fails or times out. */
  retries: number;
  /** Calls in flight at once from each caller replica (its connection pool); 0: no limit. */
  connections: number;
  /** Retry back-off: attempt n waits uniform(0, min(max, (2^n − 1) · base)) with jitter, else that bound. */
  backoff: { baseSeconds: number; maxSeconds: number; jitter: boolean };
}

/** Request lengths in tokens. */
export type TokenDistribution =
  | { kind: 'fixed'; tokens: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'lognormal'; mu: number; sigma: number; max: number };

/** A resolved LLM deployment: model, hardware, batching limits and calibrated efficiencies. */
export interface EngineLlm {
  model: LlmCostModel;
  hardware: LlmHardware;
  efficiency: LlmEfficiency;
  /** Tokens of KV cache that fit on one replica beside the weights. */
  kvCapacityTokens: number;
  /** Most sequences in a batch (vLLM max_num_seqs). */
  maxBatchSize: number;
  /** Most tokens processed in one iteration (vLLM max_num_batched_tokens). */
  maxBatchedTokens: number;
  /** Split long prompts across iterations, sharing them with decodes. */
  chunkedPrefill: boolean;
  /** Multi-step rounds, prefill apart from decodes, paged KV (engine/llm-scheduler.ts, engine/paged-kv.ts); omitted: steps 1, prefill mixed, KV reserved. */
  scheduler?: LlmScheduler;
  inputTokens: TokenDistribution;
  outputTokens: TokenDistribution;
  /** Shared prefixes, sessions and the prefix cache; null when the service uses none of them. */
  prefix: EnginePrefix | null;
  /**
   * Disaggregated serving (DistServe, Splitwise): a 'prefill' replica ends a request's visit when its prompt
   * is prefilled (the first token) and its call hands the request to the decode service; a 'decode' replica
   * takes it once its KV cache has crossed the link and generates the rest. Omitted: one replica does both.
   */
  role?: 'prefill' | 'decode';
  /** Decode role: the KV cache's transfer rate from the prefill replica, bytes/s (link × achieved fraction). */
  kvTransferBytesPerSecond?: number;
  /** Speculative decoding (llm/speculative.ts); omitted: one token per sequence per decode iteration. Not with `scheduler.steps` > 1 (the schema refuses the pair). */
  speculative?: EngineSpeculative;
  /** Multi-LoRA serving (engine/lora-adapters.ts); omitted: every request runs on the base model. */
  lora?: EngineLora;
}

/** Prompt templates, multi-turn sessions and automatic prefix caching of an llm service. */
export interface EnginePrefix {
  /** Prompt templates: prefix tokens and the fraction of requests that carry each (shares sum ≤ 1). */
  templates: { tokens: number; share: number }[];
  /** Turns per session; 0 = requests are independent. */
  sessionTurns: number;
  /** Automatic prefix caching on (false: the same prompts, every token computed). */
  caching: boolean;
}

/** Cluster-autoscaler options a node group may override (upstream NodeGroupAutoscalingOptions). */
export interface EngineNodeGroupAutoscaling {
  /** false: the pool is not autoscaled (never grown or shrunk; its nodes still take pods). */
  enabled: boolean;
  scaleDownUnneededSeconds: number;
  /** `ScaleDownUnreadyTime`: the unneeded time of a node that is not Ready (failed, NotReady), s. */
  scaleDownUnreadySeconds: number;
  /** GPU requests / allocatable GPUs at or below which a node is a scale-down candidate. */
  utilizationThreshold: number;
  /** `--max-node-provision-time`: a node not up this long after it was first seen is removed and the group backed off. */
  maxNodeProvisionSeconds: number;
  /** Priority-expander priority (higher wins); null = not listed in the priority ConfigMap. */
  priority: number | null;
}

/** The cluster autoscaler's global flags (one loop for the whole cluster). */
export interface EngineClusterAutoscaler {
  /** `--scan-interval`. */
  scanIntervalSeconds: number;
  /** `--scale-down-delay-after-add` (global: a scale-up anywhere pauses scale-down everywhere). */
  scaleDownDelayAfterAddSeconds: number;
  /** `--expander`: the chain of expanders, first to last. */
  expander: ExpanderName[];
  /** `--max-scale-down-parallelism`: nodes deleted at once, empty and drained. */
  maxScaleDownParallelism: number;
  /** `--max-drain-parallelism`: nodes drained at once. */
  maxDrainParallelism: number;
  /** `--unremovable-node-recheck-timeout`: a node with no place for its pods is not re-simulated this long. */
  unremovableNodeRecheckSeconds: number;
  /** `--scale-down-unneeded-time` as the node-group default (bounds how many nodes are simulated per loop). */
  defaultScaleDownUnneededSeconds: number;
  /** `--initial-node-group-backoff-duration`, `--max-node-group-backoff-duration`, `--node-group-backoff-reset-timeout`. */
  backoff: BackoffConfig;
  /** `--expendable-pods-priority-cutoff`: pods of a lower priority are expendable (cluster/expendable.ts). */
  expendablePodsPriorityCutoff: number;
}

export interface EnginePool {
  name: string;
  instanceId: string;
  /** Schedulable units per node: GPUs, or on a CPU pool (unit 'cpu') vCPUs. */
  gpusPerNode: number;
  /** 'cpu' for a CPU-only instance type: its units are vCPUs and it counts in no GPU figure. */
  unit?: 'gpu' | 'cpu';
  minNodes: number;
  maxNodes: number;
  initialNodes: number;
  /** Target fraction of nodes that are spot. */
  spotShare: number;
  /** USD per node-hour for the spot and the non-spot share; null = unknown (costs 0, flagged). */
  spotUsdPerHour: number | null;
  regularUsdPerHour: number | null;
  regularCapacity: 'on-demand' | 'commit1y' | 'commit3y';
  provisioning: DurationDistribution;
  /** Probability that a requested node never becomes Ready (stockout, boot or driver failure). */
  provisioningFailure: number;
  autoscaler: EngineNodeGroupAutoscaling;
  spot: EngineSpot | null;
  /** Node hardware failures: Poisson per node-hour from Ready, NotReady for `repairSeconds`; null without. */
  failures?: { perNodeHour: number; repairSeconds: number } | null;
  /** Availability zone (for zone faults); null when not given. */
  zone?: string | null;
  /** MIG slices per GPU (gpusPerNode then counts slices); 1 or omitted without MIG. */
  migSlicesPerGpu?: number;
  /** A Karpenter NodePool drives this pool instead of the cluster autoscaler (whose `autoscaler.enabled` is then false). */
  karpenter?: EngineKarpenterPool | null;
  /** Windows of insufficient capacity for this pool's offerings. */
  stockouts?: readonly EngineStockout[];
  /**
   * A Karpenter pool's NodePool template changes (`rollouts[].at`), s, ascending: a node launched before one is Drifted
   * from then on (karpenter/drift.ts). Omitted: none.
   */
  rollouts?: readonly number[];
}

/** Spot interruptions of a pool's spot share: independent ones, and waves that take a share at once. */
export interface EngineSpot {
  interruptionsPerNodeHour: number;
  noticeSeconds: number;
  /** Reclaim events per hour, each taking ceil(fraction × spot nodes), then spot capacity out for `outageSeconds`. */
  waves?: { perHour: number; fraction: number; outageSeconds: number } | null;
  /** While spot capacity is out: new nodes come up on-demand, or spot requests fail. */
  fallback?: 'none' | 'on-demand';
}

/** A scheduled fault (spec.faults): nodes of pools down from `atSeconds` for `forSeconds`. */
export interface EngineFault {
  atSeconds: number;
  forSeconds: number;
  /** Pool indices hit. */
  pools: number[];
  /** How many nodes of the (single) pool; null = every node of the pools, and no new node comes up there meanwhile. */
  nodes: number | null;
  /** What the scenario named, for events: "pool gpu", "2 nodes of gpu", "zone us-east-1a". */
  label: string;
}


/** A scheduled metrics outage (spec.faults kind metrics): the services' autoscaler metric reads fail in [at, at + for). */
export interface EngineMetricsOutage {
  atSeconds: number;
  forSeconds: number;
  /** Service indices hit (every service when the scenario listed none). */
  services: number[];
  /** What the scenario named, for events: "metrics of api", "metrics of every service". */
  label: string;
}

/** Karpenter's controller settings (pkg/operator/options/options.go). */
export interface EngineKarpenterSettings {
  /** BATCH_IDLE_DURATION, s. */
  batchIdleSeconds: number;
  /** BATCH_MAX_DURATION, s. */
  batchMaxSeconds: number;
  /** Feature gate SpotToSpotConsolidation. */
  spotToSpotConsolidation: boolean;
  /** The controller's clock at simulated time 0, Unix seconds (UTC): what budget schedules are read against. */
  startEpochSeconds: number;
}

/** One instance type a Karpenter pool may launch; prices USD per node-hour, null = not sold that way (or unknown). */
export interface EngineKarpenterType {
  instanceId: string;
  /** Schedulable units of a node: GPUs (vCPUs on a CPU pool). */
  gpus: number;
  onDemandUsdPerHour: number | null;
  spotUsdPerHour: number | null;
}

/** A budget's active windows: from each time `cron` fires (UTC), for `durationSeconds`. */
export interface EngineBudgetSchedule {
  /** The parsed schedule; null when robfig/cron rejects what the CRD let through, and the pool then fails closed. */
  cron: CronSchedule | null;
  durationSeconds: number;
}

/** A disruption budget: a share of the pool's nodes (rounded up) or a count, for some reasons or all (null). */
export interface EngineDisruptionBudget {
  percent: number | null;
  count: number | null;
  reasons: readonly ('Empty' | 'Underutilized' | 'Drifted')[] | null;
  /** `schedule` and `duration`; null = always active. */
  schedule: EngineBudgetSchedule | null;
}

/** A Karpenter NodePool. */
export interface EngineKarpenterPool {
  types: EngineKarpenterType[];
  /**
   * `karpenter.sh/do-not-disrupt: "true"` in the NodePool template's annotations: no node of the pool is a candidate of
   * any disruption method (`ValidateNodeDisruptable`); expiration still deletes them. Omitted: false.
   */
  doNotDisrupt?: boolean;
  /** Capacity types allowed; spot is preferred when allowed and available (getCapacityType). */
  capacityTypes: readonly ('spot' | 'on-demand')[];
  zones: readonly string[];
  /** limits["nvidia.com/gpu"] (units of the pool) and limits.nodes; null = none. */
  limitUnits: number | null;
  limitNodes: number | null;
  consolidationPolicy: 'WhenEmpty' | 'WhenEmptyOrUnderutilized';
  /** null = Never (consolidation off). */
  consolidateAfterSeconds: number | null;
  budgets: readonly EngineDisruptionBudget[];
  /** `template.spec.expireAfter`, s: a node this old is deleted whatever the budgets say; null = Never. */
  expireAfterSeconds: number | null;
  /**
   * `template.spec.terminationGracePeriod`, s: how long a node being deleted waits on pods whose eviction is refused
   * before deleting them (karpenter/node-termination-grace.ts); null = not set, the drain waits for ever.
   */
  terminationGracePeriodSeconds: number | null;
  /** `spec.weight` (1–100; 0 when not set): NodePools are tried for a new NodeClaim by weight, then name descending (karpenter/node-pool-order.ts). */
  weight: number;
  /** Initial nodes: index into `types` and capacity. */
  initialType: number;
  initialSpot: boolean;
}

/** Insufficient capacity from `from` to `until` (s) for the matching offerings; null matches any. */
export interface EngineStockout {
  instanceId: string | null;
  capacity: 'spot' | 'on-demand' | null;
  zone: string | null;
  from: number;
  until: number;
}
