import { DEFAULT_METRIC_WINDOW_SECONDS, type HpaPodSample } from './hpa-pod-sample.ts';
import { toMicros } from './hpa-time.ts';

/** Which set `groupPods` put a pod in. */
export type PodGroup = 'ready' | 'unready' | 'missing' | 'ignored';

/** Result of {@link groupPods}: one group per pod (same order as the input) and the set sizes. */
export interface GroupedPods {
  groups: PodGroup[];
  readyPodCount: number;
  unreadyCount: number;
  missingCount: number;
  ignoredCount: number;
}

/** Readiness timing flags used by the CPU rules (s). */
export interface ReadinessTiming {
  cpuInitializationPeriodSeconds: number;
  initialReadinessDelaySeconds: number;
}

/** True when the pod carries a usable metric sample. */
export function hasMetric(pod: HpaPodSample): pod is HpaPodSample & { value: number } {
  return pod.value !== undefined && Number.isFinite(pod.value);
}

/**
 * Port of `groupPods` (replica_calculator.go, current master, §1.4): deleting or Failed → ignored; Pending →
 * unready (the code comment still says "ignored"); no metric → missing; for the `cpu` resource only, the readiness
 * rules below; everything else → ready. `resource` is '' for Pods metrics. `now` is in seconds.
 */
export function groupPods(pods: readonly HpaPodSample[], resource: string, now: number, timing: ReadinessTiming): GroupedPods {
  const out: GroupedPods = { groups: [], readyPodCount: 0, unreadyCount: 0, missingCount: 0, ignoredCount: 0 };
  for (const pod of pods) {
    const g = classify(pod, resource, now, timing);
    out.groups.push(g);
    if (g === 'ready') out.readyPodCount++;
    else if (g === 'unready') out.unreadyCount++;
    else if (g === 'missing') out.missingCount++;
    else out.ignoredCount++;
  }
  return out;
}

function classify(pod: HpaPodSample, resource: string, now: number, timing: ReadinessTiming): PodGroup {
  if (pod.deleting || pod.phase === 'Failed') return 'ignored';
  if (pod.phase === 'Pending') return 'unready';
  if (!hasMetric(pod)) return 'missing';
  if (resource === 'cpu' && isCpuSampleUnready(pod, now, timing)) return 'unready';
  return 'ready';
}

// The CPU-only branch of groupPods, with Go's strict time.After / time.Before.
function isCpuSampleUnready(pod: HpaPodSample, now: number, timing: ReadinessTiming): boolean {
  if (pod.readyTransitionTime === undefined || pod.startTime === undefined) return true;
  const start = toMicros(pod.startTime);
  const transition = toMicros(pod.readyTransitionTime);
  if (start + toMicros(timing.cpuInitializationPeriodSeconds) > toMicros(now)) {
    // Still initializing: a NotReady pod, or a sample whose window began before the last readiness transition,
    // would report start-up CPU, so it is left out.
    const sampleTime = toMicros(pod.metricTimestamp ?? now);
    const window = toMicros(pod.metricWindowSeconds ?? DEFAULT_METRIC_WINDOW_SECONDS);
    return !pod.ready || sampleTime < transition + window;
  }
  // Past initialization: unready only if NotReady and it never became ready within the initial delay after start.
  return !pod.ready && start + toMicros(timing.initialReadinessDelaySeconds) > transition;
}
