import type { EnginePool } from '../engine/engine-config.ts';
import { NodeRuntime, NodeState } from './node-runtime.ts';

/**
 * A node pool at run time: its nodes and node-seconds by capacity type for the bill. Where pods go is
 * pod-scheduler.ts; when nodes come and go is the cluster autoscaler's.
 */
export class PoolRuntime {
  readonly nodes: NodeRuntime[] = [];
  spotNodeSeconds = 0;
  regularNodeSeconds = 0;
  private lastAccrual = 0;
  private aliveSpot = 0;
  private aliveRegular = 0;
  peakGpus = 0;

  /** Schedulable units per GPU: MIG slices on a MIG pool, else 1. */
  readonly unitsPerGpu: number;

  constructor(
    readonly index: number,
    readonly config: EnginePool,
  ) {
    this.unitsPerGpu = config.migSlicesPerGpu ?? 1;
  }

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

  /**
   * Adds a node; whether it is spot keeps the pool at its target spot share, unless `onDemandOnly` (the
   * on-demand fallback while spot capacity is out after a reclaim wave).
   */
  addNode(uid: number, now: number, onDemandOnly = false): NodeRuntime {
    this.accrue(now);
    const alive = this.aliveCount;
    const spot = !onDemandOnly && this.config.spotShare > 0 && this.aliveSpot + 1 <= this.config.spotShare * (alive + 1) + 1e-9;
    const node = new NodeRuntime(uid, this.index, this.config.gpusPerNode, spot, now);
    this.nodes.push(node);
    if (spot) this.aliveSpot++;
    else this.aliveRegular++;
    if (this.config.unit !== 'cpu') this.peakGpus = Math.max(this.peakGpus, (this.aliveCount * this.config.gpusPerNode) / this.unitsPerGpu);
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
}
