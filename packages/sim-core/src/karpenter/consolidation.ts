/**
 * Karpenter's consolidation decisions for a set of candidate nodes (one for single-node consolidation, several for
 * multi-node: multi-node-consolidation.ts), reduced to GPUs and node-pool affinity. A port of
 * kubernetes-sigs/karpenter at commit 2266468104f36373ed002241afaee2d3bbc26078, pkg/controllers/disruption:
 * - consolidation.go `consolidation.ShouldDisrupt`: a non-empty candidate needs a pool with consolidation on
 *   (consolidateAfter not Never), policy WhenEmptyOrUnderutilized, and the Consolidatable condition (time since
 *   the node's last pod event ≥ consolidateAfter; pkg/utils/disruption/disruption.go `IsUnderConsolidateAfter`).
 * - consolidation.go `computeConsolidation`: simulate the candidates' pods onto the rest of the cluster
 *   (helpers.go `SimulateScheduling`, `simulateRemoval` below: in-flight NodeClaims, the pods of deleting nodes, the
 *   pending pods (simulation-queue.ts) and the NodePools' limits included); if they all fit, delete the nodes; if they need exactly one new NodeClaim, keep only instance types cheaper than the
 *   candidates together (`sumCandidatePrices`, `RemoveInstanceTypeOptionsByPriceAndMinValues`) and replace them;
 *   when the pool allows both capacity types the replacement is restricted to spot (its price was compared as
 *   spot). All-spot candidates go to `computeSpotToSpotConsolidation`: off unless the SpotToSpotConsolidation gate
 *   is on; then one candidate needs at least 15 cheaper instance types
 *   (`MinInstanceTypesForSpotToSpotConsolidation`) and launches the 15 cheapest, several take every cheaper type.
 * - consolidation.go `sortCandidates`: by `SavingsRatio` (price / disruption cost) descending; the disruption
 *   cost here is 1 + the pods on the node (each pod's eviction cost at its default, pkg/utils/disruption).
 */
import type { EngineKarpenterPool } from '../engine/engine-config.ts';
import { hasAvailableOffering, priceOf, type UnavailableOfferings } from './offerings.ts';
import { NO_LIMITS, type PoolLimits, remainingFor, withinRemaining } from './pool-limits.ts';
import { blockedByUninitialized, heldByConsolidateAfter, mustSchedule, NO_OTHER_PODS, type OtherSimPods, type SimPod, simulationQueue } from './simulation-queue.ts';

/** `MinInstanceTypesForSpotToSpotConsolidation` (consolidation.go). */
export const MIN_INSTANCE_TYPES_FOR_SPOT_TO_SPOT = 15;

/** A node the disruption controller looks at. */
export interface CandidateNode {
  uid: number;
  pool: number;
  type: number;
  spot: boolean;
  /** Its pods that are rescheduled (not terminating). */
  pods: readonly SimPod[];
}

/** Room left on another node (a destination of the simulation), mutated by it. */
export interface Destination {
  uid: number;
  pool: number;
  free: number;
  /** Initialized (Ready here); false for a NodeClaim launched but not yet Ready (in flight). */
  initialized: boolean;
  /** Under its pool's consolidateAfter (`IsUnderConsolidateAfter`): the candidates' pods may not go there, moving and pending pods may. */
  underConsolidateAfter: boolean;
}

/**
 * What to do with the command's candidates (`Command.Candidates`: one for single-node, several for multi-node
 * consolidation): delete them (their pods fit elsewhere) or replace them by ONE cheaper node of `pool`.
 */
export type ConsolidationCommand =
  | { kind: 'delete'; nodes: number[] }
  | { kind: 'replace'; nodes: number[]; pool: number; types: number[]; spot: boolean; usdPerHour: number };

/** A Karpenter pool's settings by pool index; undefined for a pool the cluster autoscaler runs (no NodePool). */
export type PoolLookup = (pool: number) => EngineKarpenterPool | undefined;

/** `SavingsRatio` with the disruption cost modelled as 1 + pods (higher first). */
export function savingsRatio(pool: EngineKarpenterPool, node: CandidateNode): number {
  return (priceOf(pool, node.type, node.spot) ?? 0) / (1 + node.pods.length);
}

/** What removing the candidates takes (see `simulateRemoval`). */
export type RemovalSimulation = { replacement: false } | { replacement: true; pool: number; types: number[] } | null;

/**
 * The scheduling simulation of `SimulateScheduling` without the candidates (helpers.go), reduced to GPUs. Its pods are
 * the candidates', the `moving` pods of nodes already being deleted and the cluster's `pending` pods, in one queue
 * (simulation-queue.ts: largest first, then older, then UID), each onto the first other node with room, initialized
 * nodes before in-flight ones (scheduler.go `sortExistingNodes`; `others` in node order otherwise). A candidate's pod
 * skips nodes under their consolidateAfter (`addToExistingNode`), and one that lands on an in-flight node is an
 * `UninitializedNodeError`: not all pods scheduled, so null (no command rests on a node not yet up); moving and pending
 * pods are exempt from both, so a pending pod queued first can take an in-flight node's room and send the candidate's
 * pod elsewhere. A candidate's or moving pod with no room elsewhere needs new capacity; so does a pending one, unless
 * no NodePool could open a NodeClaim for it on its own (`addToNewNodeClaim` fails: its error is dropped by
 * `AllNonPendingPodsScheduled` and it simply stays pending). `{ replacement: false }`: no new NodeClaim;
 * `{ replacement: true, pool, types }`: the pods left fit on ONE new NodeClaim of `pool` — pending pods' included, as
 * upstream counts every NodeClaim of the results, so pending pods needing a node turn a delete into a replace — the
 * first Karpenter pool in NodePool weight order (node-pool-order.ts) that every remaining pod may use and that has a
 * type holding them all — a candidate's own pool or another, as the scheduler's NodeClaim templates span every
 * NodePool — of any of `types` (every type of that pool that fits them and still has an available offering — the
 * provider's instance types mark cached insufficient-capacity offerings unavailable, as the provisioning solver reads
 * them — with no price filtering) within what the pool's limits leave once the candidates are credited back
 * (pool-limits.ts: a pool with no node left opens nothing, a type larger than the units left is dropped); null: no
 * single pool takes them, or they need more than one node ("we're not going to turn a single node into multiple").
 * `others` are copied, not changed.
 */
export function simulateRemoval(
  candidates: readonly CandidateNode[],
  poolOf: PoolLookup,
  others: readonly Destination[],
  ice: UnavailableOfferings,
  now: number,
  limits: PoolLimits = NO_LIMITS,
  pods: OtherSimPods = NO_OTHER_PODS,
): RemovalSimulation {
  const uids = new Set(candidates.map((c) => c.uid));
  const room = others
    .filter((d) => !uids.has(d.uid))
    .map((d) => ({ ...d }))
    .sort((a, b) => Number(b.initialized) - Number(a.initialized));
  const left: SimPod[] = [];
  for (const { pod, kind } of simulationQueue(candidates.flatMap((c) => c.pods), pods)) {
    const d = room.find((n) => pod.pools.includes(n.pool) && n.free >= pod.gpus && !(heldByConsolidateAfter(kind) && n.underConsolidateAfter));
    if (d && !d.initialized && blockedByUninitialized(kind)) return null;
    if (d) d.free -= pod.gpus;
    // A pending pod no NodePool can take on a NodeClaim of its own gets a pod error that blocks nothing.
    else if (mustSchedule(kind) || newClaim([pod], poolOf, limits, uids, ice, now) !== null) left.push(pod);
  }
  if (left.length === 0) return { replacement: false };
  const claim = newClaim(left, poolOf, limits, uids, ice, now);
  return claim === null ? null : { replacement: true, ...claim };
}

/**
 * The one NodeClaim `pods` would open together: the scheduler opens it in the first NodePool of `OrderByWeight` that
 * takes them — any Karpenter pool they may use, the candidates' own or not (the pods' pool lists come in that order;
 * the cluster autoscaler's pools have no NodePool) — with every type holding their units that the limits left
 * (`without` the candidates) allow and that has an available offering. Null: no pool takes them all on one node.
 */
function newClaim(pods: readonly SimPod[], poolOf: PoolLookup, limits: PoolLimits, without: ReadonlySet<number>, ice: UnavailableOfferings, now: number): { pool: number; types: number[] } | null {
  const units = pods.reduce((a, p) => a + p.gpus, 0);
  for (const index of pods[0]!.pools) {
    const pool = poolOf(index);
    if (pool === undefined || pods.some((p) => !p.pools.includes(index))) continue;
    const remaining = remainingFor(limits, index, without);
    const types = pool.types
      .map((_, i) => i)
      .filter((t) => pool.types[t]!.gpus >= units && withinRemaining(pool.types[t]!.gpus, remaining) && hasAvailableOffering(index, pool, t, ice, now));
    if (types.length > 0) return { pool: index, types };
  }
  return null;
}

/**
 * `consolidation.computeConsolidation` for a set of candidates (one for single-node consolidation, a prefix of the
 * sorted candidates for multi-node); `others` are the other schedulable nodes (copied, not changed). The price to
 * beat is the SUM of the candidates' prices (`sumCandidatePrices`); spot-to-spot applies when every candidate is
 * spot (`allExistingAreSpot`) and the replacement may be spot. `limits`: the NodePools' limits and active nodes
 * (pool-limits.ts), `pods`: the pods of nodes being deleted and the pending pods, as `simulateRemoval` reads them.
 */
export function computeConsolidation(
  candidates: readonly CandidateNode[],
  poolOf: PoolLookup,
  others: readonly Destination[],
  spotToSpot: boolean,
  ice: UnavailableOfferings,
  now: number,
  limits: PoolLimits = NO_LIMITS,
  pods: OtherSimPods = NO_OTHER_PODS,
): ConsolidationCommand | null {
  const nodes = candidates.map((c) => c.uid);
  const sim = simulateRemoval(candidates, poolOf, others, ice, now, limits, pods);
  if (sim === null) return null;
  if (!sim.replacement) return { kind: 'delete', nodes };
  let candidatePrice = 0;
  for (const c of candidates) {
    const price = priceOf(poolOf(c.pool)!, c.type, c.spot);
    if (price === null) return null;
    candidatePrice += price;
  }
  const pool = poolOf(sim.pool)!;
  const fitting = sim.types;
  const allowsSpot = pool.capacityTypes.includes('spot');
  if (candidates.every((c) => c.spot) && allowsSpot) {
    // computeSpotToSpotConsolidation.
    if (!spotToSpot) return null;
    const cheaper = fitting.filter((t) => (priceOf(pool, t, true) ?? Infinity) < candidatePrice);
    // Multi-node: "we don't have any requirement to check the remaining instance type flexibility" (every cheaper type).
    if (candidates.length > 1) return replacement(nodes, sim.pool, pool, cheaper, true, ice, now);
    if (cheaper.length < MIN_INSTANCE_TYPES_FOR_SPOT_TO_SPOT) return null;
    return replacement(nodes, sim.pool, pool, cheapest(pool, cheaper, true).slice(0, MIN_INSTANCE_TYPES_FOR_SPOT_TO_SPOT), true, ice, now);
  }
  // The cheapest offering of each type decides whether it is cheaper; with spot allowed that is its spot price.
  const spot = allowsSpot;
  const cheaper = fitting.filter((t) => (priceOf(pool, t, spot) ?? Infinity) < candidatePrice);
  return replacement(nodes, sim.pool, pool, cheaper, spot, ice, now);
}

// `InstanceTypeOptions.OrderByPrice` (stable: equal prices keep the pool's type order).
function cheapest(pool: EngineKarpenterPool, types: readonly number[], spot: boolean): number[] {
  return [...types].sort((a, b) => (priceOf(pool, a, spot) ?? Infinity) - (priceOf(pool, b, spot) ?? Infinity));
}

function replacement(nodes: number[], poolIndex: number, pool: EngineKarpenterPool, types: number[], spot: boolean, ice: UnavailableOfferings, now: number): ConsolidationCommand | null {
  const priced = cheapest(
    pool,
    types.filter((t) => pool.zones.some((_, zone) => !ice.isUnavailable(poolIndex, { type: t, spot, zone }, now))),
    spot,
  );
  if (priced.length === 0) return null;
  return { kind: 'replace', nodes, pool: poolIndex, types: priced, spot, usdPerHour: priceOf(pool, priced[0]!, spot)! };
}
