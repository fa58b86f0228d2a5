/**
 * One provisioning round of Karpenter for GPU pods, reduced to what the simulator models (a pod's GPUs and the
 * pools it may use). A port of kubernetes-sigs/karpenter at commit 2266468104f36373ed002241afaee2d3bbc26078,
 * pkg/controllers/provisioning/scheduling:
 * - queue.go `NewQueue` / `byCPUAndMemoryDescending`: the batch's pods, largest request first (ties: oldest by
 *   CreationTimestamp, then UID).
 * - scheduler.go `Scheduler.add`: a pod first goes to an existing or in-flight node with room
 *   (`addToExistingNode`), then to a NodeClaim already planned in this round (fewest pods first), then to a new
 *   NodeClaim from the first NodePool that can take it.
 * - nodeclaim.go `NodeClaim.CanAdd` / `filterInstanceTypesByRequirements`: a NodeClaim keeps every instance type
 *   that still fits all its pods; a pod joins when at least one remains. So a batch packs onto as few nodes as the
 *   largest instance type allows, and the launch then takes the cheapest type left (offerings.ts).
 * - scheduler.go `filterByRemainingResources` and `subtractMax`: limits remove instance types that would exceed
 *   what the pool has left, counting each planned NodeClaim at its largest instance type.
 */
import type { EngineKarpenterPool } from '../engine/engine-config.ts';
import { hasAvailableOffering, type UnavailableOfferings } from './offerings.ts';

/** A pending pod: uid and creation time (order), GPUs, the pools it may use (its node affinity), in NodePool weight order (node-pool-order.ts): a new NodeClaim goes to the first that can take it. */
export interface SolverPod {
  uid: number;
  /** s. */
  createdAt: number;
  gpus: number;
  pools: readonly number[];
}

/** What the solver needs to know of a Karpenter pool now. */
export interface SolverPool {
  index: number;
  config: EngineKarpenterPool;
  /** Nodes the pool holds (any state but gone) and their units, against limits. */
  nodes: number;
  units: number;
  /** maxNodes of the pool (the simulator's own cap). */
  maxNodes: number;
}

/** Room on a node that is launching or ready (`ExistingNode`), mutated as pods are placed on it. */
export interface SolverNode {
  pool: number;
  free: number;
}

/** A NodeClaim to launch: its pool, the instance types that fit all its pods, its pods and their units. */
export interface PlannedClaim {
  pool: number;
  types: number[];
  pods: SolverPod[];
  units: number;
}

/** The round's NodeClaims, and the pods that fit nowhere (they stay pending). */
export interface SolveResult {
  claims: PlannedClaim[];
  unschedulable: SolverPod[];
}

/** `Scheduler.Solve` over a batch of pending pods. */
export function solve(pods: readonly SolverPod[], pools: readonly SolverPool[], existing: SolverNode[], ice: UnavailableOfferings, now: number): SolveResult {
  const byIndex = new Map(pools.map((p) => [p.index, p]));
  const queue = [...pods].sort((a, b) => b.gpus - a.gpus || a.createdAt - b.createdAt || a.uid - b.uid);
  const claims: PlannedClaim[] = [];
  const unschedulable: SolverPod[] = [];
  // Units and nodes each pool has committed so far, planned claims counted at their largest type (subtractMax).
  const committed = new Map(pools.map((p) => [p.index, { units: p.units, nodes: p.nodes, planned: new Map<PlannedClaim, number>() }]));
  for (const pod of queue) {
    const node = existing.find((n) => pod.pools.includes(n.pool) && n.free >= pod.gpus);
    if (node !== undefined) {
      node.free -= pod.gpus;
      continue;
    }
    const open = [...claims].sort((a, b) => a.pods.length - b.pods.length).find((c) => pod.pools.includes(c.pool) && canAdd(c, pod, byIndex.get(c.pool)!));
    if (open !== undefined) {
      const pool = byIndex.get(open.pool)!;
      open.types = open.types.filter((t) => pool.config.types[t]!.gpus >= open.units + pod.gpus);
      open.pods.push(pod);
      open.units += pod.gpus;
      committed.get(pool.index)!.planned.set(open, Math.max(...open.types.map((t) => pool.config.types[t]!.gpus)));
      continue;
    }
    let placed = false;
    for (const p of pod.pools) {
      const pool = byIndex.get(p);
      if (pool === undefined) continue;
      const c = committed.get(p)!;
      const plannedUnits = [...c.planned.values()].reduce((a, b) => a + b, 0);
      const nodesLeft = Math.min(pool.maxNodes, pool.config.limitNodes ?? Infinity) - c.nodes - c.planned.size;
      if (nodesLeft <= 0) continue;
      const unitsLeft = (pool.config.limitUnits ?? Infinity) - c.units - plannedUnits;
      const types = pool.config.types
        .map((_, i) => i)
        .filter((t) => {
          const units = pool.config.types[t]!.gpus;
          return units >= pod.gpus && units <= unitsLeft && hasAvailableOffering(p, pool.config, t, ice, now);
        });
      if (types.length === 0) continue;
      const claim: PlannedClaim = { pool: p, types, pods: [pod], units: pod.gpus };
      claims.push(claim);
      c.planned.set(claim, Math.max(...types.map((t) => pool.config.types[t]!.gpus)));
      placed = true;
      break;
    }
    if (!placed) unschedulable.push(pod);
  }
  return { claims, unschedulable };
}

// NodeClaim.CanAdd: some remaining instance type holds the claim's pods plus this one.
function canAdd(claim: PlannedClaim, pod: SolverPod, pool: SolverPool): boolean {
  return claim.types.some((t) => pool.config.types[t]!.gpus >= claim.units + pod.gpus);
}
