/**
 * Things that parse but are probably mistakes or will hurt: reported as warnings, never errors.
 */
import { formatNumber } from './describe-value.ts';
import { parseCronSchedule } from '../karpenter/cron-schedule.ts';
import { scalesToZero } from '../keda/scaled-object-controller.ts';
import { WARN_EXPECTED_REQUESTS } from './limits.ts';
import type { Scenario } from './scenario-schema.ts';
import type { PathSegment } from './scenario-issue.ts';
import { expectedVisits } from './graph-checks.ts';
import { runWork } from './run-work.ts';
import { formatDuration } from './units.ts';
import { DO_NOT_DISRUPT_ANNOTATION, KNOWN_POD_ANNOTATIONS } from './pod-annotations.ts';

/** A warning before it is located in the source. */
export interface ScenarioWarning {
  path: PathSegment[];
  message: string;
  suggestion?: string;
}

/**
 * KEDA triggers that cannot wake a service at zero: a Prometheus query over the replicas' own series reads
 * nothing with no replica, and pendingRequests sees nothing without a buffer (refused requests are gone).
 */
function kedaWarnings(scenario: Scenario): ScenarioWarning[] {
  const out: ScenarioWarning[] = [];
  scenario.spec.services.forEach((svc, i) => {
    const k = svc.keda;
    if (k === undefined) return;
    if (k.idleReplicaCount !== undefined && k.idleReplicaCount > 0) {
      out.push({
        path: ['spec', 'services', i, 'keda', 'idleReplicaCount'],
        message: `KEDA supports only idleReplicaCount 0: the HPA it creates keeps minReplicas ${k.minReplicaCount} and is active above zero replicas, so it raises ${k.idleReplicaCount} back to ${k.minReplicaCount}, and KEDA lowers it again after each cooldown`,
        suggestion: '0',
      });
    }
    // Only a design that reaches zero needs a trigger that sees requests there.
    if (!scalesToZero(k)) return;
    const wakes = k.triggers.some((t) => t.type === 'requestRate' || (t.type === 'pendingRequests' && k.buffer !== undefined));
    if (wakes) return;
    out.push({
      path: ['spec', 'services', i, 'keda', 'triggers'],
      message: `no trigger can see requests while the service is at zero (${k.buffer === undefined ? 'prometheus queries read the replicas, and pendingRequests sees nothing without a buffer' : 'prometheus queries read the replicas, which are gone'}): once scaled to zero it never wakes`,
      suggestion: '{ type: requestRate }',
    });
  });
  return out;
}

function serviceWarnings(scenario: Scenario): ScenarioWarning[] {
  const out: ScenarioWarning[] = [];
  scenario.spec.services.forEach((svc, i) => {
    const hpa = svc.hpa;
    if (hpa === undefined) return;
    if (svc.replicas > 0 && (svc.replicas < hpa.minReplicas || svc.replicas > hpa.maxReplicas)) {
      const to = svc.replicas < hpa.minReplicas ? hpa.minReplicas : hpa.maxReplicas;
      out.push({ path: ['spec', 'services', i, 'replicas'], message: `${svc.replicas} is outside hpa [${hpa.minReplicas}, ${hpa.maxReplicas}]: the HPA moves it to ${to} at its first sync` });
    }
    for (const dir of ['scaleUp', 'scaleDown'] as const) {
      if (hpa.behavior?.[dir]?.tolerance !== undefined && !scenario.spec.cluster.featureGates.HPAConfigurableTolerance) {
        out.push({
          path: ['spec', 'services', i, 'hpa', 'behavior', dir, 'tolerance'],
          message: 'ignored: per-direction tolerance needs the HPAConfigurableTolerance feature gate, alpha and off in Kubernetes 1.34 (the controller-wide tolerance applies); set spec.cluster.featureGates.HPAConfigurableTolerance: true to model a cluster with it on (the 1.35 default)',
        });
      }
    }
    hpa.metrics.forEach((m, j) => {
      if (m.type === 'gpuUtilization' && m.target <= 1) {
        out.push({ path: ['spec', 'services', i, 'hpa', 'metrics', j, 'target'], message: `gpuUtilization targets are in percent: ${m.target} means ${m.target}%`, suggestion: `${formatNumber(m.target * 100)}%` });
      }
    });
  });
  return out;
}

function trafficWarnings(scenario: Scenario): ScenarioWarning[] {
  const { traffic, duration } = scenario.spec;
  if (traffic === undefined || duration === undefined) return [];
  const out: ScenarioWarning[] = [];
  const p = traffic.profile;
  if (p === undefined) return [];
  const late = p.type === 'step' ? p.at : p.type === 'ramp' ? p.start : undefined;
  if (late !== undefined && late >= duration) {
    out.push({ path: ['spec', 'traffic', 'profile', p.type === 'step' ? 'at' : 'start'], message: `happens at ${formatDuration(late)}, after the run ends (${formatDuration(duration)})` });
  }
  // Every source, and the visits their requests make along the calls (run-work.ts): a 64 × 64 fan-out at 60 QPS
  // for an hour ran for 13 minutes with no word, its 216,000 requests far below the warning's count.
  const { services, trafficSources } = scenario.spec;
  const sources = trafficSources.map((t, k) => ({ profile: t.profile, target: services.findIndex((x) => x.name === t.target), path: trafficSources.length > 1 ? ['spec', 'traffic', k, 'profile'] : ['spec', 'traffic', 'profile'] }));
  const work = runWork(sources, duration, services.some((x) => x.calls !== undefined && x.calls.length > 0) ? expectedVisits(services) : null);
  if (work.work > WARN_EXPECTED_REQUESTS) {
    const n = (x: number) => formatNumber(Number(x.toPrecision(3)));
    const what = work.visits > work.requests * 1.001 ? `${n(work.requests)} requests making ${n(work.visits)} service visits (the work of ${n(work.work)} requests)` : `${n(work.requests)} requests`;
    out.push({ path: work.heaviest ?? ['spec', 'traffic', 'profile'], message: `about ${what}: the run may take several minutes` });
  }
  return out;
}

/**
 * An interval at least as long as the measured part of the run: the time series has one point after the
 * warm-up, and what is read at interval ends (the backlog, replicas, scale-up times) is read once.
 */
function intervalWarnings(scenario: Scenario): ScenarioWarning[] {
  const { duration, warmup, interval } = scenario.spec;
  if (duration === undefined || interval < duration - warmup) return [];
  return [
    {
      path: ['spec', 'interval'],
      message: `${formatDuration(interval)} is not shorter than the measured run (${formatDuration(duration - warmup)} after a ${formatDuration(warmup)} warm-up): the time series has one point, and the figures read at interval ends (backlog, replicas, scale-up times) are read once`,
      suggestion: formatDuration(Math.max(0.01, Number(((duration - warmup) / 60).toPrecision(2)))),
    },
  ];
}

/** What a metric needs from the scenario to have a value: the section it reads, or null if it is there. */
function missingSection(scenario: Scenario, metric: string): string | null {
  const { services, training, costs, baseline } = scenario.spec;
  if (metric.startsWith('training.')) return training === undefined ? 'training' : null;
  if (metric.startsWith('costs.')) return costs === undefined ? 'costs' : null;
  if (metric === 'cost.savingVsBaseline' && baseline === undefined) return 'baseline';
  if (metric.startsWith('scaleToZero.') && !services.some((s) => s.keda !== undefined)) return 'services[].keda';
  return services.length === 0 ? 'services' : null;
}

function metricWarnings(scenario: Scenario): ScenarioWarning[] {
  const { expect, claims } = scenario.spec;
  const out: ScenarioWarning[] = [];
  expect.forEach((e, i) => {
    const missing = missingSection(scenario, e.metric);
    if (missing !== null) out.push({ path: ['spec', 'expect', i], message: `${e.metric} has no value in this scenario (no ${missing}): this line will fail` });
  });
  for (const c of claims) {
    if (c.notModelled === null && missingSection(scenario, c.metric) !== null) out.push({ path: ['spec', 'claims', c.key], message: `${c.metric} has no value in this scenario: this claim cannot be graded` });
  }
  return out;
}

/** Probable mistakes in a parsed scenario, with document paths. */
/**
 * A budget schedule the NodePool CRD admits but robfig/cron cannot parse: the API server takes it, and the disruption
 * controller then fails the whole pool closed (`MustGetAllowedDisruptions` returns 0 on any budget's error), so the
 * run simulates a pool that is never consolidated.
 */
function budgetScheduleWarnings(scenario: Scenario): ScenarioWarning[] {
  const out: ScenarioWarning[] = [];
  scenario.spec.nodePools.forEach((pool, i) => {
    pool.karpenter?.disruption.budgets.forEach((b, j) => {
      if (b.schedule === undefined) return;
      const parsed = parseCronSchedule(b.schedule);
      if (parsed.ok) return;
      out.push({
        path: ['spec', 'nodePools', i, 'karpenter', 'disruption', 'budgets', j, 'schedule'],
        message: `Karpenter cannot parse this schedule (${parsed.error}): the NodePool is accepted, but Karpenter then allows no disruption at all in the pool, which is what this run simulates`,
      });
    });
  });
  return out;
}

/** A metrics fault hits only autoscalers: on a service with neither an hpa nor keda block it changes nothing. */
function metricsFaultWarnings(scenario: Scenario): ScenarioWarning[] {
  const out: ScenarioWarning[] = [];
  const scaled = new Set(scenario.spec.services.filter((s) => s.hpa !== undefined || s.keda !== undefined).map((s) => s.name));
  scenario.spec.faults.forEach((f, i) => {
    if (f.kind !== 'metrics') return;
    if (f.services === undefined) {
      if (scaled.size === 0) out.push({ path: ['spec', 'faults', i], message: 'no service has an autoscaler (hpa or keda): a metrics fault changes nothing' });
      return;
    }
    f.services.forEach((name, j) => {
      if (!scaled.has(name) && scenario.spec.services.some((s) => s.name === name)) {
        out.push({ path: ['spec', 'faults', i, 'services', j], message: `"${name}" has no autoscaler (hpa or keda): a metrics fault changes nothing there` });
      }
    });
  });
  return out;
}

export function scenarioWarnings(scenario: Scenario): ScenarioWarning[] {
  return [
    ...serviceWarnings(scenario),
    ...kedaWarnings(scenario),
    ...trafficWarnings(scenario),
    ...intervalWarnings(scenario),
    ...metricWarnings(scenario),
    ...budgetScheduleWarnings(scenario),
    ...podAnnotationWarnings(scenario),
    ...metricsFaultWarnings(scenario),
  ];
}

/**
 * A pod annotation the simulation does not read is kept (export k8s writes it back) but changes nothing: say so, so
 * a user who copied a manifest's annotations does not expect its effect.
 */
function podAnnotationWarnings(scenario: Scenario): ScenarioWarning[] {
  const out: ScenarioWarning[] = [];
  scenario.spec.services.forEach((svc, i) => {
    for (const key of Object.keys(svc.podAnnotations ?? {})) {
      if (KNOWN_POD_ANNOTATIONS.includes(key)) continue;
      out.push({ path: ['spec', 'services', i, 'podAnnotations', key], message: `"${key}" has no effect in the simulation (kept for export k8s); only ${KNOWN_POD_ANNOTATIONS.join(' and ')} are read` });
    }
  });
  scenario.spec.jobs.forEach((job, i) => {
    for (const key of Object.keys(job.podAnnotations ?? {})) {
      if (KNOWN_POD_ANNOTATIONS.includes(key)) continue;
      out.push({ path: ['spec', 'jobs', i, 'podAnnotations', key], message: `"${key}" has no effect in the simulation; only ${KNOWN_POD_ANNOTATIONS.join(' and ')} are read` });
    }
  });
  scenario.spec.nodePools.forEach((pool, i) => {
    for (const key of Object.keys(pool.karpenter?.nodeAnnotations ?? {})) {
      if (key === DO_NOT_DISRUPT_ANNOTATION) continue;
      out.push({ path: ['spec', 'nodePools', i, 'karpenter', 'nodeAnnotations', key], message: `"${key}" has no effect in the simulation (kept for export k8s); only ${DO_NOT_DISRUPT_ANNOTATION} is read on nodes` });
    }
  });
  return out;
}
