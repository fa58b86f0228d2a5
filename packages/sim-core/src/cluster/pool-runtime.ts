import type { EnginePool } from '../engine/engine-config.ts';
import { type Pod, PodState } from '../engine/pod.ts';
import { NodeRuntime, NodeState } from './node-runtime.ts';

/**
 * A node pool at run time: its nodes, the pods waiting for a GPU, where the scheduler puts them, and
 * node-seconds by capacity type for the bill. Scheduling follows kube-scheduler's default scoring
 * (NodeResourcesFit LeastAllocated: the node with the most free GPUs wins; ties by age).
 */
export class PoolRuntime {
  readonly nodes: NodeRuntime[] = [];
  /** Unscheduled pods, in the order they became pending. */
  readonly pending: Pod[] = [];
  spotNodeSeconds = 0;
  regularNodeSeconds = 0;
  private lastAccrual = 0;
  private aliveSpot = 0;
  private aliveRegular = 0;
  peakGpus = 0;

  constructor(
    readonly index: number,
    readonly config: EnginePool,
  ) {}

  /** Brings node-second integrals up to `now`. */
  accrue(now: number): void {
    const dt = now - this.lastAccrual;
    if (dt > 0) {
      this.spotNodeSeconds += this.aliveSpot * dt;
      this.regularNodeSeconds += this.aliveRegular * dt;
      this.lastAccrual = now;
    }
  }

  /** Nodes that exist (provisioning, ready or draining). */
  get aliveCount(): number {
    return this.aliveSpot + this.aliveRegular;
  }

  countIn(state: NodeState): number {
    let n = 0;
    for (const node of this.nodes) if (node.state === state) n++;
    return n;
  }

  /** Adds a node; whether it is spot keeps the pool at its target spot share. */
  addNode(uid: number, now: number): NodeRuntime {
    this.accrue(now);
    const alive = this.aliveCount;
    const spot = this.config.spotShare > 0 && this.aliveSpot + 1 <= this.config.spotShare * (alive + 1) + 1e-9;
    const node = new NodeRuntime(uid, this.index, this.config.gpusPerNode, spot, now);
    this.nodes.push(node);
    if (spot) this.aliveSpot++;
    else this.aliveRegular++;
    this.peakGpus = Math.max(this.peakGpus, this.aliveCount * this.config.gpusPerNode);
    return node;
  }

  removeNode(node: NodeRuntime, now: number): void {
    if (node.state === NodeState.Gone) return;
    this.accrue(now);
    node.state = NodeState.Gone;
    if (node.spot) this.aliveSpot--;
    else this.aliveRegular--;
    const i = this.nodes.indexOf(node);
    if (i >= 0) this.nodes.splice(i, 1);
  }

  /** The ready node with the most free GPUs that fits `gpus`, or null. */
  pickNode(gpus: number): NodeRuntime | null {
    let best: NodeRuntime | null = null;
    for (const node of this.nodes) {
      if (node.state !== NodeState.Ready || node.freeGpus < gpus) continue;
      if (best === null || node.freeGpus > best.freeGpus) best = node;
    }
    return best;
  }

  /** Removes a pod from the pending list (it was deleted before it was scheduled). */
  unqueue(pod: Pod): void {
    const i = this.pending.indexOf(pod);
    if (i >= 0) this.pending.splice(i, 1);
  }

  /** Pods still waiting, for the time series (phase Pending also counts image pulls). */
  pendingUnscheduled(): number {
    let n = 0;
    for (const p of this.pending) if (p.state === PodState.Pending) n++;
    return n;
  }
}
