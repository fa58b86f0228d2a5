/**
 * Whether a catalog price is current on a date. Prices are used either way (a run never stops for an old
 * price); the verdict travels with the price so every table and bill can show it.
 *
 * A price is **stale** on `asOf` when
 * - it was observed before a known list-price change that covers its instance and capacity type and took
 *   effect on or before `asOf` (the catalog's `priceChanges`, e.g. AWS's 2025-06-01 GPU cut), or
 * - it is older than the documented age for its kind (the constants below).
 * It is **undated** when neither the price nor its source gives an observation day.
 */
import { catalog } from './catalog.ts';
import type { RawPriceChange } from './catalog-schema.ts';
import type { CapacityType, PriceFreshness } from './types.ts';

/**
 * GPU instance and GPU-hour list prices move fast (AWS cut P4/P5 on-demand 25–44% in June 2025; neocloud
 * lists changed several times in 2026): older than a year is stale.
 */
export const GPU_PRICE_MAX_AGE_DAYS = 365;
/**
 * Spot prices are a market: g5.2xlarge's cheapest-AZ spot went from $0.52 to $0.87 between 2026-07-13 and
 * 2026-08-22 (DEEPRACER_SPOT). Older than six months is stale.
 */
export const SPOT_PRICE_MAX_AGE_DAYS = 180;
/**
 * CPU instances, managed services, storage, data transfer and control-plane fees change rarely (m6i.large is
 * $0.096/h in both the early-2025 and 2026-06 feeds; S3 Standard's first tier is $0.023 in every source):
 * older than three years is stale.
 */
export const LIST_PRICE_MAX_AGE_DAYS = 1095;

/** Which age limit applies to a price. */
export type PriceKind = 'gpu' | 'spot' | 'list';

/** The documented age limit for a kind of price, days. */
export function maxAgeDays(kind: PriceKind): number {
  return kind === 'gpu' ? GPU_PRICE_MAX_AGE_DAYS : kind === 'spot' ? SPOT_PRICE_MAX_AGE_DAYS : LIST_PRICE_MAX_AGE_DAYS;
}

const DAY_MS = 86_400_000;

/**
 * The observation day of a price: the date its `sourceDate` starts with (YYYY-MM-DD; YYYY-MM and YYYY count
 * from their first day, the conservative reading), else its source's `observedBy`, else null.
 */
export function observedOn(sourceDate: string, sourceKey: string): { day: string; upperBound: boolean } | null {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?\b/.exec(sourceDate);
  if (m) return { day: `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}`, upperBound: false };
  const bound = catalog.sources[sourceKey]?.observedBy;
  return bound === undefined ? null : { day: bound, upperBound: true };
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** What a price is, for the change check: an instance price has an id and a capacity type. */
export interface PriceSubject {
  kind: PriceKind;
  instanceId?: string;
  capacity?: CapacityType;
}

function changesCovering(subject: PriceSubject): RawPriceChange[] {
  const { instanceId, capacity } = subject;
  if (instanceId === undefined || capacity === undefined) return [];
  return catalog.priceChanges.filter((c) => c.instances.includes(instanceId) && c.capacities.includes(capacity));
}

/** The freshness of a price with `sourceDate` from `source`, judged on `asOf` (YYYY-MM-DD). Pure. */
export function priceFreshness(price: { source: string; sourceDate: string }, asOf: string, subject: PriceSubject): PriceFreshness {
  const seen = observedOn(price.sourceDate, price.source);
  const limit = maxAgeDays(subject.kind);
  if (seen === null) {
    return { status: 'undated', observed: null, observedIsUpperBound: false, ageDays: null, maxAgeDays: limit, reasons: [] };
  }
  const observed = seen.day;
  const ageDays = daysBetween(observed, asOf);
  const reasons: string[] = [];
  for (const c of changesCovering(subject)) {
    if (observed < c.date && c.date <= asOf) reasons.push(`observed by ${observed}, before ${c.id} (${c.date})`);
  }
  if (ageDays > limit) reasons.push(`observed ${seen.upperBound ? 'by ' : ''}${observed}, ${ageDays} days before ${asOf} (limit ${limit} days for ${subject.kind} prices)`);
  return { status: reasons.length > 0 ? 'stale' : 'fresh', observed, observedIsUpperBound: seen.upperBound, ageDays, maxAgeDays: limit, reasons };
}

/** The observation day for a table: "2026-06-23", "≤ 2025-05-31" (an undated snapshot's bound) or "undated". */
export function observedLabel(f: PriceFreshness): string {
  if (f.observed === null) return 'undated';
  return f.observedIsUpperBound ? `≤ ${f.observed}` : f.observed;
}

/** One phrase for a bill or a table cell: "observed 2026-06-23", "STALE: observed by 2025-05-31, before …", "undated". */
export function freshnessText(f: PriceFreshness): string {
  if (f.status === 'stale') return `STALE: ${f.reasons.join('; ')}`;
  return f.status === 'undated' ? 'undated source' : `observed ${observedLabel(f)}`;
}
