/**
 * `--expendable-pods-priority-cutoff` through the whole engine, each figure derived by hand from kubernetes/autoscaler
 * cluster-autoscaler 1.34.5 (commit cb2123ed13148c38fbdb1ede42d8e99761ee2909):
 * - core/utils/expendable.go `IsExpendablePod` (`priority < cutoff`, default -10) and `FilterOutExpendableAndSplit`
 *   (core/podlistprocessor/filter_out_expendable.go): an expendable pending pod is dropped before the scale-up;
 * - core/static_autoscaler.go `RunOnce`: `FilterOutExpendablePods` before `ClusterSnapshot.SetClusterState`, so a
 *   node's expendable pods are not in its NodeInfo: `utilization.Calculate` and `GetPodsToMove` do not see them and
 *   the node is empty (core/scaledown/planner, unneeded/nodes.go `RemovableAt`: `since + 10 min < now`);
 * - `allPodsAreNew` with `unschedulablePodWithGpuTimeBuffer` (30 s, strict) for the non-expendable case.
 * Loops run every 10 s from t = 0; nodes are Ready 180 s after the request (constant).
 */
import { describe, expect, it } from 'vitest';
import { fleet, p4dNodePool, pool } from '../test-support/builders.ts';
import type { EngineClusterAutoscaler, EngineConfig } from '../engine/engine-config.ts';
import type { EngineResult } from '../engine/engine-result.ts';
import { runEngine } from '../engine/simulation.ts';
import { DEFAULT_CLUSTER_AUTOSCALER } from './cluster-autoscaler.ts';
import { isExpendable } from './expendable.ts';

const constant = { kind: 'constant', seconds: 0.01 } as const;
/** 8-GPU nodes, 0 to 10, the builder's upstream defaults (10 min unneeded, threshold 0.5), 180 s to Ready. */
const caPool = pool({ name: 'a100', gpusPerNode: 8, minNodes: 0, maxNodes: 10, initialNodes: 0, regularUsdPerHour: 32 });

/** One 1-GPU replica of the given priority on `p` for an hour; `cutoff` overrides the flag. */
function run(priority: number, p = caPool, cutoff?: number): EngineResult {
  const base = fleet({ qps: 1, replicas: 1, serviceTime: constant, durationSeconds: 3600, pools: [p], service: { pools: [0], priority, preempts: true } });
  const clusterAutoscaler: EngineClusterAutoscaler = { ...DEFAULT_CLUSTER_AUTOSCALER, ...(cutoff === undefined ? {} : { expendablePodsPriorityCutoff: cutoff }) };
  const cfg: EngineConfig = { ...base, clusterAutoscaler };
  return runEngine(cfg);
}

const times = (r: EngineResult, kind: string): number[] => r.events.filter((e) => e.kind === kind).map((e) => e.t);

describe('IsExpendablePod', () => {
  it('is strictly below the cutoff', () => {
    expect(isExpendable(-11, -10)).toBe(true);
    expect(isExpendable(-10, -10)).toBe(false);
    expect(isExpendable(0, -10)).toBe(false);
  });
});

describe('cluster autoscaler: expendable pods never cause a scale-up', () => {
  it('a pending pod of priority -20 on a pool at 0 nodes: no node, ever', () => {
    // -20 < -10: FilterOutExpendableAndSplit drops it at every loop; nothing is left to help.
    const r = run(-20);
    expect(times(r, 'node-requested')).toEqual([]);
    expect(r.services[0]!.replicas.max).toBe(0);
  });

  it('the same pod at priority 0 (or -10, not below the cutoff): one node at the 30 s loop, Ready at 210 s', () => {
    // Created at 0 s; allPodsAreNew while 0 + 30 > now (loops 0, 10, 20); at 30 s ScaleUp: one 8-GPU node.
    for (const priority of [0, -10]) {
      const r = run(priority);
      expect(times(r, 'node-requested')).toEqual([30]);
      expect(times(r, 'node-ready')).toEqual([210]);
    }
  });

  it('a lower cutoff makes the -20 pod an ordinary one: scale-up at 30 s', () => {
    expect(times(run(-20, caPool, -30), 'node-requested')).toEqual([30]);
  });
});

describe('cluster autoscaler: a node whose only pod is expendable is empty', () => {
  const onePoolNode = pool({ ...caPool, initialNodes: 1 });

  it('priority -20: removed as empty at the 610 s loop (unneeded from 0, 0 + 600 < 610), its pod lost and not helped', () => {
    // The pod is not in the snapshot: utilization 0/8, no pod to move. Unneeded from the first loop (0 s), no
    // cool-down (no scale-up yet): RemovableAt at the first loop with 0 + 600 < now, 610 s. The node goes with its
    // pod; the Deployment's replacement is pending and expendable, so no node is requested for it.
    const r = run(-20, onePoolNode);
    expect(times(r, 'node-removed')).toEqual([610]);
    expect(times(r, 'node-requested')).toEqual([]);
    // Billed 610 s of one $32/h node.
    expect(r.accruedCostUsd).toBeCloseTo((610 * 32) / 3600, 9);
  });

  it('the lost pod is replaced: with a Karpenter pool beside, its replacement gets a NodeClaim at 611 s', () => {
    // The service may also use a Karpenter NodePool at 0 nodes (Karpenter has no expendable pods). At 610 s the node
    // goes with the pod; the Deployment's replacement is pending and provisionable: the batch closes 1 s later.
    const karpenter = p4dNodePool();
    const kPool = pool({ ...caPool, name: 'k', autoscaler: { ...caPool.autoscaler, enabled: false }, karpenter });
    const base = fleet({ qps: 1, replicas: 1, serviceTime: constant, durationSeconds: 3600, pools: [onePoolNode, kPool], service: { pools: [0, 1], priority: -20, preempts: true } });
    const r = runEngine({ ...base, clusterAutoscaler: DEFAULT_CLUSTER_AUTOSCALER });
    expect(r.events.filter((e) => e.kind === 'node-removed' || e.kind === 'node-requested').map((e) => [e.kind, e.target, e.t])).toEqual([
      ['node-removed', 'a100', 610],
      ['node-requested', 'k', 611],
    ]);
  });

  it('priority 0: the pod (1/8 GPUs, under the 0.5 threshold) has nowhere to go, so the node stays all hour', () => {
    const r = run(0, onePoolNode);
    expect(times(r, 'node-removed')).toEqual([]);
    expect(r.accruedCostUsd).toBeCloseTo(32, 9);
  });
});
