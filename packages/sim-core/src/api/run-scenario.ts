/**
 * Runs a parsed scenario end to end: the serving simulation (if it has services), the training
 * estimate (if it has a training block), the bill, then the scenario's expectations and claims.
 */
import { loraSummary } from './lora-summary.ts';
import { nodePoolSummaries } from './node-pool-summary.ts';
import { prefixCacheSummary } from './prefix-cache-summary.ts';
import { speculativeSummary } from './speculative-summary.ts';
import { type CloudId, type GpuSpec, fleetCost, MIXED_ADAM_BYTES_PER_PARAM, observedLabel, peakFlopsPerGpu, showback, type TrainingEstimate } from '@design-sim/cost-model';
import { estimateTraining } from '../scenario/training-estimate.ts';
import type { EngineResult } from '../engine/engine-result.ts';
import { beginEngine, runEngine } from '../engine/simulation.ts';
import { unservedDiagnostic } from './unserved.ts';
import { judgedOnStalePrices } from './stale-prices.ts';
import { servingDiagnostics, trainingDiagnostics } from './diagnostics.ts';
import { trainingMemoryFit } from './training-memory-fit.ts';
import { evaluateExpectations, gradeClaims, parseExpectation, type Expectation } from '../scenario/expectations.ts';
import type { Scenario } from '../scenario/scenario-schema.ts';
import { compileScenario } from './compile-scenario.ts';
import { lookupMetric, metricFormula } from './metric-lookup.ts';
import { gradedOnIncompleteBill, judgedOnIncompleteBill, UNPRICED_FLEET } from './incomplete-bill.ts';
import { type ClosedLoopSummary, RUN_RESULT_FORMAT_VERSION, type RunResult, type ServingSummary, type SharedClusterSummary, type TrainingSummary } from './run-result.ts';
import type { TraceOpener } from '../traffic/trace-reader.ts';
import { scaleUpLag } from './scale-up-lag.ts';
import { runningServices } from '../scenario/disaggregation.ts';
import { disaggregatedSummaries } from './disaggregated-summary.ts';
import { metricsOutageSummary } from './metrics-outage-summary.ts';
import { scaleToZeroSummary, withoutScaleToZero } from './scale-to-zero.ts';
import type { EngineConfig } from '../engine/engine-config.ts';
import { staticCosts } from './static-costs.ts';
import { breakdownSummary, latencySummary, serviceSummaries, tokenGapSummary } from './service-summary.ts';
import { costAllocation } from './cost-allocation.ts';

export interface RunScenarioOptions {
  seed?: number;
  durationSeconds?: number;
  intervalSeconds?: number;
  /**
   * Called at each interval boundary with the fraction of simulated time done (0..1) and a function that
   * returns the result so far (a snapshot as if the run ended now; it copies, so call it only to show it).
   */
  onProgress?: (fraction: number, partial: () => RunResult) => void;
  /** Polled at control events; returning true aborts the run with an Error('cancelled'). */
  shouldCancel?: () => boolean;
  /** Opens `traffic.trace` files (the CLI reads them from disk in chunks); without it a trace scenario cannot run. */
  traces?: TraceOpener;
}

export function runScenario(scenario: Scenario, options: RunScenarioOptions = {}): RunResult {
  return beginScenario(scenario, options).finish();
}

/**
 * A scenario's run in steps: `advanceTo(seconds)` simulates up to that time (snapshots go to `onProgress` as in
 * one run), `finish()` completes it and returns the result, identical to `runScenario`'s. A browser worker pauses
 * between steps, so that the page renders the first snapshot without the simulation competing for the CPU.
 */
export interface ScenarioRun {
  advanceTo(seconds: number): number;
  finish(): RunResult;
}

/** Starts `scenario`'s run, to be advanced in steps. */
export function beginScenario(scenario: Scenario, options: RunScenarioOptions = {}): ScenarioRun {
  const spec = scenario.spec;
  const seed = options.seed ?? spec.seed;
  const training = spec.training ? trainingSummary(scenario) : null;
  if ((spec.services ?? []).length === 0) return { advanceTo: (seconds) => seconds, finish: () => judge(scenario, seed, null, training, 1) };
  const overrides = {
    seed,
    ...(options.durationSeconds === undefined ? {} : { durationSeconds: options.durationSeconds }),
    ...(options.intervalSeconds === undefined ? {} : { intervalSeconds: options.intervalSeconds }),
  };
  const { onProgress, shouldCancel, traces } = options;
  const cfg = compileScenario(scenario, overrides);
  const engine = beginEngine(cfg, {
    ...(shouldCancel ? { shouldCancel } : {}),
    ...(traces ? { traces } : {}),
    ...(onProgress ? { onProgress: (f: number, snapshot: () => EngineResult) => onProgress(f, () => judge(scenario, seed, snapshot(), training, f, { cfg, baselineCostUsd: null })) } : {}),
  });
  return {
    advanceTo: (seconds) => engine.advanceTo(seconds),
    finish: () => {
      const result = engine.end();
      // Scale to zero: the money saved is measured, not estimated: the same design at minReplicaCount ≥ 1, same seed.
      const baseline = withoutScaleToZero(cfg);
      const baselineCostUsd = baseline === null ? null : billOf(scenario, runEngine(baseline, { ...(shouldCancel ? { shouldCancel } : {}), ...(traces ? { traces } : {}) })).totalUsd;
      return judge(scenario, seed, result, training, 1, { cfg, baselineCostUsd });
    },
  };
}

/** What a serving summary needs besides the engine result: the compiled config and the scale-to-zero comparison's bill. */
interface JudgeExtras {
  cfg: EngineConfig;
  baselineCostUsd: number | null;
}

/** The bill, the run's own diagnostics, the expectations and the claims, for an engine result (complete or a snapshot). */
function judge(scenario: Scenario, seed: number, engine: EngineResult | null, training: TrainingSummary | null, progress: number, extras: JudgeExtras | null = null): RunResult {
  const summary = engine === null ? null : servingSummary(scenario, engine, extras);
  const allocation = engine === null || summary === null ? null : costAllocation(scenario, engine, summary.cost.lines, summary.durationSeconds / 3600);
  if (summary !== null && allocation !== null) summary.cost.unallocated = allocation.unallocated;
  const services = engine === null || allocation === null ? null : serviceSummaries(scenario, engine, allocation.shares);
  if (engine !== null && services !== null && summary?.llm && extras !== null) summary.llm.disaggregated = disaggregatedSummaries(scenario, extras.cfg, engine, services, summary.durationSeconds / 3600);
  const costs = scenario.spec.costs ? staticCosts(scenario.spec.costs, scenario.spec.catalogDate) : null;
  const partial = { summary, training, costs, services };
  const lookup = (metric: string, item: string | null = null): number | null => lookupMetric(partial, metric, item);
  const stated = expectationsOf(scenario);
  const judged = judgedOnIncompleteBill(evaluateExpectations(stated, lookup), summary?.cost.unknownPrices ?? []);
  const { expectations, warning: staleWarning } = judgedOnStalePrices(judged, stated.map((e) => e.item ?? null), partial, scenario);
  const claims = gradedOnIncompleteBill(gradeClaims(scenario.spec.claims ?? [], lookup, (m) => metricFormula(partial, m)), summary?.cost.unknownPrices ?? []);
  // An availability expectation, end to end or of a service, is the scenario's own bar for failed requests.
  const availabilityExpected = expectations.some((e) => e.metric === 'availability' || e.metric.endsWith('.availability'));
  const found = [...(engine === null ? [] : servingDiagnostics(engine, runningServices(scenario.spec.services).map((x) => x.name), { availabilityExpected })), ...(training === null ? [] : trainingDiagnostics(training))];
  // A passing run's lost requests (under its availability bar) are said beside its verdict; a failing run's are in
  // what failed it. A complete run's warning counts the unfinished ones too, so it replaces the `unfinished` warning.
  const passing = expectations.every((e) => e.pass) && !found.some((d) => d.severity === 'error');
  const unserved = summary === null || !passing ? null : unservedDiagnostic(summary.measured, services, progress >= 1, engine?.graceKills.reduce((a, k) => a + k.visits, 0) ?? 0);
  const caveats = [unserved, passing ? staleWarning : null].filter((d) => d !== null);
  const diagnostics = unserved === null ? [...found, ...caveats] : [...found.filter((d) => d.code !== 'unfinished' || progress < 1), ...caveats];
  return {
    formatVersion: RUN_RESULT_FORMAT_VERSION,
    scenario: { name: scenario.metadata.name, title: scenario.metadata.title ?? null },
    seed,
    summary,
    timeseries: engine?.timeseries ?? null,
    events: engine?.events ?? [],
    training,
    costs,
    expectations,
    claims,
    services,
    breakdown: engine === null ? null : breakdownSummary(scenario, engine),
    diagnostics,
    // The `unserved` and `stale-prices` warnings never change it: warnings.
    pass: passing,
    progress,
  };
}

function expectationsOf(scenario: Scenario): Expectation[] {
  const out: Expectation[] = [];
  for (const e of scenario.spec.expect ?? []) {
    if (typeof e !== 'string') out.push(e as Expectation);
    else {
      const parsed = parseExpectation(e);
      if (parsed.ok) out.push(parsed.expectation);
    }
  }
  return out;
}

const CONTROL_PLANE_BY_CLOUD: Readonly<Record<string, CloudId>> = { gke: 'gcp', eks: 'aws', aks: 'azure' };

function controlPlaneOf(scenario: Scenario): { cloud: CloudId; clusters: number } | null {
  const cluster = scenario.spec.cluster;
  const pools = scenario.spec.nodePools ?? [];
  const explicit = cluster?.controlPlane;
  if (explicit === 'none') return null;
  const cloud = explicit !== undefined ? CONTROL_PLANE_BY_CLOUD[explicit] : (pools[0]?.instance.split('/')[0] as CloudId | undefined);
  if (cloud !== 'aws' && cloud !== 'gcp' && cloud !== 'azure') return null;
  return { cloud, clusters: cluster?.clusters ?? 1 };
}

/** The fleet's bill for an engine result. */
function billOf(scenario: Scenario, r: EngineResult): ReturnType<typeof fleetCost> {
  const bill = fleetCost({
    usage: r.nodeUsage,
    durationSeconds: r.endSeconds,
    requestsServed: r.requests.served,
    controlPlane: controlPlaneOf(scenario),
    ...(scenario.spec.catalogDate === undefined ? {} : { asOf: scenario.spec.catalogDate }),
  });
  // Without node pools the replicas run on unlimited, unpriced capacity: $0 is what is known, not what it costs.
  if ((scenario.spec.nodePools ?? []).length > 0) return bill;
  return { ...bill, unknownPrices: [...bill.unknownPrices, UNPRICED_FLEET], complete: false };
}

function servingSummary(scenario: Scenario, r: EngineResult, extras: JudgeExtras | null): ServingSummary {
  const m = r.measured;
  const bill = billOf(scenario, r);
  const h = r.latency;
  return {
    durationSeconds: r.endSeconds,
    warmupSeconds: r.warmupSeconds,
    requests: r.requests,
    measured: m,
    latencyMs: {
      p50: h.quantile(0.5),
      p90: h.quantile(0.9),
      p95: h.quantile(0.95),
      p99: h.quantile(0.99),
      p999: h.quantile(0.999),
      mean: h.mean(),
      max: h.count === 0 ? NaN : h.max,
      censored: r.censored,
    },
    availability: m.offered === 0 ? 1 : m.served / m.offered,
    backlog: r.backlog,
    replicas: r.replicas,
    nodes: r.nodes,
    peakGpus: r.peakGpus,
    gpuUtilization: r.gpuUtilizationMean,
    spotInterruptions: r.spotInterruptions,
    shared: sharedSummary(r, bill.lines, scenario.spec.nodePools ?? [], scenario.spec.services.map((s) => s.name)),
    faults: r.faults === null ? null : { nodeFailures: r.faults.nodeFailures, spotWaves: r.faults.spotWaves, spotWaveNodes: r.faults.spotWaveNodes, scheduledFaults: r.faults.scheduledFaults, scheduledFaultNodes: r.faults.scheduledFaultNodes, podsLost: r.faults.podsLost, lostPodHours: r.faults.lostPodSeconds / 3600, requestsFailed: r.faults.visitsFailed },
    traffic: r.sources.map((x, i) => ({ target: scenario.spec.trafficSources[i]?.target ?? '', offered: x.offered, timeseries: x.series })),
    nodePools: nodePoolSummaries(r, bill.lines),
    scaleUp: scaleUpLag(r.events, r.timeseries, runningServices(scenario.spec.services).length, r.durationSeconds),
    scaleToZero: extras === null ? null : scaleToZeroSummary(extras.cfg, r, bill.totalUsd, extras.baselineCostUsd),
    metricsOutage: extras === null ? null : metricsOutageSummary(extras.cfg, r),
    llm: r.llm
      ? {
          ttftMs: latencySummary(r.llm.ttft),
          tpotMs: tokenGapSummary(r.llm.tpot),
          itlMs: tokenGapSummary(r.llm.itl),
          outputTokens: r.llm.outputTokens,
          // Both over the run's time, to the horizon: the drain's tokens are not counted, as its time and bill are not.
          outputTokensPerSecond: r.endSeconds > 0 ? r.llm.horizonOutputTokens / r.endSeconds : 0,
          costPerMillionOutputTokensUsd: r.llm.horizonOutputTokens > 0 ? (bill.totalUsd / r.llm.horizonOutputTokens) * 1e6 : null,
          prefixCache: prefixCacheSummary(r.llm.prefixCache),
          speculative: speculativeSummary(r.llm.speculative),
          preemptions: r.llm.preemptions,
          lora: loraSummary(scenario, r),
          // Filled in by judge once the per-service bill shares exist.
          disaggregated: [],
        }
      : null,
    closedLoop: closedLoopSummary(r),
    cost: {
      totalUsd: bill.totalUsd,
      perHourUsd: bill.perHourUsd,
      monthlyUsd: bill.monthlyUsd,
      per1kRequestsUsd: bill.per1kRequestsUsd,
      perMillionRequestsUsd: bill.per1kRequestsUsd === null ? null : bill.per1kRequestsUsd * 1000,
      lines: bill.lines,
      unknownPrices: bill.unknownPrices,
      complete: bill.complete,
      stalePrices: bill.stalePrices,
      baselineHourlyUsd: scenario.spec.baseline?.hourlyUsd ?? null,
      savingVsBaseline: scenario.spec.baseline === undefined ? null : 1 - bill.perHourUsd / scenario.spec.baseline.hourlyUsd,
      // Filled in by judge with the services' shares (api/cost-allocation.ts).
      unallocated: [],
    },
  };
}

function closedLoopSummary(r: EngineResult): ClosedLoopSummary | null {
  const c = r.closedLoop;
  if (c === null) return null;
  const measuredSeconds = r.endSeconds - r.warmupSeconds;
  return {
    users: c.users,
    thinkSeconds: c.thinkSeconds,
    throughputQps: measuredSeconds > 0 ? r.measured.served / measuredSeconds : 0,
    levels: c.levels.map((l) => {
      const to = Math.min(l.to, r.endSeconds);
      const span = to - l.from;
      const rate = (n: number) => (span > 0 ? n / span : 0);
      return {
        users: l.users,
        fromSeconds: l.from,
        toSeconds: to,
        servedQps: rate(l.served),
        failedQps: rate(l.failed),
        outputTokensPerSecond: rate(l.outputTokens),
        requests: l.latency.count,
        latencyMs: latencySummary(l.latency),
        ttftMs: l.ttft === null ? null : latencySummary(l.ttft),
        tpotMs: l.tpot === null ? null : latencySummary(l.tpot),
      };
    }),
    levelsTruncated: c.levelsTruncated,
  };
}

/** Per team GPU-hours and showback (priced in cost-model from the GPU pools' bill lines), per job waits. */
function sharedSummary(r: EngineResult, lines: readonly { pool?: string; usd: number | null }[], pools: Scenario['spec']['nodePools'], serviceNames: readonly string[]): SharedClusterSummary | null {
  const x = r.shared;
  if (x === null) return null;
  const hours = r.endSeconds / 3600;
  const capacity = x.capacityGpuSeconds / 3600;
  const gpuPools = new Set(pools.map((p) => p.name));
  const poolLines = lines.filter((l) => l.pool !== undefined && gpuPools.has(l.pool));
  const totalUsd = poolLines.some((l) => l.usd === null) ? null : poolLines.reduce((s, l) => s + (l.usd ?? 0), 0);
  const teams = x.teams.map((t) => ({ name: t.name, gpuHours: t.gpuSeconds / 3600 }));
  const bill = showback(totalUsd, capacity, teams);
  const held = teams.reduce((s, t) => s + t.gpuHours, 0);
  const quantiles = (w: readonly number[]) => {
    if (w.length === 0) return null;
    const s = [...w].sort((a, b) => a - b);
    return { p50: s[Math.floor((s.length - 1) / 2)]! / 60, mean: s.reduce((a, b) => a + b, 0) / s.length / 60, max: s[s.length - 1]! / 60 };
  };
  return {
    capacityGpuHours: capacity,
    allocation: capacity > 0 ? held / capacity : 0,
    usdPerGpuHour: bill.usdPerGpuHour,
    unallocatedGpuHours: bill.unallocatedGpuHours,
    unallocatedUsd: bill.unallocatedUsd,
    teams: x.teams.map((t, i) => ({
      name: t.name,
      gpuQuota: t.gpuQuota,
      gpuHours: teams[i]!.gpuHours,
      share: capacity > 0 ? teams[i]!.gpuHours / capacity : 0,
      quotaUse: t.gpuQuota !== null && t.gpuQuota > 0 && hours > 0 ? teams[i]!.gpuHours / (t.gpuQuota * hours) : null,
      peakGpus: t.peakGpus,
      quotaRefusals: t.quotaRefusals,
      podsPreempted: t.podsPreempted,
      showbackUsd: bill.teams[i]!.usd,
      ...(t.kueue
        ? {
            kueue: {
              nominalQuota: t.kueue.nominalQuota,
              borrowedGpuHours: t.kueue.borrowedGpuSeconds / 3600,
              reclaims: t.kueue.reclaims,
              reclaimedFrom: t.kueue.reclaimedFrom,
              ...(t.kueue.podsReadyEvictions !== undefined ? { podsReadyEvictions: t.kueue.podsReadyEvictions, deactivated: t.kueue.deactivated ?? 0 } : {}),
            },
          }
        : {}),
    })),
    jobs: x.jobs.map((j) => ({ name: j.name, team: x.teams[j.team]?.name ?? '', submitted: j.submitted, completed: j.completed, waitMinutes: quantiles(j.waits), interruptions: j.interruptions, lostGpuHours: j.lostGpuSeconds / 3600 })),
    servingPreempted: Object.fromEntries(r.services.flatMap((_, i) => ((x.servingPreempted[i] ?? 0) > 0 ? [[serviceNames[i] ?? String(i), x.servingPreempted[i]!]] : []))),
    jobsWaitingAtEnd: { queued: x.jobsWaitingAtEnd.queued, quotaBlocked: x.jobsWaitingAtEnd.quotaBlocked, oldestWaitMinutes: x.jobsWaitingAtEnd.oldestWaitSeconds / 60 },
  };
}

/** The training estimate of a scenario with a training block (closed form, no simulation): what a run reports as `training`. */
export function trainingSummary(scenario: Scenario): TrainingSummary {
  const t = scenario.spec.training!;
  const ADAM = MIXED_ADAM_BYTES_PER_PARAM;
  // Model states under mixed-precision Adam and one GPU's dense peak: the numbers memory and speed claims are about.
  const facts = (gpu: GpuSpec) => ({ memoryGB: (t.parameters * (ADAM.weights + ADAM.gradients + ADAM.optimizer)) / 1e9, peakTflopsPerGpu: peakFlopsPerGpu(gpu, t.precision) / 1e12 });
  const of = estimateTraining(t, scenario.spec.catalogDate);
  if (of.kind === 'instance') {
    const e = of.estimate;
    const nodes = t.nodes!;
    const price = e.price === null ? { priceSource: null, priceObserved: null } : { priceSource: e.price.source, priceObserved: e.price.freshness ? observedLabel(e.price.freshness) : e.price.sourceDate };
    return { ...toTrainingSummary(e, e.instanceId, e.gpuCount, nodes, t.purchase, e.usdPerNodeHour === null ? null : e.usdPerNodeHour / (e.gpuCount / nodes), e.unknownPrices), ...price, stalePrices: e.stalePrices, ...facts(of.gpu), memoryFit: trainingMemoryFit(t, of.gpu, e.gpuCount) };
  }
  const usdPerGpuHour = t.pricePerGpuHour ?? null;
  const summary = toTrainingSummary(of.estimate, of.gpu.id, t.gpus!, null, t.pricePerGpuHour === undefined ? 'unpriced' : 'per-gpu-hour', usdPerGpuHour, usdPerGpuHour === null ? [`no pricePerGpuHour for ${of.gpu.id}`] : []);
  return { ...summary, priceSource: null, priceObserved: null, stalePrices: [], ...facts(of.gpu), memoryFit: trainingMemoryFit(t, of.gpu, t.gpus!) };
}

function toTrainingSummary(
  e: TrainingEstimate,
  hardware: string,
  gpuCount: number,
  nodes: number | null,
  purchase: string,
  usdPerGpuHour: number | null,
  unknownPrices: string[],
): Omit<TrainingSummary, 'priceSource' | 'priceObserved' | 'stalePrices' | 'memoryGB' | 'peakTflopsPerGpu' | 'memoryFit'> {
  return {
    flops: e.flops,
    gpu: hardware,
    gpuCount,
    purchase,
    usdPerGpuHour,
    idealDays: e.idealDays,
    days: e.expectedDays,
    hours: e.expectedSeconds / 3600,
    gpuHours: e.expectedGpuHours,
    lostDays: (e.expectedSeconds - e.idealSeconds) / 86_400,
    breakdownDays: { work: e.idealSeconds / 86_400, checkpoint: e.checkpointOverheadSeconds / 86_400, lostWork: e.lostWorkSeconds / 86_400, restart: e.restartSeconds / 86_400 },
    nodes,
    interruptions: e.expectedInterruptions,
    costUsd: e.costUsd,
    budget: e.budget ?? null,
    formula: e.formula,
    unknownPrices,
  };
}
