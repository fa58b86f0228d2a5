/**
 * Normalized HPA configuration: what the controller sees after API defaulting. Defaults are Kubernetes 1.34's,
 * from kubernetes/kubernetes pkg/controller/podautoscaler/config/v1alpha1/defaults.go
 * (`RecommendedDefaultHPAControllerConfiguration`, the controller flags) and pkg/apis/autoscaling/v2/defaults.go
 * (the behavior block).
 */

/** One scaling policy: at most `value` pods (or `value` percent) of change per `periodSeconds` (s, 1..1800). */
export interface HpaScalingPolicy {
  type: 'Pods' | 'Percent';
  value: number;
  periodSeconds: number;
}

/**
 * One direction of a defaulted `behavior` block.
 * `stabilizationWindowSeconds` (s) is null only for scale-down left unset, in which case the controller flag
 * `downscaleStabilizationSeconds` applies (`maybeInitScaleDownStabilizationWindow`).
 * `tolerance` (fraction, e.g. 0.05) is null when unset; the cluster-wide tolerance then applies.
 */
export interface HpaScalingRules {
  stabilizationWindowSeconds: number | null;
  selectPolicy: 'Max' | 'Min' | 'Disabled';
  policies: HpaScalingPolicy[];
  tolerance: number | null;
}

/** A defaulted `spec.behavior`; `null` in {@link HpaControllerConfig.behavior} selects the legacy algorithm (§1.10). */
export interface HpaBehavior {
  scaleUp: HpaScalingRules;
  scaleDown: HpaScalingRules;
}

/** Controller-wide tolerance, `--horizontal-pod-autoscaler-tolerance` (fraction of the target). */
export const DEFAULT_HPA_TOLERANCE = 0.1;
/** `--horizontal-pod-autoscaler-downscale-stabilization` (s). */
export const DEFAULT_DOWNSCALE_STABILIZATION_SECONDS = 300;
/** `--horizontal-pod-autoscaler-cpu-initialization-period` (s). */
export const DEFAULT_CPU_INITIALIZATION_PERIOD_SECONDS = 300;
/** `--horizontal-pod-autoscaler-initial-readiness-delay` (s). */
export const DEFAULT_INITIAL_READINESS_DELAY_SECONDS = 30;
/** HPAConfigurableTolerance gate default in Kubernetes 1.34 (alpha, off); beta and on from 1.35. */
export const DEFAULT_HPA_CONFIGURABLE_TOLERANCE = false;
/** `--horizontal-pod-autoscaler-sync-period` (s): the engine should reconcile each HPA this often. */
export const DEFAULT_HPA_SYNC_PERIOD_SECONDS = 15;

/** Static configuration of one HPA plus the controller-manager flags that affect it. */
export interface HpaControllerConfig {
  /** `spec.minReplicas` (pods; the API defaults it to 1; 0 needs the HPAScaleToZero gate). */
  minReplicas: number;
  /** `spec.maxReplicas` (pods). */
  maxReplicas: number;
  /** Defaulted behavior (see `normalizeBehavior`), or null when the manifest omits `behavior` (legacy path). */
  behavior: HpaBehavior | null;
  /** Cluster-wide tolerance (fraction); default {@link DEFAULT_HPA_TOLERANCE}. */
  tolerance?: number;
  /** Scale-down stabilization used by the legacy path and by an unset scale-down window (s); default 300. */
  downscaleStabilizationSeconds?: number;
  /** CPU initialization period for the CPU readiness rules (s); default 300. */
  cpuInitializationPeriodSeconds?: number;
  /** Initial readiness delay for the CPU readiness rules (s); default 30. */
  initialReadinessDelaySeconds?: number;
  /**
   * kube-controller-manager feature gate HPAConfigurableTolerance: when false, `behavior.*.tolerance` is ignored.
   * Default false, as in Kubernetes 1.34, the version whose defaults this port follows: the gate is alpha (off) in
   * 1.33 and 1.34 and beta (on) from 1.35 (pkg/features/kube_features.go, versioned gate table).
   */
  configurableTolerance?: boolean;
}

/** {@link HpaControllerConfig} with every optional flag resolved to a number. */
export interface ResolvedHpaConfig {
  minReplicas: number;
  maxReplicas: number;
  behavior: HpaBehavior | null;
  tolerance: number;
  downscaleStabilizationSeconds: number;
  cpuInitializationPeriodSeconds: number;
  initialReadinessDelaySeconds: number;
  configurableTolerance: boolean;
}

/** Fills controller flags with their defaults and rejects configurations the API server would reject. */
export function resolveHpaConfig(config: HpaControllerConfig): ResolvedHpaConfig {
  const { minReplicas, maxReplicas } = config;
  if (!Number.isInteger(minReplicas) || minReplicas < 0) {
    throw new RangeError(`minReplicas must be a non-negative integer, got ${minReplicas}`);
  }
  if (!Number.isInteger(maxReplicas) || maxReplicas < 1 || maxReplicas < minReplicas) {
    throw new RangeError(`maxReplicas must be an integer >= max(1, minReplicas), got ${maxReplicas}`);
  }
  if (config.behavior !== null) {
    assertValidRules('scaleUp', config.behavior.scaleUp);
    assertValidRules('scaleDown', config.behavior.scaleDown);
  }
  return {
    minReplicas,
    maxReplicas,
    behavior: config.behavior,
    tolerance: config.tolerance ?? DEFAULT_HPA_TOLERANCE,
    downscaleStabilizationSeconds: config.downscaleStabilizationSeconds ?? DEFAULT_DOWNSCALE_STABILIZATION_SECONDS,
    cpuInitializationPeriodSeconds: config.cpuInitializationPeriodSeconds ?? DEFAULT_CPU_INITIALIZATION_PERIOD_SECONDS,
    initialReadinessDelaySeconds: config.initialReadinessDelaySeconds ?? DEFAULT_INITIAL_READINESS_DELAY_SECONDS,
    configurableTolerance: config.configurableTolerance ?? DEFAULT_HPA_CONFIGURABLE_TOLERANCE,
  };
}

// Limits from the API validation quoted in §1.9: periodSeconds in (0, 1800], window in [0, 3600], value > 0.
function assertValidRules(direction: string, rules: HpaScalingRules): void {
  const w = rules.stabilizationWindowSeconds;
  if (w !== null && !(Number.isInteger(w) && w >= 0 && w <= 3600)) {
    throw new RangeError(`behavior.${direction}.stabilizationWindowSeconds must be an integer in [0, 3600], got ${w}`);
  }
  if (rules.tolerance !== null && !(rules.tolerance >= 0)) {
    throw new RangeError(`behavior.${direction}.tolerance must be >= 0, got ${rules.tolerance}`);
  }
  for (const p of rules.policies) {
    if (!(Number.isInteger(p.periodSeconds) && p.periodSeconds > 0 && p.periodSeconds <= 1800)) {
      throw new RangeError(`behavior.${direction} policy periodSeconds must be an integer in (0, 1800], got ${p.periodSeconds}`);
    }
    if (!(Number.isInteger(p.value) && p.value > 0)) {
      throw new RangeError(`behavior.${direction} policy value must be a positive integer, got ${p.value}`);
    }
  }
}
