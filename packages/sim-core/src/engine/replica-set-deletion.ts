/**
 * Which pods a ReplicaSet deletes on scale-down, ported from kubernetes/kubernetes (Kubernetes 1.34):
 * pkg/controller/replicaset/replica_set.go `getPodsToDelete` → `getPodsRankedByRelatedPodsOnSameNode`, sorted by
 * pkg/controller/controller_utils.go `ActivePodsWithRanks.Less`. The order matters beyond the HPA: it decides
 * which node a scale-down empties, and so what the cluster autoscaler can remove later.
 *
 * Less, in order (the first criterion that differs decides):
 *  1. unassigned (no node) before assigned;
 *  2. phase Pending < Unknown < Running (an image pull is still Pending; a loading model is Running);
 *  3. not ready before ready;
 *  4. lower pod-deletion-cost first (PodDeletionCost, beta and on; no pod here carries the annotation: all 0);
 *  5. higher rank first: the rank is the number of the set's active pods on the same node, so pods on the
 *     most crowded node go first (this spreads the survivors rather than emptying a node);
 *  6. both ready: more recently ready first, compared on log2 buckets of the time since ready
 *     (LogarithmicScaleDown, GA and locked on since 1.31), equal buckets broken by UID;
 *  7. more container restarts first (no restarts are modelled: all 0);
 *  8. newer first, on log2 buckets of the age, equal buckets broken by UID.
 * Timestamps are whole seconds (metav1.Time is serialized at second precision, and the controller reads pods
 * from its informer cache); `now` is not (metav1.Now()).
 */
import { type Pod, PodState } from './pod.ts';

const NS_PER_SECOND = 1e9;

/**
 * The `diff` pods to delete out of `active` (the set's non-terminating pods), in deletion order. `now` is the
 * reconcile time (s); `seed` gives each pod a stable stand-in for its random UID.
 */
export function podsToDelete(active: readonly Pod[], diff: number, now: number, seed: number): Pod[] {
  if (diff >= active.length) return [...active];
  const onNode = new Map<number, number>();
  for (const p of active) onNode.set(nodeKey(p), (onNode.get(nodeKey(p)) ?? 0) + 1);
  const ranked = active.map((pod) => ({ pod, rank: onNode.get(nodeKey(pod))!, uid: podUid(seed, pod.uid) }));
  // Go's sort.Sort is not stable; fully tied pods keep creation order here so runs are reproducible.
  ranked.sort((a, b) => (deletesBefore(a, b, now) ? -1 : deletesBefore(b, a, now) ? 1 : a.pod.uid - b.pod.uid));
  return ranked.slice(0, diff).map((r) => r.pod);
}

interface RankedPod {
  pod: Pod;
  /** Active pods of the set on this pod's node (unassigned pods share one key). */
  rank: number;
  /** Stand-in for metadata.uid (random upstream), only compared with other pods' UIDs. */
  uid: number;
}

/** `ActivePodsWithRanks.Less`: true when `a` should be deleted before `b`. */
function deletesBefore(a: RankedPod, b: RankedPod, now: number): boolean {
  const aNode = a.pod.node;
  const bNode = b.pod.node;
  if (aNode !== bNode && (aNode === null || bNode === null)) return aNode === null;
  const pa = phaseOrdinal(a.pod);
  const pb = phaseOrdinal(b.pod);
  if (pa !== pb) return pa < pb;
  const ra = isReady(a.pod);
  const rb = isReady(b.pod);
  if (ra !== rb) return !ra;
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (ra && rb) {
    const ta = apiTime(a.pod.readyAt);
    const tb = apiTime(b.pod.readyAt);
    if (ta !== tb) return logarithmicBefore(ta, tb, now, a.uid, b.uid);
  }
  const ca = apiTime(a.pod.createdAt);
  const cb = apiTime(b.pod.createdAt);
  if (ca !== cb) return logarithmicBefore(ca, cb, now, a.uid, b.uid);
  return false;
}

// The LogarithmicScaleDown branch of Less: `logarithmicRankDiff(t1, t2, now)` compares int64(log2(ns since t));
// a zero rank difference falls back to `UID <`. (The zero-time case, afterOrZero, cannot arise: every compared
// pod has both times.)
function logarithmicBefore(t1: number, t2: number, now: number, uid1: number, uid2: number): boolean {
  const diff = logRank(now - t1) - logRank(now - t2);
  return diff === 0 ? uid1 < uid2 : diff < 0;
}

function logRank(seconds: number): number {
  const ns = Math.round(seconds * NS_PER_SECOND);
  return ns > 0 ? Math.trunc(Math.log2(ns)) : -1;
}

// podPhaseToOrdinal: Pending 0, Unknown 1, Running 2. A pod pulling its image is still phase Pending.
function phaseOrdinal(pod: Pod): number {
  return pod.state === PodState.Pending || pod.state === PodState.Pulling ? 0 : 2;
}

function isReady(pod: Pod): boolean {
  return pod.state === PodState.Ready;
}

function nodeKey(pod: Pod): number {
  return pod.node === null ? -1 : pod.node.uid;
}

// metav1.Time round-trips through RFC 3339 with whole seconds.
function apiTime(seconds: number): number {
  return Math.floor(seconds);
}

/** A stable 32-bit stand-in for a pod's random UID (SplitMix32 of seed and pod number). */
function podUid(seed: number, uid: number): number {
  let z = (Math.trunc(seed) ^ Math.imul(uid + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}
