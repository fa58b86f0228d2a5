/**
 * kube-scheduler for GPU pods: the queue of unscheduled pods (oldest first) and where each one binds. Feasible
 * nodes are Ready (not cordoned) nodes of a pool the pod may use (its node affinity) with enough free GPUs
 * (NodeResourcesFit); among them the default scoring's NodeResourcesFit `LeastAllocated` strategy wins: the
 * highest integer percentage of GPUs left free after the pod is placed
 * (pkg/scheduler/framework/plugins/noderesources/least_allocated.go `leastResourceScorer`). Upstream breaks equal
 * scores at random (`selectHost`); here the oldest node wins, so runs are reproducible.
 */
import type { Pod } from '../engine/pod.ts';
import { PodState } from '../engine/pod.ts';
import { type NodeRuntime, NodeState } from './node-runtime.ts';
import type { PoolRuntime } from './pool-runtime.ts';

export class PodScheduler {
  /** Unscheduled pods, in the order they became pending (entries that left phase Pending are skipped). */
  readonly pending: Pod[] = [];

  constructor(
    private readonly pools: readonly PoolRuntime[],
    private readonly gpusOf: (pod: Pod) => number,
    private readonly poolsOf: (pod: Pod) => readonly number[],
  ) {}

  /** The node the pod would bind to now, or null. */
  pickNode(pod: Pod): NodeRuntime | null {
    const gpus = this.gpusOf(pod);
    let best: NodeRuntime | null = null;
    let bestScore = -1;
    for (const p of this.poolsOf(pod)) {
      for (const node of this.pools[p]!.nodes) {
        if (node.state !== NodeState.Ready || node.freeGpus < gpus) continue;
        const score = leastAllocatedScore(node, gpus);
        if (score > bestScore || (score === bestScore && best !== null && node.uid < best.uid)) {
          best = node;
          bestScore = score;
        }
      }
    }
    return best;
  }

  /** Queues a pod that found no node. */
  enqueue(pod: Pod): void {
    this.pending.push(pod);
  }

  /** Removes a pod deleted before it was scheduled. */
  remove(pod: Pod): void {
    const i = this.pending.indexOf(pod);
    if (i >= 0) this.pending.splice(i, 1);
  }

  /** Binds every pending pod that now fits, oldest first; `bind` is called for each (and may bind more state). */
  schedulePending(bind: (pod: Pod, node: NodeRuntime) => void): void {
    if (this.pending.length === 0) return;
    const still: Pod[] = [];
    for (const pod of [...this.pending]) {
      if (pod.state !== PodState.Pending) continue;
      const node = this.pickNode(pod);
      if (node === null) still.push(pod);
      else bind(pod, node);
    }
    this.pending.length = 0;
    this.pending.push(...still);
  }
}

// LeastAllocated for the one resource modelled: int64((allocatable − requested) × 100 / allocatable).
function leastAllocatedScore(node: NodeRuntime, podGpus: number): number {
  return node.gpus === 0 ? 0 : Math.trunc(((node.freeGpus - podGpus) * 100) / node.gpus);
}
