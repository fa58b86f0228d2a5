/** A Karpenter pool for the tests: three A10G instance types at catalog prices, spot and on-demand, two zones. */
import type { EngineKarpenterPool } from '../engine/engine-config.ts';
import { DEFAULT_EXPIRE_AFTER_SECONDS } from './expiration.ts';
import type { KarpenterActions } from './karpenter-controller.ts';
import { NodeState, type NodeRuntime } from '../cluster/node-runtime.ts';
import type { PoolRuntime } from '../cluster/pool-runtime.ts';
import { Pod, PodState } from '../engine/pod.ts';

// Catalog prices (cost-model/data/catalog.json): g5.xlarge 1.006 / 0.4028 spot, g5.2xlarge 1.212, g5.12xlarge 5.672 / 2.5445 spot;
// g5.2xlarge is left without a spot price here to stand for a type not sold as spot.
export const A10G_POOL: EngineKarpenterPool = {
  types: [
    { instanceId: 'aws/us-east-1/g5.2xlarge', gpus: 1, onDemandUsdPerHour: 1.212, spotUsdPerHour: null },
    { instanceId: 'aws/us-east-1/g5.xlarge', gpus: 1, onDemandUsdPerHour: 1.006, spotUsdPerHour: 0.4028 },
    { instanceId: 'aws/us-east-1/g5.12xlarge', gpus: 4, onDemandUsdPerHour: 5.672, spotUsdPerHour: 2.5445 },
  ],
  capacityTypes: ['spot', 'on-demand'],
  zones: ['us-east-1a', 'us-east-1b'],
  limitUnits: null,
  limitNodes: null,
  consolidationPolicy: 'WhenEmptyOrUnderutilized',
  consolidateAfterSeconds: 0,
  budgets: [{ percent: 10, count: null, reasons: null, schedule: null }],
  expireAfterSeconds: DEFAULT_EXPIRE_AFTER_SECONDS,
  terminationGracePeriodSeconds: null,
  weight: 0,
  initialType: 0,
  initialSpot: false,
};

/**
 * The controller's actions for a test: `overrides` over defaults that do nothing (no eviction, deletion or event
 * recorded), every pod 1 GPU on pool 0 with the 30 s default grace, and a launch that fails the test.
 */
export function testActions(overrides: Partial<KarpenterActions>): KarpenterActions {
  return {
    launch: () => {
      throw new Error('no launch expected');
    },
    evictPod: () => {},
    evictJobPod: () => {},
    deletePod: () => {},
    terminationGraceOf: () => 30,
    deleteNode: () => {},
    gpusOf: () => 1,
    poolsOf: () => [0],
    schedule: () => {},
    event: () => {},
    ...overrides,
  };
}

/** A node of `offering` launched and Ready at 0 s, holding one Ready 1-GPU pod of service 0 (uid 1, created at 0 s). */
export function readyNodeWithPod(pool: PoolRuntime, nodeUid: number, offering: { type: number; spot: boolean; zone: number }): NodeRuntime {
  const node = pool.addNode(nodeUid, 0, offering);
  node.state = NodeState.Ready;
  node.readyAt = 0;
  const pod = new Pod(1, 0, 0, 1);
  pod.state = PodState.Ready;
  pod.node = node;
  node.pods.add(pod);
  node.gpusUsed = 1;
  return node;
}
