/**
 * The disruption controller's budget accounting against kubernetes-sigs/karpenter @
 * 2266468104f36373ed002241afaee2d3bbc26078 pkg/controllers/disruption/helpers.go `BuildDisruptionBudgetMapping`:
 * every initialized node of the pool counts toward the total the percentage scales, and a node whose Ready condition
 * is not True, or that is marked for deletion, is subtracted from what the budget allows.
 */
import { describe, expect, it } from 'vitest';
import { NodeState } from '../cluster/node-runtime.ts';
import { PoolRuntime } from '../cluster/pool-runtime.ts';
import { pool as poolConfig } from '../test-support/builders.ts';
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
