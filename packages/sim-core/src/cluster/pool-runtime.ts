import { nodeTimeUsd } from '@design-sim/cost-model';
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
  /** Nodes that exist for the scheduler but not at the cloud (a launch refused for insufficient capacity): not billed. */
  private unbilledSpot = 0;
  private unbilledRegular = 0;
  /** Karpenter pools: node-seconds and alive nodes by instance type and capacity (index type × 2 + spot), and alive units. */
  readonly typeSeconds: Float64Array | null;
  private readonly aliveByType: Int32Array | null;
  private aliveUnits = 0;

  /** Schedulable units per GPU: MIG slices on a MIG pool, else 1. */
  readonly unitsPerGpu: number;

  constructor(
    readonly index: number,
    readonly config: EnginePool,
  ) {
    this.unitsPerGpu = config.migSlicesPerGpu ?? 1;
    const types = config.karpenter?.types.length ?? 0;
    this.typeSeconds = types > 0 ? new Float64Array(types * 2) : null;
    this.aliveByType = types > 0 ? new Int32Array(types * 2) : null;
  }

  /** Brings node-second integrals up to `now`. */
  accrue(now: number): void {
    const dt = now - this.lastAccrual;
    if (dt > 0) {
      this.spotNodeSeconds += (this.aliveSpot - this.unbilledSpot) * dt;
      this.regularNodeSeconds += (this.aliveRegular - this.unbilledRegular) * dt;
      if (this.typeSeconds !== null) for (let i = 0; i < this.typeSeconds.length; i++) this.typeSeconds[i]! += this.aliveByType![i]! * dt;
      this.lastAccrual = now;
    }
  }

  /** USD accrued so far (call `accrue` first): per instance type on a Karpenter pool, else at the pool's two prices. */
  accruedUsd(): number {
    const k = this.config.karpenter;
    if (!k || this.typeSeconds === null) return (this.spotNodeSeconds * (this.config.spotUsdPerHour ?? 0) + this.regularNodeSeconds * (this.config.regularUsdPerHour ?? 0)) / 3600;
    let usd = 0;
    k.types.forEach((t, i) => (usd += (this.typeSeconds![i * 2]! * (t.onDemandUsdPerHour ?? 0) + this.typeSeconds![i * 2 + 1]! * (t.spotUsdPerHour ?? 0)) / 3600));
    return usd;
  }

  /** The part of `accruedUsd` billed for spot nodes (call `accrue` first); cost-model prices the node time. */
  accruedSpotUsd(): number {
    const k = this.config.karpenter;
    if (!k || this.typeSeconds === null) return nodeTimeUsd(this.spotNodeSeconds, this.config.spotUsdPerHour);
    let usd = 0;
    k.types.forEach((t, i) => (usd += nodeTimeUsd(this.typeSeconds![i * 2 + 1]!, t.spotUsdPerHour)));
    return usd;
  }

  /** Units (GPUs, or vCPUs) of nodes that are ready or draining. */
  readyUnits(): number {
    let units = 0;
    for (const n of this.nodes) if (n.state === NodeState.Ready || n.state === NodeState.Draining) units += n.gpus;
    return units;
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
   * on-demand fallback while spot capacity is out after a reclaim wave). A Karpenter pool passes the offering
   * it launched (`offering`): instance type, capacity and zone.
   */
  addNode(uid: number, now: number, offering?: { type: number; spot: boolean; zone: number }, onDemandOnly = false): NodeRuntime {
    this.accrue(now);
    const alive = this.aliveCount;
    const k = this.config.karpenter;
    const spot = offering ? offering.spot : !onDemandOnly && this.config.spotShare > 0 && this.aliveSpot + 1 <= this.config.spotShare * (alive + 1) + 1e-9;
    const gpus = offering && k ? k.types[offering.type]!.gpus : this.config.gpusPerNode;
    const node = new NodeRuntime(uid, this.index, gpus, spot, now);
    this.nodes.push(node);
    if (spot) this.aliveSpot++;
    else this.aliveRegular++;
    if (offering && this.aliveByType !== null) {
      node.instanceType = offering.type;
      node.zone = offering.zone;
      this.aliveByType[offering.type * 2 + (spot ? 1 : 0)]!++;
    }
    this.aliveUnits += gpus;
    return node;
  }

  /** GPUs of every alive node (ready, draining or provisioning; MIG slices counted as whole GPUs); 0 meaning nothing for a CPU pool. */
  get aliveGpuCount(): number {
    return this.aliveUnits / this.unitsPerGpu;
  }

  /** Units (GPUs or vCPUs) of every alive node, billed or not. */
  get aliveUnitCount(): number {
    return this.aliveUnits;
  }

  /** The node exists for the scheduler and the autoscaler but the cloud refused it: stop billing it. */
  markUnbilled(node: NodeRuntime, now: number): void {
    if (node.createError) return;
    this.accrue(now);
    node.createError = true;
    if (node.spot) this.unbilledSpot++;
    else this.unbilledRegular++;
  }

  removeNode(node: NodeRuntime, now: number): void {
    if (node.state === NodeState.Gone) return;
    this.accrue(now);
    node.state = NodeState.Gone;
    if (node.spot) this.aliveSpot--;
    else this.aliveRegular--;
    if (node.createError) {
      if (node.spot) this.unbilledSpot--;
      else this.unbilledRegular--;
    }
    this.aliveUnits -= node.gpus;
    if (this.aliveByType !== null) this.aliveByType[node.instanceType * 2 + (node.spot ? 1 : 0)]!--;
    const i = this.nodes.indexOf(node);
    if (i >= 0) this.nodes.splice(i, 1);
  }
}
