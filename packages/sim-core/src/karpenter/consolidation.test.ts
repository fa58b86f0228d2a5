/**
 * In-flight NodeClaims in a consolidation simulation, worked by hand from kubernetes-sigs/karpenter @
 * 2266468104f36373ed002241afaee2d3bbc26078: disruption/helpers.go `SimulateScheduling` gives the scheduler every active
 * node but the candidates, launched-but-uninitialized NodeClaims included; scheduling/scheduler.go
 * `calculateExistingNodeClaims` → `sortExistingNodes` puts initialized nodes first, then the others (by name), and
 * `addToExistingNode` takes the first with room before any new NodeClaim (`Scheduler.add`). A candidate's pod that
 * lands on an uninitialized node gets an `UninitializedNodeError` (helpers.go), so `results.AllNonPendingPodsScheduled()`
 * is false and consolidation.go `computeConsolidation` returns no command (validation.go `validateCommand` fails
 * likewise): Karpenter waits for that node to initialize rather than delete or replace on the strength of it.
 * Prices: g5.xlarge $1.006 on-demand / $0.4028 spot, g5.12xlarge (4 GPUs) $5.672 / $2.5445 spot (test-pools.ts).
 */
import { describe, expect, it } from 'vitest';
import { PoolRuntime } from '../cluster/pool-runtime.ts';
import { Pod } from '../engine/pod.ts';
import { pool as poolConfig } from '../test-support/builders.ts';
import { computeConsolidation, type CandidateNode, type Destination } from './consolidation.ts';
import { DEFAULT_KARPENTER_SETTINGS, KarpenterController } from './karpenter-controller.ts';
import { UnavailableOfferings } from './offerings.ts';
import { A10G_POOL, readyNodeWithPod, testActions } from './test-pools.ts';

// An on-demand g5.12xlarge holding one 1-GPU pod of the pool.
const candidate: CandidateNode = { uid: 1, pool: 0, type: 2, spot: false, pods: [{ gpus: 1, pools: [0], createdAt: 0, uid: 1 }] };
const consolidate = (others: Destination[]) => computeConsolidation([candidate], () => A10G_POOL, others, false, new UnavailableOfferings(), 0);

describe('computeConsolidation with in-flight NodeClaims among the destinations', () => {
  it('nowhere else to go: replaced by the cheapest cheaper type, a spot g5.xlarge at $0.4028/h (the pool allows spot)', () => {
    expect(consolidate([])).toEqual({ kind: 'replace', nodes: [1], pool: 0, types: [1, 2], spot: true, usdPerHour: 0.4028 });
  });

  it('an in-flight g5.xlarge with its GPU free takes the pod (before any new NodeClaim) and so blocks the command: no command (was: replaced)', () => {
    expect(consolidate([{ uid: 30, pool: 0, free: 1, initialized: false, underConsolidateAfter: false }])).toBeNull();
  });

  it('a Ready node with room comes first (initialized before in flight): deleted, the in-flight node is not reached', () => {
    expect(consolidate([{ uid: 30, pool: 0, free: 1, initialized: false, underConsolidateAfter: false }, { uid: 40, pool: 0, free: 1, initialized: true, underConsolidateAfter: false }])).toEqual({ kind: 'delete', nodes: [1] });
  });

  it('an in-flight node without room plays no part: replaced as with none', () => {
    expect(consolidate([{ uid: 30, pool: 0, free: 0, initialized: false, underConsolidateAfter: false }])).toEqual(consolidate([]));
  });
});

describe("the pods of nodes being deleted are simulated too (SimulateScheduling's deletingNodePods)", () => {
  // helpers.go adds `deletingNodes.CurrentlyReschedulablePods` to the simulation's pods; the queue orders equal pods
  // older first (creation to the second, then UID: queue.go `byCPUAndMemoryDescending`); they are exempt from the
  // uninitialized-node error (`deletingNodePodKeys`) and from the consolidateAfter rule (`addToExistingNode`). The
  // candidate's pod (above) was created at 0 s with uid 1.
  const inFlight: Destination = { uid: 30, pool: 0, free: 1, initialized: false, underConsolidateAfter: false };
  const run = (others: Destination[], moving: { createdAt: number; uid: number }[]) =>
    computeConsolidation([candidate], () => A10G_POOL, others, false, new UnavailableOfferings(), 0, undefined, { moving: moving.map((m) => ({ gpus: 1, pools: [0], ...m })), pending: [] });
  const replaced = { kind: 'replace', nodes: [1], pool: 0, types: [1, 2], spot: true, usdPerHour: 0.4028 };

  it('an older pod of a node being replaced takes the in-flight node first: the candidate\'s pod needs a new NodeClaim → replaced', () => {
    // Moving pod at −60 s: queued first, onto node 30 (no error for it); the candidate's pod finds no room → one
    // NodeClaim → the spot g5.xlarge replace.
    expect(run([inFlight], [{ createdAt: -60, uid: 9 }])).toEqual(replaced);
  });

  it('a younger one comes after: the candidate\'s pod lands on the in-flight node → no command', () => {
    expect(run([inFlight], [{ createdAt: 60, uid: 9 }])).toBeNull();
  });

  it('created in the same second: the lower UID first (moving uid 0 before the candidate\'s uid 1 → replaced; uid 9 after → none)', () => {
    expect(run([inFlight], [{ createdAt: 0.7, uid: 0 }])).toEqual(replaced);
    expect(run([inFlight], [{ createdAt: 0.7, uid: 9 }])).toBeNull();
  });

  it('a moving pod may go to a node under its consolidateAfter, a candidate\'s may not: both fit → deleted', () => {
    // Node 41 Ready with room; node 40 Ready with room but under consolidateAfter. The candidate's pod (older) skips
    // 40 and goes to 41; the moving pod then goes to 40. Were it held back too, it would need a NodeClaim.
    const held: Destination = { uid: 40, pool: 0, free: 1, initialized: true, underConsolidateAfter: true };
    const free: Destination = { uid: 41, pool: 0, free: 1, initialized: true, underConsolidateAfter: false };
    expect(run([held, free], [{ createdAt: 60, uid: 9 }])).toEqual({ kind: 'delete', nodes: [1] });
    expect(run([held], [])).toEqual(replaced);
  });
});

describe("the cluster's pending pods are simulated too (SimulateScheduling's GetPendingPods)", () => {
  // Worked by hand from kubernetes-sigs/karpenter @ 2266468104f36373ed002241afaee2d3bbc26078: helpers.go
  // `SimulateScheduling` hands the scheduler `provisioner.GetPendingPods` with the candidate's pods, one queue
  // (queue.go `byCPUAndMemoryDescending`: larger first, then older to the second, then UID); `addToExistingNode` lets
  // a pending pod onto an uninitialized node, and its `UninitializedNodeError` is dropped by
  // `Results.AllNonPendingPodsScheduled` (it is provisionable), as is the error of a pending pod no NodePool can take;
  // a pending pod that fits no existing node opens a NodeClaim (`addToNewNodeClaim`) and consolidation.go
  // `computeConsolidation` counts `len(results.NewNodeClaims)`: 0 → delete, 1 → replace (price-filtered against the
  // candidate's $5.672/h, spot allowed so priced as spot: g5.xlarge $0.4028, g5.12xlarge $2.5445; g5.2xlarge has no
  // spot price and is dropped), 2 → nothing. The candidate's pod (above): 1 GPU, created at 0 s, uid 1.
  const inFlight: Destination = { uid: 30, pool: 0, free: 1, initialized: false, underConsolidateAfter: false };
  const ready: Destination = { uid: 40, pool: 0, free: 1, initialized: true, underConsolidateAfter: false };
  const run = (others: Destination[], pending: { gpus: number; createdAt: number }[]) =>
    computeConsolidation([candidate], () => A10G_POOL, others, false, new UnavailableOfferings(), 0, undefined, {
      moving: [],
      pending: pending.map((p) => ({ pools: [0], uid: 7, ...p })),
    });
  const replaced = { kind: 'replace', nodes: [1], pool: 0, types: [1, 2], spot: true, usdPerHour: 0.4028 };

  it('an in-flight node launched for an older pending pod: the pending pod has it, the candidate\'s pod needs a NodeClaim → replaced (was: no command)', () => {
    // Queue: pending (−30 s) onto node 30 (its uninitialized-node error dropped), then the candidate's pod: no room,
    // one NodeClaim in pool 0 → replaced by the spot g5.xlarge at $0.4028/h < $5.672/h.
    expect(run([inFlight], [{ gpus: 1, createdAt: -30 }])).toEqual(replaced);
  });

  it('a younger pending pod comes after the candidate\'s, which lands on the in-flight node → no command (as before)', () => {
    expect(run([inFlight], [{ gpus: 1, createdAt: 30 }])).toBeNull();
  });

  it('a pending pod with no node yet needs a NodeClaim: the delete becomes a replace (was: deleted)', () => {
    // The candidate's pod (older) goes to Ready node 40; the pending pod fits nowhere and opens one NodeClaim → one
    // new NodeClaim in the results → the replace path, price-filtered as above.
    expect(run([ready], [{ gpus: 1, createdAt: 30 }])).toEqual(replaced);
    expect(run([ready], [])).toEqual({ kind: 'delete', nodes: [1] });
  });

  it('a pending pod no NodePool can take (8 GPUs; the largest type has 4) blocks nothing: deleted', () => {
    expect(run([ready], [{ gpus: 8, createdAt: 30 }])).toEqual({ kind: 'delete', nodes: [1] });
  });

  it('a pending pod that needs a NodeClaim of its own besides the candidate\'s pod: two NodeClaims → no command (was: replaced)', () => {
    // Queue: the 4-GPU pending pod first (larger) opens a g5.12xlarge NodeClaim; the candidate's pod cannot join it
    // (5 GPUs fit no type) → a second NodeClaim → "we're not going to turn a single node into multiple".
    expect(run([], [{ gpus: 4, createdAt: 30 }])).toBeNull();
    expect(run([], [])).toEqual(replaced);
  });
});

describe('the controller passes its launching nodes as in-flight destinations', () => {
  // Node 1, Ready, the candidate above; node 2 a g5.xlarge of the same pool still launching, its GPU free or already
  // taken by a pod bound to it. The pass at 100 s, its command validated and started at 115 s.
  function pass(secondTaken: boolean, pendingCreatedAt: number | null = null) {
    const pool = new PoolRuntime(0, poolConfig({ karpenter: { ...A10G_POOL } }));
    readyNodeWithPod(pool, 1, { type: 2, spot: false, zone: 0 });
    const other = pool.addNode(2, 50, { type: 1, spot: true, zone: 0 });
    if (secondTaken) other.gpusUsed = 1;
    const launched: string[] = [];
    // A 1-GPU pod pending (node 2 was launched for it): unbound until node 2 is Ready.
    const pending = pendingCreatedAt === null ? [] : [new Pod(7, 0, pendingCreatedAt, 1)];
    const controller = new KarpenterController([pool], pending, DEFAULT_KARPENTER_SETTINGS, testActions({
      launch: (p, o, now) => {
        launched.push(`${now}: ${p.config.karpenter!.types[o.type]!.instanceId} ${o.spot ? 'spot' : 'on-demand'}`);
        return p.addNode(100, now, o);
      },
    }));
    const command = controller.disrupt(100);
    command?.(115, () => {});
    return { command, launched };
  }

  it('node 2 launching with its GPU free: no command at the 100 s pass (was: node 1 replaced by a spot g5.xlarge at 115 s)', () => {
    expect(pass(false)).toEqual({ command: null, launched: [] });
  });

  it('node 2 launching but full: node 1 is replaced by a spot g5.xlarge launched at 115 s', () => {
    expect(pass(true).launched).toEqual(['115: aws/us-east-1/g5.xlarge spot']);
  });

  it("node 2 launching for a pending pod created at −30 s (older than node 1's): the simulation gives node 2 to it, node 1 is replaced by a spot g5.xlarge at 115 s (was: no command)", () => {
    expect(pass(false, -30).launched).toEqual(['115: aws/us-east-1/g5.xlarge spot']);
  });

  it('the same with the pending pod created at 30 s (younger): node 1\'s pod is queued first and lands on node 2 → no command', () => {
    expect(pass(false, 30)).toEqual({ command: null, launched: [] });
  });
});
