/**
 * Static line items billed over a period: storage held, data moved, managed services and nodes kept
 * running, and fixed amounts. The costs a simulation does not produce (a training run's storage and network
 * budget, a hybrid link, a platform's database), priced from the catalog with sources, dates and freshness.
 */
import { catalogAsOf } from './catalog.ts';
import { nodePoolHourly, stalePriceNotes, type CostLine } from './fleet-cost.ts';
import { controlPlaneFee, getInstance } from './lookup.ts';
import { managedServiceCost, type ManagedServiceUsage } from './managed-services.ts';
import { checkAsOf } from './price-at.ts';
import { egressCostUsd, getRate, storageCostUsd } from './rates.ts';
import type { CapacityType, CloudId } from './types.ts';
import { HOURS_PER_MONTH, SECONDS_PER_HOUR } from './units.ts';

/** One item; exactly one of storage, transfer, managed, instance, controlPlane or usd says what it is. */
export type LineItem =
  | { name: string; storage: string; gb: number }
  | { name: string; transfer: string; gb: number; linkGbps?: number }
  | { name: string; managed: string; usage: ManagedServiceUsage }
  | { name: string; instance: string; count: number; purchase?: CapacityType }
  | { name: string; controlPlane: CloudId; count: number }
  | { name: string; usd: number; note: string };

/** A priced item: its bill line, and for a transfer over a link, how long the transfer takes. */
export interface PricedLineItem {
  name: string;
  line: CostLine;
  /** Hours to move the item's GB at `linkGbps` (8 bits a byte, decimal GB), or null. */
  transferHours: number | null;
}

/** Every item priced over `periodSeconds`, with totals per period, per hour and per 730-hour month. */
export interface LineItemCosts {
  periodSeconds: number;
  items: PricedLineItem[];
  totalUsd: number;
  perHourUsd: number;
  monthlyUsd: number;
  unknownPrices: string[];
  stalePrices: string[];
}

function nonNegative(name: string, v: number): void {
  if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`${name} must be a finite number >= 0, got ${v}`);
}

function priceItem(item: LineItem, seconds: number, asOf: string): PricedLineItem {
  const hours = seconds / SECONDS_PER_HOUR;
  const months = hours / HOURS_PER_MONTH;
  if ('storage' in item) {
    nonNegative(`${item.name}: gb`, item.gb);
    const rate = getRate(item.storage, { asOf });
    const usd = storageCostUsd(item.storage, item.gb, seconds);
    const quantity = item.gb * months;
    const line: CostLine = { label: item.name, quantity, unit: 'GB-month', usdPerUnit: quantity > 0 ? usd / quantity : (rate.tiers[0]?.usdPerGB ?? null), usd, source: rate.source, sourceDate: rate.sourceDate, freshness: rate.freshness };
    return { name: item.name, line, transferHours: null };
  }
  if ('transfer' in item) {
    nonNegative(`${item.name}: gb`, item.gb);
    const rate = getRate(item.transfer, { asOf });
    const usd = egressCostUsd(item.transfer, item.gb, seconds);
    const line: CostLine = { label: item.name, quantity: item.gb, unit: 'GB', usdPerUnit: item.gb > 0 ? usd / item.gb : (rate.tiers[0]?.usdPerGB ?? null), usd, source: rate.source, sourceDate: rate.sourceDate, freshness: rate.freshness };
    if (item.linkGbps !== undefined && !(item.linkGbps > 0)) throw new RangeError(`${item.name}: linkGbps must be > 0, got ${item.linkGbps}`);
    const transferHours = item.linkGbps === undefined ? null : (item.gb * 8) / item.linkGbps / SECONDS_PER_HOUR;
    return { name: item.name, line, transferHours };
  }
  if ('managed' in item) {
    return { name: item.name, line: managedServiceCost({ id: item.managed, usage: item.usage, hours, label: item.name, asOf }), transferHours: null };
  }
  if ('instance' in item) {
    nonNegative(`${item.name}: count`, item.count);
    const capacity = item.purchase ?? 'on-demand';
    const inst = getInstance(item.instance, { asOf });
    const { usdPerHour, price } = nodePoolHourly({ instanceId: item.instance, nodes: item.count, capacity, asOf });
    const line: CostLine = {
      label: item.name,
      instanceId: inst.id,
      capacity,
      quantity: item.count * hours,
      unit: 'node-hour',
      usdPerUnit: price?.usdPerHour ?? null,
      usd: usdPerHour === null ? null : usdPerHour * hours,
      ...(price === null ? {} : { source: price.source, sourceDate: price.sourceDate, ...(price.freshness === undefined ? {} : { freshness: price.freshness }) }),
    };
    return { name: item.name, line, transferHours: null };
  }
  if ('controlPlane' in item) {
    nonNegative(`${item.name}: count`, item.count);
    const fee = controlPlaneFee(item.controlPlane, { asOf });
    const line: CostLine = {
      label: item.name,
      quantity: item.count * hours,
      unit: 'cluster-hour',
      usdPerUnit: fee?.usdPerHour ?? null,
      usd: fee === null ? null : fee.usdPerHour * item.count * hours,
      ...(fee === null ? {} : { source: fee.source, sourceDate: fee.sourceDate, ...(fee.freshness === undefined ? {} : { freshness: fee.freshness }) }),
    };
    return { name: item.name, line, transferHours: null };
  }
  nonNegative(`${item.name}: usd`, item.usd);
  return { name: item.name, line: { label: `${item.name} (${item.note})`, quantity: 1, unit: 'item', usdPerUnit: item.usd, usd: item.usd }, transferHours: null };
}

/** Prices `items` over `periodSeconds` as of `asOf` (default catalogAsOf); unknown prices count 0 and are listed. Pure. */
export function lineItemCosts(items: readonly LineItem[], periodSeconds: number, opts?: { asOf?: string }): LineItemCosts {
  if (!(periodSeconds > 0) || !Number.isFinite(periodSeconds)) throw new RangeError(`periodSeconds must be a finite number > 0, got ${periodSeconds}`);
  const asOf = checkAsOf(opts?.asOf ?? catalogAsOf);
  const priced = items.map((i) => priceItem(i, periodSeconds, asOf));
  const totalUsd = priced.reduce((s, p) => s + (p.line.usd ?? 0), 0);
  const perHourUsd = totalUsd / (periodSeconds / SECONDS_PER_HOUR);
  return {
    periodSeconds,
    items: priced,
    totalUsd,
    perHourUsd,
    monthlyUsd: perHourUsd * HOURS_PER_MONTH,
    unknownPrices: priced.filter((p) => p.line.usd === null).map((p) => `${p.name}: price unknown`),
    stalePrices: stalePriceNotes(priced.map((p) => p.line)),
  };
}
