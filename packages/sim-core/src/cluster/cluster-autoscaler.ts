import type { Pod } from '../engine/pod.ts';
import { type NodeRuntime, NodeState } from './node-runtime.ts';
import type { PoolRuntime } from './pool-runtime.ts';

/** What the autoscaler asks the cluster to do. */
export interface ClusterActions {
  /** Launch one node in the pool (it becomes ready after a provisioning delay). */
  requestNode(pool: PoolRuntime, now: number): void;
  /** Evict a pod for a drain (its Deployment replaces it). */
  evictPod(pod: Pod, now: number): void;
  /** Delete an empty node, or a drained one once its pods are gone. */
  deleteNode(pool: PoolRuntime, node: NodeRuntime, now: number): void;
  /** GPUs each pending pod needs. */
  gpusOf(pod: Pod): number;
}

/**
 * The cluster-autoscaler's RunOnce for GPU node groups, as in kubernetes/autoscaler
 * core/static_autoscaler.go (see ../shared/reference/k8s-semantics.md §3): scale-up for pending pods
 * that fit on no existing or upcoming node, after the 30 s GPU-pod buffer; scale-down of nodes whose
 * GPU utilization stays ≤ threshold for longer than the unneeded time (strictly), outside the global
 * cool-down after a scale-up, empty nodes in bulk and at most one non-empty drain at a time.
 */
export class ClusterAutoscaler {
  /** Global, as CA's delays are unless --scale-down-delay-type-local: a scale-up anywhere pauses scale-down everywhere. */
  lastScaleUp = -Infinity;
  private draining: NodeRuntime | null = null;

  constructor(private readonly actions: ClusterActions) {}

  /** One scan of one pool (pools scan on their own interval). */
  scan(pool: PoolRuntime, now: number): void {
    const cfg = pool.config.autoscaler;
    if (!cfg.enabled) return;
    let scaleDownBlocked = false;
    const pending = pool.pending;
    if (pending.length > 0) {
      // allPodsAreNew: the oldest GPU pod is younger than the buffer (created + 30 s > now).
      const oldest = pending[0]!.createdAt;
      if (oldest + cfg.gpuPodBufferSeconds > now) scaleDownBlocked = true;
      else if (this.scaleUp(pool, now)) scaleDownBlocked = true;
    }
    this.updateUnneeded(pool, now);
    if (scaleDownBlocked || this.inCooldown(pool, now)) return;
    this.scaleDown(pool, now);
  }

  private inCooldown(pool: PoolRuntime, now: number): boolean {
    return this.lastScaleUp + pool.config.autoscaler.scaleDownDelayAfterAddSeconds > now;
  }

  /** Bin-packs pending pods onto upcoming nodes, then onto as many new nodes as needed (capped at max). */
  private scaleUp(pool: PoolRuntime, now: number): boolean {
    const gpusPerNode = pool.config.gpusPerNode;
    const upcoming: number[] = [];
    for (const node of pool.nodes) if (node.state === NodeState.Provisioning) upcoming.push(node.freeGpus);
    const fresh: number[] = [];
    for (const pod of pool.pending) {
      const g = this.actions.gpusOf(pod);
      if (g > gpusPerNode) continue; // can never fit: validation reports it; CA would not scale for it either
      const i = upcoming.findIndex((free) => free >= g);
      if (i >= 0) {
        upcoming[i]! -= g;
        continue;
      }
      const j = fresh.findIndex((free) => free >= g);
      if (j >= 0) fresh[j]! -= g;
      else fresh.push(gpusPerNode - g);
    }
    const room = pool.config.maxNodes - pool.aliveCount;
    const count = Math.min(fresh.length, Math.max(0, room));
    if (count === 0) return false;
    for (let i = 0; i < count; i++) this.actions.requestNode(pool, now);
    this.lastScaleUp = now;
    return true;
  }

  /** Marks ready nodes at or under the utilization threshold whose pods fit elsewhere (runs even in cool-down). */
  private updateUnneeded(pool: PoolRuntime, now: number): void {
    const threshold = pool.config.autoscaler.utilizationThreshold;
    let spare = 0;
    for (const node of pool.nodes) if (node.state === NodeState.Ready) spare += node.freeGpus;
    for (const node of pool.nodes) {
      if (node.state !== NodeState.Ready) {
        node.unneededSince = -1;
        continue;
      }
      const utilization = node.gpus === 0 ? 0 : node.gpusUsed / node.gpus;
      const movable = node.gpusUsed <= spare - node.freeGpus;
      if (utilization <= threshold && movable) {
        if (node.unneededSince < 0) node.unneededSince = now;
      } else node.unneededSince = -1;
    }
  }

  private scaleDown(pool: PoolRuntime, now: number): void {
    const cfg = pool.config.autoscaler;
    if (this.draining && this.draining.state === NodeState.Gone) this.draining = null;
    let removable = pool.aliveCount - pool.config.minNodes;
    let emptyDeleted = 0;
    const candidates = pool.nodes.filter(
      (n) => n.state === NodeState.Ready && n.unneededSince >= 0 && n.unneededSince + cfg.scaleDownUnneededSeconds < now,
    );
    for (const node of candidates) {
      if (removable <= 0) return;
      if (node.pods.size === 0) {
        if (emptyDeleted >= cfg.maxEmptyBulkDelete) continue;
        this.actions.deleteNode(pool, node, now);
        emptyDeleted++;
        removable--;
      }
    }
    if (emptyDeleted > 0 || this.draining) return;
    const victim = candidates.find((n) => n.state === NodeState.Ready && n.pods.size > 0);
    if (!victim || removable <= 0) return;
    this.draining = victim;
    victim.state = NodeState.Draining;
    for (const pod of [...victim.pods]) this.actions.evictPod(pod, now);
    if (victim.pods.size === 0) this.actions.deleteNode(pool, victim, now);
  }
}
