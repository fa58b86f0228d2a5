/**
 * KEDA's ScaledObject scale loop for one workload: the 0 ↔ 1 half that KEDA owns itself (the HPA it creates
 * owns 1 ↔ N and disables itself at zero replicas). A port of kedacore/keda at
 * 8b4f083ca8c8c2baf8477e322bd4d16ac4dfa09a (2026-08-20):
 *
 * - `scaleHandler.startScaleLoop` (pkg/scaling/scale_handler.go): `checkScalers` runs at once and then every
 *   `pollingInterval` (default 30 s, apis/keda/v1alpha1/withtriggers_types.go `defaultPollingInterval`).
 * - `scaleHandler.getScaledObjectState`: the object is active when any trigger is active; a trigger is active
 *   when its value is strictly greater than its `activationThreshold` (e.g. prometheus_scaler.go
 *   `GetMetricsAndActivity`: `val > s.metadata.ActivationThreshold`).
 * - `scaleExecutor.RequestScale` (pkg/scaling/executor/scale_scaledobjects.go): active and at 0 replicas →
 *   `scaleFromZeroOrIdle` (to minReplicaCount, or 1 when it is 0) and LastActiveTime = now; active above 0 →
 *   LastActiveTime = now; inactive above 0 with minReplicaCount 0 → `scaleToZeroOrIdle`; inactive below
 *   minReplicaCount → set to minReplicaCount.
 * - `scaleToZeroOrIdle`: scales to minReplicaCount only when `LastActiveTime + cooldownPeriod` is strictly
 *   before now (`Time.Before`), or, with no LastActiveTime yet, when `CreationTimestamp + initialCooldownPeriod`
 *   is (defaults 300 s and 0 s, scale_executor.go `defaultCooldownPeriod`, `defaultInitialCooldownPeriod`).
 *
 * Not ported: idleReplicaCount, fallback on scaler errors (the simulated scalers never fail), pause annotations,
 * scaling modifiers, the cpu/memory-only rule (design-sim triggers are never cpu/memory).
 */

/** A ScaledObject's own fields (seconds, replicas); defaults are KEDA's. */
export interface ScaledObjectConfig {
  /** `spec.minReplicaCount` (default 0: scale to zero). */
  minReplicaCount: number;
  /** `spec.pollingInterval`, s (default 30). */
  pollingIntervalSeconds: number;
  /** `spec.cooldownPeriod`, s (default 300): inactive this long after the last active poll before going to zero. */
  cooldownPeriodSeconds: number;
  /** `spec.initialCooldownPeriod`, s (default 0): the same, counted from creation, before any poll was active. */
  initialCooldownPeriodSeconds: number;
}

/** KEDA's defaults (see the file comment for where each is set upstream). */
export const KEDA_DEFAULTS: ScaledObjectConfig = { minReplicaCount: 0, pollingIntervalSeconds: 30, cooldownPeriodSeconds: 300, initialCooldownPeriodSeconds: 0 };

/** What one poll decided: the replicas to set (null = leave the scale target alone) and why. */
export interface ScaledObjectDecision {
  active: boolean;
  setReplicas: number | null;
  reason: 'activate' | 'active' | 'deactivate' | 'cooldown' | 'to-min' | 'idle';
}

/** One trigger's reading at a poll and its activation threshold. */
export interface TriggerReading {
  value: number;
  activationThreshold: number;
}

/** The scale loop's state (`status.lastActiveTime`) and its decision per poll; pure, so tests drive it directly. */
export class ScaledObjectController {
  /** `status.lastActiveTime`, s; null until a poll was active. */
  lastActiveTime: number | null = null;

  constructor(
    private readonly cfg: ScaledObjectConfig,
    /** `metadata.creationTimestamp`, s. */
    private readonly createdAt = 0,
  ) {}

  /** `getScaledObjectState`: active when any trigger's value is strictly above its activation threshold. */
  static isActive(readings: readonly TriggerReading[]): boolean {
    return readings.some((r) => r.value > r.activationThreshold);
  }

  /** `RequestScale` at time `now` with the scale target's `spec.replicas`. */
  poll(now: number, currentReplicas: number, readings: readonly TriggerReading[]): ScaledObjectDecision {
    const min = this.cfg.minReplicaCount;
    const active = ScaledObjectController.isActive(readings);
    if (active) {
      this.lastActiveTime = now;
      // scaleFromZeroOrIdle: to minReplicaCount when it is above 0, else 1.
      if (currentReplicas === 0) return { active, setReplicas: min > 0 ? min : 1, reason: 'activate' };
      return { active, setReplicas: null, reason: 'active' };
    }
    if (currentReplicas > 0 && min === 0) {
      const cooled =
        this.lastActiveTime === null ? this.createdAt + this.cfg.initialCooldownPeriodSeconds < now : this.lastActiveTime + this.cfg.cooldownPeriodSeconds < now;
      return cooled ? { active, setReplicas: 0, reason: 'deactivate' } : { active, setReplicas: null, reason: 'cooldown' };
    }
    if (currentReplicas < min) return { active, setReplicas: min, reason: 'to-min' };
    return { active, setReplicas: null, reason: 'idle' };
  }
}
