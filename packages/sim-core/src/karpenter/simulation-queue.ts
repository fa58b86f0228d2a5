/**
 * The pods of a consolidation simulation, the order the scheduler takes them in, and what each kind's placement or
 * failure means for the command. A port of kubernetes-sigs/karpenter at commit 2266468104f36373ed002241afaee2d3bbc26078:
 * - pkg/controllers/disruption/helpers.go `SimulateScheduling`: the scheduler is handed the cluster's pending pods
 *   (`provisioner.GetPendingPods`: every provisionable pod), then the candidates' reschedulable pods, then the
 *   reschedulable pods of nodes already being deleted (`deletingNodes.CurrentlyReschedulablePods`), all in ONE queue.
 * - pkg/controllers/provisioning/scheduling/queue.go `NewQueue` / `byCPUAndMemoryDescending`: largest request first,
 *   then creation time (to the second), then UID — whatever list the pod came from. So a pending pod that is larger,
 *   or as large and older, takes a node's room before a candidate's pod does.
 * - scheduler.go `addToExistingNode`: a node under its consolidateAfter (`isUnderConsolidateAfter`) refuses only the
 *   candidates' pods ("Pending pods and pods from deleting nodes are exempt").
 * - helpers.go, after `Solve`: every pod placed on an uninitialized node gets an `UninitializedNodeError`, except the
 *   deleting nodes' pods (`deletingNodePodKeys`). A pending pod gets one too, but
 * - scheduler.go `Results.AllNonPendingPodsScheduled` (what consolidation.go `computeConsolidation` and validation.go
 *   `validateCommand` test) drops the errors of provisionable pods: "We don't care if a pod was pending before
 *   consolidation and will still be pending after". A pending pod that lands on an in-flight node, or fits nowhere,
 *   blocks nothing; a candidate's or a deleting node's pod that fits nowhere does.
 * A pending pod that fits no existing node still opens a NodeClaim when a NodePool can take it (`addToNewNodeClaim`),
 * and `computeConsolidation` counts every new NodeClaim (`len(results.NewNodeClaims)`), so pending pods can turn a
 * delete into a replace, or into no command when they need a NodeClaim of their own (consolidation.ts).
 */

import type { SolverPod } from './provisioning-solver.ts';

/**
 * A pod of a consolidation simulation: what a provisioning round knows of a pod (its units, the pools it may use in
 * NodePool weight order, and what orders equal pods in the scheduler's queue: creation time to the second, then UID).
 */
export type SimPod = SolverPod;

/**
 * Where a pod of the simulation comes from: a candidate node (`candidate`), a node already being deleted (`moving`),
 * or no node at all (`pending`: unbound, provisionable).
 */
export type SimPodKind = 'candidate' | 'moving' | 'pending';

export interface QueuedPod {
  pod: SimPod;
  kind: SimPodKind;
}

/** The simulation's pods besides the candidates': those of nodes being deleted and the pending ones. */
export interface OtherSimPods {
  moving: readonly SimPod[];
  pending: readonly SimPod[];
}

/** No pods besides the candidates' (the reduced simulations of unit tests that exercise neither). */
export const NO_OTHER_PODS: OtherSimPods = { moving: [], pending: [] };

/** `NewQueue`: every pod of the simulation, sorted by `byCPUAndMemoryDescending` (GPUs here). */
export function simulationQueue(candidatePods: readonly SimPod[], others: OtherSimPods): QueuedPod[] {
  const queued: QueuedPod[] = [
    ...others.pending.map((pod) => ({ pod, kind: 'pending' as const })),
    ...candidatePods.map((pod) => ({ pod, kind: 'candidate' as const })),
    ...others.moving.map((pod) => ({ pod, kind: 'moving' as const })),
  ];
  return queued.sort((a, b) => b.pod.gpus - a.pod.gpus || Math.floor(a.pod.createdAt) - Math.floor(b.pod.createdAt) || a.pod.uid - b.pod.uid);
}

/** `addToExistingNode`: only a candidate's pod is kept off a node under its consolidateAfter. */
export function heldByConsolidateAfter(kind: SimPodKind): boolean {
  return kind === 'candidate';
}

/**
 * Whether the pod's landing on an uninitialized node fails the simulation: it gets an `UninitializedNodeError` unless
 * it is a deleting node's pod, and the error counts unless the pod is pending (`AllNonPendingPodsScheduled`).
 */
export function blockedByUninitialized(kind: SimPodKind): boolean {
  return kind === 'candidate';
}

/** `AllNonPendingPodsScheduled`: a pod that fits nowhere fails the simulation unless it is pending. */
export function mustSchedule(kind: SimPodKind): boolean {
  return kind !== 'pending';
}
