/**
 * Multi-node consolidation: several underutilized nodes deleted, or replaced by ONE cheaper node, in a single command.
 * A port of kubernetes-sigs/karpenter at commit 2266468104f36373ed002241afaee2d3bbc26078,
 * pkg/controllers/disruption/multinodeconsolidation.go:
 * - `MultiNodeConsolidation.ComputeCommands`: the candidates (consolidation.go `ShouldDisrupt`, as for single-node)
 *   sorted by `SavingsRatio` descending (`sortCandidates`; ties here by node order, Go's `sort.Slice` leaves them
 *   unspecified); in that order a candidate whose pool's "Underutilized" budget has no room left is dropped and each
 *   kept one uses one disruption of its pool; at most 100 are searched (`maxParallel = lo.Clamp(len, 0, 100)`).
 * - `firstNConsolidationOption`: a binary search over the prefix length. min = 1; max = maxParallel, lowered to
 *   len − 1 when len ≤ maxParallel; mid = ⌊(min + max) / 2⌋ tries candidates[0..mid] (mid + 1 nodes, so never fewer
 *   than two: one node is single-node consolidation's); a valid command is saved and min = mid + 1, else
 *   max = mid − 1. The last saved command wins. With more than 100 candidates max stays 100, so a command can
 *   hold 101 nodes, as upstream's does.
 * - A prefix is valid when `computeConsolidation` (consolidation.ts: the price to beat is the candidates' sum, and
 *   all-spot candidates take every cheaper spot type, without the 15-type minimum of single-node) yields a delete, or
 *   a replace that keeps an instance type after `filterOutSameInstanceType`.
 * - The command then waits `commandValidationDelay` in `ConsolidationValidator.Validate` (the controller's execute).
 * Not modelled: `MultiNodeConsolidationTimeoutDuration` (1 min) bounds the controller's wall-clock compute time, and a
 * simulated computation takes no simulated time, so it never fires here; the Balanced policy's evaluator
 * (`ApproveCommand` approves every command under the other policies); `IsConsolidated`, which skips the method while
 * the cluster state is unchanged since a pass found nothing, looking again at least every 5 minutes
 * (state/cluster.go `ConsolidationState`): here every pass computes, so a change the cluster state does not record
 * (an insufficient-capacity entry expiring) is acted on up to 5 minutes sooner.
 */
import { computeConsolidation, type CandidateNode, type ConsolidationCommand, type Destination, type PoolLookup } from './consolidation.ts';
import { priceOf, type UnavailableOfferings } from './offerings.ts';
import { NO_LIMITS, type PoolLimits } from './pool-limits.ts';
import { NO_OTHER_PODS, type OtherSimPods } from './simulation-queue.ts';

/** The most candidates `ComputeCommands` hands to the binary search (`maxParallel`). */
export const MAX_MULTI_NODE_CANDIDATES = 100;

/**
 * `firstNConsolidationOption` over `candidates` (already sorted): `evaluate` returns a prefix's valid command or
 * null; the result is the last valid command the binary search saw, or null (fewer than two candidates, or none).
 */
export function firstNConsolidationOption<C, R>(candidates: readonly C[], maxParallel: number, evaluate: (prefix: readonly C[]) => R | null): R | null {
  if (candidates.length < 2) return null;
  let min = 1;
  let max = candidates.length <= maxParallel ? candidates.length - 1 : maxParallel;
  let saved: R | null = null;
  while (min <= max) {
    const mid = Math.floor((min + max) / 2);
    const cmd = evaluate(candidates.slice(0, mid + 1));
    if (cmd !== null) {
      saved = cmd;
      min = mid + 1;
    } else max = mid - 1;
  }
  return saved;
}

/**
 * `filterOutSameInstanceType`: when the replacement may be of a type one of the candidates already is, keep only the
 * types whose launch price is below the cheapest such candidate's own price — replacing N nodes by one of their own
 * type is deleting N − 1 of them, which moves fewer pods. Null when no type is left. Types are compared by instance
 * id, as upstream compares names; a candidate's price is its own offering's (capacity type and zone of the node).
 */
export function filterOutSameInstanceType(cmd: Extract<ConsolidationCommand, { kind: 'replace' }>, candidates: readonly CandidateNode[], poolOf: PoolLookup): ConsolidationCommand | null {
  const existing = new Set<string>();
  const prices = new Map<string, number>();
  for (const c of candidates) {
    const pool = poolOf(c.pool)!;
    const id = pool.types[c.type]!.instanceId;
    existing.add(id);
    const price = priceOf(pool, c.type, c.spot);
    if (price === null) continue;
    prices.set(id, Math.min(prices.get(id) ?? Infinity, price));
  }
  const pool = poolOf(cmd.pool)!;
  let maxPrice = Infinity;
  for (const t of cmd.types) {
    const id = pool.types[t]!.instanceId;
    // A listed type without a price reads Go's zero value for a missing map key: 0, which removes every type.
    if (existing.has(id)) maxPrice = Math.min(maxPrice, prices.get(id) ?? 0);
  }
  // `RemoveInstanceTypeOptionsByPriceAndMinValues(…, maxPrice)`: the worst launch price of the capacity type the
  // replacement launches with (one price per type and capacity here, whatever the zone).
  const types = cmd.types.filter((t) => (priceOf(pool, t, cmd.spot) ?? Infinity) < maxPrice);
  if (types.length === 0) return null;
  return { ...cmd, types, usdPerHour: priceOf(pool, types[0]!, cmd.spot)! };
}

/**
 * `MultiNodeConsolidation.ComputeCommands` up to validation: `sorted` are the candidates in `sortCandidates` order,
 * `budgets` each pool's "Underutilized" disruptions left (`BuildDisruptionBudgetMapping`), `others` every schedulable
 * node (copied, not changed), `limits` the NodePools' limits and active nodes (each prefix is credited back its own
 * nodes: pool-limits.ts), `pods` the pods of nodes being deleted and the pending pods (consolidation.ts `simulateRemoval`). Returns the
 * command (its `nodes` in candidate order), or null.
 */
export function computeMultiNodeConsolidation(
  sorted: readonly CandidateNode[],
  budgets: ReadonlyMap<number, number>,
  poolOf: PoolLookup,
  others: readonly Destination[],
  spotToSpot: boolean,
  ice: UnavailableOfferings,
  now: number,
  limits: PoolLimits = NO_LIMITS,
  pods: OtherSimPods = NO_OTHER_PODS,
): ConsolidationCommand | null {
  const left = new Map(budgets);
  const disruptable = sorted.filter((c) => {
    const budget = left.get(c.pool) ?? 0;
    if (budget <= 0) return false;
    left.set(c.pool, budget - 1);
    return true;
  });
  const maxParallel = Math.min(disruptable.length, MAX_MULTI_NODE_CANDIDATES);
  return firstNConsolidationOption(disruptable, maxParallel, (prefix) => {
    const cmd = computeConsolidation(prefix, poolOf, others, spotToSpot, ice, now, limits, pods);
    if (cmd === null || cmd.kind === 'delete') return cmd;
    return filterOutSameInstanceType(cmd, prefix, poolOf);
  });
}
