import type { HpaBehavior } from './hpa-config.ts';
import type { Micros } from './hpa-time.ts';
import {
  calculateScaleDownLimitWithBehaviors,
  calculateScaleUpLimitWithScalingRules,
  type TimestampedScaleEvent,
} from './scaling-rules.ts';
import { stabilizeRecommendation, stabilizeRecommendationWithBehaviors, type TimestampedRecommendation } from './stabilization.ts';

/** Why the normalized count differs from the stabilized one ('DesiredWithinRange' when it does not). */
export type LimitReason = 'ScaleUpLimit' | 'TooManyReplicas' | 'ScaleDownLimit' | 'TooFewReplicas' | 'DesiredWithinRange';

/** Output of both normalization paths (all counts in pods). */
export interface NormalizedReplicas {
  desiredReplicas: number;
  stabilizedRecommendation: number;
  stabilizationReason: 'ScaleUpStabilized' | 'ScaleDownStabilized' | 'ReadyForNewScale';
  limitReason: LimitReason;
}

/** Per-HPA controller memory the normalizers read and update. */
export interface HpaMemory {
  recommendations: TimestampedRecommendation[];
  scaleUpEvents: TimestampedScaleEvent[];
  scaleDownEvents: TimestampedScaleEvent[];
}

const SCALE_UP_LIMIT_FACTOR = 2.0;
const SCALE_UP_LIMIT_MINIMUM = 4.0;

/**
 * Port of the legacy `normalizeDesiredReplicas` (spec.behavior == nil, §1.10): stabilize with the inclusive
 * `downscaleStabilizationSeconds` window, then `convertDesiredReplicasWithRules`: clamp to `minReplicas` and to
 * min(maxReplicas, `max(2 × current, 4)`) — a per-sync cap with no scale-down rate limit.
 */
export function normalizeDesiredReplicas(
  memory: HpaMemory,
  now: Micros,
  currentReplicas: number,
  raw: number,
  minReplicas: number,
  maxReplicas: number,
  downscaleStabilizationSeconds: number,
): NormalizedReplicas {
  const stabilized = stabilizeRecommendation(memory.recommendations, raw, now, downscaleStabilizationSeconds);
  const scaleUpLimit = Math.trunc(Math.max(SCALE_UP_LIMIT_FACTOR * currentReplicas, SCALE_UP_LIMIT_MINIMUM));
  const capped = maxReplicas > scaleUpLimit;
  const maximumAllowed = capped ? scaleUpLimit : maxReplicas;
  let desiredReplicas = stabilized;
  let limitReason: LimitReason = 'DesiredWithinRange';
  if (stabilized < minReplicas) {
    desiredReplicas = minReplicas;
    limitReason = 'TooFewReplicas';
  } else if (stabilized > maximumAllowed) {
    desiredReplicas = maximumAllowed;
    limitReason = capped ? 'ScaleUpLimit' : 'TooManyReplicas';
  }
  const stabilizationReason = stabilized !== raw ? 'ScaleDownStabilized' : 'ReadyForNewScale';
  return { desiredReplicas, stabilizedRecommendation: stabilized, stabilizationReason, limitReason };
}

/**
 * Port of `normalizeDesiredReplicasWithBehaviors`: `maybeInitScaleDownStabilizationWindow` (an unset scale-down
 * window takes the controller flag), `stabilizeRecommendationWithBehaviors`, then
 * `convertDesiredReplicasWithBehaviorRate` (policy limits, never reversing direction, then min/max).
 */
export function normalizeDesiredReplicasWithBehaviors(
  memory: HpaMemory,
  now: Micros,
  behavior: HpaBehavior,
  currentReplicas: number,
  raw: number,
  minReplicas: number,
  maxReplicas: number,
  downscaleStabilizationSeconds: number,
): NormalizedReplicas {
  // A null scale-up window cannot come out of API defaulting; treat it as the API default 0 rather than crash.
  const upWindow = behavior.scaleUp.stabilizationWindowSeconds ?? 0;
  const downWindow = behavior.scaleDown.stabilizationWindowSeconds ?? downscaleStabilizationSeconds;
  const stab = stabilizeRecommendationWithBehaviors(memory.recommendations, currentReplicas, raw, now, upWindow, downWindow);
  const stabilized = stab.recommendation;
  let desiredReplicas = stabilized;
  let limitReason: LimitReason = 'DesiredWithinRange';
  if (stabilized > currentReplicas) {
    let limit = calculateScaleUpLimitWithScalingRules(currentReplicas, memory.scaleUpEvents, memory.scaleDownEvents, behavior.scaleUp, now);
    if (limit < currentReplicas) limit = currentReplicas; // never scale down while scaling up
    const maximumAllowed = Math.min(maxReplicas, limit);
    if (stabilized > maximumAllowed) {
      desiredReplicas = maximumAllowed;
      limitReason = maxReplicas > limit ? 'ScaleUpLimit' : 'TooManyReplicas';
    }
  } else if (stabilized < currentReplicas) {
    let limit = calculateScaleDownLimitWithBehaviors(currentReplicas, memory.scaleUpEvents, memory.scaleDownEvents, behavior.scaleDown, now);
    if (limit > currentReplicas) limit = currentReplicas; // never scale up while scaling down
    const minimumAllowed = Math.max(minReplicas, limit);
    if (stabilized < minimumAllowed) {
      desiredReplicas = minimumAllowed;
      limitReason = minReplicas < limit ? 'ScaleDownLimit' : 'TooFewReplicas';
    }
  }
  const stabilizationReason = stabilized !== raw ? stab.reason : 'ReadyForNewScale';
  return { desiredReplicas, stabilizedRecommendation: stabilized, stabilizationReason, limitReason };
}
