/**
 * Expiration (below) and the disruption controller's budget accounting against kubernetes-sigs/karpenter @
 * 2266468104f36373ed002241afaee2d3bbc26078 pkg/controllers/disruption/helpers.go `BuildDisruptionBudgetMapping`:
 * every initialized node of the pool counts toward the total the percentage scales, and a node whose Ready condition
 * is not True, or that is marked for deletion, is subtracted from what the budget allows.
 */
import { describe, expect, it } from 'vitest';
import { NodeState } from '../cluster/node-runtime.ts';
import { PoolRuntime } from '../cluster/pool-runtime.ts';
import { pool as poolConfig } from '../test-support/builders.ts';
import { Pod } from '../engine/pod.ts';
import { DEFAULT_EXPIRE_AFTER_SECONDS, isExpired } from './expiration.ts';
import { KarpenterController } from './karpenter-controller.ts';
import { A10G_POOL } from './test-pools.ts';

describe('disruption budgets counted over the pool (BuildDisruptionBudgetMapping)', () => {
  it('TC16: 19 nodes, budget 20%, one deleting and one NotReady → ceil(3.8) − 2 = 2 empty nodes go', () => {
    const karpenter = { ...A10G_POOL, consolidationPolicy: 'WhenEmpty' as const, budgets: [{ percent: 20, count: null, reasons: null }] };
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
    const controller = new KarpenterController([pool], [], { batchIdleSeconds: 1, batchMaxSeconds: 10, spotToSpotConsolidation: false }, {
      launch: () => {
        throw new Error('no launch expected');
      },
      evictPod: () => {},
      deleteNode: (_p, n) => deleted.push(n.uid),
      gpusOf: () => 1,
      poolsOf: () => [0],
      schedule: () => {},
      event: () => {},
    });
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
    const karpenter = { ...A10G_POOL, consolidateAfterSeconds: null, expireAfterSeconds, budgets: [{ percent: null, count: budgetNodes, reasons: null }] };
    const pool = new PoolRuntime(0, poolConfig({ karpenter }));
    const timers: { t: number; fn: (now: number) => void }[] = [];
    const log: string[] = [];
    const controller = new KarpenterController([pool], [], { batchIdleSeconds: 1, batchMaxSeconds: 10, spotToSpotConsolidation: false }, {
      launch: () => {
        throw new Error('no launch expected');
      },
      evictPod: (pod, now) => {
        log.push(`${now}: evict ${pod.uid}`);
        pod.node!.pods.delete(pod);
      },
      deleteNode: (p, n, now) => {
        log.push(`${now}: delete ${n.uid}`);
        p.removeNode(n, now);
      },
      gpusOf: () => 1,
      poolsOf: () => [0],
      schedule: (t, fn) => timers.push({ t, fn }),
      event: () => {},
    });
    const runUntil = (end: number): void => {
      for (;;) {
        timers.sort((a, b) => a.t - b.t);
        const next = timers[0];
        if (!next || next.t > end) return;
        timers.shift();
        next.fn(next.t);
      }
    };
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
