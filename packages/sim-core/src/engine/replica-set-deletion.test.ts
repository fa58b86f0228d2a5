/**
 * ReplicaSet scale-down order against kubernetes/kubernetes (Kubernetes 1.34): replica_set.go `getPodsToDelete`
 * and `getPodsRankedByRelatedPodsOnSameNode`, controller_utils.go `ActivePodsWithRanks.Less` and
 * `logarithmicRankDiff` (LogarithmicScaleDown GA and locked on since 1.31).
 */
import { describe, expect, it } from 'vitest';
import { NodeRuntime, NodeState } from '../cluster/node-runtime.ts';
import { Pod, PodState } from './pod.ts';
import { podsToDelete } from './replica-set-deletion.ts';

let uid = 0;
function node(): NodeRuntime {
  const n = new NodeRuntime(uid++, 0, 8, false, 0);
  n.state = NodeState.Ready;
  return n;
}
function pod(state: PodState, on: NodeRuntime | null, createdAt: number, readyAt = -1): Pod {
  const p = new Pod(uid++, 0, createdAt, 1);
  p.state = state;
  p.readyAt = readyAt;
  if (on) {
    p.node = on;
    on.pods.add(p);
  }
  return p;
}

describe('ActivePodsWithRanks.Less', () => {
  it('unassigned < assigned, Pending (image pull) < Running, not ready < ready', () => {
    const a = node();
    const unassigned = pod(PodState.Pending, null, 100);
    const pulling = pod(PodState.Pulling, a, 90);
    const loading = pod(PodState.Loading, a, 80);
    const ready = pod(PodState.Ready, a, 10, 20);
    expect(podsToDelete([ready, loading, pulling, unassigned], 3, 1000, 1)).toEqual([unassigned, pulling, loading]);
  });

  it('among ready pods, those on the node with more of the set go first (this keeps every node partly full)', () => {
    // 3 + 2 + 1 ready replicas; the most recently ready one is alone on node C. The engine's old order (most
    // recently ready first) deleted it and emptied C for the cluster autoscaler; upstream takes one from A.
    const [A, B, C] = [node(), node(), node()];
    const onA = [pod(PodState.Ready, A, 0, 60), pod(PodState.Ready, A, 0, 60), pod(PodState.Ready, A, 0, 60)];
    const onB = [pod(PodState.Ready, B, 0, 60), pod(PodState.Ready, B, 0, 60)];
    const onC = pod(PodState.Ready, C, 500, 900);
    const out = podsToDelete([...onA, ...onB, onC], 1, 1000, 1);
    expect(out).toHaveLength(1);
    expect(onA).toContain(out[0]);
    // Deleting three: the ranks are fixed before sorting (as upstream), so all three come off A.
    expect(new Set(podsToDelete([...onA, ...onB, onC], 3, 1000, 1))).toEqual(new Set(onA));
  });

  it('ready time compares in log2 buckets of nanoseconds since ready, ties broken by UID, not by recency', () => {
    const [A, B] = [node(), node()];
    const now = 10_000;
    // Ready 100 s and 120 s ago: log2(1e11) = 36.5 and log2(1.2e11) = 36.8, the same bucket.
    const r100 = pod(PodState.Ready, A, 0, now - 100);
    const r120 = pod(PodState.Ready, B, 0, now - 120);
    const sameBucket = podsToDelete([r120, r100], 1, now, 1);
    // Ready 60 s and 200 s ago: buckets 35 and 37, so the more recent goes first.
    const r60 = pod(PodState.Ready, A, 0, now - 60);
    const r200 = pod(PodState.Ready, B, 0, now - 200);
    expect(podsToDelete([r200, r60], 1, now, 1)).toEqual([r60]);
    // In one bucket the choice follows the UIDs: over many seeds both pods get picked.
    const picks = new Set<Pod>();
    for (let seed = 1; seed <= 32; seed++) picks.add(podsToDelete([r120, r100], 1, now, seed)[0]!);
    expect(picks).toEqual(new Set([r100, r120]));
    expect(sameBucket).toHaveLength(1);
  });

  it('timestamps are whole seconds (metav1.Time): ready at 995.9 s and 995.2 s tie, so creation time decides', () => {
    const [A, B] = [node(), node()];
    const early = pod(PodState.Ready, A, 0, 995.9);
    const late = pod(PodState.Ready, B, 990, 995.2);
    // At sub-second precision the ready ages 4.1 s and 4.8 s fall in log2 buckets 31 and 32 and `early` (more
    // recently ready) would go first. Truncated to 995 s they tie; creation then decides: 1000 s old (bucket 39)
    // against 10 s old (bucket 33), so the newer pod goes, on every seed.
    for (let seed = 1; seed <= 16; seed++) expect(podsToDelete([early, late], 1, 1000, seed)).toEqual([late]);
  });

  it('deletes everything without sorting when asked for all of them', () => {
    const a = node();
    const pods = [pod(PodState.Ready, a, 0, 1), pod(PodState.Pending, null, 5)];
    expect(podsToDelete(pods, 2, 10, 1)).toEqual(pods);
  });
});
