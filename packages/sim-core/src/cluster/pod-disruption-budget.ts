/**
 * PodDisruptionBudget arithmetic: the disruption controller's status and the Eviction API's verdict, ported from
 * kubernetes/kubernetes (pkg/controller/disruption/disruption.go read at 003e86297d18a8538c9da3619871393f9703bf70,
 * pkg/registry/core/pod/storage/eviction.go at 01aa0f3f6052c9866dcb69054d8924fa8c96e3cb):
 * - `getExpectedPodCount`: with `maxUnavailable`, expectedCount is the controller's scale (the Deployment's
 *   spec.replicas, `getExpectedScale`) and desiredHealthy = expectedCount − maxUnavailable (not below 0); with an
 *   integer `minAvailable`, desiredHealthy is it and expectedCount the number of pods the selector matches; with a
 *   percentage `minAvailable`, expectedCount is the scale and desiredHealthy the percentage of it. Percentages are
 *   rounded up in both cases (`intstr.GetScaledValueFromIntOrPercent(…, true)`).
 * - `countHealthyPods`: pods without a deletion timestamp that are Ready.
 * - `updatePdbStatus`: disruptionsAllowed = currentHealthy − desiredHealthy, 0 when negative or when expectedCount ≤ 0.
 * - eviction.go `EvictionREST.Create`: a pending or terminating pod is deleted without looking at the budget
 *   (`canIgnorePDB`); a pod that is not Ready is evicted without spending a disruption while
 *   currentHealthy ≥ desiredHealthy > 0; otherwise `checkAndDecrement` refuses with 429 TooManyRequests when
 *   disruptionsAllowed is 0, else spends one.
 * design-sim recomputes the status at each eviction from the pods as they are then, which is what the controller's
 * status plus the eviction handler's `DisruptedPods` bookkeeping amount to once the controller has synced (it does
 * within a second or two upstream; an evicted pod is terminating at once here, so it is never counted healthy).
 */
import { scaledValue } from './int-or-percent.ts';

/** A service's PodDisruptionBudget: exactly one of the two, each a pod count or "N%" (policy/v1). */
export type PodDisruptionBudgetSpec = { readonly maxUnavailable: number | string } | { readonly minAvailable: number | string };

/**
 * Whether the budget blocks every voluntary eviction by its spec alone, as Karpenter reads it:
 * kubernetes-sigs/karpenter @ 2266468104f36373ed002241afaee2d3bbc26078 pkg/utils/pdb/pdb.go `newPdb` (`isFullyBlocking`:
 * maxUnavailable 0 or "0%", or minAvailable "100%"; an integer minAvailable equal to the replicas is not). Karpenter
 * provisions nothing ahead for such pods on nodes being deleted (`IsCurrentlyReschedulable`).
 */
export function isFullyBlocking(spec: PodDisruptionBudgetSpec): boolean {
  if ('maxUnavailable' in spec) return spec.maxUnavailable === 0 || spec.maxUnavailable === '0%';
  return spec.minAvailable === '100%';
}

/** What the disruption controller writes in `status` (the fields the eviction handler reads). */
export interface PdbStatus {
  readonly expectedPods: number;
  readonly desiredHealthy: number;
  readonly currentHealthy: number;
  readonly disruptionsAllowed: number;
}

/** The pods a budget selects, as counts: the Deployment's scale, the pods that exist, and the Ready ones not being deleted. */
export interface PdbPods {
  /** spec.replicas of the owning Deployment (`getExpectedScale`). */
  readonly scale: number;
  /** Pods the selector matches, terminating ones included (`getPodsForPdb`). */
  readonly matching: number;
  /** Ready pods without a deletion timestamp (`countHealthyPods`). */
  readonly healthy: number;
}

/** `getExpectedPodCount`: the expected pod count and how many must stay healthy. */
export function expectedPodCount(spec: PodDisruptionBudgetSpec, pods: PdbPods): { expectedPods: number; desiredHealthy: number } {
  if ('maxUnavailable' in spec) {
    const expectedPods = pods.scale;
    return { expectedPods, desiredHealthy: Math.max(0, expectedPods - scaledValue(spec.maxUnavailable, expectedPods, true)) };
  }
  if (typeof spec.minAvailable === 'number') return { expectedPods: pods.matching, desiredHealthy: spec.minAvailable };
  return { expectedPods: pods.scale, desiredHealthy: scaledValue(spec.minAvailable, pods.scale, true) };
}

/** `trySync` → `updatePdbStatus`: the budget's status over these pods. */
export function pdbStatus(spec: PodDisruptionBudgetSpec, pods: PdbPods): PdbStatus {
  const { expectedPods, desiredHealthy } = expectedPodCount(spec, pods);
  const allowed = pods.healthy - desiredHealthy;
  return { expectedPods, desiredHealthy, currentHealthy: pods.healthy, disruptionsAllowed: expectedPods <= 0 || allowed <= 0 ? 0 : allowed };
}

/** Where the pod to evict is in its life, as the eviction handler tells them apart. */
export const enum EvictedPodPhase {
  /** Not bound or not running yet, or already being deleted: `canIgnorePDB`. */
  PendingOrTerminating = 0,
  /** Running, not Ready (pulling its image, loading its model). */
  Unready = 1,
  Ready = 2,
}

/** eviction.go `EvictionREST.Create`: whether the eviction is accepted (false: 429 TooManyRequests). */
export function evictionAllowed(status: PdbStatus | null, phase: EvictedPodPhase): boolean {
  if (status === null || phase === EvictedPodPhase.PendingOrTerminating) return true;
  // "If the pod is not ready, it doesn't count towards healthy and we should not decrement".
  if (phase === EvictedPodPhase.Unready && status.currentHealthy >= status.desiredHealthy && status.desiredHealthy > 0) return true;
  return status.disruptionsAllowed >= 1; // checkAndDecrement: 0 → 429
}
