/**
 * Storage (USD per GB-month) and egress (USD per GB) rate cards, and their cost over a run of any length.
 * Tiers are monthly, so a run's volume is scaled to a month, priced, and scaled back: exact for a steady rate.
 */
import { catalog, catalogAsOf } from './catalog.ts';
import { CatalogLookupError } from './catalog-lookup-error.ts';
import { checkAsOf } from './price-at.ts';
import { priceFreshness } from './price-freshness.ts';
import { suggest } from './suggest.ts';
import { tieredCost, type Tier } from './tiered-cost.ts';
import type { PriceFreshness } from './types.ts';
import { HOURS_PER_MONTH, SECONDS_PER_HOUR } from './units.ts';

/** A storage or egress rate card, e.g. `aws/us-east-1/s3-standard` or `gcp/us-central1/egress-internet-premium`. */
export interface RateCard {
  id: string;
  kind: 'storage' | 'egress';
  unit: 'GB-month' | 'GB';
  tiers: readonly Tier[];
  source: string;
  sourceDate: string;
  note?: string;
  /** Freshness of the rate card on the lookup date (list-price age limit). */
  freshness: PriceFreshness;
}

/** Every storage and egress rate card, with freshness on `asOf` (default catalogAsOf). */
export function listRates(opts?: { asOf?: string }): RateCard[] {
  const asOf = checkAsOf(opts?.asOf ?? catalogAsOf);
  return catalog.rates.map(({ alsoSources: _alsoSources, note, ...r }) => ({
    ...r,
    ...(note === undefined ? {} : { note }),
    freshness: priceFreshness(r, asOf, { kind: 'list' }),
  }));
}

/** A rate card by id; throws CatalogLookupError with suggestions. */
export function getRate(id: string, opts?: { asOf?: string }): RateCard {
  const all = listRates(opts);
  const r = all.find((x) => x.id === id);
  if (!r) throw new CatalogLookupError('rate', id, suggest(id, all.map((x) => x.id)));
  return r;
}

/** USD to keep `gb` stored for `durationSeconds` (GB-month rate, prorated over 730-hour months). */
export function storageCostUsd(rateId: string, gb: number, durationSeconds: number): number {
  const rate = getRate(rateId);
  if (rate.kind !== 'storage') throw new RangeError(`${rateId} is an ${rate.kind} rate, not storage`);
  return tieredCost(rate.tiers, gb) * (durationSeconds / SECONDS_PER_HOUR / HOURS_PER_MONTH);
}

/** USD to transfer `gb` during `durationSeconds`, at the monthly tier that steady rate reaches. */
export function egressCostUsd(rateId: string, gb: number, durationSeconds: number): number {
  const rate = getRate(rateId);
  if (rate.kind !== 'egress') throw new RangeError(`${rateId} is a ${rate.kind} rate, not egress`);
  if (gb === 0) return 0;
  if (!(durationSeconds > 0)) throw new RangeError('egress over a zero-length run has no monthly rate');
  const months = durationSeconds / SECONDS_PER_HOUR / HOURS_PER_MONTH;
  return tieredCost(rate.tiers, gb / months) * months;
}
