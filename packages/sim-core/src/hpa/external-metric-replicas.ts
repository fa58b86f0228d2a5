/**
 * The two External-metric calculators of pkg/controller/podautoscaler/replica_calculator.go (Kubernetes 1.34;
 * the function bodies are unchanged on master): an External metric is one number for the whole workload (a
 * broker or gateway queue, a cloud queue's depth), summed over the series the metrics adapter returns. No pod
 * is listed per sample, so `groupPods` and its readiness and missing-pod fill-ins never run: the tolerance band
 * is the only damping.
 */
import type { MetricProposal } from './replica-calculator.ts';
import { toMilli } from './milli-quantity.ts';
import { isWithinTolerance, type Tolerances } from './tolerances.ts';

const MAX_INT32 = 2_147_483_647;

/**
 * Port of `GetExternalPerPodMetricReplicas` (`target.type: AverageValue`, the KEDA form), called by
 * `computeStatusForExternalMetric` with `scale.status.replicas`: ratio `total / (target × statusReplicas)`; outside
 * the band the proposal is `ceil(total / target)` (capped at MaxInt32), independent of how many pods exist or are
 * ready. `total` and `targetAverageValue` are base units; `statusReplicas` counts the target's non-terminating pods.
 * The reported average is `ceil(total / statusReplicas)`, 0 for no pods (`getPerPodUsage`, master).
 */
export function getExternalPerPodMetricReplicas(statusReplicas: number, targetAverageValue: number, total: number, tolerances: Tolerances): MetricProposal {
  const usageMilli = toMilli(total);
  const targetMilli = toMilli(targetAverageValue);
  let replicas = statusReplicas;
  const usageRatio = usageMilli / (targetMilli * statusReplicas);
  if (!isWithinTolerance(tolerances, usageRatio)) {
    const proposal = Math.ceil(usageMilli / targetMilli);
    replicas = proposal > MAX_INT32 ? MAX_INT32 : proposal;
  }
  const averageMilli = statusReplicas > 0 ? Math.ceil(usageMilli / statusReplicas) : 0;
  return { ok: true, replicas, currentValue: averageMilli / 1000 };
}

/**
 * Port of `GetExternalMetricReplicas` (`target.type: Value`) through `getUsageRatioReplicaCount`, called with
 * `scale.spec.replicas`: ratio `total / target`; inside the band the current count stays, else
 * `ceil(ratio × readyPods)` where `readyPods` counts Running and Ready pods (`getReadyPodsCount`; it errors when the
 * selector lists no pod at all). From `specReplicas = 0` the proposal is `ceil(ratio)` with no band (scale from
 * zero). `listedPods` is how many pods the selector lists (any phase), `readyPods` how many are Running and Ready.
 */
export function getExternalMetricReplicas(specReplicas: number, targetValue: number, total: number, listedPods: number, readyPods: number, tolerances: Tolerances): MetricProposal {
  const usageMilli = toMilli(total);
  const usageRatio = usageMilli / toMilli(targetValue);
  const currentValue = usageMilli / 1000;
  if (specReplicas === 0) return { ok: true, replicas: Math.ceil(usageRatio), currentValue };
  if (isWithinTolerance(tolerances, usageRatio)) return { ok: true, replicas: specReplicas, currentValue };
  if (listedPods === 0) return { ok: false, error: 'unable to calculate ready pods: no pods returned by selector while calculating replica count' };
  const proposal = usageRatio * readyPods;
  return { ok: true, replicas: proposal > MAX_INT32 ? MAX_INT32 : Math.ceil(proposal), currentValue };
}
