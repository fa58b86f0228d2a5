// Expectations worked by hand from kubernetes/kubernetes pkg/controller/disruption/disruption.go
// (003e86297d18a8538c9da3619871393f9703bf70) `getExpectedPodCount`, `countHealthyPods`, `updatePdbStatus`, and
// pkg/registry/core/pod/storage/eviction.go (01aa0f3f6052c9866dcb69054d8924fa8c96e3cb) `Create`, `checkAndDecrement`.
import { describe, expect, it } from 'vitest';
import { EvictedPodPhase, evictionAllowed, isFullyBlocking, pdbStatus } from './pod-disruption-budget.ts';
import { scaledValue } from './int-or-percent.ts';

describe('disruption controller status (updatePdbStatus)', () => {
  it('maxUnavailable: 1 over a Deployment of 8: desiredHealthy 7, so one disruption while all 8 are Ready and none with 7', () => {
    // expectedCount = scale 8; desiredHealthy = 8 − 1 = 7; disruptionsAllowed = currentHealthy − 7.
    expect(pdbStatus({ maxUnavailable: 1 }, { scale: 8, matching: 8, healthy: 8 })).toEqual({ expectedPods: 8, desiredHealthy: 7, currentHealthy: 8, disruptionsAllowed: 1 });
    expect(pdbStatus({ maxUnavailable: 1 }, { scale: 8, matching: 8, healthy: 7 }).disruptionsAllowed).toBe(0);
    // Below desiredHealthy (a replacement still loading and another pod lost): 6 − 7 < 0 → 0, never negative.
    expect(pdbStatus({ maxUnavailable: 1 }, { scale: 8, matching: 8, healthy: 6 }).disruptionsAllowed).toBe(0);
  });

  it('maxUnavailable percentages round up (GetScaledValueFromIntOrPercent(…, true))', () => {
    // 25 % of 10 = 2.5 → 3 unavailable: desiredHealthy 7, 10 healthy → 3 allowed.
    expect(pdbStatus({ maxUnavailable: '25%' }, { scale: 10, matching: 10, healthy: 10 })).toEqual({ expectedPods: 10, desiredHealthy: 7, currentHealthy: 10, disruptionsAllowed: 3 });
    // 25 % of 8 = 2 exactly: desiredHealthy 6, 8 healthy → 2.
    expect(pdbStatus({ maxUnavailable: '25%' }, { scale: 8, matching: 8, healthy: 8 }).disruptionsAllowed).toBe(2);
    // 10 % of 3 = 0.3 → 1: desiredHealthy 2.
    expect(pdbStatus({ maxUnavailable: '10%' }, { scale: 3, matching: 3, healthy: 3 }).desiredHealthy).toBe(2);
    // More unavailable than the scale: desiredHealthy is held at 0.
    expect(pdbStatus({ maxUnavailable: 10 }, { scale: 8, matching: 8, healthy: 8 }).disruptionsAllowed).toBe(8);
  });

  it('minAvailable as a percentage of the scale rounds up; as an integer it counts the matching pods as expected', () => {
    // 50 % of 5 = 2.5 → 3 must stay: 5 healthy → 2 allowed.
    expect(pdbStatus({ minAvailable: '50%' }, { scale: 5, matching: 5, healthy: 5 })).toEqual({ expectedPods: 5, desiredHealthy: 3, currentHealthy: 5, disruptionsAllowed: 2 });
    // Integer: expectedCount = len(pods) (a terminating one included: 4), desiredHealthy 3, 3 healthy → 0.
    expect(pdbStatus({ minAvailable: 3 }, { scale: 3, matching: 4, healthy: 3 })).toEqual({ expectedPods: 4, desiredHealthy: 3, currentHealthy: 3, disruptionsAllowed: 0 });
    expect(pdbStatus({ minAvailable: '100%' }, { scale: 4, matching: 4, healthy: 4 }).disruptionsAllowed).toBe(0);
  });

  it('an expected count of 0 allows nothing, whatever is healthy', () => {
    // A Deployment scaled to 0 whose last 2 pods are still Ready: expectedCount 0 → disruptionsAllowed 0.
    expect(pdbStatus({ maxUnavailable: 1 }, { scale: 0, matching: 2, healthy: 2 }).disruptionsAllowed).toBe(0);
    expect(pdbStatus({ minAvailable: 0 }, { scale: 0, matching: 0, healthy: 0 }).disruptionsAllowed).toBe(0);
  });

  it('scaledValue rounds down when asked', () => {
    expect(scaledValue('25%', 10, false)).toBe(2);
    expect(scaledValue('25%', 10, true)).toBe(3);
    expect(scaledValue(4, 10, true)).toBe(4);
  });
});

describe('Eviction API (eviction.go Create)', () => {
  const zero = pdbStatus({ maxUnavailable: 1 }, { scale: 8, matching: 8, healthy: 7 });
  const one = pdbStatus({ maxUnavailable: 1 }, { scale: 8, matching: 8, healthy: 8 });

  it('refuses a Ready pod with 429 when disruptionsAllowed is 0 and accepts it at 1 (checkAndDecrement)', () => {
    expect(evictionAllowed(zero, EvictedPodPhase.Ready)).toBe(false);
    expect(evictionAllowed(one, EvictedPodPhase.Ready)).toBe(true);
  });

  it('deletes pending or terminating pods without the budget (canIgnorePDB), and with no budget anything', () => {
    expect(evictionAllowed(zero, EvictedPodPhase.PendingOrTerminating)).toBe(true);
    expect(evictionAllowed(null, EvictedPodPhase.Ready)).toBe(true);
  });

  it('evicts an unready pod without spending a disruption while currentHealthy ≥ desiredHealthy > 0', () => {
    // 7 healthy ≥ 7 desired: the starting replacement may go although disruptionsAllowed is 0.
    expect(evictionAllowed(zero, EvictedPodPhase.Unready)).toBe(true);
    // 6 healthy < 7 desired: falls through to checkAndDecrement, which refuses (0 allowed).
    expect(evictionAllowed(pdbStatus({ maxUnavailable: 1 }, { scale: 8, matching: 8, healthy: 6 }), EvictedPodPhase.Unready)).toBe(false);
  });
});

// kubernetes-sigs/karpenter @ 2266468104f36373ed002241afaee2d3bbc26078 pkg/utils/pdb/pdb.go `newPdb`: fully blocking by
// spec is maxUnavailable 0 (int) or "0%", or minAvailable "100%"; an integer minAvailable is never, whatever the replicas.
describe('isFullyBlocking (Karpenter: no capacity planned ahead for such pods on nodes being deleted)', () => {
  it('maxUnavailable 0 or "0%", minAvailable "100%": yes; maxUnavailable 1, "10%", minAvailable 8 or "99%": no', () => {
    expect([{ maxUnavailable: 0 }, { maxUnavailable: '0%' }, { minAvailable: '100%' }].map(isFullyBlocking)).toEqual([true, true, true]);
    expect([{ maxUnavailable: 1 }, { maxUnavailable: '10%' }, { minAvailable: 8 }, { minAvailable: '99%' }].map(isFullyBlocking)).toEqual([false, false, false, false]);
  });
});
