/** Per node pool: its provisioner, what it launched and removed, capacity refusals, node-hours and cost. */
import type { CostLine } from '@design-sim/cost-model';
import type { EnginePoolActivity, EnginePoolResult, EngineResult } from '../engine/engine-result.ts';

/** One pool's provisioning over the run (money in USD). */
export interface NodePoolSummary {
  name: string;
  provisioner: EnginePoolActivity['provisioner'];
  /** Nodes launched after t = 0, by instance type and capacity. */
  launches: EnginePoolActivity['launches'];
  /** Karpenter consolidation: empty nodes deleted, underutilized nodes deleted, nodes replaced by a cheaper one. */
  consolidations: EnginePoolActivity['consolidations'];
  /** Karpenter: nodes deleted at `expireAfter`. */
  expired: number;
  /** Launch attempts refused for insufficient capacity (Karpenter then tried its next offering). */
  insufficientCapacity: number;
  /** Karpenter: launches with no offering left; cluster autoscaler: failed scale-ups that backed the group off. */
  failedLaunches: number;
  /** Node-hours billed, all instance types and capacities. */
  nodeHours: number;
  /** The pool's share of the bill; null when a price it needs is unknown. */
  costUsd: number | null;
  /** Its own nodes at each interval end (the top-level `timeseries.readyNodes` and `provisioningNodes` sum the pools). */
  timeseries: EnginePoolResult['series'];
}

/** The pools' summaries, in spec order. */
export function nodePoolSummaries(r: EngineResult, lines: readonly CostLine[]): NodePoolSummary[] {
  return r.pools.map((p) => {
    let seconds = 0;
    for (const u of r.nodeUsage) if (u.pool === p.pool) seconds += u.nodeSeconds;
    let usd: number | null = 0;
    for (const l of lines) if (l.pool === p.pool) usd = l.usd === null || usd === null ? null : usd + l.usd;
    return {
      name: p.pool,
      provisioner: p.provisioner,
      launches: p.launches,
      consolidations: p.consolidations,
      expired: p.expired,
      insufficientCapacity: p.insufficientCapacity,
      failedLaunches: p.failedLaunches,
      nodeHours: seconds / 3600,
      costUsd: usd,
      timeseries: p.series,
    };
  });
}
