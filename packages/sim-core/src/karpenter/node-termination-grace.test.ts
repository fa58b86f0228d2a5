/**
 * A NodeClaim's terminationGracePeriod, worked by hand from kubernetes-sigs/karpenter @
 * 2266468104f36373ed002241afaee2d3bbc26078: nodeclaim/lifecycle/controller.go
 * `ensureTerminationGracePeriodTerminationTimeAnnotation` (deadline = deletion + terminationGracePeriod),
 * node/termination/terminator/eviction.go `Queue.Reconcile` → `needsForceDelete` (strictly after deadline − the pod's
 * grace) → `forceDelete` (grace max(int64(deadline − now), 1), no Eviction API); a refused eviction is retried with
 * the queue's backoff, 0.1 s doubling to 10 s (`evictionQueueBaseDelay`, `evictionQueueMaxDelay`).
 */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../api/run-result.ts';
import { runExpiringNode } from '../test-support/expiring-karpenter-node.ts';
import { forcedGraceSeconds, needsForceDelete, nodeTerminationTime } from './node-termination-grace.ts';

describe('needsForceDelete and forceDelete', () => {
  it('no terminationGracePeriod: no deadline, never forced', () => {
    expect(nodeTerminationTime(300, null)).toBeNull();
    expect(needsForceDelete({ terminating: false, deletedAt: -1, graceSeconds: 30 }, null, 1e9)).toBe(false);
  });

  it('deleted at 300 s with 2m: deadline 420 s; a 30 s pod is forced strictly after 390 s, with what is left (≥ 1 s)', () => {
    const deadline = nodeTerminationTime(300, 120)!;
    expect(deadline).toBe(420);
    const pod = { terminating: false, deletedAt: -1, graceSeconds: 30 };
    expect(needsForceDelete(pod, deadline, 390)).toBe(false);
    expect(needsForceDelete(pod, deadline, 390.1)).toBe(true);
    expect(forcedGraceSeconds(deadline, 392.7)).toBe(27); // int64(27.3 s)
    expect(forcedGraceSeconds(deadline, 419.5)).toBe(1); // int64(0.5) = 0 → 1
    expect(forcedGraceSeconds(deadline, 430)).toBe(1);
  });

  it('a pod already terminating is forced when its DeletionTimestamp (deletion + grace) is after the deadline', () => {
    expect(needsForceDelete({ terminating: true, deletedAt: 100, graceSeconds: 600 }, 420, 300)).toBe(true); // 700 > 420
    expect(needsForceDelete({ terminating: true, deletedAt: 250, graceSeconds: 30 }, 420, 300)).toBe(false); // 280
  });
});

const events = (r: RunResult, kind: string) => r.events.filter((e) => e.kind === kind);

/** The engine's count of grace kills as the run reports it: the `killed-at-termination` diagnostic's message. */
const killedMessage = (r: RunResult) => r.diagnostics.find((d) => d.code === 'killed-at-termination')?.message ?? null;

// The case (test-support/expiring-karpenter-node.ts), under `minAvailable: 1`: every eviction is refused (1 Ready,
// 1 desired healthy: 0 disruptions allowed), and the node expires at 300 s (drained whatever the budgets say).
const run = (nodeGrace?: string, podGrace?: string) => runExpiringNode({ budget: '{ minAvailable: 1 }', ...(nodeGrace ? { nodeGrace } : {}), ...(podGrace ? { podGrace } : {}) });

describe('a PodDisruptionBudget-blocked Karpenter drain forced at the node\'s terminationGracePeriod', () => {
  it('unset (upstream default): the drain waits for ever; the pod serves on and the node is never removed', () => {
    const r = run();
    expect(events(r, 'node-removed')).toEqual([]);
    expect(events(r, 'pod-deleted')).toEqual([]);
    expect(events(r, 'pod-killed')).toEqual([]);
    expect(killedMessage(r)).toBeNull();
    expect(r.summary!.nodePools[0]!.expired).toBe(1);
  });

  it('2m: the pod is deleted at the first retry after 420 − 30 = 390 s (392.7 s) with 27 s, killed at 419.7 s with 3 requests', () => {
    const r = run('2m');
    // Refused at 300 s, retried at 300 + 0.1, 0.3, 0.7, 1.5, 3.1, 6.3, 12.7, then every 10 s: …, 382.7, 392.7.
    const deleted = events(r, 'pod-deleted');
    expect(deleted).toHaveLength(1);
    expect(deleted[0]!.t).toBeCloseTo(392.7, 9);
    expect(deleted[0]!.detail).toMatch(/grace 27 s/);
    // In flight at 392.7 s: arrivals 335 … 385 s, finishing 395 … 445 s; the kill at 392.7 + 27 = 419.7 s leaves
    // those of 395, 405, 415 s done and fails the 3 of 425, 435, 445 s.
    const killed = events(r, 'pod-killed');
    expect(killed).toHaveLength(1);
    expect(killed[0]!.t).toBeCloseTo(419.7, 9);
    expect(killed[0]!.detail).toMatch(/: 3 requests or calls still in flight at the end of its 27 s grace period/);
    expect(killedMessage(r)).toMatch(/^3 requests or calls were still in service on 1 terminating pod/);
    // The node goes with its last pod.
    expect(events(r, 'node-removed').map((e) => e.t)).toEqual([killed[0]!.t]);
  });

  it("a pod grace (60 s) longer than the node's (30s) is deleted at the drain itself with 30 s: killed at 330 s with 3 requests", () => {
    // At 300 s: 300 > 330 − 60, forced at once (the eviction is never tried), grace int64(330 − 300) = 30. In flight:
    // arrivals 245 … 295 s finishing 305 … 355 s; killed at 330 s: those of 335, 345, 355 s fail.
    const r = run('30s', '60s');
    expect(events(r, 'pod-deleted').map((e) => e.t)).toEqual([300]);
    expect(events(r, 'pod-killed').map((e) => e.t)).toEqual([330]);
    expect(events(r, 'pod-killed')[0]!.detail).toMatch(/: 3 requests or calls still in flight at the end of its 30 s grace period/);
    expect(killedMessage(r)).toMatch(/^3 requests or calls were still in service on 1 terminating pod/);
    expect(events(r, 'node-removed').map((e) => e.t)).toEqual([330]);
  });
});
