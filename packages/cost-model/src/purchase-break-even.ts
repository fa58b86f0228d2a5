/**
 * When each purchase option wins for one node. A commitment is paid for every hour of its term, used or not,
 * so it beats on-demand once the node is busy more than commit/on-demand of the time. Spot is cheaper per
 * hour but interruptions waste time: with λ interruptions per node-hour each losing L hours (restart plus
 * re-done work), only 1 − λL of paid hours are useful, so spot wins while spot / (1 − λL) < on-demand,
 * i.e. λ < (1 − spot/on-demand) / L.
 */
import { getInstance } from './lookup.ts';
import type { CapacityType, PricePoint } from './types.ts';
import { HOURS_PER_MONTH, SECONDS_PER_HOUR } from './units.ts';

/** Inputs: the instance, the date, how busy the node is, and how interruptions hurt on spot. */
export interface PurchaseBreakEvenInput {
  instanceId: string;
  asOf?: string;
  /** Fraction of the month the node is needed, 0..1 (default 1). */
  utilization?: number;
  /** Spot interruptions per node-hour (default 0). */
  interruptionsPerNodeHour?: number;
  /** Hours lost per interruption: restart + re-done work (e.g. half a checkpoint interval); default 0. */
  lossPerInterruptionSeconds?: number;
}

/** One option's economics; null fields mean the price is unknown. */
export interface PurchaseOptionCost {
  capacity: CapacityType;
  price: PricePoint | null;
  /** Monthly USD for the needed hours (commitments: every hour of the month). */
  monthlyUsd: number | null;
  /** USD per useful node-hour at this utilization. */
  usdPerUsefulHour: number | null;
  /** Commitments: the utilization above which it beats on-demand (commit ÷ on-demand). */
  breakEvenUtilization?: number | null;
  /** Spot: interruptions per node-hour above which on-demand is cheaper. */
  maxInterruptionsPerNodeHour?: number | null;
}

/** Every purchase option for one node at the given utilization, and the cheapest one with a known price. */
export interface PurchaseBreakEven {
  instanceId: string;
  utilization: number;
  options: Record<CapacityType, PurchaseOptionCost>;
  cheapest: CapacityType | null;
}

/** Compares on-demand, spot and 1-/3-year commitments for one node; pure apart from the static catalog. */
export function purchaseBreakEven(input: PurchaseBreakEvenInput): PurchaseBreakEven {
  const u = input.utilization ?? 1;
  const lambda = input.interruptionsPerNodeHour ?? 0;
  const lossHours = (input.lossPerInterruptionSeconds ?? 0) / SECONDS_PER_HOUR;
  if (!(u > 0 && u <= 1)) throw new RangeError(`utilization must be in (0, 1], got ${u}`);
  if (!(lambda >= 0 && lossHours >= 0)) throw new RangeError('interruption rate and loss must be >= 0');
  const inst = getInstance(input.instanceId, input.asOf === undefined ? undefined : { asOf: input.asOf });
  const od = inst.prices['on-demand'];
  const usefulFraction = 1 - lambda * lossHours;
  const hours = u * HOURS_PER_MONTH;
  const payg = (capacity: 'on-demand' | 'spot', useful: number): PurchaseOptionCost => {
    const p = inst.prices[capacity];
    const ok = p !== null && useful > 0;
    return { capacity, price: p, monthlyUsd: ok ? (p.usdPerHour * hours) / useful : null, usdPerUsefulHour: ok ? p.usdPerHour / useful : null };
  };
  const commit = (capacity: 'commit1y' | 'commit3y'): PurchaseOptionCost => {
    const p = inst.prices[capacity];
    return {
      capacity,
      price: p,
      monthlyUsd: p ? p.usdPerHour * HOURS_PER_MONTH : null,
      usdPerUsefulHour: p ? p.usdPerHour / u : null,
      breakEvenUtilization: p && od ? p.usdPerHour / od.usdPerHour : null,
    };
  };
  const spot = payg('spot', usefulFraction);
  const sp = inst.prices.spot;
  spot.maxInterruptionsPerNodeHour = sp && od ? (lossHours > 0 ? Math.max(0, 1 - sp.usdPerHour / od.usdPerHour) / lossHours : Infinity) : null;
  const options: Record<CapacityType, PurchaseOptionCost> = { 'on-demand': payg('on-demand', 1), spot, commit1y: commit('commit1y'), commit3y: commit('commit3y') };
  const ranked = (Object.values(options) as PurchaseOptionCost[]).filter((o) => o.monthlyUsd !== null).sort((a, b) => (a.monthlyUsd ?? 0) - (b.monthlyUsd ?? 0));
  return { instanceId: inst.id, utilization: u, options, cheapest: ranked[0]?.capacity ?? null };
}
