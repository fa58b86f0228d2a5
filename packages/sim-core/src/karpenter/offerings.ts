/**
 * A Karpenter pool's offerings (instance type × capacity type × zone), the order a launch tries them in, and the
 * cache of offerings that just failed for insufficient capacity.
 *
 * Launch order follows aws/karpenter-provider-aws at commit 1d927085dd81a9df9301e613f371dac5b4d16bfe:
 * - pkg/providers/instance/instance.go `getCapacityType`: one capacity type per launch — reserved, then spot when
 *   the NodeClaim allows spot and some instance type still has an available spot offering, else on-demand.
 * - pkg/providers/instance/types.go: CreateFleet with allocation strategy `lowest-price` for on-demand and
 *   `price-capacity-optimized` for spot. EC2 picks among the pools of that capacity type; a pool that has no
 *   capacity comes back as a fleet error and another pool is used in the same call.
 *   What is modelled of price-capacity-optimized: EC2 weighs price against each pool's spare capacity, which
 *   nothing public states; the simulator has no spare-capacity figure, so every spot pool that is not stocked out
 *   counts as equally deep and the cheapest wins (ties: the order the pool lists its instance types, then zones).
 *   Real launches may pick a pricier, deeper pool: docs/fidelity.md.
 * - pkg/cache/unavailableofferings.go `MarkUnavailable` / `IsUnavailable` with pkg/cache/cache.go
 *   `UnavailableOfferingsTTL = 3 * time.Minute`: an offering that failed with insufficient capacity is skipped for
 *   3 minutes, then tried again.
 */
import type { EngineKarpenterPool, EngineStockout } from '../engine/engine-config.ts';

/** `UnavailableOfferingsTTL` (pkg/cache/cache.go): an offering that ran out of capacity is not tried for this long, s. */
export const UNAVAILABLE_OFFERINGS_TTL_SECONDS = 180;

/** One way to launch a node: instance type (index into the pool's types), capacity, zone (index), price. */
export interface Offering {
  type: number;
  spot: boolean;
  zone: number;
  usdPerHour: number;
}

/** The price of an instance type as `spot` or on-demand, or null when it is not sold that way (or unpriced). */
export function priceOf(pool: EngineKarpenterPool, type: number, spot: boolean): number | null {
  const t = pool.types[type]!;
  return spot ? t.spotUsdPerHour : t.onDemandUsdPerHour;
}

/** Recently failed offerings, keyed per pool (`UnavailableOfferings`). */
export class UnavailableOfferings {
  private readonly until = new Map<string, number>();

  private static key(pool: number, o: { type: number; spot: boolean; zone: number }): string {
    return `${pool}:${o.type}:${o.spot ? 's' : 'o'}:${o.zone}`;
  }

  /** `MarkUnavailable`: skip this offering until `now` + the TTL (a repeat failure extends it). */
  mark(pool: number, o: { type: number; spot: boolean; zone: number }, now: number): void {
    this.until.set(UnavailableOfferings.key(pool, o), now + UNAVAILABLE_OFFERINGS_TTL_SECONDS);
  }

  /** `IsUnavailable`: the entry has not expired (go-cache drops an entry once `now` passes its expiry). */
  isUnavailable(pool: number, o: { type: number; spot: boolean; zone: number }, now: number): boolean {
    const t = this.until.get(UnavailableOfferings.key(pool, o));
    return t !== undefined && now < t;
  }
}

/** Whether a stock-out window covers this offering at `now` (windows are [from, until)). */
export function isStockedOut(stockouts: readonly EngineStockout[] | undefined, instanceId: string, spot: boolean, zone: string, now: number): boolean {
  if (!stockouts) return false;
  for (const s of stockouts) {
    if (now < s.from || now >= s.until) continue;
    if (s.instanceId !== null && s.instanceId !== instanceId) continue;
    if (s.capacity !== null && s.capacity !== (spot ? 'spot' : 'on-demand')) continue;
    if (s.zone !== null && s.zone !== zone) continue;
    return true;
  }
  return false;
}

/** Offerings of `types` with `spot` capacity that are priced and not cached as unavailable, in launch order. */
export function launchOrder(poolIndex: number, pool: EngineKarpenterPool, types: readonly number[], spot: boolean, ice: UnavailableOfferings, now: number): Offering[] {
  const out: Offering[] = [];
  for (const type of types) {
    const usdPerHour = priceOf(pool, type, spot);
    if (usdPerHour === null) continue;
    for (let zone = 0; zone < pool.zones.length; zone++) {
      const o = { type, spot, zone, usdPerHour };
      if (!ice.isUnavailable(poolIndex, o, now)) out.push(o);
    }
  }
  // Stable sort: equal prices keep the pool's type order, then zone order.
  return out.sort((a, b) => a.usdPerHour - b.usdPerHour);
}

/** `getCapacityType`: spot when allowed and available for some type, else on-demand when allowed and available, else null. */
export function chooseCapacityType(poolIndex: number, pool: EngineKarpenterPool, types: readonly number[], ice: UnavailableOfferings, now: number): boolean | null {
  if (pool.capacityTypes.includes('spot') && launchOrder(poolIndex, pool, types, true, ice, now).length > 0) return true;
  if (pool.capacityTypes.includes('on-demand') && launchOrder(poolIndex, pool, types, false, ice, now).length > 0) return false;
  return null;
}

/** Whether an instance type can still be launched at all (some allowed capacity type has an available offering). */
export function hasAvailableOffering(poolIndex: number, pool: EngineKarpenterPool, type: number, ice: UnavailableOfferings, now: number): boolean {
  return chooseCapacityType(poolIndex, pool, [type], ice, now) !== null;
}
