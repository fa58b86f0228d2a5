/**
 * A NodePool's `spec.limits` as Karpenter's scheduler reads them, in a provisioning round and in a consolidation
 * simulation alike. A port of kubernetes-sigs/karpenter at commit 2266468104f36373ed002241afaee2d3bbc26078,
 * pkg/controllers/provisioning/scheduling/scheduler.go:
 * - `NewScheduler`: `remainingResources[pool]` starts at the pool's limits; `calculateExistingNodeClaims` →
 *   `updateRemainingResources` subtracts the capacity of each node it is given (a StateNode's capacity counts 1 node:
 *   state/statenode.go `Capacity`). Those nodes are `nodes.Active()`, every node of the cluster state not
 *   `MarkedForDeletion` (launched, in flight or initialized; provisioner.go `Schedule`), and in a consolidation
 *   simulation the same without the candidates (disruption/helpers.go `SimulateScheduling`, `stateNodes`): the nodes
 *   a command would remove are credited back, and so are nodes already being deleted.
 * - `addToNewNodeClaim`: a NodePool whose `nodes` remaining is zero opens no NodeClaim; `filterByRemainingResources`
 *   drops each instance type whose capacity exceeds what remains. A NodeClaim opened then takes `subtractMax` (its
 *   largest type) off the pool's remaining (provisioning-solver.ts; a consolidation opens at most one).
 * Units are the pool's (GPUs, or vCPUs on a CPU pool), the one resource modelled; the simulator's own `maxNodes`
 * caps the node count like a `nodes` limit.
 */

/** A node counted against its NodePool's limits: one not being deleted (`StateNodes.Active`). */
export interface ActiveNode {
  uid: number;
  pool: number;
  /** Its capacity in the pool's units. */
  units: number;
}

/** A NodePool's caps: `limits.nodes` (with the pool's maxNodes) and `limits` of its unit; Infinity = none. */
export interface PoolCaps {
  nodes: number;
  units: number;
}

/** What every Karpenter pool may hold and what its active nodes take now. */
export interface PoolLimits {
  caps: ReadonlyMap<number, PoolCaps>;
  active: readonly ActiveNode[];
}

/** No pool limited (the reduced simulations of the unit tests that do not exercise limits). */
export const NO_LIMITS: PoolLimits = { caps: new Map(), active: [] };

/** What a pool has left: nodes and units. */
export interface Remaining {
  nodes: number;
  units: number;
}

/** `remainingResources[pool]` after `calculateExistingNodeClaims` over the active nodes not in `without` (the candidates). */
export function remainingFor(limits: PoolLimits, pool: number, without: ReadonlySet<number> = new Set()): Remaining {
  const caps = limits.caps.get(pool) ?? { nodes: Infinity, units: Infinity };
  let nodes = caps.nodes;
  let units = caps.units;
  for (const n of limits.active) {
    if (n.pool !== pool || without.has(n.uid)) continue;
    nodes--;
    units -= n.units;
  }
  return { nodes, units };
}

/**
 * `addToNewNodeClaim`'s limit checks for one instance type of `units`: the pool has a node left (`nodesRemaining`
 * not zero; below zero `filterByRemainingResources` drops every type, as an instance type's capacity lists no
 * `nodes`) and the type's capacity does not exceed the units left.
 */
export function withinRemaining(units: number, remaining: Remaining): boolean {
  return remaining.nodes > 0 && units <= remaining.units;
}
