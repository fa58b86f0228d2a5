import type { RunResult, ServingSummary } from './run-result.ts';
import { splitServiceMetric } from '../scenario/metrics.ts';
import { staticCostValue } from './static-costs.ts';

type Parts = Pick<RunResult, 'summary' | 'training' | 'costs'> & { services?: RunResult['services'] };

/**
 * The value of an `expect:`/`claims:` metric in a run, in the metric's canonical unit (see
 * scenario/metrics.ts), or null when this run does not produce it.
 */
export function lookupMetric(r: Parts, metric: string, item: string | null = null): number | null {
  const s = r.summary;
  const t = r.training;
  if (metric.startsWith('costs.')) return r.costs === null ? null : staticCostValue(r.costs, metric, item);
  if (metric.startsWith('services.')) return serviceMetric(r.services ?? null, metric);
  const v = ((): number | null | undefined => {
    switch (metric) {
      case 'latency.p50': return s?.latencyMs.p50;
      case 'latency.p90': return s?.latencyMs.p90;
      case 'latency.p95': return s?.latencyMs.p95;
      case 'latency.p99': return s?.latencyMs.p99;
      case 'latency.p999': return s?.latencyMs.p999;
      case 'latency.mean': return s?.latencyMs.mean;
      case 'latency.max': return s?.latencyMs.max;
      case 'availability': return s === null ? null : measuredAvailability(s);
      case 'requests.offered': return s?.measured.offered;
      case 'requests.served': return s?.measured.served;
      case 'requests.dropped': return s?.measured.dropped;
      case 'requests.timedOut': return s?.measured.timedOut;
      case 'requests.unfinished': return s?.measured.unfinished;
      case 'backlog.max': return s?.backlog.max;
      case 'backlog.waitingMax': return s?.backlog.waitingMax;
      case 'replicas.max': return s?.replicas.max;
      case 'replicas.min': return s?.replicas.min;
      case 'replicas.mean': return s?.replicas.mean;
      case 'replicas.offPeakReduction': return s === null || s.replicas.max === 0 ? null : 1 - s.replicas.min / s.replicas.max;
      case 'scaleUp.p50': return s?.scaleUp?.p50Minutes;
      case 'scaleUp.max': return s?.scaleUp?.maxMinutes;
      case 'scaleToZero.hoursAtZero': return s?.scaleToZero?.hoursAtZero;
      case 'scaleToZero.coldStarts': return s?.scaleToZero?.coldStarts;
      case 'scaleToZero.coldStartP50': return s?.scaleToZero?.coldStartMinutes?.p50;
      case 'scaleToZero.coldStartMax': return s?.scaleToZero?.coldStartMinutes?.max;
      case 'scaleToZero.waited': return s?.scaleToZero?.waited;
      case 'scaleToZero.failed': return s?.scaleToZero?.failed;
      case 'scaleToZero.gpuHoursAtZero': return s?.scaleToZero?.gpuHoursAtZero;
      case 'scaleToZero.savedUsd': return s?.scaleToZero?.savedUsd;
      case 'nodes.max': return s?.nodes.max;
      case 'nodes.min': return s?.nodes.min;
      case 'nodes.mean': return s?.nodes.mean;
      case 'gpus.peak': return s?.peakGpus;
      case 'gpus.utilization': return s?.gpuUtilization;
      case 'spotInterruptions': return s?.spotInterruptions;
      case 'shared.allocation': return s?.shared?.allocation;
      case 'jobs.completed': return s?.shared === null || s === null ? null : s.shared.jobs.reduce((a, j) => a + j.completed, 0);
      case 'jobs.waitP50': return jobWaitP50(s?.shared ?? null);
      case 'jobs.waitMax': return s?.shared ? Math.max(s.shared.jobsWaitingAtEnd.oldestWaitMinutes, ...s.shared.jobs.map((j) => j.waitMinutes?.max ?? 0)) : null;
      case 'preemptions': return s?.shared ? s.shared.teams.reduce((a, t) => a + t.podsPreempted, 0) : null;
      case 'faults.nodeFailures': return s?.faults?.nodeFailures ?? (s ? 0 : null);
      case 'faults.spotWaves': return s?.faults?.spotWaves ?? (s ? 0 : null);
      case 'faults.podsLost': return s?.faults?.podsLost ?? (s ? 0 : null);
      case 'faults.lostPodHours': return s?.faults?.lostPodHours ?? (s ? 0 : null);
      case 'faults.requestsFailed': return s?.faults?.requestsFailed ?? (s ? 0 : null);
      case 'cost.total': return s?.cost.totalUsd;
      case 'cost.hourly': return s?.cost.perHourUsd;
      case 'cost.monthly': return s?.cost.monthlyUsd;
      case 'cost.per1k': return s?.cost.per1kRequestsUsd;
      case 'cost.perMillion': return s?.cost.perMillionRequestsUsd;
      case 'cost.savingVsBaseline': return s?.cost.savingVsBaseline;
      case 'cost.perMillionInputTokens': return perMillion(s?.llm?.disaggregated ?? [], 'prefill');
      case 'cost.perMillionOutputTokens': return perMillion(s?.llm?.disaggregated ?? [], 'decode');
      case 'kvTransfer.meanMs': return s?.llm?.disaggregated[0]?.kvTransfer.meanMs;
      case 'ttft.p50': return s?.llm?.ttftMs.p50;
      case 'ttft.p90': return s?.llm?.ttftMs.p90;
      case 'ttft.p95': return s?.llm?.ttftMs.p95;
      case 'ttft.p99': return s?.llm?.ttftMs.p99;
      case 'ttft.mean': return s?.llm?.ttftMs.mean;
      case 'tpot.p50': return s?.llm?.tpotMs.p50;
      case 'tpot.p90': return s?.llm?.tpotMs.p90;
      case 'tpot.p99': return s?.llm?.tpotMs.p99;
      case 'tpot.mean': return s?.llm?.tpotMs.mean;
      case 'itl.p50': return s?.llm?.itlMs.p50;
      case 'itl.p90': return s?.llm?.itlMs.p90;
      case 'itl.p99': return s?.llm?.itlMs.p99;
      case 'itl.mean': return s?.llm?.itlMs.mean;
      case 'tokens.outputPerSecond': return s?.llm?.outputTokensPerSecond;
      case 'lora.delayedRequests': return s?.llm?.lora ? Object.values(s.llm.lora).reduce((a, l) => a + l.delayedRequests, 0) : undefined;
      case 'lora.diskLoads': return s?.llm?.lora ? Object.values(s.llm.lora).reduce((a, l) => a + l.diskLoads, 0) : undefined;
      case 'kvCache.preemptions': return s?.llm?.preemptions ? Object.values(s.llm.preemptions).reduce((a, b) => a + b, 0) : undefined;
      case 'prefixCache.hitRate': return s?.llm?.prefixCache?.hitRate;
      case 'prefixCache.tokenHitRate': return s?.llm?.prefixCache?.tokenHitRate;
      case 'prefixCache.prefillSaved': return s?.llm?.prefixCache?.prefillComputeSaved;
      case 'prefixCache.gpuHoursSaved': return s?.llm?.prefixCache?.gpuHoursSaved;
      case 'ttft.cached.p50': return s?.llm?.prefixCache?.ttftCachedMs.p50;
      case 'ttft.cached.p99': return s?.llm?.prefixCache?.ttftCachedMs.p99;
      case 'ttft.uncached.p50': return s?.llm?.prefixCache?.ttftUncachedMs.p50;
      case 'ttft.uncached.p99': return s?.llm?.prefixCache?.ttftUncachedMs.p99;
      case 'cost.perMillionTokens': return s?.llm?.costPerMillionOutputTokensUsd;
      case 'training.days': return t?.days;
      case 'training.hours': return t?.hours;
      case 'training.gpuHours': return t?.gpuHours;
      case 'training.costUsd': return t?.costUsd;
      case 'training.flops': return t?.flops;
      case 'training.lostDays': return t?.lostDays;
      case 'training.interruptions': return t?.interruptions;
      case 'training.budgetFits': return t?.budget ? (t.budget.fits ? 1 : 0) : null;
      case 'training.memoryGB': return t?.memoryGB;
      case 'training.memoryPerGpuGB': return t ? t.memoryFit.statesGBPerGpu + t.memoryFit.activationGBPerGpu : null;
      case 'training.memoryFits': return t ? (t.memoryFit.fits ? 1 : 0) : null;
      case 'training.peakTflopsPerGpu': return t?.peakTflopsPerGpu;
      default: return null;
    }
  })();
  return v === undefined || v === null ? null : v;
}

/** `services.<name>.<metric>`: one service's figure, or null when the run has no such service. */
function serviceMetric(services: RunResult['services'], name: string): number | null {
  const split = splitServiceMetric(name);
  const s = split === null ? undefined : services?.[split.service];
  if (split === null || s === undefined) return null;
  const sub = name.slice(`services.${split.service}.`.length);
  const q = s.requests;
  const v = ((): number | null | undefined => {
    switch (sub) {
      case 'latency.p50': return s.latencyMs.p50;
      case 'latency.p90': return s.latencyMs.p90;
      case 'latency.p95': return s.latencyMs.p95;
      case 'latency.p99': return s.latencyMs.p99;
      case 'latency.mean': return s.latencyMs.mean;
      case 'subtree.p50': return s.subtreeLatencyMs.p50;
      case 'subtree.p95': return s.subtreeLatencyMs.p95;
      case 'subtree.p99': return s.subtreeLatencyMs.p99;
      case 'subtree.mean': return s.subtreeLatencyMs.mean;
      case 'utilization': return s.utilization;
      case 'slotsInUse': return s.slotsInUse;
      case 'availability': return s.requests.visits === 0 ? null : s.availability;
      case 'requests.visits': return q.visits;
      case 'requests.served': return q.served;
      case 'requests.failed': return q.failed;
      case 'requests.unfinished': return q.unfinished;
      case 'retries': return q.retries;
      case 'connectionWaits': return q.connectionWaits;
      case 'replicas.max': return s.replicas.max;
      case 'replicas.mean': return s.replicas.mean;
      case 'cost.hourly': return s.cost.perHourUsd;
      default: return null;
    }
  })();
  return v === undefined || v === null || Number.isNaN(v) ? null : v;
}

/** How the tool computed a metric, for graded claims. */
export function metricFormula(r: Parts, metric: string): string | undefined {
  if (metric === 'training.memoryGB') return 'parameters × 16 bytes (bf16 weights 2 + grads 2 + fp32 master, momentum, variance 12), unsharded, before activations';
  if (metric === 'training.memoryPerGpuGB') return 'parameters × bytes per parameter held per GPU at the ZeRO stage (16 unsharded; stage 1 shards the 12 optimizer bytes, 2 also the 2 gradient bytes, 3 also the 2 weight bytes, over the GPUs) + activationGBPerGpu';
  if (metric === 'training.peakTflopsPerGpu') return "the GPU's dense peak at the run's precision, from the catalog";
  if (metric.startsWith('training.')) return r.training?.formula;
  if (metric.startsWith('costs.')) return 'spec.costs line items × catalog rates over spec.costs.period; monthly = hourly × 730';
  if (metric === 'cost.savingVsBaseline') return '1 − cost.hourly ÷ spec.baseline.hourlyUsd';
  if (metric === 'scaleToZero.savedUsd') return 'bill of the same design with minReplicaCount raised to its HPA floor (same seed, traffic and nodes) − this run\'s bill';
  if (metric.startsWith('scaleToZero.')) return 'KEDA ScaledObject scale loop (RequestScale, cooldown from the last active poll) or Knative KPA (Scale every 2 s, handleScaleToZero) over the whole run; cold start = first request finding no replica → first ready replica';
  if (metric.startsWith('scaleUp.')) return 'per HPA scale-up: time from the decision until that many replicas are ready, read at interval ends';
  if (metric.startsWith('cost.')) return 'node-seconds × catalog price per instance-hour (+ control plane); monthly = hourly × 730';
  if (metric.startsWith('ttft.') || metric.startsWith('tpot.') || metric.startsWith('itl.')) return 'token-level simulation: prefill and decode iterations timed by a roofline (FLOPs, bytes) with calibrated efficiencies';
  if (metric.startsWith('latency.')) return 'discrete-event simulation: queue wait + service time of each served request; unfinished requests at their age (censored)';
  if (metric === 'availability') return 'served ÷ offered after warm-up (dropped, timed-out and unfinished requests are not served)';
  return undefined;
}

/** The median over jobs of each job's median wait (minutes), over jobs with a run that started. */
function jobWaitP50(shared: import('./run-result.ts').SharedClusterSummary | null): number | null {
  if (shared === null) return null;
  const p50s = shared.jobs.flatMap((j) => (j.waitMinutes === null ? [] : [j.waitMinutes.p50]));
  if (p50s.length === 0) return null;
  p50s.sort((a, b) => a - b);
  return p50s[Math.floor((p50s.length - 1) / 2)]!;
}

/** One pool role over every disaggregated service: their costs over their tokens (null without any, or with an unknown price). */
function perMillion(list: NonNullable<NonNullable<RunResult['summary']>['llm']>['disaggregated'], role: 'prefill' | 'decode'): number | null {
  if (list.length === 0) return null;
  let usd = 0;
  let tokens = 0;
  for (const d of list) {
    const p = d[role];
    if (p.usdPerMillionTokens === null) return null;
    usd += p.usdPerMillionTokens * p.tokens;
    tokens += p.tokens;
  }
  return tokens > 0 ? usd / tokens : null;
}

/**
 * The run's availability as it may be read: with nothing offered after the warm-up the summary's 1 (docs/json-output.md)
 * is vacuous, so an expectation has nothing to pass on and a report shows no value.
 */
export function measuredAvailability(s: Pick<ServingSummary, 'measured' | 'availability'>): number | null {
  return s.measured.offered === 0 ? null : s.availability;
}
