/**
 * The cost of a fleet from its node-seconds: one line per (pool, instance, capacity type), plus the
 * control plane, storage, egress and named extras. Unknown prices add 0 and are listed, never guessed.
 */
import { catalogAsOf } from './catalog.ts';
import { CLUSTER_HOUR } from './cost-rate.ts';
import { controlPlaneFee, getInstance } from './lookup.ts';
import { checkAsOf } from './price-at.ts';
import { egressCostUsd, getRate, storageCostUsd } from './rates.ts';
import { freshnessText } from './price-freshness.ts';
import { CAPACITY_TYPES, type CapacityType, type CloudId, type PriceFreshness, type PricePoint } from './types.ts';
import { HOURS_PER_MONTH, SECONDS_PER_HOUR } from './units.ts';

/** Node time one pool spent on one instance type and capacity type. */
export interface NodeUsage {
  pool: string;
  instanceId: string;
  capacity: CapacityType;
  nodeSeconds: number;
}

/** One line of the bill: `quantity` of `unit` at `usdPerUnit`; `usd` is null when the price is unknown. */
export interface CostLine {
  label: string;
  pool?: string;
  instanceId?: string;
  capacity?: CapacityType;
  quantity: number;
  unit: string;
  usdPerUnit: number | null;
  usd: number | null;
  source?: string;
  sourceDate?: string;
  /** How current the price is on the bill's date; a stale price is still billed and flagged. */
  freshness?: PriceFreshness;
}

/** A fleet's bill over the run, with rates per hour, per 730-hour month and per 1,000 requests. */
export interface FleetCost {
  totalUsd: number;
  perHourUsd: number;
  monthlyUsd: number;
  per1kRequestsUsd: number | null;
  lines: CostLine[];
  /** Human-readable, e.g. "aws/us-east-1/p5.48xlarge spot price unknown". */
  unknownPrices: string[];
  /** False when some price was unknown: the totals are then a lower bound. */
  complete: boolean;
  /** One line per stale price used, e.g. "aws/us-east-1/p4de.24xlarge spot $6.8234/h: observed by 2025-05-31, before …". */
  stalePrices: string[];
  byPool: Record<string, number>;
  byCapacity: Record<CapacityType, number>;
}

/** What fleetCost prices. `storage` GB are held for the whole run; `egress` GB are transferred during it. */
export interface FleetCostInput {
  usage: readonly NodeUsage[];
  durationSeconds: number;
  requestsServed?: number;
  controlPlane?: { cloud: CloudId; clusters: number } | null;
  extras?: readonly { label: string; usd: number }[];
  storage?: readonly { rateId: string; gb: number }[];
  egress?: readonly { rateId: string; gb: number }[];
  /** YYYY-MM-DD: price the fleet as of this day (default: catalogAsOf). */
  asOf?: string;
}

function nonNegative(name: string, v: number): void {
  if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`${name} must be a finite number >= 0, got ${v}`);
}

function usageLines(usage: readonly NodeUsage[], asOf: string, unknown: Set<string>): CostLine[] {
  const merged = new Map<string, NodeUsage>();
  for (const u of usage) {
    nonNegative(`nodeSeconds for pool "${u.pool}"`, u.nodeSeconds);
    const key = `${u.pool}\u0000${u.instanceId}\u0000${u.capacity}`;
    const prev = merged.get(key);
    merged.set(key, prev ? { ...prev, nodeSeconds: prev.nodeSeconds + u.nodeSeconds } : { ...u });
  }
  return [...merged.values()].map((u) => {
    const inst = getInstance(u.instanceId, { asOf });
    const price = inst.prices[u.capacity];
    const hours = u.nodeSeconds / SECONDS_PER_HOUR;
    if (!price) unknown.add(`${inst.id} ${u.capacity} price unknown`);
    return {
      label: `${u.pool}: ${inst.id} (${u.capacity})`,
      pool: u.pool,
      instanceId: inst.id,
      capacity: u.capacity,
      quantity: hours,
      unit: 'node-hour',
      usdPerUnit: price?.usdPerHour ?? null,
      usd: price ? hours * price.usdPerHour : null,
      ...(price ? priced(price) : {}),
    };
  });
}

function priced(p: PricePoint): Pick<CostLine, 'source' | 'sourceDate' | 'freshness'> {
  return { source: p.source, sourceDate: p.sourceDate, ...(p.freshness === undefined ? {} : { freshness: p.freshness }) };
}

function controlPlaneLine(cp: { cloud: CloudId; clusters: number }, hours: number, asOf: string, unknown: Set<string>): CostLine {
  nonNegative('controlPlane.clusters', cp.clusters);
  const fee = controlPlaneFee(cp.cloud, { asOf });
  if (!fee) unknown.add(`${cp.cloud} control-plane fee unknown`);
  const quantity = cp.clusters * hours;
  return {
    label: `${cp.cloud} control plane × ${cp.clusters}`,
    quantity,
    unit: CLUSTER_HOUR,
    usdPerUnit: fee?.usdPerHour ?? null,
    usd: fee ? quantity * fee.usdPerHour : null,
    ...(fee ? priced(fee) : {}),
  };
}

function rateLine(kind: 'storage' | 'egress', rateId: string, gb: number, durationSeconds: number, asOf: string): CostLine {
  nonNegative(`${kind} GB for ${rateId}`, gb);
  const rate = getRate(rateId, { asOf });
  const usd = kind === 'storage' ? storageCostUsd(rateId, gb, durationSeconds) : egressCostUsd(rateId, gb, durationSeconds);
  const quantity = kind === 'storage' ? gb * (durationSeconds / SECONDS_PER_HOUR / HOURS_PER_MONTH) : gb;
  return {
    label: `${kind}: ${rateId}`,
    quantity,
    unit: kind === 'storage' ? 'GB-month' : 'GB',
    usdPerUnit: quantity > 0 ? usd / quantity : null,
    usd,
    source: rate.source,
    sourceDate: rate.sourceDate,
    freshness: rate.freshness,
  };
}

/** "label: STALE: reasons" for every stale line, for the bill's summary. */
export function stalePriceNotes(lines: readonly CostLine[]): string[] {
  return lines.filter((l) => l.freshness?.status === 'stale').map((l) => `${l.label}: ${freshnessText(l.freshness!)}`);
}

/** Prices a fleet's usage over `durationSeconds`; pure. monthlyUsd = perHourUsd × 730; unknown prices count 0 and are listed. */
export function fleetCost(input: FleetCostInput): FleetCost {
  nonNegative('durationSeconds', input.durationSeconds);
  const asOf = checkAsOf(input.asOf ?? catalogAsOf);
  const hours = input.durationSeconds / SECONDS_PER_HOUR;
  const unknown = new Set<string>();
  const lines: CostLine[] = [
    ...usageLines(input.usage, asOf, unknown),
    ...(input.controlPlane ? [controlPlaneLine(input.controlPlane, hours, asOf, unknown)] : []),
    ...(input.storage ?? []).map((s) => rateLine('storage', s.rateId, s.gb, input.durationSeconds, asOf)),
    ...(input.egress ?? []).map((e) => rateLine('egress', e.rateId, e.gb, input.durationSeconds, asOf)),
    ...(input.extras ?? []).map((x) => {
      nonNegative(`extra "${x.label}"`, x.usd);
      return { label: x.label, quantity: 1, unit: 'item', usdPerUnit: x.usd, usd: x.usd };
    }),
  ];
  const totalUsd = lines.reduce((sum, l) => sum + (l.usd ?? 0), 0);
  if (hours === 0 && totalUsd > 0) throw new RangeError('durationSeconds is 0 but the fleet has a cost: no hourly rate exists');
  const perHourUsd = hours === 0 ? 0 : totalUsd / hours;
  const requests = input.requestsServed;
  if (requests !== undefined) nonNegative('requestsServed', requests);
  const byPool: Record<string, number> = {};
  const byCapacity = Object.fromEntries(CAPACITY_TYPES.map((c) => [c, 0])) as Record<CapacityType, number>;
  for (const l of lines) {
    if (l.pool !== undefined) byPool[l.pool] = (byPool[l.pool] ?? 0) + (l.usd ?? 0);
    if (l.capacity !== undefined) byCapacity[l.capacity] += l.usd ?? 0;
  }
  return {
    totalUsd,
    perHourUsd,
    monthlyUsd: perHourUsd * HOURS_PER_MONTH,
    per1kRequestsUsd: requests !== undefined && requests > 0 ? (totalUsd / requests) * 1000 : null,
    lines,
    unknownPrices: [...unknown],
    complete: unknown.size === 0,
    stalePrices: stalePriceNotes(lines),
    byPool,
    byCapacity,
  };
}

/**
 * USD per hour of `nodes` nodes of a catalog instance bought as `capacity` (null when that price is unknown):
 * the per-component figure for a node pool, GPU or CPU-only (`getInstance(id).gpuCount === 0`).
 */
export function nodePoolHourly(input: { instanceId: string; nodes: number; capacity?: CapacityType; asOf?: string }): { usdPerHour: number | null; price: PricePoint | null } {
  nonNegative('nodes', input.nodes);
  const inst = getInstance(input.instanceId, input.asOf === undefined ? undefined : { asOf: input.asOf });
  const price = inst.prices[input.capacity ?? 'on-demand'];
  return { usdPerHour: price === null ? null : input.nodes * price.usdPerHour, price };
}
