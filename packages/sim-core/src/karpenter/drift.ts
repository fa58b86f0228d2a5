/**
 * Karpenter drift after a NodePool template change (`spec.nodePools[].rollouts`), the rules that do not need the
 * controller's state. A port of kubernetes-sigs/karpenter at commit 2266468104f36373ed002241afaee2d3bbc26078:
 * - pkg/controllers/nodeclaim/disruption/drift.go `Drift.Reconcile` → `isDrifted` → `areStaticFieldsDrifted`: a
 *   NodeClaim carries the `karpenter.sh/nodepool-hash` of the template it was created from; once the NodePool's hash
 *   differs (any template change: the rollout) the NodeClaim is Drifted (`NodePoolDrifted`). The condition is set when
 *   the NodePool update is reconciled (the controller watches NodePools) and kept with its first transition time
 *   through later changes (`SetTrueWithReason` on a condition already True). A NodeClaim created after the change
 *   carries the new hash: not drifted. `driftedAt` below.
 * - pkg/controllers/disruption/drift.go `Drift.ComputeCommands`: candidates sorted by the Drifted condition's
 *   `LastTransitionTime` (oldest first), then the empty ones (no reschedulable pod) before the others; each in turn is
 *   skipped while the pool's "Drifted" budget is 0, else simulated away (`SimulateScheduling`, no consolidation
 *   option: consolidateAfter does not hold its pods back) and the first whose pods all schedule is the one command
 *   (one candidate per command). No validation delay: the command starts at once (`Class()` is eventual; only the
 *   consolidation methods wait `commandValidationDelay`). `orderDriftCandidates` below.
 * - pkg/controllers/disruption/queue.go `StartCommand`, `Reconcile`, `waitOrTerminate`: the replacements are launched
 *   first, the candidate is marked for deletion, and the queue checks every `queueBaseDelay` (1 s) for the
 *   replacements to be initialized, then deletes the candidate's NodeClaim (the termination controller drains it). A
 *   replacement deleted (failed launch, registration timeout) or a command older than `GetMaxRetryDuration`
 *   (80 ms × commands, clamped to [10 min, 1 h]: 10 min here, with one command at a time) fails the command and the
 *   candidate is disruptable again.
 */

/** `queueBaseDelay` (disruption/queue.go): the orchestration queue re-checks a waiting command this often, s. */
export const DISRUPTION_QUEUE_SECONDS = 1;
/** `minRetryDuration` (disruption/queue.go): a command whose replacements are not initialized by then fails, s. */
export const COMMAND_RETRY_SECONDS = 10 * 60;

/**
 * When a NodeClaim created at `createdAt` turns Drifted: the first template change strictly after its creation (its
 * hash is the template's at creation), Infinity when none (`rollouts` ascending, s).
 */
export function driftedAt(createdAt: number, rollouts: readonly number[]): number {
  for (const r of rollouts) if (r > createdAt) return r;
  return Infinity;
}

/** A drift candidate as `Drift.ComputeCommands` orders it. */
export interface DriftCandidate {
  uid: number;
  /** The Drifted condition's LastTransitionTime, s. */
  driftedAt: number;
  /** No reschedulable pod (`len(c.reschedulablePods) == 0`). */
  empty: boolean;
}

/**
 * `Drift.ComputeCommands`' order: by Drifted transition time (Go's `sort.Slice`, not stable: equal times here by node
 * order), then `lo.FilterReject` into the empty ones and the others, which keeps that order within each.
 */
export function orderDriftCandidates<T extends DriftCandidate>(candidates: readonly T[]): T[] {
  const sorted = [...candidates].sort((a, b) => a.driftedAt - b.driftedAt || a.uid - b.uid);
  return [...sorted.filter((c) => c.empty), ...sorted.filter((c) => !c.empty)];
}
