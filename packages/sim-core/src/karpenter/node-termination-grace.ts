/**
 * A NodeClaim's `terminationGracePeriod` (the NodePool's `template.spec.terminationGracePeriod`): how long a node
 * being deleted may wait on pods that block their eviction (a PodDisruptionBudget allowing no disruption) before
 * they are deleted anyway, each early enough to get its own grace before the node's deadline. A port of
 * kubernetes-sigs/karpenter at commit 2266468104f36373ed002241afaee2d3bbc26078:
 * - pkg/controllers/nodeclaim/lifecycle/controller.go `ensureTerminationGracePeriodTerminationTimeAnnotation`: the
 *   deadline (annotation `karpenter.sh/nodeclaim-termination-timestamp`) is the NodeClaim's DeletionTimestamp + its
 *   terminationGracePeriod; with none set there is no deadline (pkg/apis/v1/nodepool.go: "If left undefined, the
 *   controller will wait indefinitely for pods to be drained"; `DefaultTerminationGracePeriod` is nil).
 * - pkg/controllers/node/termination/terminator/eviction.go `needsForceDelete`: a pod that is not terminating must be
 *   deleted once now is strictly after deadline − its `terminationGracePeriodSeconds`; one already terminating, when
 *   its DeletionTimestamp (deletion + its grace) is after the deadline (pkg/utils/pod `IsPodEligibleForForcedEviction`).
 *   `Queue.Reconcile` checks this before anything else at each of the pod's reconciles (its eviction retries), and
 *   `forceDelete` deletes it — no Eviction API, so no PodDisruptionBudget — with `GracePeriodSeconds` =
 *   max(int64(deadline − now in seconds), 1).
 * - `Terminator.Drain` enqueues at the drain's first reconcile the pods past that threshold, terminating ones included.
 */

/** `karpenter.sh/nodeclaim-termination-timestamp`, s: deletion + terminationGracePeriod; null without one. */
export function nodeTerminationTime(deletedAt: number, terminationGracePeriodSeconds: number | null): number | null {
  return terminationGracePeriodSeconds === null ? null : deletedAt + terminationGracePeriodSeconds;
}

/** What `needsForceDelete` reads of a pod. */
export interface PodTermination {
  /** Already terminating (a DeletionTimestamp). */
  terminating: boolean;
  /** When it was deleted, s (terminating pods only). */
  deletedAt: number;
  /** Its `terminationGracePeriodSeconds`. */
  graceSeconds: number;
}

/** `needsForceDelete`: the pod must be deleted now, whatever its PodDisruptionBudget says. */
export function needsForceDelete(pod: PodTermination, deadline: number | null, now: number): boolean {
  if (deadline === null) return false;
  // A pod's DeletionTimestamp is its deletion + grace: when the kubelet may kill it.
  if (pod.terminating) return pod.deletedAt + pod.graceSeconds > deadline;
  return now > deadline - pod.graceSeconds;
}

/** `forceDelete`'s `GracePeriodSeconds`: what is left to the deadline, whole seconds (int64 truncation), at least 1. */
export function forcedGraceSeconds(deadline: number, now: number): number {
  return Math.max(Math.trunc(deadline - now), 1);
}
