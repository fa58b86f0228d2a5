/**
 * A NodeClaim's `status.lastPodEventTime`, which restarts `consolidateAfter`. A port of kubernetes-sigs/karpenter at
 * 2266468104f36373ed002241afaee2d3bbc26078 pkg/controllers/nodeclaim/podevents/controller.go:
 * - the events are a pod bound to the node, a bound pod going terminating (deletion started) and a bound pod going
 *   terminal (`Register`'s UpdateFunc: `bound || terminal || terminating`);
 * - `Reconcile` skips the write while the last recorded event is less than `dedupeTimeout` (10 s) old
 *   (`clock.Since(LastPodEventTime) < dedupeTimeout`), so a burst of events within 10 s of the recorded one leaves
 *   the time at the burst's first event.
 */
import type { NodeRuntime } from '../cluster/node-runtime.ts';

/** podevents `dedupeTimeout`, s. */
export const POD_EVENT_DEDUPE_SECONDS = 10;

/** A pod was bound to `node`, or one bound to it started terminating or ended, at `now`. */
export function recordPodEvent(node: NodeRuntime, now: number): void {
  if (node.lastPodEventAt >= 0 && now - node.lastPodEventAt < POD_EVENT_DEDUPE_SECONDS) return;
  node.lastPodEventAt = now;
}
