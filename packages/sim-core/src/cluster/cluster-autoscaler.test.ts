/**
 * The cluster-autoscaler scan against the reference's worked cases (k8s-semantics.md §7, TC13 and TC14):
 * the 30 s GPU-pod buffer, the strict unneeded-time comparison, and the global cool-down after a scale-up.
 */
import { describe, expect, it } from 'vitest';
import { Pod, PodState } from '../engine/pod.ts';
import { pool as poolConfig } from '../test-support/builders.ts';
import { ClusterAutoscaler } from './cluster-autoscaler.ts';
import { NodeState } from './node-runtime.ts';
import { PoolRuntime } from './pool-runtime.ts';

function harness(nodes: number) {
  const pool = new PoolRuntime(0, poolConfig({ gpusPerNode: 8, maxNodes: 10, minNodes: 0 }));
  for (let i = 0; i < nodes; i++) pool.addNode(i, 0).state = NodeState.Ready;
  const requests: number[] = [];
  const deletions: number[] = [];
  let uid = 100;
  const ca = new ClusterAutoscaler({
    requestNode: (p, now) => {
      requests.push(now);
      p.addNode(uid++, now); // provisioning: counts as upcoming capacity from now on
    },
    evictPod: () => {},
    deleteNode: (p, node, now) => {
      deletions.push(now);
      p.removeNode(node, now);
    },
    gpusOf: () => 1,
  });
  const scanUntil = (end: number) => {
    for (let t = 0; t <= end; t += 10) ca.scan(pool, t);
  };
  return { pool, ca, requests, deletions, scanUntil };
}

describe('cluster-autoscaler scale-up', () => {
  it('TC13: an unschedulable GPU pod created at t=3 triggers a scale-up at t=40, not before', () => {
    const h = harness(0);
    const pod = new Pod(0, 0, 3, 1);
    pod.state = PodState.Pending;
    h.pool.pending.push(pod);
    h.scanUntil(60);
    expect(h.requests).toEqual([40]);
  });

  it('counts capacity on upcoming nodes: pods that fit on a node being provisioned do not add another', () => {
    const h = harness(0);
    for (let i = 0; i < 12; i++) {
      const pod = new Pod(i, 0, 0, 1);
      h.pool.pending.push(pod);
    }
    h.ca.scan(h.pool, 40);
    expect(h.requests).toEqual([40, 40]); // 12 one-GPU pods on 8-GPU nodes: two nodes
    h.ca.scan(h.pool, 50);
    expect(h.requests).toEqual([40, 40]);
  });
});

describe('cluster-autoscaler scale-down', () => {
  it('TC14: a node unneeded from t=0, last scale-up at t=-120: deletion at t=610 (strictly after 10 min)', () => {
    const h = harness(2);
    h.ca.lastScaleUp = -120;
    h.scanUntil(700);
    expect(h.deletions).toEqual([610, 610]);
  });

  it('TC14: a scale-up at t=200 puts scale-down in cool-down until t=800 (cool-down ends at exactly 10 min)', () => {
    const h = harness(1);
    h.ca.lastScaleUp = 200;
    h.scanUntil(900);
    expect(h.deletions).toEqual([800]);
  });

  it('TC14: 4 of 8 GPUs in use (0.5) is a candidate, 5 of 8 (0.625) is not', () => {
    for (const [used, candidate] of [[4, true], [5, false]] as const) {
      const h = harness(2);
      const [busy, other] = h.pool.nodes;
      busy!.gpusUsed = used;
      other!.gpusUsed = 1; // room elsewhere for the busy node's pods, so only utilization decides
      h.ca.scan(h.pool, 0);
      expect(busy!.unneededSince >= 0).toBe(candidate);
    }
  });
});
