/**
 * The cluster autoscaler's expendable pods, a port of kubernetes/autoscaler cluster-autoscaler 1.34
 * (tag cluster-autoscaler-1.34.5, commit cb2123ed13148c38fbdb1ede42d8e99761ee2909) `core/utils/expendable.go`
 * `IsExpendablePod`: a pod whose priority is below `--expendable-pods-priority-cutoff` (default -10, strictly
 * below). Every pod here has a priority (its PriorityClass value, 0 without one), as with the Priority admission
 * plugin on; upstream's "no priority: never expendable" case cannot arise.
 *
 * What it changes, all in `cluster-autoscaler.ts`:
 * - `FilterOutExpendableAndSplit` (core/podlistprocessor/filter_out_expendable.go, first of the pod-list
 *   processors): an expendable unschedulable pod is dropped before anything else, so it never causes a
 *   scale-up and does not count in `allPodsAreNew`.
 * - `FilterOutExpendablePods` before `ClusterSnapshot.SetClusterState` (core/static_autoscaler.go `RunOnce`, and
 *   core/scaledown/actuation/actuator.go `createSnapshot` for the deletion): scheduled expendable pods are not in
 *   the autoscaler's snapshot at all. So their resources are free to pending pods (filter_out_schedulable) and to
 *   pods moved by scale-down; they do not count in a node's utilization (`utilization.Calculate` reads the
 *   snapshot's NodeInfo); `GetPodsToMove` does not list them, so a node with only expendable pods is empty, and
 *   a drain neither finds them a place nor evicts them: they are lost when the node is deleted.
 */

/** `--expendable-pods-priority-cutoff` default (config/flags/flags.go). */
export const DEFAULT_EXPENDABLE_PODS_PRIORITY_CUTOFF = -10;

/** `IsExpendablePod`: priority strictly below the cutoff. */
export function isExpendable(priority: number, cutoff: number): boolean {
  return priority < cutoff;
}
