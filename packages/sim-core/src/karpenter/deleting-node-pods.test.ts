/**
 * A provisioning round provisions for the pods still running on nodes being deleted, worked by hand from
 * kubernetes-sigs/karpenter @ 2266468104f36373ed002241afaee2d3bbc26078:
 * - provisioning/provisioner.go `Provisioner.Schedule`: the pods it schedules are `GetPendingPods` plus
 *   `nodes.Deleting().CurrentlyReschedulablePods`, against `nodes.Active()` (the deleting nodes left out);
 * - pkg/utils/pdb/pdb.go `IsCurrentlyReschedulable`: active (not terminating) pods, not under a fully blocking
 *   PodDisruptionBudget (`isFullyBlocking`: `maxUnavailable` 0 or "0%", `minAvailable` "100%"; `minAvailable: 1` is
 *   not, whatever it allows now);
 * - provisioning/controller.go `NodeController.Reconcile`: the node's disrupted taint (its drain) triggers the
 *   batcher, then every 10 s; `batcher.go` `Batcher.Wait` closes the window 1 s after the last trigger;
 * - scheduling/scheduler.go `Results.Record` → state/cluster.go `NominateNodeForPod`: a node a round put a pod on is
 *   nominated for max(2 × BATCH_MAX_DURATION, 10 s) = 20 s (statenode.go `nominationWindow`), and a disruption command
 *   whose candidate is nominated fails validation (disruption/validation.go `validateCandidates`).
 *
 * The case: one g5.xlarge (1 GPU, provisioning 60 s) launched at 0 s holding one replica; `expireAfter: 5m`, so the
 * expiration controller deletes it at 300 s and the termination controller taints it and starts evicting.
 */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../api/run-result.ts';
import { runExpiringNode } from '../test-support/expiring-karpenter-node.ts';

const times = (r: RunResult, kind: string) => r.events.filter((e) => e.kind === kind).map((e) => e.t);

describe("Provisioner.Schedule: the pods of deleting nodes are provisioned for before they are evicted", () => {
  it('no PodDisruptionBudget: the pod is evicted at 300 s and its replacement is pending; one NodeClaim at 301 s either way', () => {
    // At 300 s the taint and the replacement pod both trigger the batcher; the evicted pod is terminating, so not
    // `IsReschedulable`: the round at 301 s provisions for the pending replacement alone. Ready at 361 s.
    const r = runExpiringNode({});
    expect(times(r, 'node-requested')).toEqual([301]);
    expect(times(r, 'node-ready')).toEqual([361]);
  });

  it('minAvailable: 1 with terminationGracePeriod 2m: the replacement NodeClaim at 301 s, not after the forced deletion', () => {
    // The eviction is refused (0 disruptions allowed) but the budget is not fully blocking, so the pod is in
    // `deletingNodePods`: the taint's round at 301 s launches a g5.xlarge for it (no active node: the only one is
    // deleting), Ready at 361 s. The rounds the taint's requeues open (311, 321, … s) put the pod on that node: no
    // second NodeClaim. The pod is force-deleted at 392.7 s (node-termination-grace.test.ts), and its replacement
    // binds at once to the Ready node. Before the port: nothing until the replacement pod was pending at 392.7 s,
    // a NodeClaim at 393.7 s, Ready at 453.7 s.
    const r = runExpiringNode({ budget: '{ minAvailable: 1 }', nodeGrace: '2m' });
    expect(times(r, 'pod-deleted')).toEqual([392.7]);
    expect(times(r, 'node-requested')).toEqual([301]);
    expect(times(r, 'node-ready')).toEqual([361]);
    expect(times(r, 'node-removed')).toEqual([419.7]);
  });

  it('minAvailable: 1 without a terminationGracePeriod: the pod is never evicted, and its node is launched all the same', () => {
    // Upstream's rule looks at the budget's spec only: the node launched at 301 s stays empty (the drain waits for
    // ever), as it would upstream.
    const r = runExpiringNode({ budget: '{ minAvailable: 1 }' });
    expect(times(r, 'node-requested')).toEqual([301]);
    expect(times(r, 'node-removed')).toEqual([]);
  });

  it('maxUnavailable: 0 (fully blocking): no capacity for the pod until it is deleted; then 393.7 s', () => {
    const r = runExpiringNode({ budget: '{ maxUnavailable: 0 }', nodeGrace: '2m' });
    expect(times(r, 'pod-deleted')).toEqual([392.7]);
    expect(times(r, 'node-requested')).toEqual([393.7]);
    expect(times(r, 'node-ready')).toEqual([453.7]);
  });

  it('WhenEmpty with consolidateAfter 0s: the empty node launched for the pod is nominated by every round and kept', () => {
    // The budget: 2 initialized nodes, the deleting one disrupting: ceil(100 % × 2) − 1 = 1 (the default 10 % would
    // leave 0 and keep the node for another reason). Ready at 361 s and empty, so an emptiness candidate at the 370 s poll (polls every 10 s from 0 s: the node
    // expiring at 300 s was never one, its pod kept it non-empty). The command validates 15 s later, at 385 s; the
    // taint's rounds at 301 + 10k s put the pod on the node each time, nominating it until round + 20 s, so the node is
    // nominated at 385 s (round at 381 s) and the command fails; every later poll's command does too, until the
    // pod is deleted at 392.7 s and its replacement binds. Without the nomination the node is deleted at 385 s and
    // the round its own drain's taint opens launches another at 386 s.
    const r = runExpiringNode({ budget: '{ minAvailable: 1 }', nodeGrace: '2m', disruption: '{ consolidationPolicy: WhenEmpty, consolidateAfter: 0s, budgets: [{ nodes: "100%" }] }' });
    expect(times(r, 'node-requested')).toEqual([301]);
    expect(times(r, 'node-ready')).toEqual([361]);
    expect(times(r, 'node-removed')).toEqual([419.7]);
  });
});
