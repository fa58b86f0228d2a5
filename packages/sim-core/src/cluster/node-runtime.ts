import type { Pod } from '../engine/pod.ts';
import type { JobPod } from './job-queue.ts';

/** Where a node is in its life: requested from the cloud, ready for pods, being removed, gone. */
export const enum NodeState {
  Provisioning = 0,
  Ready = 1,
  /** Cordoned: scale-down drain, or a spot interruption notice running out. */
  Draining = 2,
  Gone = 3,
  /** Failed (hardware failure or a scheduled fault): still billed, runs nothing, back Ready after its repair. */
  NotReady = 4,
}

/** One GPU node of a pool. Billing runs from the request to removal, as clouds bill from launch. */
export class NodeRuntime {
  state = NodeState.Provisioning;
  gpusUsed = 0;
  readonly pods = new Set<Pod>();
  /** Pods of training and batch jobs bound here (spec.jobs); their units are in gpusUsed too. */
  readonly jobPods = new Set<JobPod>();
  readyAt = -1;
  /** The cloud will never make this node Ready (a provisioning failure drawn at request time). */
  failed = false;
  /** Services whose image this node has already pulled (later pods skip the pull). */
  readonly cachedImages = new Set<number>();
  /** Bumped at each failure, so a failure timer armed before it is ignored. */
  failEpoch = 0;
  /** The state a failed node returns to (Ready, or Draining if it was being removed). */
  stateBeforeFailure: NodeState = NodeState.Ready;
  /** A Karpenter pool's node: index into its instance types, and its zone's index; 0 on other pools. */
  instanceType = 0;
  zone = 0;
  /** Karpenter's `lastPodEventTime` (karpenter/pod-events.ts), for consolidateAfter; s; -1 = none yet. */
  lastPodEventAt = -1;
  /** The cloud refused the launch (insufficient capacity): no instance exists, nothing is billed. */
  createError = false;
  /**
   * Pods a drain left in place (the cluster autoscaler's expendable pods, cluster/expendable.ts): the node is
   * deleted with them once every other pod is gone. Null for a drain that evicts everything.
   */
  drainLeaves: ReadonlySet<Pod | JobPod> | null = null;

  constructor(
    readonly uid: number,
    readonly pool: number,
    readonly gpus: number,
    readonly spot: boolean,
    readonly requestedAt: number,
  ) {}

  get freeGpus(): number {
    return this.gpus - this.gpusUsed;
  }

  /** A draining node's drain is done: every pod still on it is one the drain leaves (none, for most drains). */
  get drained(): boolean {
    for (const p of this.pods) if (!(this.drainLeaves?.has(p) ?? false)) return false;
    for (const p of this.jobPods) if (!(this.drainLeaves?.has(p) ?? false)) return false;
    return true;
  }
}
