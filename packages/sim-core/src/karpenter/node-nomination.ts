/**
 * Karpenter's own nomination of a node (not kube-scheduler's `nominatedNodeName`: cluster/nomination.ts), a port of
 * kubernetes-sigs/karpenter @ 2266468104f36373ed002241afaee2d3bbc26078:
 * - scheduling/scheduler.go `Results.Record`: after a provisioning round, every existing node the round put a pod on
 *   (a pending pod, or a pod of a node being deleted) is nominated (state/cluster.go `NominateNodeForPod`);
 * - state/statenode.go `Nominate`, `Nominated` (`nominatedUntil.After(now)`, strict) and `nominationWindow`:
 *   max(2 × BATCH_MAX_DURATION, 10 s), 20 s with the default 10 s batch;
 * - disruption/validation.go `EmptinessValidator.validateCandidates` drops a nominated candidate, and
 *   `ConsolidationValidator.validateCandidates` fails the whole command when one is nominated.
 * Why it matters here: the node launched for a deleting node's pod stays empty until that pod is evicted, and every
 * round the drain's taint triggers puts the pod on it again, so it is never emptied by emptiness meanwhile.
 */

/** `nominationWindow`: how long (s) a node stays nominated after a round put a pod on it. */
export function nominationWindowSeconds(batchMaxSeconds: number): number {
  return Math.max(2 * batchMaxSeconds, 10);
}

/** `StateNode.Nominated`: nominated while `nominatedUntil` is strictly after now (never nominated: −Infinity). */
export function isNominated(nominatedUntil: number, now: number): boolean {
  return nominatedUntil > now;
}
