/**
 * The order in which Karpenter tries NodePools for a new NodeClaim. kubernetes-sigs/karpenter @
 * 2266468104f36373ed002241afaee2d3bbc26078 `pkg/utils/nodepool/nodepool.go` `OrderByWeight`: higher `spec.weight`
 * first (no weight = 0), equal weights by name DESCENDING (`nps[a].Name > nps[b].Name`); `provisioner.go`
 * `NewScheduler` sorts the NodePools so, and `scheduler.go` `addToNewNodeClaim` keeps the first template (lowest
 * index) that can take the pod. The order a pod's node affinity lists its pools in plays no part.
 */

/** What the order reads of a NodePool: its index in the scenario, its name and its weight (0 when not set). */
export interface WeightedPool {
  index: number;
  name: string;
  weight: number;
}

/** Pool indices in `OrderByWeight` order. */
export function orderByWeight(pools: readonly WeightedPool[]): number[] {
  // Names are unique within a scenario, so the comparison is total and the result does not depend on the input order.
  return [...pools].sort((a, b) => (a.weight !== b.weight ? b.weight - a.weight : a.name > b.name ? -1 : a.name < b.name ? 1 : 0)).map((p) => p.index);
}
