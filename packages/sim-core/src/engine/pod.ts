import type { NodeRuntime } from '../cluster/node-runtime.ts';
import { SlotQueue } from './slot-queue.ts';

/** Where a pod is in its life. Pending and Pulling are Kubernetes phase Pending; Loading is Running, not Ready. */
export const enum PodState {
  Pending = 0,
  Pulling = 1,
  Loading = 2,
  Ready = 3,
  Terminating = 4,
  Gone = 5,
}

/**
 * A workload's pods as the autoscalers' sources count them: listed (not gone: the pod lister, deleted ones included
 * until they are gone), active (not terminating: the ReplicaSet's `status.replicas`, the scale subresource's) and
 * ready (Running and Ready: `getReadyPodsCount`).
 */
export function countPods(pods: Iterable<Pod>): { listed: number; active: number; ready: number } {
  let listed = 0;
  let active = 0;
  let ready = 0;
  for (const p of pods) {
    if (p.state === PodState.Gone) continue;
    listed++;
    if (p.state !== PodState.Terminating) active++;
    if (p.state === PodState.Ready) ready++;
  }
  return { listed, active, ready };
}

/**
 * One replica of a service: its Kubernetes life (pending → image pull → model load → ready →
 * terminating) and its serving state (requests in service, its queue, counters the metrics read).
 */
export class Pod {
  state = PodState.Pending;
  node: NodeRuntime | null = null;
  readyAt = -1;
  /** When its containers started (bound to a node, or created on an unconstrained cluster), -1 before. */
  startedAt = -1;
  /** deletionTimestamp (s): when the pod was deleted and began terminating, -1 before. */
  deletedAt = -1;
  /** Requests (or batches) in service, by position; `inService` of them are live. */
  readonly active: Int32Array;
  inService = 0;
  /** Of those, visits holding their slot while they wait on calls (thread per request): not working. */
  held = 0;
  readonly queue = new SlotQueue();
  /** Cumulative completed requests (the counter a QPS metric rates). */
  completions = 0;
  /** Cumulative seconds with at least one request in service, and when the current busy spell began. */
  busySeconds = 0;
  busySince = -1;
  /**
   * Seconds of own work of visits started here (credited when work starts; held slots do no work), the counter the
   * cpuUtilization metric rates: CPU used = work ÷ concurrency of the replica's requested vCPUs.
   */
  workSeconds = 0;
  /** Work seconds already counted in the service's utilization series. */
  workCounted = 0;
  /**
   * Slot-seconds held by visits waiting on their calls (thread per request), each hold added as −start when it begins
   * and +end when it ends, so that `heldSeconds + held × now` is the total up to `now` without a per-event integral.
   */
  heldSeconds = 0;
  /** Held slot-seconds already counted in the service's slots-in-use series. */
  heldCounted = 0;
  /** Busy seconds already counted in the fleet's GPU-utilization series. */
  busyCounted = 0;
  /** Position in the service's ready list, -1 when not ready. */
  readyIdx = -1;
  /** Requests routed here and not finished (kept as a counter: least-outstanding reads it per request). */
  load = 0;
  /** Least-outstanding: the load bucket this pod is linked into (-1 = not linked), and its list links. */
  bucket = -1;
  prev: Pod | null = null;
  next: Pod | null = null;
  /** Shared-queue: on the list of pods with a free slot. */
  inIdleList = false;
  /** Set when the pod's node died: its queued completion events are stale. */
  killed = false;
  /** The node this pod preempted on (status.nominatedNodeName; cluster/nomination.ts), or none. */
  nominated: readonly NodeRuntime[] = [];
  /** Deleted by kube-scheduler's preemption (the DisruptionTarget condition PreemptionByScheduler). */
  preempted = false;

  constructor(
    readonly uid: number,
    readonly service: number,
    readonly createdAt: number,
    concurrency: number,
  ) {
    this.active = new Int32Array(concurrency);
  }

  /** Requests routed here and not finished: in service plus queued. */
  get outstanding(): number {
    return this.inService + this.queue.length;
  }

  /** Busy seconds up to `now`, including the current spell. */
  busyUntil(now: number): number {
    return this.busySince >= 0 ? this.busySeconds + (now - this.busySince) : this.busySeconds;
  }
}
