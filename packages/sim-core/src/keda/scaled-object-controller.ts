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
 * - `scaleExecutor.RequestScale` (pkg/scaling/executor/scale_scaledobjects.go), its two `switch`es in order:
 *   active, and at 0 replicas or (idleReplicaCount set and) below minReplicaCount → `scaleFromZeroOrIdle` (to
 *   minReplicaCount, or 1 when it is 0) and LastActiveTime = now; otherwise active → LastActiveTime = now.
 *   Inactive, and (idleReplicaCount set and) above idleReplicaCount, or above 0 with minReplicaCount 0 →
 *   `scaleToZeroOrIdle`; inactive without idleReplicaCount and below minReplicaCount → set to minReplicaCount.
 * - `scaleToZeroOrIdle`: scales to `getIdleOrMinimumReplicaCount` (idleReplicaCount when set, else
 *   minReplicaCount) only when `LastActiveTime + cooldownPeriod` is strictly before now (`Time.Before`), or, with
 *   no LastActiveTime yet, when `CreationTimestamp + initialCooldownPeriod` is (defaults 300 s and 0 s,
 *   scale_executor.go `defaultCooldownPeriod`, `defaultInitialCooldownPeriod`).
 * - idleReplicaCount must be below minReplicaCount (apis/keda/v1alpha1/scaledobject_types.go
 *   `CheckReplicaCountBoundsAreValid`; checked at parse time, scenario/keda-schema.ts). The HPA KEDA creates keeps
 *   minReplicas = minReplicaCount and is disabled only at 0 replicas, so an idle count above 0 is pulled back to
 *   minReplicaCount by the HPA and scaled down again by KEDA: upstream's docs support only 0.
 *
 * - A trigger whose read failed (a metrics outage, spec.faults kind metrics) is not active and makes `isError` true
 *   (`getScalerState`: `result.IsActive` is set only when the read returned no error); one answered by the fallback
 *   (keda/keda-fallback.ts) is active and not an error (`isActiveOrFallback`). `RequestScale` with `isError`: active
 *   and above zero, LastActiveTime is not renewed (`PartialTriggerError`); inactive, nothing is scaled while a
 *   fallback with replicas ≠ 0 is waiting for its threshold or no fallback is set (`TriggerError`), so a service is
 *   kept at its replicas and its cooldown to zero waits; a fallback with replicas 0 falls through to the
 *   scale-to-zero cases.
 *
 * Not ported: pause annotations and forced activation, scaling modifiers, the cpu/memory-only rule (design-sim
 * triggers are never cpu/memory).
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
  /** `spec.idleReplicaCount`: replicas when no trigger is active (below minReplicaCount); null = not set. */
  idleReplicaCount: number | null;
  /** `spec.fallback` (only its `replicas` matter here: `RequestScale` tests `Fallback.Replicas != 0`); null or omitted = not set. */
  fallback?: { replicas: number } | null;
}

/**
 * Whether a ScaledObject takes its service to zero replicas while no trigger is active: minReplicaCount 0, or
 * idleReplicaCount 0 (scale_scaledobjects.go `getIdleOrMinimumReplicaCount`). The one test for "this design
 * scales to zero", for the scenario (a parsed block) and the engine (a compiled one) alike; here, not beside the
 * zod schema, so that the engine's first run in the browser does not load zod (apps/web's first-chunk check).
 */
export function scalesToZero(k: { minReplicaCount: number; idleReplicaCount?: number | null | undefined }): boolean {
  return k.minReplicaCount === 0 || k.idleReplicaCount === 0;
}

/** KEDA's defaults (see the file comment for where each is set upstream). */
export const KEDA_DEFAULTS: ScaledObjectConfig = { minReplicaCount: 0, pollingIntervalSeconds: 30, cooldownPeriodSeconds: 300, initialCooldownPeriodSeconds: 0, idleReplicaCount: null };

/** What one poll decided: the replicas to set (null = leave the scale target alone) and why. */
export interface ScaledObjectDecision {
  active: boolean;
  setReplicas: number | null;
  /** `error`: inactive with a failed trigger, nothing scaled; `partial-error`: active, but a trigger failed (LastActiveTime kept). */
  reason: 'activate' | 'active' | 'deactivate' | 'cooldown' | 'to-min' | 'idle' | 'error' | 'partial-error';
}

/**
 * One trigger's reading at a poll and its activation threshold. `read`: 'ok' (default), 'error' (the read failed and
 * no fallback answered: not active, an error) or 'fallback' (the fallback answered: active).
 */
export interface TriggerReading {
  value: number;
  activationThreshold: number;
  read?: 'ok' | 'error' | 'fallback';
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

  /**
   * `getScaledObjectState`: active when any trigger read without error is strictly above its activation threshold,
   * or was answered by the fallback (`isActiveOrFallback`).
   */
  static isActive(readings: readonly TriggerReading[]): boolean {
    return readings.some((r) => r.read === 'fallback' || (r.read !== 'error' && r.value > r.activationThreshold));
  }

  /** `getScaledObjectState`'s isError: some trigger's read failed and no fallback answered. */
  static isError(readings: readonly TriggerReading[]): boolean {
    return readings.some((r) => r.read === 'error');
  }

  /** `RequestScale` at time `now` with the scale target's `spec.replicas`. */
  poll(now: number, currentReplicas: number, readings: readonly TriggerReading[]): ScaledObjectDecision {
    const min = this.cfg.minReplicaCount;
    const idle = this.cfg.idleReplicaCount;
    const active = ScaledObjectController.isActive(readings);
    const isError = ScaledObjectController.isError(readings);
    const fallback = this.cfg.fallback ?? null;
    if (active) {
      // scaleFromZeroOrIdle: to minReplicaCount when it is above 0, else 1. It sets LastActiveTime itself
      // (updateScaleOnScaleTarget succeeded), as the default case does; the isError case does not.
      if ((idle !== null && currentReplicas < min) || currentReplicas === 0) {
        this.lastActiveTime = now;
        return { active, setReplicas: min > 0 ? min : 1, reason: 'activate' };
      }
      if (isError) return { active, setReplicas: null, reason: 'partial-error' };
      this.lastActiveTime = now;
      return { active, setReplicas: null, reason: 'active' };
    }
    // The first two cases of the inactive switch: a failed trigger holds the scale (with a fallback of 0 replicas it
    // does not: that case falls through to scaling to zero).
    if (isError && (fallback === null || fallback.replicas !== 0)) return { active, setReplicas: null, reason: 'error' };
    if ((idle !== null && currentReplicas > idle) || (currentReplicas > 0 && min === 0)) {
      const cooled =
        this.lastActiveTime === null ? this.createdAt + this.cfg.initialCooldownPeriodSeconds < now : this.lastActiveTime + this.cfg.cooldownPeriodSeconds < now;
      // getIdleOrMinimumReplicaCount: idleReplicaCount when set, else minReplicaCount (0 here).
      return cooled ? { active, setReplicas: idle ?? min, reason: 'deactivate' } : { active, setReplicas: null, reason: 'cooldown' };
    }
    if (idle === null && currentReplicas < min) return { active, setReplicas: min, reason: 'to-min' };
    return { active, setReplicas: null, reason: 'idle' };
  }
}
