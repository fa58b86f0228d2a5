/**
 * Karpenter's consolidation decisions for one candidate node, reduced to GPUs and node-pool affinity. A port of
 * kubernetes-sigs/karpenter at commit 2266468104f36373ed002241afaee2d3bbc26078, pkg/controllers/disruption:
 * - consolidation.go `consolidation.ShouldDisrupt`: a non-empty candidate needs a pool with consolidation on
 *   (consolidateAfter not Never), policy WhenEmptyOrUnderutilized, and the Consolidatable condition (time since
 *   the node's last pod event ≥ consolidateAfter; pkg/utils/disruption/disruption.go `IsUnderConsolidateAfter`).
 * - consolidation.go `computeConsolidation`: simulate the candidate's pods onto the rest of the cluster; if they
 *   all fit, delete the node; if they need exactly one new NodeClaim, keep only instance types cheaper than the
 *   candidate (`RemoveInstanceTypeOptionsByPriceAndMinValues`) and replace it; when the pool allows both capacity
 *   types the replacement is restricted to spot (its price was compared as spot). Spot candidates go to
 *   `computeSpotToSpotConsolidation`: off unless the SpotToSpotConsolidation gate is on, and then at least 15
 *   cheaper instance types (`MinInstanceTypesForSpotToSpotConsolidation`) are required.
 * - consolidation.go `sortCandidates`: by `SavingsRatio` (price / disruption cost) descending; the disruption
 *   cost here is 1 + the pods on the node (each pod's eviction cost at its default, pkg/utils/disruption).
 */
import type { EngineKarpenterPool } from '../engine/engine-config.ts';
import { hasAvailableOffering, priceOf, type UnavailableOfferings } from './offerings.ts';

/** `MinInstanceTypesForSpotToSpotConsolidation` (consolidation.go). */
export const MIN_INSTANCE_TYPES_FOR_SPOT_TO_SPOT = 15;

/** A node the disruption controller looks at. */
export interface CandidateNode {
  uid: number;
  pool: number;
  type: number;
  spot: boolean;
  /** Pods on it: units and the pools each may use. */
  pods: readonly { gpus: number; pools: readonly number[] }[];
}

/** Room left on another node (a destination of the simulation), mutated by it. */
export interface Destination {
  uid: number;
  pool: number;
  free: number;
}

/** What to do with a candidate: delete it (its pods fit elsewhere) or replace it by one cheaper node. */
export type ConsolidationCommand = { kind: 'delete'; node: number } | { kind: 'replace'; node: number; types: number[]; spot: boolean; usdPerHour: number };

/** `SavingsRatio` with the disruption cost modelled as 1 + pods (higher first). */
export function savingsRatio(pool: EngineKarpenterPool, node: CandidateNode): number {
  return (priceOf(pool, node.type, node.spot) ?? 0) / (1 + node.pods.length);
}

/** What removing a candidate takes (see `simulateRemoval`). */
export type RemovalSimulation = { replacement: false } | { replacement: true; types: number[] } | null;

/**
 * The scheduling simulation of `SimulateScheduling` without the candidate (helpers.go), reduced to GPUs: its pods,
 * largest first, onto the first other node with room. `{ replacement: false }`: they all fit; `{ replacement: true,
 * types }`: the rest fit on ONE new NodeClaim of the candidate's pool, of any of `types` (every type of the
 * pool that fits them and still has an available offering — the provider's instance types mark cached
 * insufficient-capacity offerings unavailable, as the provisioning solver reads them — with no price filtering); null: the rest need another pool or more than one node ("we're not
 * going to turn a single node into multiple"). `others` are copied, not changed.
 */
export function simulateRemoval(
  candidate: CandidateNode,
  pool: EngineKarpenterPool,
  others: readonly Destination[],
  ice: UnavailableOfferings,
  now: number,
): RemovalSimulation {
  const room = others.filter((d) => d.uid !== candidate.uid).map((d) => ({ ...d }));
  const left: { gpus: number; pools: readonly number[] }[] = [];
  for (const pod of [...candidate.pods].sort((a, b) => b.gpus - a.gpus)) {
    const d = room.find((n) => pod.pools.includes(n.pool) && n.free >= pod.gpus);
    if (d) d.free -= pod.gpus;
    else left.push(pod);
  }
  if (left.length === 0) return { replacement: false };
  if (left.some((p) => !p.pools.includes(candidate.pool))) return null;
  const units = left.reduce((a, p) => a + p.gpus, 0);
  const types = pool.types.map((_, i) => i).filter((t) => pool.types[t]!.gpus >= units && hasAvailableOffering(candidate.pool, pool, t, ice, now));
  return types.length === 0 ? null : { replacement: true, types };
}

/** `computeConsolidation` for one candidate; `others` are the other schedulable nodes (copied, not changed). */
export function computeConsolidation(
  candidate: CandidateNode,
  pool: EngineKarpenterPool,
  others: readonly Destination[],
  spotToSpot: boolean,
  ice: UnavailableOfferings,
  now: number,
): ConsolidationCommand | null {
  const sim = simulateRemoval(candidate, pool, others, ice, now);
  if (sim === null) return null;
  if (!sim.replacement) return { kind: 'delete', node: candidate.uid };
  const candidatePrice = priceOf(pool, candidate.type, candidate.spot);
  if (candidatePrice === null) return null;
  const fitting = sim.types;
  const allowsSpot = pool.capacityTypes.includes('spot');
  if (candidate.spot && allowsSpot) {
    // computeSpotToSpotConsolidation.
    if (!spotToSpot) return null;
    const cheaper = fitting.filter((t) => (priceOf(pool, t, true) ?? Infinity) < candidatePrice);
    if (cheaper.length < MIN_INSTANCE_TYPES_FOR_SPOT_TO_SPOT) return null;
    return replacement(candidate.uid, pool, cheaper.slice(0, MIN_INSTANCE_TYPES_FOR_SPOT_TO_SPOT), true, ice, now, candidate.pool);
  }
  // The cheapest offering of each type decides whether it is cheaper; with spot allowed that is its spot price.
  const spot = allowsSpot;
  const cheaper = fitting.filter((t) => (priceOf(pool, t, spot) ?? Infinity) < candidatePrice);
  if (cheaper.length === 0) return null;
  return replacement(candidate.uid, pool, cheaper, spot, ice, now, candidate.pool);
}

function replacement(node: number, pool: EngineKarpenterPool, types: number[], spot: boolean, ice: UnavailableOfferings, now: number, poolIndex: number): ConsolidationCommand | null {
  const priced = types
    .filter((t) => pool.zones.some((_, zone) => !ice.isUnavailable(poolIndex, { type: t, spot, zone }, now)))
    .map((t) => ({ t, usd: priceOf(pool, t, spot)! }))
    .sort((a, b) => a.usd - b.usd);
  if (priced.length === 0) return null;
  return { kind: 'replace', node, types: priced.map((p) => p.t), spot, usdPerHour: priced[0]!.usd };
}
