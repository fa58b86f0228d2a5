/**
 * Serving-cost comparisons: what a million requests cost on different instances for the same workload.
 * Throughput per node is an input (from the simulator or a benchmark): the catalog knows prices, not speed.
 */
import { getInstance } from './lookup.ts';
import type { CapacityType, PricePoint } from './types.ts';
import { SECONDS_PER_HOUR } from './units.ts';

/** USD per million requests for a node costing `usdPerHour` serving `requestsPerSecond` at `utilization` (default 1). */
export function costPerMillionRequests(usdPerHour: number | null, requestsPerSecond: number, utilization = 1): number | null {
  if (!(requestsPerSecond > 0)) throw new RangeError(`requestsPerSecond must be > 0, got ${requestsPerSecond}`);
  if (!(utilization > 0 && utilization <= 1)) throw new RangeError(`utilization must be in (0, 1], got ${utilization}`);
  if (usdPerHour === null) return null;
  return (usdPerHour / (requestsPerSecond * utilization * SECONDS_PER_HOUR)) * 1e6;
}

/** One candidate: an instance, how it is bought, and the requests per second one node sustains for the workload. */
export interface ServingOption {
  instanceId: string;
  capacity: CapacityType;
  requestsPerSecondPerNode: number;
  /** Average fraction of capacity used (headroom for latency targets), default 1. */
  utilization?: number;
}

/** A compared option; usdPerMillionRequests is null when the price is unknown. */
export interface ServingComparisonRow extends ServingOption {
  /** The instance's GPU id, null for a CPU-only instance. */
  gpu: string | null;
  usdPerHour: number | null;
  usdPerMillionRequests: number | null;
  /** Cost relative to the cheapest known option (1 = cheapest); null when unknown. */
  relativeToCheapest: number | null;
  price: PricePoint | null;
}

/** Cost per million requests for each option, cheapest first, unknown prices last; pure. */
export function compareServingCost(options: readonly ServingOption[], opts?: { asOf?: string }): ServingComparisonRow[] {
  const rows = options.map((o) => {
    const inst = getInstance(o.instanceId, opts);
    const price = inst.prices[o.capacity];
    const usdPerHour = price?.usdPerHour ?? null;
    return { ...o, gpu: inst.gpu?.id ?? null, usdPerHour, price, usdPerMillionRequests: costPerMillionRequests(usdPerHour, o.requestsPerSecondPerNode, o.utilization) };
  });
  const known = rows.map((r) => r.usdPerMillionRequests).filter((c): c is number => c !== null);
  const cheapest = known.length > 0 ? Math.min(...known) : null;
  return rows
    .map((r) => ({ ...r, relativeToCheapest: r.usdPerMillionRequests === null || !cheapest ? null : r.usdPerMillionRequests / cheapest }))
    .sort((a, b) => (a.usdPerMillionRequests ?? Infinity) - (b.usdPerMillionRequests ?? Infinity));
}
