/**
 * What the engine knows of each pod matched by the HPA's selector at one sync, plus that pod's metric sample.
 * Times are simulated SECONDS. Metric values are in the metric's BASE units (QPS, in-flight requests, GPU util %,
 * CPU cores, memory bytes); the controller converts them to integer milli-units as `Quantity.MilliValue()` does.
 */
export interface HpaPodSample {
  phase: 'Pending' | 'Running' | 'Failed';
  /** True once the pod has a deletionTimestamp (terminating); such pods are ignored. */
  deleting: boolean;
  /** Status of the pod's Ready condition. */
  ready: boolean;
  /** `status.startTime` (s); needed by the CPU readiness rules, absent for a pod not yet started. */
  startTime?: number;
  /**
   * `lastTransitionTime` of the Ready condition (s). Only the CPU readiness rules read it; leave it undefined to mean
   * "no Ready condition", which upstream treats as unready for CPU metrics.
   */
  readyTransitionTime?: number;
  /** This pod's metric value in base units; undefined (or non-finite) = the pod has no metric ("missing"). */
  value?: number;
  /** Resource request in milli-units (millicores, milli-bytes), summed over containers; for Resource metrics. */
  requestMilli?: number;
  /** Timestamp of the metric sample (s); CPU readiness only; default: the reconcile time. */
  metricTimestamp?: number;
  /** Window the sample averages over (s); CPU readiness only; default {@link DEFAULT_METRIC_WINDOW_SECONDS}. */
  metricWindowSeconds?: number;
}

/** Default metric window when a CPU sample does not say (s): the 15 s metrics-server resolution of §2.1. */
export const DEFAULT_METRIC_WINDOW_SECONDS = 15;

/**
 * One entry of `spec.metrics` with the data the controller would fetch for it this sync.
 * - `Pods`: `AverageValue` target per pod (QPS, in-flight, DCGM GPU util, queue length), `GetMetricReplicas`.
 * - `Resource` with `targetAverageUtilization` (percent of request), `GetResourceReplicas`; with
 *   `targetAverageValue` (base units per pod), `GetRawResourceReplicas`. CPU readiness rules apply for `cpu` only.
 * - `External` with an `AverageValue` target (the KEDA form), `GetExternalPerPodMetricReplicas`: `total` is the sum
 *   of all returned series (base units) and `statusReplicas` the target's `status.replicas`.
 * - `External` with a `Value` target, `GetExternalMetricReplicas`: `total` as above, `listedPods` the pods the
 *   selector lists and `readyPods` those Running and Ready.
 * - `Error`: the metric could not be fetched this sync (`error`: the metrics client's message, if known).
 */
export type HpaMetricInput =
  | { source: 'Pods'; targetAverageValue: number; pods: HpaPodSample[] }
  | { source: 'Resource'; resource: 'cpu' | 'memory' | string; targetAverageUtilization: number; pods: HpaPodSample[] }
  | { source: 'Resource'; resource: 'cpu' | 'memory' | string; targetAverageValue: number; pods: HpaPodSample[] }
  | { source: 'External'; targetAverageValue: number; total: number; statusReplicas: number }
  | { source: 'External'; targetValue: number; total: number; listedPods: number; readyPods: number }
  | { source: 'Error'; error?: string };
