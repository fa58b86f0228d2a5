/**
 * NodePool limits in a consolidation simulation, worked by hand from kubernetes-sigs/karpenter @
 * 2266468104f36373ed002241afaee2d3bbc26078: disruption/helpers.go `SimulateScheduling` hands `NewScheduler` the active
 * nodes (`nodes.Active()`: not MarkedForDeletion) WITHOUT the candidates; scheduling/scheduler.go `NewScheduler` starts
 * `remainingResources` at each NodePool's `spec.limits` and `calculateExistingNodeClaims` → `updateRemainingResources`
 * subtracts those nodes' capacity; `addToNewNodeClaim` skips a NodePool with `nodes` remaining zero and keeps only the
 * instance types `filterByRemainingResources` leaves (capacity ≤ remaining). consolidation.go `computeConsolidation`
 * then keeps the types whose launch price is below the candidates'.
 * Prices (test-pools.ts, catalog): g5.xlarge (1 GPU) $1.006 on-demand / $0.4028 spot, g5.2xlarge (1 GPU) $1.212
 * on-demand only, g5.12xlarge (4 GPUs) $5.672 / $2.5445 spot.
 */
import { describe, expect, it } from 'vitest';
import { NodeState } from '../cluster/node-runtime.ts';
import { PoolRuntime } from '../cluster/pool-runtime.ts';
import { Pod } from '../engine/pod.ts';
import { pool as poolConfig } from '../test-support/builders.ts';
import { computeConsolidation, type CandidateNode } from './consolidation.ts';
import { DEFAULT_KARPENTER_SETTINGS, KarpenterController } from './karpenter-controller.ts';
import { UnavailableOfferings } from './offerings.ts';
import { remainingFor, type PoolLimits } from './pool-limits.ts';
import { A10G_POOL, readyNodeWithPod, testActions } from './test-pools.ts';

const OD = { ...A10G_POOL, capacityTypes: ['on-demand'] as const };
const SPOT = { ...A10G_POOL, capacityTypes: ['spot'] as const };

describe('remainingResources: limits minus the active nodes other than the candidates', () => {
  it('limits 8 GPUs / 3 nodes, active nodes of 4 and 1 GPUs, the 4-GPU one a candidate → 7 GPUs and 2 nodes left', () => {
    const limits: PoolLimits = {
      caps: new Map([[0, { nodes: 3, units: 8 }]]),
      active: [
        { uid: 1, pool: 0, units: 4 },
        { uid: 2, pool: 0, units: 1 },
        { uid: 3, pool: 1, units: 4 },
      ],
    };
    expect(remainingFor(limits, 0, new Set([1]))).toEqual({ nodes: 2, units: 7 });
    expect(remainingFor(limits, 0)).toEqual({ nodes: 1, units: 3 });
    // A pool without limits has no cap.
    expect(remainingFor(limits, 1)).toEqual({ nodes: Infinity, units: Infinity });
  });
});

describe('a consolidation replacement honours the NodePool limits (SimulateScheduling → addToNewNodeClaim)', () => {
  // Pool 0 "od" (on-demand only), pool 1 "spot" (spot only, first by weight: the pod lists [1, 0]). The candidate is
  // an on-demand g5.xlarge ($1.006/h) with one 1-GPU pod; the spot pool already holds one spot g5.xlarge (uid 20,
  // full, so no destination).
  const poolOf = (i: number) => [OD, SPOT][i];
  const candidate: CandidateNode = { uid: 7, pool: 0, type: 1, spot: false, pods: [{ gpus: 1, pools: [1, 0], createdAt: 0, uid: 1 }] };
  const limitsWith = (spotCaps: { nodes: number; units: number }): PoolLimits => ({
    caps: new Map([[1, spotCaps]]),
    active: [
      { uid: 7, pool: 0, units: 1 },
      { uid: 20, pool: 1, units: 1 },
    ],
  });
  const consolidate = (limits: PoolLimits) => computeConsolidation([candidate], poolOf, [], false, new UnavailableOfferings(), 0, limits);

  it('spot pool at limits.gpus 1 (1 − 1 = 0 left): g5.xlarge (1 > 0) filtered, the od pool has nothing below $1.006 → no command (was: a spot g5.xlarge, 2 GPUs in a 1-GPU pool)', () => {
    expect(consolidate(limitsWith({ nodes: Infinity, units: 1 }))).toBeNull();
  });

  it('spot pool at limits.nodes 1 (1 − 1 = 0 nodes left): no NodeClaim there → no command', () => {
    expect(consolidate(limitsWith({ nodes: 1, units: Infinity }))).toBeNull();
  });

  it('limits.gpus 2 (1 left): the spot g5.xlarge fits the limit → replaced at $0.4028/h; g5.12xlarge (4 > 1) would have been filtered', () => {
    expect(consolidate(limitsWith({ nodes: Infinity, units: 2 }))).toEqual({ kind: 'replace', nodes: [7], pool: 1, types: [1], spot: true, usdPerHour: 0.4028 });
  });

  it("the candidate's own capacity is credited back: an on-demand g5.12xlarge with one 1-GPU pod in a pool limited to 4 GPUs is replaced by a g5.xlarge", () => {
    // remaining = 4 − 0 (the candidate is left out of stateNodes) = 4; 1-GPU types under $5.672: g5.xlarge $1.006,
    // g5.2xlarge $1.212, cheapest first. Without the credit it would be 4 − 4 = 0 and no command.
    const big: CandidateNode = { uid: 8, pool: 0, type: 2, spot: false, pods: [{ gpus: 1, pools: [0], createdAt: 0, uid: 1 }] };
    const limits: PoolLimits = { caps: new Map([[0, { nodes: 1, units: 4 }]]), active: [{ uid: 8, pool: 0, units: 4 }] };
    expect(computeConsolidation([big], poolOf, [], false, new UnavailableOfferings(), 0, limits)).toEqual({ kind: 'replace', nodes: [8], pool: 0, types: [1, 0], spot: false, usdPerHour: 1.006 });
    // Another active 4-GPU node of the pool (uid 21) at limits.gpus 4: 4 − 4 = 0 left → no command (was: replaced).
    const full: PoolLimits = { caps: new Map([[0, { nodes: Infinity, units: 4 }]]), active: [...limits.active, { uid: 21, pool: 0, units: 4 }] };
    expect(computeConsolidation([big], poolOf, [], false, new UnavailableOfferings(), 0, full)).toBeNull();
    // At limits.gpus 5: 1 left, both 1-GPU types fit it.
    const five: PoolLimits = { ...full, caps: new Map([[0, { nodes: Infinity, units: 5 }]]) };
    expect(computeConsolidation([big], poolOf, [], false, new UnavailableOfferings(), 0, five)).toEqual({ kind: 'replace', nodes: [8], pool: 0, types: [1, 0], spot: false, usdPerHour: 1.006 });
  });
});

describe('the controller counts the active nodes: in flight yes, being deleted no', () => {
  // Through KarpenterController.disrupt: pool 0 "od" holds the candidate (on-demand g5.xlarge, one pod that may use
  // both pools, consolidatable since 0 s); pool 1 "spot" (weight 10, limits.gpus 1) holds one more node of 1 GPU.
  function pass(spotNode: 'provisioning' | 'draining') {
    const od = new PoolRuntime(0, poolConfig({ name: 'od', karpenter: { ...OD } }));
    const spot = new PoolRuntime(1, poolConfig({ name: 'spot', karpenter: { ...SPOT, weight: 10, limitUnits: 1, consolidateAfterSeconds: null } }));
    readyNodeWithPod(od, 7, { type: 1, spot: false, zone: 0 });
    const other = spot.addNode(20, 0, { type: 1, spot: true, zone: 0 });
    other.state = spotNode === 'provisioning' ? NodeState.Provisioning : NodeState.Draining;
    other.gpusUsed = 1;
    const launched: string[] = [];
    const controller = new KarpenterController([od, spot], [], DEFAULT_KARPENTER_SETTINGS, testActions({
      launch: (p, o, now) => {
        launched.push(`${p.config.name} ${p.config.karpenter!.types[o.type]!.instanceId} ${o.spot ? 'spot' : 'on-demand'}`);
        return p.addNode(100, now, o);
      },
      poolsOf: () => [0, 1],
    }));
    const command = controller.disrupt(100);
    command?.(115, () => {});
    return launched;
  }

  it('a spot node still launching takes the 1-GPU limit: no command', () => {
    expect(pass('provisioning')).toEqual([]);
  });

  it('a spot node being drained is not active (MarkedForDeletion): the limit is free again, the pod goes to a spot g5.xlarge', () => {
    expect(pass('draining')).toEqual(['spot aws/us-east-1/g5.xlarge spot']);
  });
});

describe('a provisioning round counts the same active nodes (provisioner.go Schedule → NewScheduler(nodes.Active()))', () => {
  // One pool at limits.nodes 1 whose only node is being drained; a 1-GPU pod pending at 0 s. By hand: the draining node
  // is MarkedForDeletion, not in `nodes.Active()`, so remaining nodes = 1 − 0 = 1 and the round at 1 s (the batch's
  // idle second) opens a NodeClaim: the cheapest spot offering, g5.xlarge. Before: the draining node counted, 0 left,
  // no launch until it was gone.
  function round(state: NodeState) {
    const pool = new PoolRuntime(0, poolConfig({ karpenter: { ...A10G_POOL, limitNodes: 1, consolidateAfterSeconds: null } }));
    const old = pool.addNode(5, 0, { type: 1, spot: false, zone: 0 });
    old.state = state;
    const pending: Pod[] = [new Pod(1, 0, 0, 1)];
    const launched: string[] = [];
    const timers: { t: number; fn: (now: number) => void }[] = [];
    const controller = new KarpenterController([pool], pending, DEFAULT_KARPENTER_SETTINGS, testActions({
      launch: (p, o, now) => {
        launched.push(`${now}: ${p.config.karpenter!.types[o.type]!.instanceId} ${o.spot ? 'spot' : 'on-demand'}`);
        return p.addNode(100, now, o);
      },
      schedule: (t, fn) => timers.push({ t, fn }),
    }));
    controller.trigger(pending[0]!, 0);
    for (let next = timers.shift(); next !== undefined && next.t <= 5; next = timers.shift()) next.fn(next.t);
    return launched;
  }

  it('the only node draining: launched at 1 s despite limits.nodes 1', () => {
    expect(round(NodeState.Draining)).toEqual(['1: aws/us-east-1/g5.xlarge spot']);
  });

  it('the only node Ready (full) and active: nothing launched', () => {
    expect(round(NodeState.Ready)).toEqual([]);
  });
});
