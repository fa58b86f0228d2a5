import type { NodePoolSummary } from '@design-sim/sim-core';
import { describe, expect, it } from 'vitest';
import { nodePoolRows, showsNodePools } from './node-pool-rows.ts';

const ca: NodePoolSummary = {
  name: 'gpu',
  provisioner: 'cluster-autoscaler',
  launches: [{ instanceId: 'aws/us-east-1/g5.2xlarge', capacity: 'on-demand', nodes: 3 }],
  consolidations: { empty: 0, deleted: 0, replaced: 0 },
  expired: 0,
  insufficientCapacity: 0,
  failedLaunches: 0,
  nodeHours: 12.5,
  costUsd: 15.15,
  timeseries: { readyNodes: new Float64Array([2, 3]), provisioningNodes: new Float64Array([1, 0]) },
};

describe('node-pool rows', () => {
  it('are shown only for a Karpenter pool or refused capacity, so other reports keep their shape', () => {
    expect(showsNodePools([ca])).toBe(false);
    expect(showsNodePools([{ ...ca, failedLaunches: 2 }])).toBe(true);
    expect(showsNodePools([{ ...ca, provisioner: 'karpenter' }])).toBe(true);
  });

  it('name the provisioner, launches by type and capacity, consolidations, refusals, node-hours and cost', () => {
    const k: NodePoolSummary = {
      ...ca,
      provisioner: 'karpenter',
      launches: [
        { instanceId: 'aws/us-east-1/g5.xlarge', capacity: 'spot', nodes: 21 },
        { instanceId: 'aws/us-east-1/g5.xlarge', capacity: 'on-demand', nodes: 1 },
      ],
      consolidations: { empty: 2, deleted: 20, replaced: 9 },
      expired: 3,
      insufficientCapacity: 1,
      failedLaunches: 1,
    };
    expect(nodePoolRows([k, { ...ca, insufficientCapacity: 4, failedLaunches: 4, costUsd: null }])).toEqual([
      ['Pool gpu', 'karpenter · launched 21 × g5.xlarge spot, 1 × g5.xlarge on-demand · consolidated 2 empty, 20 underutilized deleted, 9 replaced · 3 nodes expired (expireAfter) · 1 launch refused for capacity · 1 launch with no offering left · 12.5 node-hours · $15.15'],
      ['Pool gpu', 'cluster-autoscaler · launched 3 × g5.2xlarge on-demand · 4 launches refused for capacity · 4 failed scale-ups (group backed off) · 12.5 node-hours · cost unknown'],
    ]);
  });
});
