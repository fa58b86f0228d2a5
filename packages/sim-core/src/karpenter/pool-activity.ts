/** What each pool's provisioner did over a run: launches by offering, consolidations, capacity refusals. */
import type { PoolRuntime } from '../cluster/pool-runtime.ts';
import type { EnginePoolActivity } from '../engine/engine-result.ts';
import type { KarpenterPoolStats } from './karpenter-controller.ts';

type Capacity = EnginePoolActivity['launches'][number]['capacity'];

/** Launch counts of one pool, by instance type and capacity, in first-launch order; and CA-side refusals. */
export class PoolLaunches {
  private readonly counts = new Map<string, { instanceId: string; capacity: Capacity; nodes: number }>();
  /** Node-group launches refused for insufficient capacity (cluster-autoscaler pools). */
  insufficientCapacity = 0;
  /** Scale-ups the cluster autoscaler saw fail for insufficient capacity (each backed the group off). */
  failedLaunches = 0;

  add(instanceId: string, capacity: Capacity): void {
    const key = `${instanceId}|${capacity}`;
    const c = this.counts.get(key);
    if (c) c.nodes++;
    else this.counts.set(key, { instanceId, capacity, nodes: 1 });
  }

  list(): EnginePoolActivity['launches'] {
    return [...this.counts.values()].map((c) => ({ ...c }));
  }
}

/** The pool's activity record for the result. */
export function poolActivity(pool: PoolRuntime, launches: PoolLaunches, karpenter: KarpenterPoolStats | null): EnginePoolActivity {
  return {
    pool: pool.config.name,
    provisioner: pool.config.karpenter ? 'karpenter' : 'cluster-autoscaler',
    launches: launches.list(),
    consolidations: { empty: karpenter?.empty ?? 0, deleted: karpenter?.deleted ?? 0, replaced: karpenter?.replaced ?? 0 },
    expired: karpenter?.expired ?? 0,
    insufficientCapacity: karpenter?.insufficientCapacity ?? launches.insufficientCapacity,
    failedLaunches: karpenter?.failedLaunches ?? launches.failedLaunches,
  };
}
