/**
 * A preemptor's nomination (`status.nominatedNodeName`): the node(s) a pod, or a gang, preempted on and waits for.
 * One rule for serving pods (engine/simulation.ts `preemptFor`) and for jobs (job-queue.ts), as kube-scheduler has
 * one for every pod; what the autoscalers read of it too.
 *
 * kube-scheduler (kubernetes/kubernetes):
 * - Set when PostFilter preemption picks a node and evicts its victims: `Evaluator.Preempt` returns
 *   `NewPostFilterResultWithNominatedNode(best)` (pkg/scheduler/framework/preemption/preemption.go
 *   @ 98be7dfc5da8533f62c063206c5751e884d6294d).
 * - Kept while the pod may not preempt again (`waitsForVictims`): `DefaultPreemption.PodEligibleToPreemptOthers`
 *   (pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go @ e4d77d9256504b95df4fd35f9b2e4308707951d7)
 *   is false while the nominated node holds a lower-priority pod terminating by preemption (`podTerminatingByPreemption`:
 *   deleted, with the DisruptionTarget condition PreemptionByScheduler), unless the node is now UnschedulableAndUnresolvable
 *   for the pod (cordoned or NotReady) or gone; `Preempt` then returns a nil result, which leaves the field alone
 *   (pkg/scheduler/schedule_one.go `handleSchedulingFailure` → `updatePod`, changing it only in `ModeOverride`,
 *   @ 003b4460edb52bc9a9fe6cf54294e5b3e4681610).
 * - Cleared by a later failed attempt that may preempt and finds no candidate (`NewPostFilterResultWithNominatedNode("")`),
 *   replaced when it finds another; moot once the pod binds.
 * In design-sim a pod is tried at every scheduling pass, and a pass runs whenever a pod leaves a node, so the field is
 * settled at the instant the last victim goes: the pod binds there, preempts again, or loses its nomination.
 *
 * The autoscalers:
 * - Karpenter (kubernetes-sigs/karpenter @ 2266468104f36373ed002241afaee2d3bbc26078 pkg/utils/pod/scheduling.go):
 *   `IsProvisionable` requires `!IsPreempting` (`NominatedNodeName != ""`): a nominated pod is neither batched nor
 *   packed, and its pod controller stops requeuing it; the update that clears the field makes it provisionable again.
 * - The cluster autoscaler (kubernetes/autoscaler @ cb2123ed13148c38fbdb1ede42d8e99761ee2909 core/utils/expendable.go
 *   `FilterOutExpendableAndSplit`): a nominated pod whose node still exists waits for lower-priority preemption and is
 *   not helped; one whose node is gone is an unschedulable pod like any other.
 */
import { type Pod, PodState } from '../engine/pod.ts';
import { type NodeRuntime, NodeState } from './node-runtime.ts';

/** No nomination. */
export const NOT_NOMINATED: readonly NodeRuntime[] = Object.freeze([]);

/**
 * `PodEligibleToPreemptOthers` negated (a preemptor's own policy aside): a nominated node still Ready holds a pod of
 * lower priority than `priority` terminating by preemption. The pod waits and does not preempt again.
 */
export function waitsForVictims(nominated: readonly NodeRuntime[], priority: number, priorityOf: (pod: Pod) => number): boolean {
  for (const node of nominated) {
    if (node.state !== NodeState.Ready) continue;
    for (const p of node.pods) if (p.state === PodState.Terminating && p.preempted && priorityOf(p) < priority) return true;
  }
  return false;
}

/** Karpenter's `IsPreempting`: the pod has a nominated node. */
export function isPreempting(nominated: readonly NodeRuntime[]): boolean {
  return nominated.length > 0;
}

/** `FilterOutExpendableAndSplit`'s `waitingForLowerPriorityPreemption`: nominated, and its node still exists. */
export function waitsOnNominatedNode(nominated: readonly NodeRuntime[]): boolean {
  return nominated.some((n) => n.state !== NodeState.Gone);
}
