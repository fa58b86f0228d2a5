import type { Micros } from './hpa-time.ts';

/** A stored RAW metric proposal (`timestampedRecommendation`): `recommendation` in pods, `timestamp` in µs. */
export interface TimestampedRecommendation {
  recommendation: number;
  timestamp: Micros;
}

/**
 * Port of `recordInitialRecommendation` (horizontal.go): the first reconcile after HPA creation or a controller
 * restart seeds the history with the current replica count, which blocks a scale-down for one window (TC5).
 * Returns the list to keep (the given one when it already exists).
 */
export function recordInitialRecommendation(
  recommendations: TimestampedRecommendation[] | null,
  currentReplicas: number,
  now: Micros,
): TimestampedRecommendation[] {
  return recommendations ?? [{ recommendation: currentReplicas, timestamp: now }];
}

/**
 * Port of the legacy `stabilizeRecommendation` (behavior == nil): the max of `raw` and every stored recommendation
 * not older than the window, with an INCLUSIVE boundary (a sample exactly `windowSeconds` old still counts, §0.2).
 * Records `raw` by overwriting the last too-old sample, else appending. Returns pods.
 */
export function stabilizeRecommendation(
  recommendations: TimestampedRecommendation[],
  raw: number,
  now: Micros,
  windowSeconds: number,
): number {
  const cutoff = now - windowSeconds * 1e6;
  let max = raw;
  let oldIndex = -1;
  recommendations.forEach((rec, i) => {
    if (rec.timestamp < cutoff) oldIndex = i;
    else if (rec.recommendation > max) max = rec.recommendation;
  });
  store(recommendations, oldIndex, raw, now);
  return max;
}

/** Result of {@link stabilizeRecommendationWithBehaviors}. */
export interface StabilizedRecommendation {
  /** The stabilized recommendation (pods). */
  recommendation: number;
  /** Condition reason upstream would set if `recommendation` differs from the raw value. */
  reason: 'ScaleUpStabilized' | 'ScaleDownStabilized';
}

/**
 * Port of `stabilizeRecommendationWithBehaviors`: scale-up may only rise to the MIN recommendation inside the up
 * window, scale-down only fall to the MAX inside the down window, both with an EXCLUSIVE boundary (`After(cutoff)`,
 * §0.2). The raw value (not the stabilized one) is then recorded, overwriting a sample older than both windows.
 */
export function stabilizeRecommendationWithBehaviors(
  recommendations: TimestampedRecommendation[],
  currentReplicas: number,
  raw: number,
  now: Micros,
  upWindowSeconds: number,
  downWindowSeconds: number,
): StabilizedRecommendation {
  const upCutoff = now - upWindowSeconds * 1e6;
  const downCutoff = now - downWindowSeconds * 1e6;
  let upRecommendation = raw;
  let downRecommendation = raw;
  let oldIndex = -1;
  recommendations.forEach((rec, i) => {
    if (rec.timestamp > upCutoff) upRecommendation = Math.min(rec.recommendation, upRecommendation);
    if (rec.timestamp > downCutoff) downRecommendation = Math.max(rec.recommendation, downRecommendation);
    // A sample exactly at a cutoff is outside that window but not yet reusable (Before is strict as well).
    if (rec.timestamp < upCutoff && rec.timestamp < downCutoff) oldIndex = i;
  });
  let recommendation = currentReplicas;
  if (recommendation < upRecommendation) recommendation = upRecommendation;
  if (recommendation > downRecommendation) recommendation = downRecommendation;
  store(recommendations, oldIndex, raw, now);
  return { recommendation, reason: raw >= currentReplicas ? 'ScaleUpStabilized' : 'ScaleDownStabilized' };
}

// Upstream keeps the history bounded by reusing the LAST too-old slot it saw; otherwise it appends.
function store(recommendations: TimestampedRecommendation[], oldIndex: number, raw: number, now: Micros): void {
  const fresh = { recommendation: raw, timestamp: now };
  if (oldIndex >= 0) recommendations[oldIndex] = fresh;
  else recommendations.push(fresh);
}
