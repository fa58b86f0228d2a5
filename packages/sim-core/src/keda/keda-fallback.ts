/**
 * KEDA's fallback: what a ScaledObject answers for a trigger whose metric cannot be read. A port of kedacore/keda at
 * 8b4f083ca8c8c2baf8477e322bd4d16ac4dfa09a (2026-08-20), pkg/fallback/fallback.go:
 *
 * - `GetMetricsWithFallback` runs on every read of a trigger's metric, from both callers: KEDA's own poll
 *   (pkg/scaling/scale_handler.go `getScalerState`, every pollingInterval) and the HPA's read through KEDA's metrics
 *   adapter (`GetScaledObjectMetrics`, every HPA sync). A good read resets the trigger's
 *   `status.health[metricName].numberOfFailures` to 0 (Happy); a failed one increments it (`IncrementFailure`,
 *   Failing), and once it is strictly above `failureThreshold` the read answers with `doFallback` instead of the
 *   error. Without a fallback the health is left alone and the error goes through.
 * - `doFallback`: replicas by `behavior` (static: `replicas`; currentReplicas: the Deployment's `spec.replicas`
 *   (`resolver.GetCurrentReplicas`); currentReplicasIfHigher / IfLower: the larger / smaller of the two), divided by
 *   the Running and Ready pods for a `Value` target (`getReadyReplicasCount`; none ready: no fallback, the read
 *   fails), times the target, as a milli-quantity `int64(target × 1000 × replicas)`. The HPA then computes the
 *   fallback replicas from it: `GetExternalPerPodMetricReplicas` gives ceil(value / target) = replicas.
 * - `fallbackExceededThreshold`: the ScaledObject's Fallback condition is True while any trigger is Failing above
 *   the threshold.
 *
 * Not ported: `behavior: scalingModifiers` (no scaling modifiers in design-sim); `HasValidFallback`'s checks
 * (failureThreshold and replicas ≥ 0) hold by the scenario schema; a trigger with `useCachedMetrics` (the HPA's read
 * then takes the poll's record and does not count again).
 */

/** `spec.fallback.behavior` (apis/keda/v1alpha1/scaledobject_types.go, default static). */
export type KedaFallbackBehavior = 'static' | 'currentReplicas' | 'currentReplicasIfHigher' | 'currentReplicasIfLower';

/** `spec.fallback`: failures tolerated before the fallback answers, and the replicas it asks for. */
export interface KedaFallback {
  failureThreshold: number;
  replicas: number;
  behavior: KedaFallbackBehavior;
}

/** The metric target a trigger's HPA metric has: AverageValue per replica, or Value for the whole workload. */
export interface FallbackTarget {
  type: 'AverageValue' | 'Value';
  /** Base units (per replica for AverageValue). */
  value: number;
}

/** What one read of a trigger's metric returns after `GetMetricsWithFallback`. */
export type FallbackRead =
  | { kind: 'ok' }
  | { kind: 'error' }
  /** The fallback metric value, in milli-units (`resource.NewMilliQuantity`). */
  | { kind: 'fallback'; valueMilli: number };

/** The workload as KEDA reads it for `doFallback`: `spec.replicas`, and Running + Ready pods (Value targets only). */
export interface FallbackWorkload {
  currentReplicas: number;
  readyReplicas: number;
}

/** `doFallback`: the fallback metric value in milli-units, or null when it cannot be computed (Value target, no pod ready). */
export function doFallback(f: KedaFallback, target: FallbackTarget, w: FallbackWorkload): number | null {
  const current = w.currentReplicas;
  let replicas: number;
  switch (f.behavior) {
    case 'static':
      replicas = f.replicas;
      break;
    case 'currentReplicas':
      replicas = current;
      break;
    case 'currentReplicasIfHigher':
      replicas = current > f.replicas ? current : f.replicas;
      break;
    case 'currentReplicasIfLower':
      replicas = current < f.replicas ? current : f.replicas;
      break;
  }
  if (target.type === 'Value') {
    if (w.readyReplicas === 0) return null;
    replicas /= w.readyReplicas;
  }
  // int64(normalisationValue*1000*replicas): Go's float-to-int conversion truncates toward zero.
  return Math.trunc(target.value * 1000 * replicas);
}

/** One trigger's `status.health` entry. */
interface HealthStatus {
  numberOfFailures: number;
  status: 'Happy' | 'Failing';
}

/** A ScaledObject's `status.health` and its fallback: `GetMetricsWithFallback` per read, keyed by metric name. */
export class TriggerHealth {
  private readonly health = new Map<string, HealthStatus>();

  constructor(private readonly fallback: KedaFallback | null) {}

  /** `GetMetricsWithFallback` for one read of `metricName`; `failed` is the scaler's error. */
  read(metricName: string, failed: boolean, target: FallbackTarget, workload: FallbackWorkload): FallbackRead {
    const f = this.fallback;
    if (!failed) {
      if (f !== null) this.health.set(metricName, { numberOfFailures: 0, status: 'Happy' });
      return { kind: 'ok' };
    }
    if (f === null) return { kind: 'error' };
    // IncrementFailure: a missing entry starts at 0.
    const h = { numberOfFailures: (this.health.get(metricName)?.numberOfFailures ?? 0) + 1, status: 'Failing' as const };
    this.health.set(metricName, h);
    if (!(h.numberOfFailures > f.failureThreshold)) return { kind: 'error' };
    const valueMilli = doFallback(f, target, workload);
    // doFallback returned nil: "error performing fallback".
    return valueMilli === null ? { kind: 'error' } : { kind: 'fallback', valueMilli };
  }

  /** `numberOfFailures` of a trigger's metric (0 when never read or not tracked). */
  failures(metricName: string): number {
    return this.health.get(metricName)?.numberOfFailures ?? 0;
  }

  /** `fallbackExceededThreshold`: the Fallback condition (some trigger Failing above the threshold). */
  fallbackActive(): boolean {
    const f = this.fallback;
    if (f === null) return false;
    for (const h of this.health.values()) if (h.status === 'Failing' && h.numberOfFailures > f.failureThreshold) return true;
    return false;
  }
}
