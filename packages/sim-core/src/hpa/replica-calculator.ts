import { groupPods, type ReadinessTiming } from './group-pods.ts';
import type { HpaPodSample } from './hpa-pod-sample.ts';
import { mulMilli, toMilli, truncDiv } from './milli-quantity.ts';
import { isWithinTolerance, type Tolerances } from './tolerances.ts';
import { getMetricUsageRatio, getResourceUtilizationRatio } from './usage-ratio.ts';

/**
 * One metric's proposal: `replicas` (pods) and the current usage the HPA status would report — integer percent for
 * utilization targets, base units per pod otherwise — or the error that makes the metric invalid this sync.
 */
export type MetricProposal =
  | { ok: true; replicas: number; currentValue: number }
  | { ok: false; error: string };

/** Everything the pod-based calculators need besides the metric itself. */
export interface PodMetricContext {
  /** `scale.spec.replicas` (pods). */
  currentReplicas: number;
  pods: readonly HpaPodSample[];
  tolerances: Tolerances;
  /** Reconcile time (s). */
  now: number;
  timing: ReadinessTiming;
}

// The pods that survive groupPods with a metric ("metrics" map after removeMetricsForPods), in milli-units.
interface MetricSet {
  values: number[];
  requests: number[];
}

/**
 * Port of `ReplicaCalculator.GetResourceReplicas` (utilization target, §1.5): ratio from truncated integer percent;
 * on scale-up unready/Pending pods count as 0; missing pods count as 0 on scale-up and as
 * `max(100, target)` % of their request on scale-down; the result is held at current if the adjusted ratio is within
 * tolerance or flips direction. `targetUtilization` is an integer percent.
 */
export function getResourceReplicas(ctx: PodMetricContext, targetUtilization: number, resource: string): MetricProposal {
  if (ctx.pods.length === 0) return fail('no pods returned by selector while calculating replica count');
  const grouped = groupPods(ctx.pods, resource, ctx.now, ctx.timing);
  const metrics = readyMetrics(ctx.pods, grouped.groups);
  if (metrics.values.length === 0) return fail('did not receive metrics for targeted pods (pods might be unready)');
  // calculateRequests runs over every listed pod, Pending and terminating included: one missing request fails it all.
  for (const pod of ctx.pods) {
    if (pod.requestMilli === undefined) return fail(`missing request for ${resource}`);
  }
  const first = getResourceUtilizationRatio(metrics.values, metrics.requests, targetUtilization);
  if (first === null) return fail('no metrics returned matched known pods');
  const usageRatio = first.ratio;
  const ok = (replicas: number): MetricProposal => ({ ok: true, replicas, currentValue: first.utilization });

  const scaleUpWithUnready = grouped.unreadyCount > 0 && usageRatio > 1.0;
  if (!scaleUpWithUnready && grouped.missingCount === 0) {
    if (isWithinTolerance(ctx.tolerances, usageRatio)) return ok(ctx.currentReplicas);
    return ok(Math.ceil(usageRatio * grouped.readyPodCount));
  }
  const fallbackUtilization = Math.max(100, targetUtilization);
  ctx.pods.forEach((pod, i) => {
    const g = grouped.groups[i];
    const request = pod.requestMilli ?? 0;
    if (g === 'missing' && usageRatio < 1.0) push(metrics, truncDiv(mulMilli(request, fallbackUtilization), 100), request);
    else if (g === 'missing' && usageRatio > 1.0) push(metrics, 0, request);
    else if (g === 'unready' && scaleUpWithUnready) push(metrics, 0, request);
  });
  const second = getResourceUtilizationRatio(metrics.values, metrics.requests, targetUtilization);
  if (second === null) return fail('no metrics returned matched known pods');
  return ok(adjustedReplicas(ctx, usageRatio, second.ratio, metrics.values.length));
}

/**
 * Port of `calcPlainMetricReplicas` (used by `GetMetricReplicas` for Pods metrics with `resource = ''`, and by
 * `GetRawResourceReplicas` for Resource `AverageValue` targets): ratio of the truncated integer-milli average to the
 * target; missing pods count as exactly the target on scale-down and 0 on scale-up; unready pods as 0 on scale-up.
 * `targetUsage` is in base units per pod.
 */
export function calcPlainMetricReplicas(ctx: PodMetricContext, targetUsage: number, resource: string): MetricProposal {
  if (ctx.pods.length === 0) return fail('no pods returned by selector while calculating replica count');
  const grouped = groupPods(ctx.pods, resource, ctx.now, ctx.timing);
  const metrics = readyMetrics(ctx.pods, grouped.groups);
  if (metrics.values.length === 0) return fail('did not receive metrics for targeted pods (pods might be unready)');
  const targetMilli = toMilli(targetUsage);
  const first = getMetricUsageRatio(metrics.values, targetMilli);
  const usageRatio = first.ratio;
  const ok = (replicas: number): MetricProposal => ({ ok: true, replicas, currentValue: first.usageMilli / 1000 });

  const scaleUpWithUnready = grouped.unreadyCount > 0 && usageRatio > 1.0;
  if (!scaleUpWithUnready && grouped.missingCount === 0) {
    if (isWithinTolerance(ctx.tolerances, usageRatio)) return ok(ctx.currentReplicas);
    return ok(Math.ceil(usageRatio * grouped.readyPodCount));
  }
  grouped.groups.forEach((g) => {
    if (g === 'missing' && usageRatio < 1.0) push(metrics, targetMilli, 0);
    else if (g === 'missing' && usageRatio > 1.0) push(metrics, 0, 0);
    else if (g === 'unready' && scaleUpWithUnready) push(metrics, 0, 0);
  });
  const second = getMetricUsageRatio(metrics.values, targetMilli);
  return ok(adjustedReplicas(ctx, usageRatio, second.ratio, metrics.values.length));
}

// The tail shared by both pod-based calculators: re-run with the filled-in metrics and keep current replicas when the
// change is too small, when the fill-in flipped the ratio across 1, or when the pod count would flip the direction.
function adjustedReplicas(ctx: PodMetricContext, usageRatio: number, newUsageRatio: number, metricCount: number): number {
  const cur = ctx.currentReplicas;
  if (
    isWithinTolerance(ctx.tolerances, newUsageRatio) ||
    (usageRatio < 1.0 && newUsageRatio > 1.0) ||
    (usageRatio > 1.0 && newUsageRatio < 1.0)
  ) {
    return cur;
  }
  const newReplicas = Math.ceil(newUsageRatio * metricCount);
  if ((newUsageRatio < 1.0 && newReplicas > cur) || (newUsageRatio > 1.0 && newReplicas < cur)) return cur;
  return newReplicas;
}

function readyMetrics(pods: readonly HpaPodSample[], groups: readonly string[]): MetricSet {
  const set: MetricSet = { values: [], requests: [] };
  pods.forEach((pod, i) => {
    if (groups[i] === 'ready' && pod.value !== undefined) push(set, toMilli(pod.value), pod.requestMilli ?? 0);
  });
  return set;
}

function push(set: MetricSet, valueMilli: number, requestMilli: number): void {
  set.values.push(valueMilli);
  set.requests.push(requestMilli);
}

function fail(error: string): MetricProposal {
  return { ok: false, error };
}
