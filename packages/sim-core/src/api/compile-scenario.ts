/**
 * Scenario → EngineConfig: resolves names to indices, units to seconds, catalog ids to GPUs and prices,
 * and fills the defaults the engine needs (provisioning delay, spot notice). The engine then works on
 * plain numbers only. Catalog look-ups throw CatalogLookupError; validation reports those earlier.
 */
import { getGpu, getInstance, nodeFailuresPerHour, type GpuSpec, type InstanceType } from '@design-sim/cost-model';
import { resolveLlm } from '../llm/resolve-llm.ts';
import type {
  EngineBatching,
  EngineBudgetSchedule,
  EngineClusterAutoscaler,
  EngineConfig,
  EngineFault,
  EngineHpa,
  EngineJob,
  EngineKarpenterPool,
  EngineKarpenterSettings,
  EngineKarpenterType,
  EngineKeda,
  EngineKnative,
  EngineMetricsOutage,
  EngineLlm,
  EnginePool,
  EngineService,
  EngineStartup,
  EngineStockout,
  EngineTeam,
  EngineWaitForPodsReady,
} from '../engine/engine-config.ts';
import type { KarpenterBudgetSpec, KarpenterNodePoolSpec, KarpenterSettingsSpec, StockoutSpec } from '../scenario/karpenter-schema.ts';
import { DEFAULT_START_DATE, startEpochSeconds } from '../engine/wall-clock.ts';
import { parseCronSchedule } from '../karpenter/cron-schedule.ts';
import { normalizeBehavior } from '../hpa/index.ts';
import { type DurationDistribution, lognormalFromP50P95, lognormalFromP50P99 } from '../random/service-time.ts';
import { callsOfStep } from '../scenario/calls-of-step.ts';
import { decodeServiceName, runningServices } from '../scenario/disaggregation.ts';
import { kvTransferBytesPerSecond } from '../llm/kv-transfer.ts';
import type { KedaSpec } from '../scenario/keda-schema.ts';
import type { KnativeSpec } from '../scenario/knative-schema.ts';
import type { FaultSpec } from '../scenario/failure-schema.ts';
import type { JobSpec, TeamSpec } from '../scenario/shared-cluster-schema.ts';
import type { WaitForPodsReadySpec } from '../scenario/kueue-config-schema.ts';
import { migSlicesPerGpu } from '../cluster/mig-profiles.ts';
import { WEIGHT_SOURCE_MBPS } from '../scenario/startup-throughputs.ts';
import { hpaMetricSource } from '../scenario/hpa-metric-source.ts';
import { poolNamesOf } from '../scenario/pool-names.ts';
import type { BatchingSpec, HpaSpec, LatencySpec, NodePoolSpec, Scenario, ServiceSpec } from '../scenario/index.ts';
import { profileSpecOf, usersProfileSpecOf } from '../scenario/traffic-rate.ts';
import type { ThinkTime } from '../scenario/traffic-schema.ts';
import type { ThinkDistribution } from '../traffic/closed-loop.ts';
import { compileRateProfile } from '../traffic/rate-profile.ts';
import { DO_NOT_DISRUPT_ANNOTATION, podDisruptionControls } from '../scenario/pod-annotations.ts';

/**
 * Node provisioning when a pool gives none: GPU nodes with preinstalled drivers, median 4 min, p95 10 min
 * (docs/kubernetes-semantics.md §3.5 "Recommended simulator distribution").
 */
export const DEFAULT_GPU_NODE_PROVISIONING = { p50Seconds: 240, p95Seconds: 600 } as const;

/** Compiles a parsed scenario that has services (a training-only scenario has no engine run). */
export function compileScenario(scenario: Scenario, overrides: { seed?: number; durationSeconds?: number; intervalSeconds?: number } = {}): EngineConfig {
  const spec = scenario.spec;
  const services = spec.services ?? [];
  const duration = overrides.durationSeconds ?? spec.duration ?? 0;
  const traffic = spec.traffic;
  if (!traffic || services.length === 0) throw new Error('compileScenario needs spec.traffic and at least one service');
  const poolIndex = new Map((spec.nodePools ?? []).map((p, i) => [p.name, i]));
  const instances = (spec.nodePools ?? []).map((p) => getInstance(p.instance, spec.catalogDate === undefined ? undefined : { asOf: spec.catalogDate }));
  // A disaggregated service runs as itself (prefill) plus its decode pool, appended after the scenario's services.
  const running = runningServices(services);
  const serviceIndex = new Map(running.map((s, i) => [s.name, i]));
  const sources = spec.trafficSources.length > 0 ? spec.trafficSources : [traffic];
  return {
    seed: overrides.seed ?? spec.seed,
    durationSeconds: duration,
    warmupSeconds: spec.warmup ?? 0,
    intervalSeconds: overrides.intervalSeconds ?? spec.interval ?? 60,
    drainSeconds: spec.drain,
    traffic: sources.map((t) => ({
      profile: compileRateProfile(t.profile === undefined ? { type: 'constant', qps: 0 } : profileSpecOf(t.profile), duration),
      arrivals: t.arrivals === 'uniform' ? 'uniform' : 'poisson',
      service: serviceIndex.get(t.target) ?? 0,
      closed: t.arrivals === 'closed' && t.users !== undefined ? { users: compileRateProfile(usersProfileSpecOf(t.users), duration), think: thinkOf(t.thinkTime) } : null,
      trace: t.trace ? { file: t.trace.file, format: t.trace.format, timeScale: t.trace.timeScale, loop: t.trace.loop } : null,
    })),
    networkSeconds: spec.network.sameZone,
    services: running.map((s, i) => {
      const pools = poolNamesOf(s).flatMap((name) => (poolIndex.has(name) ? [poolIndex.get(name)!] : []));
      const svc = { ...compileService(s, pools, pools.length > 0 ? instances[pools[0]!]! : undefined, spec.cluster.featureGates.HPAConfigurableTolerance), ...compileCalls(s, serviceIndex), ...sharedOf(s, spec), ...(s.disruptionBudget === undefined ? {} : { disruptionBudget: s.disruptionBudget }), ...podControlsOf(s.podAnnotations) };
      if (i < services.length) return splitPrefill(svc, s, serviceIndex);
      const parent = services.find((x) => x.llm?.disaggregated !== undefined && decodeServiceName(x.name) === s.name)!;
      const parentPool = poolIndex.get(poolNamesOf(parent)[0] ?? '');
      return { ...svc, llm: compileDecodeLlm(parent, s, parentPool === undefined ? undefined : instances[parentPool], pools.length > 0 ? instances[pools[0]!] : undefined) };
    }),
    pools: (spec.nodePools ?? []).map((p, i) => compilePool(p, instances[i]!, running, spec.catalogDate)),
    clusterAutoscaler: compileClusterAutoscaler(spec),
    ...(spec.faults.some((f) => f.kind === 'nodes') ? { faults: compileFaults(spec.faults.filter((f) => f.kind === 'nodes'), spec.nodePools ?? []) } : {}),
    ...(spec.faults.some((f) => f.kind === 'metrics') ? { metricsOutages: compileMetricsOutages(spec.faults.filter((f) => f.kind === 'metrics'), serviceIndex) } : {}),
    ...(spec.teams.length > 0 ? { teams: compileTeams(spec.teams) } : {}),
    ...(spec.jobs.length > 0 ? { jobs: spec.jobs.map((j) => compileJob(j, spec, poolIndex)) } : {}),
    ...(spec.cluster.kueue.waitForPodsReady ? { waitForPodsReady: compileWaitForPodsReady(spec.cluster.kueue.waitForPodsReady) } : {}),
    ...(spec.nodePools.some((p) => p.karpenter) ? { karpenter: compileKarpenterSettings(spec.cluster.karpenter, spec.startDate ?? DEFAULT_START_DATE) } : {}),
  };
}

/** Teams with their ResourceQuota, or their Kueue ClusterQueue (cohorts numbered in order of first use). */
function compileTeams(teams: readonly TeamSpec[]): EngineTeam[] {
  const cohorts: string[] = [];
  return teams.map((t) => {
    const k = t.kueue;
    if (k === undefined) return { name: t.name, gpuQuota: t.gpuQuota ?? null };
    if (k.cohort !== undefined && !cohorts.includes(k.cohort)) cohorts.push(k.cohort);
    return {
      name: t.name,
      gpuQuota: t.gpuQuota ?? null,
      kueue: {
        nominalQuota: k.nominalQuota,
        borrowingLimit: k.borrowingLimit ?? null,
        lendingLimit: k.lendingLimit ?? null,
        cohort: k.cohort === undefined ? null : cohorts.indexOf(k.cohort),
        reclaimWithinCohort: k.preemption.reclaimWithinCohort,
        withinClusterQueue: k.preemption.withinClusterQueue,
        queueingStrategy: k.queueingStrategy,
      },
    };
  });
}

/** A priority class's value and policy; no class = priority 0, may preempt (upstream's defaults). */
function priorityOf(name: string | undefined, spec: Scenario['spec']): { priority: number; preempts: boolean } {
  const c = name === undefined ? undefined : spec.priorityClasses.find((x) => x.name === name);
  return { priority: c?.value ?? 0, preempts: (c?.preemptionPolicy ?? 'PreemptLowerPriority') === 'PreemptLowerPriority' };
}

/** A service's team and priority, only when the design has teams or priority classes (other designs keep their config). */
function sharedOf(s: ServiceSpec, spec: Scenario['spec']): Pick<EngineService, 'team' | 'priority' | 'preempts'> {
  if (spec.teams.length === 0 && spec.priorityClasses.length === 0) return {};
  const team = s.team === undefined ? -1 : spec.teams.findIndex((t) => t.name === s.team);
  return { team: team < 0 ? null : team, ...priorityOf(s.priorityClass, spec) };
}

function compileJob(j: JobSpec, spec: Scenario['spec'], poolIndex: ReadonlyMap<string, number>): EngineJob {
  const submitAt = Array.from({ length: j.count }, (_, k) => j.at + k * (j.every ?? 0));
  return {
    name: j.name,
    team: spec.teams.findIndex((t) => t.name === j.team),
    pool: poolIndex.get(j.nodePool) ?? 0,
    pods: j.pods,
    unitsPerPod: j.gpusPerPod,
    durationSeconds: j.duration,
    gang: j.gang,
    ...priorityOf(j.priorityClass, spec),
    submitAt,
    checkpointSeconds: j.checkpoint ?? null,
    ...podControlsOf(j.podAnnotations),
  };
}

/** spec.faults → pool indices (a zone is every pool in it; the parser checked that names exist). */
function compileFaults(faults: readonly FaultSpec[], pools: readonly NodePoolSpec[]): EngineFault[] {
  return faults.map((f) => {
    const hit = pools.flatMap((p, i) => ((f.pool !== undefined ? p.name === f.pool : p.zone === f.zone) ? [i] : []));
    const label = f.zone !== undefined ? `zone ${f.zone}` : f.nodes !== undefined ? `${f.nodes} node${f.nodes === 1 ? '' : 's'} of ${f.pool}` : `pool ${f.pool}`;
    return { atSeconds: f.at, forSeconds: f.for, pools: hit, nodes: f.nodes ?? null, label };
  });
}

/** spec.faults of kind metrics → service indices (none listed: every service; a disaggregated service's decode pool with it). */
function compileMetricsOutages(faults: readonly FaultSpec[], serviceIndex: ReadonlyMap<string, number>): EngineMetricsOutage[] {
  return faults.map((f) => {
    const names = f.services ?? [...serviceIndex.keys()];
    const hit = [...serviceIndex].flatMap(([name, i]) => (names.some((n) => name === n || name === decodeServiceName(n)) ? [i] : []));
    const label = f.services === undefined ? 'metrics of every service' : `metrics of ${f.services.join(', ')}`;
    return { atSeconds: f.at, forSeconds: f.for, services: hit, label };
  });
}

/** A closed-loop user's think time in seconds (default 0: the next request leaves as the reply arrives, as in vllm bench). */
function thinkOf(t: ThinkTime | undefined): ThinkDistribution {
  if (t === undefined) return { kind: 'constant', seconds: 0 };
  return t.distribution === 'constant' ? { kind: 'constant', seconds: t.value } : { kind: 'exponential', meanSeconds: t.mean };
}

function compileService(s: ServiceSpec, pools: readonly number[], instance: InstanceType | undefined, configurableTolerance: boolean): EngineService {
  const llm = s.llm ? compileLlm(s, instance) : null;
  return {
    name: s.name,
    initialReplicas: s.replicas,
    // A CPU service schedules by vCPUs (its pool's units); it has no GPU.
    gpusPerReplica: s.cpuPerReplica !== undefined ? s.cpuPerReplica : s.gpusPerReplica,
    concurrency: s.concurrency,
    routing: s.routing,
    serviceTime: s.latency ? latencyDistribution(s.latency) : { kind: 'constant', seconds: 0 },
    batching: s.batching ? compileBatching(s.batching) : null,
    queueMaxLength: s.queue?.maxLength ?? Infinity,
    queueTimeoutSeconds: s.queue?.timeout ?? Infinity,
    startup: compileStartup(s, llm),
    pools,
    hpa: s.hpa ? compileHpa(s.hpa, s.routing, configurableTolerance) : null,
    cache: cacheOf(s),
    llm,
    keda: s.keda ? compileKeda(s.keda) : null,
    ...(s.knative ? { knative: compileKnative(s.knative) } : {}),
    terminationGraceSeconds: s.terminationGracePeriod,
  };
}

/**
 * The pod annotations the autoscalers read (scenario/pod-annotations-schema.ts), as engine fields set only when they
 * do something, so a service without them compiles as before.
 */
function podControlsOf(annotations: Readonly<Record<string, string>> | undefined): { doNotDisrupt?: true; safeToEvict?: boolean } {
  const c = podDisruptionControls(annotations);
  return { ...(c.doNotDisrupt ? { doNotDisrupt: true as const } : {}), ...(c.safeToEvict === null ? {} : { safeToEvict: c.safeToEvict }) };
}

/**
 * Start-up stages in seconds. Given as times they pass through; given as physics, the image pull is
 * sizeGB ÷ registryMBps and the model load is weights ÷ throughput (the llm model's weights by default) plus the
 * engine start. Existing scenarios give times, so their runs are unchanged.
 */
export function compileStartup(s: ServiceSpec, llm: EngineLlm | null): EngineStartup {
  const st = s.startup;
  const imagePullSeconds = st.image ? (st.image.sizeGB * 1e3) / st.image.registryMBps : st.imagePull;
  const w = st.weights;
  const weightsGB = w ? (w.sizeGB ?? (llm ? llm.model.weightBytes / 1e9 : null)) : null;
  if (w && weightsGB === null) throw new Error(`services.${s.name}.startup.weights.sizeGB: give the weights' size (GB), or an llm block to take it from`);
  const weightsMBps = w ? (w.throughputMBps ?? WEIGHT_SOURCE_MBPS[w.source]) : null;
  const weightLoadSeconds = w ? (weightsGB! * 1e3) / weightsMBps! : st.modelLoad;
  const physics = st.image !== undefined || w !== undefined || st.engineStart > 0;
  return {
    imagePullSeconds,
    modelLoadSeconds: weightLoadSeconds + st.engineStart,
    readinessSeconds: st.readiness,
    ...(physics
      ? {
          stages: {
            imageGB: st.image?.sizeGB ?? null,
            registryMBps: st.image?.registryMBps ?? null,
            weightsGB,
            weightsSource: w?.source ?? null,
            weightsMBps,
            weightLoadSeconds,
            engineStartSeconds: st.engineStart,
          },
        }
      : {}),
  };
}

/**
 * The KPA as the reconciler builds it (knative/serving@98e5ef90): the target by
 * pkg/reconciler/autoscaling/resources/target.go `ResolveMetricTarget` (total = containerConcurrency, or 100 when 0,
 * or 200 for rps; an annotation target replaces it, capped at containerConcurrency; target = total × utilization,
 * at least TargetMin 0.01), the decider by kpa/resources/decider.go `MakeDecider`, the activation timeout as
 * scaler.go's (the Deployment's progressDeadline, 600 s by default, plus activationTimeoutBuffer 30 s).
 */
function compileKnative(k: KnativeSpec): EngineKnative {
  let total = k.metric === 'rps' ? 200 : k.containerConcurrency === 0 ? 100 : k.containerConcurrency;
  if (k.target !== undefined) total = k.metric === 'concurrency' && k.containerConcurrency !== 0 ? Math.min(k.target, k.containerConcurrency) : k.target;
  const targetValue = Math.max(0.01, (total * k.targetUtilizationPercentage) / 100);
  return {
    metric: k.metric,
    ...(k.metricAggregationAlgorithm === 'weighted-exponential' ? { aggregation: 'weighted-exponential' as const } : {}),
    decider: {
      maxScaleUpRate: k.maxScaleUpRate,
      maxScaleDownRate: k.maxScaleDownRate,
      targetValue,
      totalValue: total,
      targetBurstCapacity: k.targetBurstCapacity,
      panicThreshold: k.panicThresholdPercentage / 100,
      stableWindowSeconds: k.stableWindow,
      scaleDownDelaySeconds: k.scaleDownDelay,
      activationScale: k.activationScale ?? 0,
      reachable: true,
    },
    pa: {
      minScale: k.minScale,
      maxScale: k.maxScale,
      initialScale: k.initialScale,
      enableScaleToZero: k.enableScaleToZero,
      stableWindowSeconds: k.stableWindow,
      scaleToZeroGracePeriodSeconds: k.scaleToZeroGracePeriod,
      scaleToZeroPodRetentionSeconds: k.scaleToZeroPodRetentionPeriod,
      targetBurstCapacity: k.targetBurstCapacity,
      activationTimeoutSeconds: 600 + 30,
    },
    panicWindowPercentage: k.panicWindowPercentage,
    buffer: { capacity: k.buffer?.capacity ?? Infinity, timeoutSeconds: k.buffer?.timeout ?? Infinity },
  };
}

/** A ScaledObject: seconds and thresholds; a buffer without a capacity or timeout holds without limit. */
function compileKeda(k: KedaSpec): EngineKeda {
  return {
    minReplicaCount: k.minReplicaCount,
    pollingIntervalSeconds: k.pollingInterval,
    cooldownPeriodSeconds: k.cooldownPeriod,
    initialCooldownPeriodSeconds: k.initialCooldownPeriod,
    idleReplicaCount: k.idleReplicaCount ?? null,
    triggers: k.triggers.map((t) => ({
      type: t.type,
      metric: t.type === 'prometheus' ? t.metric : null,
      activationThreshold: t.activationThreshold,
      windowSeconds: 'window' in t ? t.window : 0,
    })),
    buffer: k.buffer ? { capacity: k.buffer.capacity ?? Infinity, timeoutSeconds: k.buffer.timeout ?? Infinity } : null,
    ...(k.fallback ? { fallback: { failureThreshold: k.fallback.failureThreshold, replicas: k.fallback.replicas, behavior: k.fallback.behavior } } : {}),
  };
}

/** Calls, with names resolved to indices and seconds filled in (back-off max defaults to 10 × base, as Envoy's). */
function compileCalls(s: ServiceSpec, serviceIndex: ReadonlyMap<string, number>): Pick<EngineService, 'calls' | 'releaseDuringCalls' | 'unit' | 'rateLimit'> {
  return {
    calls: (s.calls ?? []).map((step) => ({
      choice: 'choice' in step,
      calls: callsOfStep(step).map((c) => ({
        to: serviceIndex.get(c.to) ?? 0,
        probability: c.probability,
        async: c.async,
        timeoutSeconds: c.timeout ?? Infinity,
        retries: c.retries,
        connections: c.connections ?? 0,
        backoff: { baseSeconds: c.backoff.base, maxSeconds: c.backoff.max ?? 10 * c.backoff.base, jitter: c.backoff.jitter },
      })),
    })),
    releaseDuringCalls: s.releaseDuringCalls,
    unit: s.cpuPerReplica !== undefined ? 'cpu' : 'gpu',
    rateLimit: s.rateLimit ? { perSecond: s.rateLimit.perSecond, burst: s.rateLimit.burst ?? Math.max(1, Math.ceil(s.rateLimit.perSecond)) } : null,
  };
}

/**
 * A disaggregated service's own replicas prefill and hand each request to its decode pool through a first
 * call step (synchronous, no timeout or retry: the hand-off is inside one serving system); the decode pool's
 * llm takes the role 'decode' with the KV transfer rate of the link.
 */
function splitPrefill(svc: EngineService, s: ServiceSpec, serviceIndex: ReadonlyMap<string, number>): EngineService {
  const d = s.llm?.disaggregated;
  if (d === undefined || svc.llm === null) return svc;
  const decodeName = decodeServiceName(s.name);
  const to = serviceIndex.get(decodeName)!;
  const handOff = { to, probability: 1, async: false, timeoutSeconds: Infinity, retries: 0, connections: 0, backoff: { baseSeconds: 0, maxSeconds: 0, jitter: false } };
  return { ...svc, llm: { ...svc.llm, role: 'prefill' }, calls: [{ calls: [handOff] }, ...(svc.calls ?? [])], releaseDuringCalls: true };
}

function compileLlm(s: ServiceSpec, instance: InstanceType | undefined): EngineLlm {
  const gpu = llmGpu(s, instance);
  const r = resolveLlm(s.llm!, gpu, s.gpusPerReplica);
  if (!r.ok) throw new Error(`services.${s.name}.llm.${r.field}: ${r.message}`);
  return r.llm;
}

/** The decode pool's llm: the decode role and its KV transfer rate from the prefill GPUs. */
function compileDecodeLlm(parent: ServiceSpec, decode: ServiceSpec, prefillInstance: InstanceType | undefined, decodeInstance: InstanceType | undefined): EngineLlm {
  const llm = compileLlm(decode, decodeInstance);
  const rate = kvTransferBytesPerSecond(parent.llm!.disaggregated!, llmGpu(parent, prefillInstance), llmGpu(decode, decodeInstance));
  if (typeof rate === 'string') throw new Error(`services.${parent.name}.llm.disaggregated.kvTransfer.link: ${rate}`);
  return { ...llm, role: 'decode', kvTransferBytesPerSecond: rate };
}

/** The GPU an llm service runs on: llm.gpu, else its node pool's instance GPU. */
export function llmGpu(s: ServiceSpec, instance: InstanceType | undefined): GpuSpec {
  if (s.llm?.gpu !== undefined) return getGpu(s.llm.gpu);
  if (instance?.gpu) return instance.gpu;
  throw new Error(`services.${s.name}.llm: give llm.gpu or a nodePool whose instance has a GPU`);
}

/** The optional response cache (`services[].cache`), ms → s. */
function cacheOf(s: ServiceSpec): EngineService['cache'] {
  return s.cache ? { hitRatio: s.cache.hitRatio, latencySeconds: s.cache.latency / 1000 } : null;
}

/** Service-time distributions, ms in the scenario → seconds in the engine. */
export function latencyDistribution(l: LatencySpec): DurationDistribution {
  switch (l.distribution) {
    case 'constant':
      return { kind: 'constant', seconds: l.ms / 1000 };
    case 'exponential':
      return { kind: 'exponential', meanSeconds: l.meanMs / 1000 };
    case 'lognormal':
      return l.p99Ms === l.p50Ms ? { kind: 'constant', seconds: l.p50Ms / 1000 } : lognormalFromP50P99(l.p50Ms / 1000, l.p99Ms / 1000);
    case 'empirical':
      return { kind: 'empirical', samplesSeconds: l.samplesMs.map((ms) => ms / 1000) };
  }
}

/** A batch-size → seconds table; a points table is interpolated linearly and extended along its last segment. */
function compileBatching(b: BatchingSpec): EngineBatching {
  const table = new Float64Array(b.maxBatchSize + 1);
  const lat = b.batchLatency;
  for (let size = 1; size <= b.maxBatchSize; size++) {
    table[size] = ('points' in lat ? interpolate(lat.points, size) : lat.baseMs + lat.perItemMs * size) / 1000;
  }
  return { maxBatchSize: b.maxBatchSize, maxQueueDelaySeconds: b.maxQueueDelay, batchSeconds: table, callsPerBatch: b.callsPerBatch };
}

function interpolate(points: readonly (readonly [number, number])[], x: number): number {
  const sorted = [...points].sort((a, b) => a[0] - b[0]);
  if (sorted.length === 1) return sorted[0]![1];
  let i = sorted.findIndex(([bx]) => bx >= x);
  if (i <= 0) i = i === 0 ? 1 : sorted.length - 1;
  const [x0, y0] = sorted[i - 1]!;
  const [x1, y1] = sorted[i]!;
  return x1 === x0 ? y1 : Math.max(0, y0 + ((y1 - y0) * (x - x0)) / (x1 - x0));
}

function compileHpa(h: HpaSpec, routing: ServiceSpec['routing'], configurableTolerance: boolean): EngineHpa {
  return {
    controller: {
      minReplicas: h.minReplicas,
      maxReplicas: h.maxReplicas,
      behavior: normalizeBehavior(h.behavior),
      configurableTolerance,
      ...(h.tolerance === undefined ? {} : { tolerance: h.tolerance }),
    },
    metrics: h.metrics.map((m) => ({
      type: m.type,
      source: hpaMetricSource(m, routing),
      targetType: 'targetType' in m ? m.targetType : 'AverageValue',
      target: m.target,
      windowSeconds: m.window,
      scrapeIntervalSeconds: m.scrapeInterval,
    })),
    syncPeriodSeconds: h.syncPeriod,
  };
}

function compilePool(p: NodePoolSpec, inst: InstanceType, services: readonly ServiceSpec[], catalogDate: string | undefined): EnginePool {
  const cpu = inst.gpuCount === 0;
  // A MIG pool schedules by slices (validation refused a profile the GPU does not have).
  const mig = p.mig !== undefined && inst.gpu !== null ? migSlicesPerGpu(inst.gpu.id, p.mig.profile) : 1;
  const slices = typeof mig === 'number' ? mig : 1;
  const gpusPerNode = cpu ? (inst.vcpus ?? 0) : inst.gpuCount * slices;
  const ca = p.clusterAutoscaler;
  const karpenter = p.karpenter && p.provisioner === 'karpenter' ? compileKarpenterPool(p.karpenter, inst.id, catalogDate) : null;
  return {
    name: p.name,
    instanceId: inst.id,
    gpusPerNode,
    unit: cpu ? 'cpu' : 'gpu',
    minNodes: p.minNodes,
    maxNodes: p.maxNodes,
    initialNodes: Math.min(p.maxNodes, Math.max(p.initialNodes, nodesForInitialReplicas(p.name, gpusPerNode, services))),
    spotShare: p.spotShare,
    spotUsdPerHour: inst.prices.spot?.usdPerHour ?? null,
    regularUsdPerHour: inst.prices[p.purchase]?.usdPerHour ?? null,
    regularCapacity: p.purchase,
    provisioning: provisioningDistribution(p.provisioning),
    provisioningFailure: p.provisioningFailure,
    autoscaler: {
      // A Karpenter pool is not a node group: the cluster autoscaler leaves it alone.
      enabled: ca.enabled && karpenter === null,
      scaleDownUnneededSeconds: ca.scaleDownUnneededTime,
      scaleDownUnreadySeconds: ca.scaleDownUnreadyTime,
      utilizationThreshold: ca.scaleDownUtilizationThreshold,
      maxNodeProvisionSeconds: ca.maxNodeProvisionTime,
      priority: ca.priority ?? null,
    },
    spot:
      p.spot && (p.spotShare > 0 || karpenter?.capacityTypes.includes('spot') === true)
        ? {
            interruptionsPerNodeHour: p.spot.interruptionsPerNodeHour,
            noticeSeconds: p.spot.notice,
            waves: p.spot.waves ? { perHour: p.spot.waves.perHour, fraction: p.spot.waves.fraction, outageSeconds: p.spot.waves.capacityOutage } : null,
            fallback: p.spot.fallback,
          }
        : null,
    ...(karpenter === null ? {} : { karpenter }),
    ...(p.stockouts.length === 0 ? {} : { stockouts: p.stockouts.map(compileStockout) }),
    ...(p.rollouts === undefined ? {} : { rollouts: p.rollouts.map((r) => r.at).sort((a, b) => a - b) }),
    // One rate function for serving and training (cost-model failure-rate.ts); a CPU pool without perNodeHour was refused at validation.
    failures: p.failures ? { perNodeHour: nodeFailuresPerHour(p.failures, inst.gpuCount), repairSeconds: p.failures.repair } : null,
    zone: p.zone ?? null,
    ...(slices > 1 ? { migSlicesPerGpu: slices } : {}),
  };
}

/** A Karpenter NodePool: each instance type's units and prices from the catalog. */
function compileKarpenterPool(k: KarpenterNodePoolSpec, initialInstance: string, catalogDate: string | undefined): EngineKarpenterPool {
  const types = k.instanceTypes.map((id): EngineKarpenterType => {
    const t = getInstance(id, catalogDate === undefined ? undefined : { asOf: catalogDate });
    return { instanceId: t.id, gpus: t.gpuCount === 0 ? (t.vcpus ?? 0) : t.gpuCount, onDemandUsdPerHour: t.prices['on-demand']?.usdPerHour ?? null, spotUsdPerHour: t.prices.spot?.usdPerHour ?? null };
  });
  const initialSpot = k.capacityTypes.includes('spot');
  return {
    types,
    capacityTypes: k.capacityTypes,
    zones: k.zones ?? ['default'],
    limitUnits: k.limits.gpus ?? null,
    limitNodes: k.limits.nodes ?? null,
    consolidationPolicy: k.disruption.consolidationPolicy,
    consolidateAfterSeconds: k.disruption.consolidateAfter,
    budgets: k.disruption.budgets.map((b) => ({ percent: 'percent' in b.nodes ? b.nodes.percent : null, count: 'count' in b.nodes ? b.nodes.count : null, reasons: b.reasons ?? null, schedule: compileBudgetSchedule(b) })),
    expireAfterSeconds: k.expireAfter,
    terminationGracePeriodSeconds: k.terminationGracePeriod ?? null,
    weight: k.weight ?? 0,
    initialType: Math.max(0, k.instanceTypes.indexOf(initialInstance)),
    initialSpot,
    ...(k.nodeAnnotations?.[DO_NOT_DISRUPT_ANNOTATION] === 'true' ? { doNotDisrupt: true } : {}),
  };
}

function compileStockout(s: StockoutSpec): EngineStockout {
  return { instanceId: s.instance ?? null, capacity: s.capacityType ?? null, zone: s.zone ?? null, from: s.from, until: s.from + s.duration };
}

/** Kueue's waitForPodsReady; recoveryTimeout defaults to timeout and 0s disables it (pkg/controller/core/core.go `waitForPodsReady`). */
function compileWaitForPodsReady(w: WaitForPodsReadySpec): EngineWaitForPodsReady {
  const recovery = w.recoveryTimeout ?? w.timeout;
  const r = w.requeuingStrategy;
  return {
    timeoutSeconds: w.timeout,
    recoveryTimeoutSeconds: recovery > 0 ? recovery : null,
    blockAdmission: w.blockAdmission,
    requeuingTimestamp: r.timestamp,
    backoffLimitCount: r.backoffLimitCount ?? null,
    backoffBaseSeconds: r.backoffBaseSeconds,
    backoffMaxSeconds: r.backoffMaxSeconds,
  };
}

function compileKarpenterSettings(k: KarpenterSettingsSpec, startDate: string): EngineKarpenterSettings {
  return { batchIdleSeconds: k.batchIdleDuration, batchMaxSeconds: k.batchMaxDuration, spotToSpotConsolidation: k.spotToSpotConsolidation, startEpochSeconds: startEpochSeconds(startDate) };
}

/** A budget's schedule as the engine reads it: parsed once here (the CRD-level checks ran in the schema). */
function compileBudgetSchedule(b: KarpenterBudgetSpec): EngineBudgetSchedule | null {
  if (b.schedule === undefined || b.duration === undefined) return null;
  const parsed = parseCronSchedule(b.schedule);
  return { cron: parsed.ok ? parsed.schedule : null, durationSeconds: b.duration };
}

/**
 * The run starts in steady state: the pool holds at least the nodes its initial replicas need (a service on
 * several pools counts against the first one it lists).
 */
function nodesForInitialReplicas(pool: string, gpusPerNode: number, services: readonly ServiceSpec[]): number {
  let nodes = 0;
  for (const s of services) {
    const units = s.cpuPerReplica ?? s.gpusPerReplica;
    if (poolNamesOf(s)[0] !== pool || units === 0) continue;
    const perNode = Math.floor(gpusPerNode / units);
    if (perNode > 0) nodes += Math.ceil(s.replicas / perNode);
  }
  return nodes;
}

/** The global flags: spec.cluster.autoscaler, with scanInterval and scaleDownDelayAfterAdd resolved from the pools. */
function compileClusterAutoscaler(spec: Scenario['spec']): EngineClusterAutoscaler {
  const a = spec.cluster.autoscaler;
  const autoscaled = spec.nodePools.filter((p) => p.clusterAutoscaler.enabled);
  return {
    scanIntervalSeconds: a.scanInterval,
    scaleDownDelayAfterAddSeconds: a.scaleDownDelayAfterAdd,
    expander: a.expander,
    maxScaleDownParallelism: a.maxScaleDownParallelism,
    maxDrainParallelism: a.maxDrainParallelism,
    unremovableNodeRecheckSeconds: a.unremovableNodeRecheckTimeout,
    defaultScaleDownUnneededSeconds: autoscaled[0]?.clusterAutoscaler.scaleDownUnneededTime ?? 600,
    backoff: { initialSeconds: a.initialNodeGroupBackoffDuration, maxSeconds: a.maxNodeGroupBackoffDuration, resetTimeoutSeconds: a.nodeGroupBackoffResetTimeout },
    expendablePodsPriorityCutoff: a.expendablePodsPriorityCutoff,
  };
}

function provisioningDistribution(p: NodePoolSpec['provisioning']): DurationDistribution {
  if (p === undefined) return lognormalFromP50P95(DEFAULT_GPU_NODE_PROVISIONING.p50Seconds, DEFAULT_GPU_NODE_PROVISIONING.p95Seconds);
  if (p.distribution === 'constant') return { kind: 'constant', seconds: p.value };
  return p.p95 === p.p50 ? { kind: 'constant', seconds: p.p50 } : lognormalFromP50P95(p.p50, p.p95);
}
