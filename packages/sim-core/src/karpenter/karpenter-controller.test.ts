/**
 * Expiration (below) and the disruption controller's budget accounting against kubernetes-sigs/karpenter @
 * 2266468104f36373ed002241afaee2d3bbc26078 pkg/controllers/disruption/helpers.go `BuildDisruptionBudgetMapping`:
 * every initialized node of the pool counts toward the total the percentage scales, and a node whose Ready condition
 * is not True, or that is marked for deletion, is subtracted from what the budget allows.
 */
import { describe, expect, it } from 'vitest';
import { NodeState } from '../cluster/node-runtime.ts';
import { JobRun } from '../cluster/job-queue.ts';
import { PoolRuntime } from '../cluster/pool-runtime.ts';
import { pool as poolConfig } from '../test-support/builders.ts';
import { Pod, PodState } from '../engine/pod.ts';
import { commandStillHolds } from './command-validation.ts';
import { DEFAULT_EXPIRE_AFTER_SECONDS, isExpired } from './expiration.ts';
import { DEFAULT_KARPENTER_SETTINGS, KarpenterController } from './karpenter-controller.ts';
import { recordPodEvent } from './pod-events.ts';
import { A10G_POOL, testActions } from './test-pools.ts';

/** The control queue of these tests: timers in time order, those due at one instant in the order they were set. */
function timerQueue() {
  const timers: { t: number; seq: number; fn: (now: number) => void }[] = [];
  let seq = 0;
  const schedule = (t: number, fn: (now: number) => void): void => {
    timers.push({ t, seq: seq++, fn });
  };
  const runUntil = (end: number): void => {
    for (;;) {
      timers.sort((a, b) => a.t - b.t || a.seq - b.seq);
      const next = timers[0];
      if (!next || next.t > end) return;
      timers.shift();
      next.fn(next.t);
    }
  };
  return { schedule, runUntil };
}

describe('disruption budgets counted over the pool (BuildDisruptionBudgetMapping)', () => {
  it('TC16: 19 nodes, budget 20%, one deleting and one NotReady → ceil(3.8) − 2 = 2 empty nodes go', () => {
    const karpenter = { ...A10G_POOL, consolidationPolicy: 'WhenEmpty' as const, budgets: [{ percent: 20, count: null, reasons: null, schedule: null }] };
    const pool = new PoolRuntime(0, poolConfig({ karpenter }));
    const nodes = Array.from({ length: 19 }, (_, i) => {
      const n = pool.addNode(i, 0, { type: 1, spot: false, zone: 0 });
      n.state = NodeState.Ready;
      n.readyAt = 0;
      return n;
    });
    nodes[0]!.state = NodeState.Draining; // being deleted
    nodes[1]!.state = NodeState.NotReady; // initialized earlier, Ready condition now False
    const deleted: number[] = [];
    const controller = new KarpenterController([pool], [], DEFAULT_KARPENTER_SETTINGS, testActions({
      deleteNode: (_p, n) => deleted.push(n.uid),
    }));
    const command = controller.disrupt(100);
    expect(command).not.toBeNull();
    command!(115, () => {});
    expect(deleted).toHaveLength(2);
  });
});

// kubernetes-sigs/karpenter @ 2266468104f36373ed002241afaee2d3bbc26078 pkg/controllers/nodeclaim/expiration/controller.go
// `Reconcile`: expirationTime = CreationTimestamp + ExpireAfter; not expired while Now().Before(expirationTime), so a
// NodeClaim launched at 0 with expireAfter 1h is deleted at exactly 3600 s. The controller is not the disruption
// controller: it reads no budget (TC16: "expiration ignores the budget").
describe('expiration (nodeclaim/expiration/controller.go Reconcile)', () => {
  function setup(budgetNodes: number, expireAfterSeconds: number | null) {
    const karpenter = { ...A10G_POOL, consolidateAfterSeconds: null, expireAfterSeconds, budgets: [{ percent: null, count: budgetNodes, reasons: null, schedule: null }] };
    const pool = new PoolRuntime(0, poolConfig({ karpenter }));
    const { schedule, runUntil } = timerQueue();
    const log: string[] = [];
    const controller = new KarpenterController([pool], [], DEFAULT_KARPENTER_SETTINGS, testActions({
      evictPod: (pod, now) => {
        log.push(`${now}: evict ${pod.uid}`);
        pod.node!.pods.delete(pod);
      },
      deleteNode: (p, n, now) => {
        log.push(`${now}: delete ${n.uid}`);
        p.removeNode(n, now);
      },
      schedule,
    }));
    return { pool, controller, log, runUntil };
  }

  it('TC16: a budget of 0 nodes blocks nothing: every node launched at 0 is deleted at exactly 3600 s with expireAfter 1h', () => {
    const h = setup(0, 3600);
    for (let i = 0; i < 3; i++) {
      const n = h.pool.addNode(i, 0, { type: 1, spot: false, zone: 0 });
      n.state = NodeState.Ready;
      n.readyAt = 60;
    }
    h.controller.start();
    h.runUntil(3599.999);
    expect(h.log).toEqual([]);
    h.runUntil(3600);
    expect(h.log).toEqual(['3600: delete 0', '3600: delete 1', '3600: delete 2']);
    expect(h.controller.stats.get(0)!.expired).toBe(3);
  });

  it('a node with pods is cordoned and drained at its expiration (no replacement first); one launched at 100 s expires at 100 + expireAfter', () => {
    const h = setup(0, 1800);
    const n = h.pool.addNode(7, 100, { type: 1, spot: false, zone: 0 });
    n.state = NodeState.Ready;
    const pod = new Pod(42, 0, 0, 1);
    pod.node = n;
    n.pods.add(pod);
    h.controller.start();
    h.runUntil(10_000);
    expect(h.log).toEqual(['1900: evict 42', '1900: delete 7']);
  });

  it('expireAfter Never: no node expires; a node already being deleted is left alone', () => {
    const never = setup(10, null);
    never.pool.addNode(0, 0, { type: 1, spot: false, zone: 0 }).state = NodeState.Ready;
    never.controller.start();
    never.runUntil(365 * 86_400);
    expect(never.log).toEqual([]);
    const draining = setup(10, 600);
    draining.pool.addNode(0, 0, { type: 1, spot: false, zone: 0 }).state = NodeState.Draining;
    draining.controller.start();
    draining.runUntil(3600);
    expect(draining.log).toEqual([]);
    expect(draining.controller.stats.get(0)!.expired).toBe(0);
  });

  it('isExpired is `!now.Before(creation + expireAfter)`: expired at the instant, not a moment before', () => {
    expect(isExpired(3600, 0, 3600)).toBe(true);
    expect(isExpired(3599.5, 0, 3600)).toBe(false);
    expect(isExpired(1e12, 0, null)).toBe(false);
    expect(DEFAULT_EXPIRE_AFTER_SECONDS).toBe(720 * 3600);
  });
});

// The disruption loop against kubernetes-sigs/karpenter @ 2266468104f36373ed002241afaee2d3bbc26078:
// controller.go `Reconcile` / `disrupt` (methods in order; a method whose command fails validation yields nothing and
// the next method runs; none started → RequeueAfter pollingPeriod 10 s), validation.go `EmptinessValidator.Validate`
// and `ConsolidationValidator.isValid` (after commandValidationDelay 15 s, `validateCandidates` re-applies the method's
// ShouldDisrupt, which requires the Consolidatable condition), singlenodeconsolidation.go `ComputeCommands` (a
// validation error ends the method), nodeclaim/disruption/consolidation.go `Reconcile` (Consolidatable once
// consolidateAfter has passed since lastPodEventTime).
describe('disruption loop and command validation (controller.go Reconcile, validation.go)', () => {
  function harness(karpenter: typeof A10G_POOL) {
    const pool = new PoolRuntime(0, poolConfig({ karpenter }));
    const { schedule, runUntil } = timerQueue();
    const log: string[] = [];
    const controller = new KarpenterController([pool], [], DEFAULT_KARPENTER_SETTINGS, testActions({
      evictPod: (pod, now) => {
        if (pod.state === PodState.Terminating) return; // the engine's deletePod: already being deleted
        log.push(`${now}: evict ${pod.uid} from ${pod.node!.uid}`);
        pod.node!.pods.delete(pod);
        pod.node!.gpusUsed -= 1;
      },
      evictJobPod: (jp, now) => {
        log.push(`${now}: evict job ${jp.run.job.name} from ${jp.node!.uid}`);
        jp.node!.jobPods.delete(jp);
        jp.node!.gpusUsed -= jp.units;
        jp.node = null;
      },
      deleteNode: (p, n, now) => {
        log.push(`${now}: delete ${n.uid}`);
        p.removeNode(n, now);
      },
      schedule,
    }));
    const node = (uid: number, type: number, pods: number) => {
      const n = pool.addNode(uid, -100, { type, spot: false, zone: 0 });
      n.state = NodeState.Ready;
      n.readyAt = -100;
      for (let i = 0; i < pods; i++) bindPod(n, 100 * uid + i);
      n.lastPodEventAt = -1; // bound before the run: no event seen since initialization
      return n;
    };
    const bindPod = (n: ReturnType<typeof pool.addNode>, uid: number, now = -100) => {
      const pod = new Pod(uid, 0, now, 1);
      pod.node = n;
      n.pods.add(pod);
      n.gpusUsed += 1;
      recordPodEvent(n, now);
      return pod;
    };
    const jobPod = (n: ReturnType<typeof pool.addNode>, units: number) => {
      const run = new JobRun({ name: 'train', team: 0, pool: 0, pods: 1, unitsPerPod: units, durationSeconds: 7200, gang: true, priority: 0, preempts: true, submitAt: [0], checkpointSeconds: null }, 0, 0);
      const jp = run.pods[0]!;
      jp.node = n;
      n.jobPods.add(jp);
      n.gpusUsed += units;
    };
    return { pool, controller, log, node, bindPod, jobPod, runUntil, at: schedule };
  }

  it('emptiness: a pod that comes and goes during the 15 s validation restarts consolidateAfter, so the command is dropped (ShouldDisrupt: IsEmpty && Consolidatable)', () => {
    // consolidateAfter 30 s, node initialized long ago: consolidatable at the first pass (t = 0), validated at 15 s.
    // A pod bound at 5 s and deleted at 8 s (one event at 5 s: the 8 s events are within the 10 s dedupe) → at 15 s
    // 15 − 5 < 30: not Consolidatable, the command is dropped; single-node has nothing (the node is empty); passes
    // at 25, 35 find it under consolidateAfter; at 35 it is Consolidatable again (35 − 5 = 30) → deleted at 50.
    const h = harness({ ...A10G_POOL, consolidationPolicy: 'WhenEmpty', consolidateAfterSeconds: 30 });
    const n = h.node(0, 0, 0);
    h.at(5, (t) => {
      const pod = h.bindPod(n, 7, t);
      h.at(8, (t2) => {
        recordPodEvent(n, t2); // terminating
        n.pods.delete(pod);
        recordPodEvent(n, t2); // terminal
      });
    });
    h.controller.start();
    h.runUntil(49.999);
    expect(h.log).toEqual([]);
    h.runUntil(50);
    expect(h.log).toEqual(['50: delete 0']);
  });

  it('single-node: a command that fails validation ends the pass; the next pass is 10 s later (RequeueAfter pollingPeriod), not at once', () => {
    // Three g5.12xlarge (4 GPUs): node 0 with 1 pod, nodes 1 and 2 with 2 pods each; consolidateAfter 20 s.
    // t = 0: node 0 has the best SavingsRatio (price / (1 + pods)); its pod fits on node 1 → delete command.
    // t = 5: a pod is bound to node 0 (lastPodEventTime 5) → at 15 s (15 − 5 < 20) it is not Consolidatable: the
    // command is dropped and the loop comes back at 25 s. At 25 s node 0 (2 pods, ties with node 1 on the ratio,
    // first by node order) is Consolidatable again (25 − 5 = 20) and its pods fit on node 1 → drained at 40 s.
    // Re-polling at once (15 s) would have drained node 1 into node 2 at 30 s instead.
    const h = harness({ ...A10G_POOL, consolidateAfterSeconds: 20 });
    const n0 = h.node(0, 2, 1);
    h.node(1, 2, 2);
    h.node(2, 2, 2);
    h.at(5, (t) => h.bindPod(n0, 9, t));
    h.controller.start();
    h.runUntil(39.999);
    expect(h.log).toEqual([]);
    h.runUntil(40);
    expect(h.log).toEqual(['40: evict 0 from 0', '40: evict 9 from 0', '40: delete 0']);
  });

  it('a node whose only pod is terminating is empty (IsReschedulable excludes terminating pods): chosen at 0 s, drained at 15 s, deleted when the pod ends', () => {
    const h = harness({ ...A10G_POOL, consolidationPolicy: 'WhenEmpty', consolidateAfterSeconds: 0 });
    const n = h.node(0, 1, 1);
    const pod = [...n.pods][0]!;
    pod.state = PodState.Terminating;
    h.controller.start();
    h.runUntil(15);
    expect(n.state).toBe(NodeState.Draining);
    expect(h.log).toEqual([]); // nothing evicted again, nothing deleted while the pod drains its requests
  });

  it("a job's pod makes its node not empty (Candidate.IsEmpty counts reschedulable pods; a Job's are): WhenEmpty leaves it; under WhenEmptyOrUnderutilized it is drained once the pod fits elsewhere", () => {
    const whenEmpty = harness({ ...A10G_POOL, consolidationPolicy: 'WhenEmpty', consolidateAfterSeconds: 0 });
    whenEmpty.jobPod(whenEmpty.node(0, 1, 0), 1);
    whenEmpty.controller.start();
    whenEmpty.runUntil(600);
    expect(whenEmpty.log).toEqual([]);
    // Node 0 (g5.xlarge) runs the job's 1-GPU pod; node 1 (g5.12xlarge) runs 3 pods, 1 GPU free. Node 1 comes first
    // (SavingsRatio 5.672 / 4 > 1.006 / 2) but its pods fit nowhere and no cheaper on-demand type holds 3 GPUs; node
    // 0's job pod fits on node 1, so node 0 is deleted (command at 0 s, validated and drained at 15 s).
    const under = harness({ ...A10G_POOL, capacityTypes: ['on-demand'], consolidateAfterSeconds: 0 });
    under.jobPod(under.node(0, 1, 0), 1);
    under.node(1, 2, 3);
    under.controller.start();
    under.runUntil(15);
    expect(under.log).toEqual(['15: evict job train from 0', '15: delete 0']);
  });

  // controller.go `NewMethods` order (emptiness, multi-node, single-node), multinodeconsolidation.go `ComputeCommands`
  // (a validation error ends the method with no command, and `Reconcile` runs the next method at once) and
  // validation.go `ConsolidationValidator.validateCandidates` (EVERY candidate must still pass ShouldDisrupt).
  it('consolidateAfter guards destinations too (#3006): a pod may not move to a node under its consolidateAfter, so the drain waits until 30 s and goes at 45 s, not 15 s', () => {
    // Third check (2026-12-05), by hand from kubernetes-sigs/karpenter @ 2266468104f36373ed002241afaee2d3bbc26078:
    // consolidation.go `computeConsolidation` and validation.go call `SimulateScheduling` with
    // `IsConsolidationSimulation`; scheduler.go `calculateExistingNodeClaims` marks existing nodes
    // `IsUnderConsolidateAfter` (disruption.go: Since(lastPodEvent, else initialized) < consolidateAfter) and
    // `addToExistingNode` skips them for the candidates' pods. On-demand only, consolidateAfter 60 s.
    // Node 0: g5.xlarge ($1.006/h) with 1 pod, initialized at −100 s. Node 1: g5.12xlarge ($5.672/h, 4 GPUs) with 2
    // pods, initialized at −30 s, no pod event since: under consolidateAfter until −30 + 60 = 30 s.
    // t = 0, 10, 20: candidates = node 0 only (multi-node needs 2). Its pod may not go to node 1; a replacement must be
    //   cheaper than $1.006/h, and no on-demand 1-GPU type is (g5.xlarge 1.006, g5.2xlarge 1.212): no command.
    // t = 30: node 1 is a candidate too (30 − (−30) = 60, not < 60). SavingsRatio: node 1 5.672 / 3 = 1.89, node 0
    //   1.006 / 2 = 0.503. Multi-node [1, 0]: 3 pods need a 4-GPU type, only g5.12xlarge, which
    //   `filterOutSameInstanceType` drops (not cheaper than node 1's $5.672). Single-node: node 1's 2 pods fit
    //   nowhere (node 0 full) and g5.12xlarge is not cheaper → none; node 0's pod fits on node 1 (2 free) → delete.
    //   Validated at 30 + 15 = 45 s: drained and deleted then. (Before #3006 was ported: 15 s.)
    const h = harness({ ...A10G_POOL, capacityTypes: ['on-demand'], consolidateAfterSeconds: 60 });
    h.node(0, 1, 1);
    const n1 = h.node(1, 2, 2);
    n1.readyAt = -30;
    h.controller.start();
    h.runUntil(44.999);
    expect(h.log).toEqual([]);
    h.runUntil(45);
    expect(h.log).toEqual(['45: evict 0 from 0', '45: delete 0']);
  });

  describe('multi-node consolidation in the disruption loop', () => {
    // On-demand g5.12xlarge (4 GPUs): nodes 0, 1 with one pod, nodes 2, 3 with three; consolidateAfter 20 s; budget
    // 100%. At t = 0 all four are Consolidatable (initialized at −100 s, no pod event since) and multi-node runs before
    // single-node: the binary search keeps nodes 0, 1, whose pods fit on nodes 2 and 3 (multi-node-consolidation.test.ts
    // works the same four nodes).
    const karpenter = { ...A10G_POOL, capacityTypes: ['on-demand' as const], consolidateAfterSeconds: 20, budgets: [{ percent: 100, count: null, reasons: null, schedule: null }] };
    function setup() {
      const h = harness(karpenter);
      const n = [h.node(0, 2, 1), h.node(1, 2, 1), h.node(2, 2, 3), h.node(3, 2, 3)];
      return { h, n };
    }

    it('two nodes go in one command: computed at 0 s, validated and both drained at 15 s', () => {
      const { h } = setup();
      h.controller.start();
      h.runUntil(15);
      expect(h.log).toEqual(['15: evict 0 from 0', '15: delete 0', '15: evict 100 from 1', '15: delete 1']);
      expect(h.controller.stats.get(0)).toMatchObject({ deleted: 2, replaced: 0, empty: 0 });
    });

    it('a pod bound to one of them during the delay drops the whole command; single-node runs at once and drains node 0 alone at 30 s', () => {
      // A pod bound to node 1 at 5 s: at 15 s, 15 − 5 < 20, node 1 is not Consolidatable, so validateCandidates fails the
      // command. Single-node runs at 15 s: candidates 0 (ratio 5.672 / 2), 2, 3 (5.672 / 4; node 1 is not one); node 0's
      // pod fits on node 1 (2 free, first in node order) → delete, validated at 30 s.
      const { h, n } = setup();
      h.at(5, (t) => h.bindPod(n[1]!, 9, t));
      h.controller.start();
      h.runUntil(29.999);
      expect(h.log).toEqual([]);
      h.runUntil(30);
      expect(h.log).toEqual(['30: evict 0 from 0', '30: delete 0']);
    });
  });
});

// validation.go `validateCommand`: the re-simulation (no price filtering) must need no new NodeClaim for a delete, and
// exactly one whose instance types include all of the command's for a replace (`instanceTypesAreSubset`).
describe('commandStillHolds (validation.go validateCommand)', () => {
  const replace = { kind: 'replace' as const, nodes: [0], pool: 0, types: [1], spot: false, usdPerHour: 1.006 };
  it('a delete holds while the pods still fit elsewhere, not once they need a new node', () => {
    expect(commandStillHolds({ kind: 'delete', nodes: [0] }, { replacement: false })).toBe(true);
    expect(commandStillHolds({ kind: 'delete', nodes: [0] }, { replacement: true, pool: 0, types: [0, 1, 2] })).toBe(false);
  });
  it('a replace is dropped when its pods now fit without a new node ("likely a better consolidation option now")', () => {
    expect(commandStillHolds(replace, { replacement: false })).toBe(false);
  });
  it("a replace holds when its types are a subset of what fits now, not otherwise; more than one node never holds", () => {
    expect(commandStillHolds(replace, { replacement: true, pool: 0, types: [0, 1, 2] })).toBe(true);
    expect(commandStillHolds({ ...replace, types: [1, 2] }, { replacement: true, pool: 0, types: [2] })).toBe(false);
    expect(commandStillHolds(replace, null)).toBe(false);
  });
});

/** One 1-GPU node already Ready and full, in a NodePool whose limits allow `limitNodes` nodes (null: no limit); launches are logged. */
function fullNodePool(limitNodes: number | null) {
  const karpenter = { ...A10G_POOL, limitNodes, consolidateAfterSeconds: null, expireAfterSeconds: null };
  const pool = new PoolRuntime(0, poolConfig({ karpenter, maxNodes: 10 }));
  const full = pool.addNode(0, 0, { type: 1, spot: false, zone: 0 });
  full.state = NodeState.Ready;
  full.gpusUsed = 1;
  const pending: Pod[] = [];
  const { schedule, runUntil } = timerQueue();
  const log: string[] = [];
  const controller = new KarpenterController([pool], pending, DEFAULT_KARPENTER_SETTINGS, testActions({
    launch: (p, o, now) => {
      log.push(`${now}: launch ${p.config.karpenter!.types[o.type]!.instanceId} ${o.spot ? 'spot' : 'on-demand'}`);
      return p.addNode(100 + log.length, now, o);
    },
    schedule,
  }));
  return { pool, full, pending, controller, log, runUntil };
}

// The provisioner's triggers against kubernetes-sigs/karpenter @ 2266468104f36373ed002241afaee2d3bbc26078
// pkg/controllers/provisioning: controller.go `PodController.Reconcile` calls `Provisioner.Trigger` for a pod while
// `pod.IsProvisionable` and returns `RequeueAfter: 10 * time.Second`; batcher.go `Batcher.Wait` closes the window
// BATCH_IDLE_DURATION (1 s) after the last new trigger; provisioner.go `Provisioner.Reconcile` then runs one round.
// Deleting a node or a NodeClaim triggers nothing: a pod held back by the pool's limits is provisioned again by its
// own next requeue.
describe('the provisioner is triggered again while a pod stays provisionable (PodController.Reconcile)', () => {
  // The NodePool's limits allow 1 node.
  const setup = () => fullNodePool(1);

  it('a replica held back by the limits gets a node at the first requeue after another node is deleted: 25 s → 31 s', () => {
    const h = setup();
    const pod = new Pod(1, 0, 0, 1);
    h.pending.push(pod);
    h.controller.trigger(pod, 0);
    // Pending at 0 s: rounds at 1, 11, 21 s (requeues at 10, 20 s, each + the 1 s idle window), the pool at its
    // 1-node limit each time: no NodeClaim.
    h.runUntil(25);
    expect(h.log).toEqual([]);
    expect(h.controller.rounds).toBe(3);
    // The full node is deleted at 25 s from outside the provisioner (nothing triggers). The pod's requeue at 30 s
    // opens a window; the 31 s round has the limit's room: the cheapest offering, g5.xlarge spot ($0.4028/h).
    h.pool.removeNode(h.full, 25);
    h.runUntil(31);
    expect(h.log).toEqual(['31: launch aws/us-east-1/g5.xlarge spot']);
    expect(h.controller.rounds).toBe(4);
    // Still pending (the node is launching): the 40 and 50 s requeues run rounds at 41 and 51 s that place it on the
    // in-flight NodeClaim, so launch nothing. Bound at 55 s: the 60 s requeue finds it not provisionable and stops.
    h.runUntil(55);
    pod.state = PodState.Ready;
    h.runUntil(3600);
    expect(h.log).toHaveLength(1);
    expect(h.controller.rounds).toBe(6);
  });

  it('no extra round when nothing stays pending: a pod bound before its first requeue costs one round; none costs none', () => {
    const h = setup();
    h.pool.removeNode(h.full, 0);
    const pod = new Pod(1, 0, 0, 1);
    h.pending.push(pod);
    h.controller.trigger(pod, 0);
    h.runUntil(5);
    pod.state = PodState.Ready; // bound at 5 s, before the 10 s requeue
    h.runUntil(3600);
    expect(h.log).toEqual(['1: launch aws/us-east-1/g5.xlarge spot']);
    expect(h.controller.rounds).toBe(1);
    const idle = setup();
    idle.controller.start();
    idle.runUntil(3600);
    expect(idle.controller.rounds).toBe(0);
  });

  it('a second trigger while a requeue is pending adds none (the work queue keeps one delayed requeue per pod)', () => {
    // Pending at 0 s, requeued at 10 and 20 s: rounds at 1, 11, 21 s. A pod update at 5 s (a nomination set and cleared
    // between two requeues) triggers, within no open window, a round at 6 s, but no second chain of requeues.
    const h = setup();
    const pod = new Pod(1, 0, 0, 1);
    h.pending.push(pod);
    h.controller.trigger(pod, 0);
    h.runUntil(4);
    h.controller.trigger(pod, 5);
    h.runUntil(25);
    expect(h.controller.rounds).toBe(4); // 1, 6, 11, 21
  });
});

// kubernetes-sigs/karpenter @ 2266468104f36373ed002241afaee2d3bbc26078 pkg/utils/pod/scheduling.go `IsProvisionable`
// (`!IsPreempting`: no status.nominatedNodeName), read by controller.go `PodController.Reconcile` and provisioner.go
// `GetPendingPods` (node.go `GetProvisionablePods`).
describe('a nominated pod is not provisionable (IsPreempting)', () => {
  const setup = fullNodePool;

  it('nominated to the full node (its victim terminating there): no trigger, no round, no node in an hour', () => {
    const h = setup(null);
    const pod = new Pod(1, 0, 0, 1);
    pod.nominated = [h.full];
    h.pending.push(pod);
    h.controller.trigger(pod, 0);
    h.runUntil(3600);
    expect(h.controller.rounds).toBe(0);
    expect(h.log).toEqual([]);
  });

  it('packed without the nominated pod: two 1-GPU pods pending, one nominated → one g5.xlarge for the other', () => {
    // The round at 1 s lists one provisionable 1-GPU pod: the cheapest type that fits it, g5.xlarge spot ($0.4028/h).
    const h = setup(null);
    const nominated = new Pod(1, 0, 0, 1);
    nominated.nominated = [h.full];
    const other = new Pod(2, 0, 0, 1);
    h.pending.push(nominated, other);
    h.controller.trigger(nominated, 0);
    h.controller.trigger(other, 0);
    h.runUntil(5);
    expect(h.log).toEqual(['1: launch aws/us-east-1/g5.xlarge spot']);
    expect(h.controller.rounds).toBe(1);
  });

  it('provisionable again when the nomination is cleared: node deleted at 20 s, cleared then → launch at 21 s', () => {
    // The pool's 1-node limit is taken by the full node. At 20 s it is deleted, and the pod's next scheduling attempt
    // finds no candidate: the update clearing nominatedNodeName reaches the pod controller, which triggers (window
    // 20–21 s): the round at 21 s launches. Requeued at 30 s, it rides the in-flight NodeClaim (round at 31 s).
    const h = setup(1);
    const pod = new Pod(1, 0, 0, 1);
    pod.nominated = [h.full];
    h.pending.push(pod);
    h.controller.trigger(pod, 0);
    h.runUntil(19);
    h.pool.removeNode(h.full, 20);
    pod.nominated = [];
    h.controller.trigger(pod, 20);
    h.runUntil(35);
    pod.state = PodState.Ready;
    h.runUntil(3600);
    expect(h.log).toEqual(['21: launch aws/us-east-1/g5.xlarge spot']);
    expect(h.controller.rounds).toBe(2);
  });
});
