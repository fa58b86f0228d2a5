/**
 * Karpenter drift after a NodePool rollout (`nodePools[].rollouts`), worked by hand from kubernetes-sigs/karpenter @
 * 2266468104f36373ed002241afaee2d3bbc26078: nodeclaim/disruption/drift.go `areStaticFieldsDrifted` (a NodeClaim created
 * before the template change no longer matches the NodePool hash), disruption/controller.go `NewMethods` (Emptiness,
 * StaticDrift, Drift, multi-node, single-node; the loop polls every 10 s and requeues at once after a started command),
 * disruption/drift.go `Drift.ComputeCommands` (oldest Drifted first, empty first, the "Drifted" budget, one candidate
 * per command, no validation delay), helpers.go `BuildDisruptionBudgetMapping` (10 % of 4 initialized nodes rounded up
 * = 1, minus the nodes marked for deletion), queue.go `StartCommand` / `waitOrTerminate` (replacement launched first,
 * checked every `queueBaseDelay` 1 s, the candidate deleted once it is initialized), types.go `NewCandidate` /
 * statenode.go `ValidatePodsDisruptable` (a PodDisruptionBudget with 0 allowed disruptions, or a do-not-disrupt pod,
 * blocks a candidate unless the NodeClaim has a terminationGracePeriod).
 */
import { describe, expect, it } from 'vitest';
import { createSimApi } from '../api/sim-api.ts';
import type { RunResult } from '../api/run-result.ts';
import { driftedAt, orderDriftCandidates } from './drift.ts';

const api = createSimApi();

function run(yaml: string): RunResult {
  const r = api.run(yaml, 'drift.yaml');
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return r.result;
}

/**
 * 4 fixed replicas (1 GPU each; image pull 30 s + model load 55 s on a new node) spread one per g5.xlarge over the
 * pool's 4 initial nodes; the NodePool rolls out at 1 h. `service`, `disruption` and `pool` add lines.
 */
const doc = (o: { service?: string; disruption?: string; pool?: string }): string => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: drift }
spec:
  duration: 2h
  interval: 5s
  seed: 3
  traffic: { profile: { type: constant, qps: 1 } }
  services:
    - name: model
      replicas: 4
      latency: { distribution: constant, ms: 50 }
      startup: { imagePull: 30s, modelLoad: 55s, readiness: 0s }
      nodePool: gpu
${o.service ?? ''}  nodePools:
    - name: gpu
      initialNodes: 4
      provisioning: { distribution: constant, value: 60s }
      provisioner: karpenter
      rollouts: [{ at: 1h }]
      karpenter:
        instanceTypes: [aws/us-east-1/g5.xlarge]
        capacityTypes: [on-demand]
        disruption: { consolidateAfter: Never${o.disruption ?? ''} }
${o.pool ?? ''}`;

const events = (r: RunResult, kind: string) => r.events.filter((e) => e.kind === kind);
const times = (r: RunResult, kind: string) => events(r, kind).map((e) => e.t);
/** Node removals, rounded down to the second (a drained node goes once its pod's 50 ms request is done). */
const removals = (r: RunResult) => events(r, 'node-removed').map((e) => Math.floor(e.t));

describe('drift rules', () => {
  it('a NodeClaim drifts at the first template change after its creation; the oldest drift first, empty ones first', () => {
    expect(driftedAt(0, [3600])).toBe(3600);
    expect(driftedAt(3600, [3600])).toBe(Infinity); // created with the new template
    expect(driftedAt(100, [50, 3600, 7200])).toBe(3600);
    const order = orderDriftCandidates([
      { uid: 3, driftedAt: 3600, empty: false },
      { uid: 1, driftedAt: 3600, empty: false },
      { uid: 2, driftedAt: 7200, empty: true },
      { uid: 0, driftedAt: 7200, empty: false },
    ]);
    expect(order.map((c) => c.uid)).toEqual([2, 1, 3, 0]);
  });
});

describe('a rollout across a 4-node serving pool (default budget 10 %: one node at a time)', () => {
  it('under minAvailable 3: each node replaced once the previous replica is Ready again; never below 3 Ready replicas', () => {
    const r = run(doc({ service: '      disruptionBudget: { minAvailable: 3 }\n' }));
    // 3600 s poll: node 0 drifted, budget ceil(0.4) = 1 → replacement launched at once, Ready at 3660 s; the queue's
    // 1 s checks see it at 3660 s and node 0 is drained: its pod evicted (4 healthy − 3 = 1 allowed), its successor
    // bound to the new node, Ready at 3660 + 30 + 55 = 3745 s. Polls 3670 … 3740 s: 3 healthy, 0 allowed → every
    // other node's pod blocks it. 3750 s: node 1 (launch 3750, drain 3810, replica Ready 3895); 3900 s: node 2 (3960,
    // 4045); 4050 s: node 3 (4110, 4195).
    expect(times(r, 'node-requested')).toEqual([3600, 3750, 3900, 4050]);
    expect(removals(r)).toEqual([3660, 3810, 3960, 4110]);
    expect(times(r, 'pod-evicted')).toEqual([3660, 3810, 3960, 4110]);
    expect(events(r, 'drift').map((e) => `${e.t} ${e.detail}`)).toEqual([
      '3600 drifted node 0 (aws/us-east-1/g5.xlarge on-demand): replacement node 4 (aws/us-east-1/g5.xlarge on-demand) launched',
      '3660 drifted node 0 (aws/us-east-1/g5.xlarge on-demand) drained: replacement node 4 is Ready',
      '3750 drifted node 1 (aws/us-east-1/g5.xlarge on-demand): replacement node 5 (aws/us-east-1/g5.xlarge on-demand) launched',
      '3810 drifted node 1 (aws/us-east-1/g5.xlarge on-demand) drained: replacement node 5 is Ready',
      '3900 drifted node 2 (aws/us-east-1/g5.xlarge on-demand): replacement node 6 (aws/us-east-1/g5.xlarge on-demand) launched',
      '3960 drifted node 2 (aws/us-east-1/g5.xlarge on-demand) drained: replacement node 6 is Ready',
      '4050 drifted node 3 (aws/us-east-1/g5.xlarge on-demand): replacement node 7 (aws/us-east-1/g5.xlarge on-demand) launched',
      '4110 drifted node 3 (aws/us-east-1/g5.xlarge on-demand) drained: replacement node 7 is Ready',
    ]);
    expect(r.summary!.replicas.min).toBe(3);
    expect(r.summary!.requests.dropped).toBe(0);
  });

  it('without a PodDisruptionBudget: the next node goes as soon as the previous one is gone, and 2 replicas serve for 15 s', () => {
    const r = run(doc({}));
    // 3600: node 0 (Ready 3660, drained then; the 3660 poll ran first and saw it still marked). 3670: node 1 (3730).
    // 3740: node 2 (3800). 3810: node 3 (3870). Node 0's successor is Ready at 3745, node 1's pod goes at 3730: 2 Ready
    // replicas from 3730 to 3745 s (seen at the 3735 and 3740 s interval ends).
    expect(times(r, 'node-requested')).toEqual([3600, 3670, 3740, 3810]);
    expect(removals(r)).toEqual([3660, 3730, 3800, 3870]);
    expect(r.summary!.replicas.min).toBe(2);
  });

  it('budgets: reasons [Drifted] nodes "0" stops the rollout; "50%" takes two nodes at once', () => {
    const none = run(doc({ disruption: ', budgets: [{ nodes: "0", reasons: [Drifted] }]' }));
    expect(events(none, 'drift')).toEqual([]);
    expect(events(none, 'node-requested')).toEqual([]);
    // ceil(50 % × 4) = 2: node 0 at the 3600 s poll, node 1 at the immediate requeue (2 − 1 marked = 1 left). The 3660 s
    // poll runs before the queue's checks of that second: the two replacements are initialized, so 6 nodes count,
    // ceil(3) − 2 marked = 1: node 2, whose pod cannot use them (nodes 0 and 1 are deleting: their pods, older, take
    // them in the simulation) → its replacement launched at 3660 s; then 0 left. Nodes 0 and 1 drained at 3660 s.
    // 3670 s: nodes 2 (marked), 3 and the two new ones = 4 → 2 − 1 = 1: node 3; node 2's pod takes node 2's in-flight
    // replacement (a deleting node's pod may), node 3's needs its own → launched at 3670 s. Drains at 3720 and 3730 s.
    const half = run(doc({ disruption: ', budgets: [{ nodes: "50%", reasons: [Drifted] }]' }));
    expect(times(half, 'node-requested')).toEqual([3600, 3600, 3660, 3670]);
    expect(removals(half)).toEqual([3660, 3660, 3720, 3730]);
  });

  it('do-not-disrupt pods block drift without a terminationGracePeriod; with one the node is drifted, its pod force-deleted at the deadline', () => {
    const dnd = '      podAnnotations: { "karpenter.sh/do-not-disrupt": "true" }\n';
    const blocked = run(doc({ service: dnd }));
    expect(events(blocked, 'drift')).toEqual([]);
    // With terminationGracePeriod 5m the candidates are eventual: node 0's pod is not currently reschedulable (no
    // capacity for it), so the simulation needs no node → deleted at 3600 s with no replacement; its drain waits on the
    // pod until 3600 + 300 − 30 = 3870 s: the eviction queue's first retry after it (3600 + 12.7 + 10k → 3872.7 s)
    // deletes it with int64(3900 − 3872.7) = 27 s. The budget is used while node 0 drains: node 1 waits for it.
    const forced = run(doc({ service: dnd, pool: '        terminationGracePeriod: 5m\n' }));
    const drift = events(forced, 'drift');
    expect(drift[0]!.t).toBe(3600);
    expect(drift[0]!.detail).toBe('drifted node 0 (aws/us-east-1/g5.xlarge on-demand) drained: its pods fit elsewhere');
    const deleted = events(forced, 'pod-deleted');
    expect(deleted[0]!.t).toBeCloseTo(3872.7, 6);
    expect(Math.floor(events(forced, 'node-removed')[0]!.t)).toBe(3872);
    // On the NodePool template (the nodes) it blocks drift even with a terminationGracePeriod: ValidateNodeDisruptable's
    // error is no PodBlockEvictionError.
    const node = run(doc({ pool: '        terminationGracePeriod: 5m\n        nodeAnnotations: { "karpenter.sh/do-not-disrupt": "true" }\n' }));
    expect(events(node, 'drift')).toEqual([]);
    expect(events(node, 'node-requested')).toEqual([]);
  });

  it('a replacement that never registers: the command fails after its 10 min retry duration, and the next waits for the stuck NodeClaim to go', () => {
    // provisioningFailure 1: every launched node stays launching. 3600 s: node 0's replacement; the queue's checks
    // at 3601 … 4200 s see it not initialized, 4201 s is more than 600 s after the command: failed, node 0 freed.
    // Polls from 4210 s: node 0's (and every node's) pod would go to the stuck in-flight NodeClaim, an uninitialized
    // node → UninitializedNodeError → no command, until the registration TTL deletes it at 3600 + 900 = 4500 s, a timer
    // set at 3600 s, so before the 4500 s poll (set at 4490 s), which launches the next replacement; that one fails the
    // same way: deleted at 5400 s, the third launched by the 5400 s poll.
    const r = run(doc({ pool: '' }).replace('      provisioning: { distribution: constant, value: 60s }\n', '      provisioning: { distribution: constant, value: 60s }\n      provisioningFailure: 1\n'));
    expect(times(r, 'node-requested').slice(0, 3)).toEqual([3600, 4500, 5400]);
    expect(events(r, 'node-removed').filter((e) => e.t < 5000).map((e) => e.t)).toEqual([4500]);
    expect(r.summary!.replicas.min).toBe(4);
  });
});
