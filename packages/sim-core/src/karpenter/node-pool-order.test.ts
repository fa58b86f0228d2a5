/**
 * NodePool order against kubernetes-sigs/karpenter @ 2266468104f36373ed002241afaee2d3bbc26078
 * `pkg/utils/nodepool/nodepool.go` `OrderByWeight` (weight descending, nil = 0; equal weights by name descending),
 * used by `provisioner.go` `NewScheduler`; `scheduler.go` `addToNewNodeClaim` keeps the lowest-index template that fits.
 */
import { describe, expect, it } from 'vitest';
import { PoolRuntime } from '../cluster/pool-runtime.ts';
import { Pod } from '../engine/pod.ts';
import { pool as poolConfig } from '../test-support/builders.ts';
import { DEFAULT_KARPENTER_SETTINGS, KarpenterController } from './karpenter-controller.ts';
import { computeConsolidation, simulateRemoval } from './consolidation.ts';
import { orderByWeight } from './node-pool-order.ts';
import { UnavailableOfferings } from './offerings.ts';
import { A10G_POOL, testActions } from './test-pools.ts';

describe('OrderByWeight', () => {
  it('weight first, then name descending; the input order plays no part', () => {
    // By hand: weights alpha 0, beta 0, gamma 10, delta 10 → gamma and delta first (10 > 0), "gamma" > "delta"
    // so gamma before delta; then beta before alpha ("beta" > "alpha").
    const pools = [
      { index: 0, name: 'alpha', weight: 0 },
      { index: 1, name: 'beta', weight: 0 },
      { index: 2, name: 'delta', weight: 10 },
      { index: 3, name: 'gamma', weight: 10 },
    ];
    expect(orderByWeight(pools)).toEqual([3, 2, 1, 0]);
    expect(orderByWeight([...pools].reverse())).toEqual([3, 2, 1, 0]);
  });
});

/**
 * Two Karpenter pools a pod may both use, listed by the service as [alpha, beta]; each starts with no node. The pod
 * is pending at 0 s: the batch closes after BATCH_IDLE_DURATION (1 s) and the round launches in the first NodePool of
 * `OrderByWeight` (alpha's types are on-demand only, beta's spot too, so the launch log tells the pools apart).
 */
function twoPools(alphaWeight: number, betaWeight: number) {
  const alpha = new PoolRuntime(0, poolConfig({ name: 'alpha', karpenter: { ...A10G_POOL, capacityTypes: ['on-demand'], weight: alphaWeight, consolidateAfterSeconds: null } }));
  const beta = new PoolRuntime(1, poolConfig({ name: 'beta', karpenter: { ...A10G_POOL, weight: betaWeight, consolidateAfterSeconds: null } }));
  const pending: Pod[] = [];
  const timers: { t: number; fn: (now: number) => void }[] = [];
  const log: string[] = [];
  const controller = new KarpenterController([alpha, beta], pending, DEFAULT_KARPENTER_SETTINGS, testActions({
    launch: (p, o, now) => {
      log.push(`${now}: ${p.config.name} ${p.config.karpenter!.types[o.type]!.instanceId} ${o.spot ? 'spot' : 'on-demand'}`);
      return p.addNode(100 + log.length, now, o);
    },
    poolsOf: () => [0, 1],
    schedule: (t, fn) => timers.push({ t, fn }),
  }));
  const pod = new Pod(1, 0, 0, 1);
  pending.push(pod);
  controller.trigger(pod, 0);
  // Run the batch window only (t ≤ 5 s): the round at 1 s; the pod's 10 s requeue is not reached.
  for (;;) {
    timers.sort((a, b) => a.t - b.t);
    const next = timers[0];
    if (next === undefined || next.t > 5) break;
    timers.shift();
    next.fn(next.t);
  }
  return log;
}

describe('a new NodeClaim goes to the first NodePool by weight, not the one the pod lists first', () => {
  it('no weights: beta before alpha (name descending), so the pod listing [alpha, beta] gets a beta node', () => {
    // Before the port: alpha (the first listed), g5.xlarge on-demand.
    expect(twoPools(0, 0)).toEqual(['1: beta aws/us-east-1/g5.xlarge spot']);
  });

  it('alpha weight 10, beta none: alpha, the cheapest on-demand type (g5.xlarge $1.006/h)', () => {
    expect(twoPools(10, 0)).toEqual(['1: alpha aws/us-east-1/g5.xlarge on-demand']);
  });

  it('beta weight 10 above alpha 5: beta; equal weights 50: beta again (name)', () => {
    expect(twoPools(5, 10)).toEqual(['1: beta aws/us-east-1/g5.xlarge spot']);
    expect(twoPools(50, 50)).toEqual(['1: beta aws/us-east-1/g5.xlarge spot']);
  });
});

describe('a multi-node replacement goes to the first of the candidates\' pools by weight', () => {
  it('candidates of pools 0 and 1, pods that may use both (listed [1, 0]: pool 1 first by weight) → one NodeClaim of pool 1', () => {
    // Two g5.xlarge nodes with one 1-GPU pod each, nowhere else to go: 2 GPUs left → one NodeClaim of a type with ≥ 2
    // GPUs, g5.12xlarge (index 2) in A10G_POOL. Before the port the first candidate's pool (0) was taken.
    const pods = [{ gpus: 1, pools: [1, 0], createdAt: 0, uid: 1 }];
    const candidates = [
      { uid: 10, pool: 0, type: 1, spot: false, pods },
      { uid: 11, pool: 1, type: 1, spot: false, pods },
    ];
    expect(simulateRemoval(candidates, () => A10G_POOL, [], new UnavailableOfferings(), 0)).toEqual({ replacement: true, pool: 1, types: [2] });
  });
});

describe('a replacement comes from the first NodePool by weight that takes the pods, not only the candidate\'s own', () => {
  // By hand from kubernetes-sigs/karpenter @ 2266468104f36373ed002241afaee2d3bbc26078: disruption/helpers.go
  // `SimulateScheduling` builds the scheduler over every NodePool (`NewScheduler` → `OrderByWeight`), so the pods of
  // an on-demand node get their new NodeClaim in the spot NodePool of higher weight; consolidation.go
  // `computeConsolidation` keeps the types whose worst launch price (spot, the capacity type it launches with) is
  // below the candidate's $1.006/h: g5.xlarge spot $0.4028 (g5.12xlarge spot $2.5445 is not; g5.2xlarge has no spot
  // offering). Pool 0 "od" (on-demand only), pool 1 "spot" (spot only, the higher weight: listed first).
  const OD = { ...A10G_POOL, capacityTypes: ['on-demand'] as const };
  const SPOT = { ...A10G_POOL, capacityTypes: ['spot'] as const };
  const poolOf = (i: number) => [OD, SPOT][i];

  it('an on-demand g5.xlarge with one pod is replaced by a spot g5.xlarge of the spot pool (before: its own pool has nothing cheaper, no command)', () => {
    const candidate = { uid: 7, pool: 0, type: 1, spot: false, pods: [{ gpus: 1, pools: [1, 0], createdAt: 0, uid: 1 }] };
    expect(computeConsolidation([candidate], poolOf, [], false, new UnavailableOfferings(), 0)).toEqual({ kind: 'replace', nodes: [7], pool: 1, types: [1], spot: true, usdPerHour: 0.4028 });
  });

  it('a pod that may not use the spot pool stays: its own pool has no type below $1.006/h', () => {
    const candidate = { uid: 7, pool: 0, type: 1, spot: false, pods: [{ gpus: 1, pools: [0], createdAt: 0, uid: 1 }] };
    expect(computeConsolidation([candidate], poolOf, [], false, new UnavailableOfferings(), 0)).toBeNull();
  });
});
