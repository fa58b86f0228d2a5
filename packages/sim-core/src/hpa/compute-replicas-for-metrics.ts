import type { ReadinessTiming } from './group-pods.ts';
import type { HpaMetricInput } from './hpa-pod-sample.ts';
import { getExternalMetricReplicas, getExternalPerPodMetricReplicas } from './external-metric-replicas.ts';
import { calcPlainMetricReplicas, getResourceReplicas, type MetricProposal } from './replica-calculator.ts';
import type { Tolerances } from './tolerances.ts';

/** Result of {@link computeReplicasForMetrics}: `replicas` is −1 when the HPA must not act this sync. */
export interface MetricsReplicas {
  replicas: number;
  proposals: MetricProposal[];
  invalidCount: number;
}

/**
 * Port of `computeReplicasForMetric` (horizontal.go): dispatches one metric spec to its replica-calculator function.
 * Pods, Resource and External `Value` metrics use `specReplicas`; External `AverageValue` uses the input's own
 * `statusReplicas` (`computeStatusForExternalMetric`).
 */
export function computeReplicasForMetric(
  input: HpaMetricInput,
  specReplicas: number,
  tolerances: Tolerances,
  now: number,
  timing: ReadinessTiming,
): MetricProposal {
  switch (input.source) {
    case 'Error':
      return { ok: false, error: input.error ?? 'metric unavailable' };
    case 'External':
      return 'targetValue' in input
        ? getExternalMetricReplicas(specReplicas, input.targetValue, input.total, input.listedPods, input.readyPods, tolerances)
        : getExternalPerPodMetricReplicas(input.statusReplicas, input.targetAverageValue, input.total, tolerances);
    case 'Pods':
      return calcPlainMetricReplicas({ currentReplicas: specReplicas, pods: input.pods, tolerances, now, timing }, input.targetAverageValue, '');
    case 'Resource': {
      const ctx = { currentReplicas: specReplicas, pods: input.pods, tolerances, now, timing };
      return 'targetAverageValue' in input
        ? calcPlainMetricReplicas(ctx, input.targetAverageValue, input.resource)
        : getResourceReplicas(ctx, input.targetAverageUtilization, input.resource);
    }
  }
}

/**
 * Port of `computeReplicasForMetrics` (§1.7): the MAX over valid metric proposals; if every metric is invalid, or
 * some are invalid and the max would scale DOWN (below `specReplicas`), return −1 (no action). A scale-up proceeds
 * despite partial errors (TC11). An empty list counts as all-invalid here; upstream cannot see one because API
 * defaulting inserts CPU 80 %.
 */
export function computeReplicasForMetrics(
  inputs: readonly HpaMetricInput[],
  specReplicas: number,
  tolerances: Tolerances,
  now: number,
  timing: ReadinessTiming,
): MetricsReplicas {
  let replicas = 0;
  let invalidCount = 0;
  const proposals = inputs.map((input) => computeReplicasForMetric(input, specReplicas, tolerances, now, timing));
  for (const p of proposals) {
    if (!p.ok) {
      invalidCount++;
      continue;
    }
    if (replicas === 0 || p.replicas > replicas) replicas = p.replicas;
  }
  if (invalidCount >= inputs.length || (invalidCount > 0 && replicas < specReplicas)) {
    return { replicas: -1, proposals, invalidCount };
  }
  return { replicas, proposals, invalidCount };
}
