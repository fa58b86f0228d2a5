import { computeReplicasForMetrics } from './compute-replicas-for-metrics.ts';
import { resolveHpaConfig, type HpaControllerConfig, type ResolvedHpaConfig } from './hpa-config.ts';
import type { HpaMetricInput } from './hpa-pod-sample.ts';
import { toMicros, type Micros } from './hpa-time.ts';
import {
  normalizeDesiredReplicas,
  normalizeDesiredReplicasWithBehaviors,
  type HpaMemory,
  type NormalizedReplicas,
} from './normalize-desired-replicas.ts';
import type { MetricProposal } from './replica-calculator.ts';
import { storeScaleEvent } from './scaling-rules.ts';
import { recordInitialRecommendation } from './stabilization.ts';
import { tolerancesForHpa, type Tolerances } from './tolerances.ts';

/**
 * Why a reconcile ended where it did. Upstream condition reasons where one exists (`ScalingDisabled`,
 * `ScaleUpLimit`, `TooManyReplicas`, `ScaleDownLimit`, `TooFewReplicas`, `ScaleUpStabilized`,
 * `ScaleDownStabilized`, `DesiredWithinRange`), plus: `MetricsError` (no action: all metrics invalid, or some
 * invalid on a scale-down), `AboveMaxReplicas` / `BelowMinReplicas` (immediate bounds correction), and
 * `WithinTolerance` (every metric proposed the current count: tolerance band, direction guard or exact match).
 */
export type HpaDecisionReason =
  | 'ScalingDisabled'
  | 'MetricsError'
  | 'AboveMaxReplicas'
  | 'BelowMinReplicas'
  | 'ScaleUpLimit'
  | 'TooManyReplicas'
  | 'ScaleDownLimit'
  | 'TooFewReplicas'
  | 'ScaleUpStabilized'
  | 'ScaleDownStabilized'
  | 'WithinTolerance'
  | 'DesiredWithinRange';

/** The metric inputs of one reconcile, or the read that returns them (see {@link HpaController.reconcile}). */
export type HpaMetricReads = readonly HpaMetricInput[] | (() => readonly HpaMetricInput[]);

/** Outcome of one reconcile; replica counts are pods. */
export interface HpaDecision {
  /** The target's new `spec.replicas` (equal to the input when nothing changes). */
  desiredReplicas: number;
  /** Max metric proposal before stabilization and limits; null when metrics were not consulted or failed. */
  rawRecommendation: number | null;
  /** After stabilization, before rate limits and bounds; null when not computed. */
  stabilizedRecommendation: number | null;
  /** True when `desiredReplicas !== specReplicas` (upstream `rescale`). */
  changed: boolean;
  reason: HpaDecisionReason;
  /** One proposal per input metric, in input order (empty when metrics were not consulted). */
  metrics: readonly MetricProposal[];
}

/**
 * The HorizontalPodAutoscaler controller for ONE HPA, a pure port of `HorizontalController.reconcileAutoscaler`
 * (pkg/controller/podautoscaler/horizontal.go) with its in-memory history (recommendations, scale events).
 * Deterministic: the same sequence of calls yields the same decisions. Times are simulated seconds.
 */
export class HpaController {
  private readonly config: ResolvedHpaConfig;
  private readonly tolerances: Tolerances;
  private memory: HpaMemory | null = null;

  /** Validates and resolves the configuration; throws RangeError on a configuration the API would reject. */
  constructor(config: HpaControllerConfig) {
    this.config = resolveHpaConfig(config);
    this.tolerances = tolerancesForHpa(this.config);
  }

  /**
   * One reconcile at simulated time `now` (s). specReplicas = the target's spec.replicas (includes Pending/starting
   * pods). `metrics` may be a function: it is then called only when the reconcile reads metrics, as upstream reads
   * them only in `computeReplicasForMetrics` (not at zero replicas, nor when spec.replicas is out of bounds), and a
   * read can have effects (a KEDA trigger's failure count, keda/keda-fallback.ts).
   */
  reconcile(now: number, specReplicas: number, metrics: HpaMetricReads): HpaDecision {
    const t = toMicros(now);
    const memory = this.rememberInitialRecommendation(specReplicas, t);
    const { minReplicas, maxReplicas } = this.config;
    if (specReplicas === 0 && minReplicas !== 0) {
      return decision(specReplicas, specReplicas, 'ScalingDisabled');
    }
    if (specReplicas > maxReplicas) return this.rescale(memory, t, specReplicas, maxReplicas, 'AboveMaxReplicas');
    if (specReplicas < minReplicas) return this.rescale(memory, t, specReplicas, minReplicas, 'BelowMinReplicas');

    const inputs = typeof metrics === 'function' ? metrics() : metrics;
    const computed = computeReplicasForMetrics(inputs, specReplicas, this.tolerances, now, this.config);
    if (computed.replicas === -1) {
      return { ...decision(specReplicas, specReplicas, 'MetricsError'), metrics: computed.proposals };
    }
    const raw = Math.max(0, computed.replicas);
    const normalized = this.normalize(memory, t, specReplicas, raw);
    const desired = normalized.desiredReplicas;
    if (desired !== specReplicas) storeScaleEvent(this.config.behavior, memory.scaleUpEvents, memory.scaleDownEvents, specReplicas, desired, t);
    return {
      desiredReplicas: desired,
      rawRecommendation: raw,
      stabilizedRecommendation: normalized.stabilizedRecommendation,
      changed: desired !== specReplicas,
      reason: reasonFor(normalized, raw, specReplicas),
      metrics: computed.proposals,
    };
  }

  /** Controller-manager restart or leader failover: forget recommendations and scale events (TC5 then applies). */
  restart(): void {
    this.memory = null;
  }

  private rememberInitialRecommendation(specReplicas: number, t: Micros): HpaMemory {
    if (this.memory === null) {
      this.memory = { recommendations: recordInitialRecommendation(null, specReplicas, t), scaleUpEvents: [], scaleDownEvents: [] };
    }
    return this.memory;
  }

  // Out-of-bounds spec.replicas is corrected at once, bypassing stabilization and policies, but still recorded as a
  // scale event (upstream calls storeScaleEvent for every rescale).
  private rescale(memory: HpaMemory, t: Micros, cur: number, desired: number, reason: HpaDecisionReason): HpaDecision {
    storeScaleEvent(this.config.behavior, memory.scaleUpEvents, memory.scaleDownEvents, cur, desired, t);
    return decision(cur, desired, reason);
  }

  private normalize(memory: HpaMemory, t: Micros, cur: number, raw: number): NormalizedReplicas {
    const c = this.config;
    return c.behavior === null
      ? normalizeDesiredReplicas(memory, t, cur, raw, c.minReplicas, c.maxReplicas, c.downscaleStabilizationSeconds)
      : normalizeDesiredReplicasWithBehaviors(memory, t, c.behavior, cur, raw, c.minReplicas, c.maxReplicas, c.downscaleStabilizationSeconds);
  }
}

function decision(cur: number, desired: number, reason: HpaDecisionReason): HpaDecision {
  return { desiredReplicas: desired, rawRecommendation: null, stabilizedRecommendation: null, changed: desired !== cur, reason, metrics: [] };
}

// The limiting reason wins (ScalingLimited=True upstream), then the stabilization reason, then "nothing to do".
function reasonFor(n: NormalizedReplicas, raw: number, cur: number): HpaDecisionReason {
  if (n.limitReason !== 'DesiredWithinRange') return n.limitReason;
  if (n.stabilizationReason !== 'ReadyForNewScale') return n.stabilizationReason;
  return raw === cur ? 'WithinTolerance' : 'DesiredWithinRange';
}
