import type { HpaBehavior, HpaScalingRules } from './hpa-config.ts';
import type { Micros } from './hpa-time.ts';

/** A past rescale (`timestampedScaleEvent`): `replicaChange` ≥ 0 pods, `timestamp` µs, `outdated` marks a reusable slot. */
export interface TimestampedScaleEvent {
  replicaChange: number;
  timestamp: Micros;
  outdated: boolean;
}

const MAX_INT32 = 2_147_483_647;
const MIN_INT32 = -2_147_483_648;

/**
 * Port of `getReplicasChangePerPeriod`: total change of events strictly inside the last `periodSeconds`
 * (`After(now − period)`, EXCLUSIVE: an event exactly one period old no longer counts, §0.2).
 */
export function getReplicasChangePerPeriod(periodSeconds: number, events: readonly TimestampedScaleEvent[], now: Micros): number {
  const cutoff = now - periodSeconds * 1e6;
  let replicas = 0;
  for (const e of events) if (e.timestamp > cutoff) replicas += e.replicaChange;
  return replicas;
}

// periodStartReplicas is rebuilt from BOTH lists: pods added in the period count against a scale-up, pods removed
// in it are given back.
function periodStartReplicas(cur: number, periodSeconds: number, up: readonly TimestampedScaleEvent[], down: readonly TimestampedScaleEvent[], now: Micros): number {
  return cur - getReplicasChangePerPeriod(periodSeconds, up, now) + getReplicasChangePerPeriod(periodSeconds, down, now);
}

/**
 * Port of `calculateScaleUpLimitWithScalingRules`: the highest replica count the scale-up policies allow now.
 * Pods: start + value; Percent: `ceil(start × (1 + value/100))` (rounded UP so a small count can still grow).
 * selectPolicy Max takes the largest proposal, Min the smallest, Disabled returns `currentReplicas`.
 */
export function calculateScaleUpLimitWithScalingRules(
  currentReplicas: number,
  upEvents: readonly TimestampedScaleEvent[],
  downEvents: readonly TimestampedScaleEvent[],
  rules: HpaScalingRules,
  now: Micros,
): number {
  if (rules.selectPolicy === 'Disabled') return currentReplicas;
  const pickMin = rules.selectPolicy === 'Min';
  let result = pickMin ? MAX_INT32 : MIN_INT32;
  for (const policy of rules.policies) {
    const start = periodStartReplicas(currentReplicas, policy.periodSeconds, upEvents, downEvents, now);
    const proposed = policy.type === 'Pods' ? start + policy.value : Math.ceil(start * (1 + policy.value / 100));
    result = pickMin ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

/**
 * Port of `calculateScaleDownLimitWithBehaviors`: the lowest replica count the scale-down policies allow now.
 * Pods: start − value; Percent: `trunc(start × (1 − value/100))` (the remaining count is TRUNCATED).
 * selectPolicy Max (most change) takes the smallest count, Min the largest, Disabled returns `currentReplicas`.
 */
export function calculateScaleDownLimitWithBehaviors(
  currentReplicas: number,
  upEvents: readonly TimestampedScaleEvent[],
  downEvents: readonly TimestampedScaleEvent[],
  rules: HpaScalingRules,
  now: Micros,
): number {
  if (rules.selectPolicy === 'Disabled') return currentReplicas;
  const pickMax = rules.selectPolicy === 'Min';
  let result = pickMax ? MIN_INT32 : MAX_INT32;
  for (const policy of rules.policies) {
    const start = periodStartReplicas(currentReplicas, policy.periodSeconds, upEvents, downEvents, now);
    const proposed = policy.type === 'Pods' ? start - policy.value : Math.trunc(start * (1 - policy.value / 100));
    result = pickMax ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

/** Port of `getLongestPolicyPeriod` (s); 0 for an empty policy list. */
export function getLongestPolicyPeriod(rules: HpaScalingRules): number {
  let longest = 0;
  for (const p of rules.policies) if (p.periodSeconds > longest) longest = p.periodSeconds;
  return longest;
}

/**
 * Port of `storeScaleEvent` + `markScaleEventsOutdated`: appends the change to the up or down list, reusing the last
 * slot older than that direction's longest policy period. No-op on the legacy path (`behavior === null`).
 * Note: reuse is judged with the SAME direction's periods, so an up-event overwritten after the up period can
 * vanish before a longer scale-down period would have stopped counting it; that is upstream behaviour, kept here.
 */
export function storeScaleEvent(
  behavior: HpaBehavior | null,
  upEvents: TimestampedScaleEvent[],
  downEvents: TimestampedScaleEvent[],
  prevReplicas: number,
  newReplicas: number,
  now: Micros,
): void {
  if (behavior === null) return;
  const scaleUp = newReplicas > prevReplicas;
  const events = scaleUp ? upEvents : downEvents;
  const cutoff = now - getLongestPolicyPeriod(scaleUp ? behavior.scaleUp : behavior.scaleDown) * 1e6;
  let oldIndex = -1;
  events.forEach((e, i) => {
    if (e.timestamp < cutoff) e.outdated = true;
    if (e.outdated) oldIndex = i;
  });
  const fresh: TimestampedScaleEvent = { replicaChange: Math.abs(newReplicas - prevReplicas), timestamp: now, outdated: false };
  if (oldIndex >= 0) events[oldIndex] = fresh;
  else events.push(fresh);
}
