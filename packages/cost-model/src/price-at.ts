/**
 * Picks the dated price in force on a day. A series is ordered by `validFrom`; `null` means "before any
 * later record". Dates compare as strings because they are validated ISO days (YYYY-MM-DD).
 */
import { catalog, catalogAsOf } from './catalog.ts';
import type { RawPricePoint } from './catalog-schema.ts';
import { LIST_PRICE_MAX_AGE_DAYS, priceFreshness, type PriceSubject } from './price-freshness.ts';
import type { PricePoint } from './types.ts';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const DAY_MS = 86_400_000;

let range: { first: string; last: string } | undefined;

/**
 * The days a price lookup may ask about: from the earliest day the catalog records (a source's date, a price's
 * validFrom or sourceDate; 2022-12-30 in the catalog of 2026-11-23) to LIST_PRICE_MAX_AGE_DAYS (three years)
 * past the catalog's date, by when every price in it is past its age limit. Outside it the answer would be a
 * fiction: `prices --date 0000-01-01` listed the first recorded prices as in force in year 0, fresh.
 */
export function catalogDayRange(): { first: string; last: string } {
  if (range !== undefined) return range;
  let first = catalogAsOf;
  const visit = (v: unknown, key: string): void => {
    if (typeof v === 'string') {
      if ((key === 'date' || key === 'validFrom' || key === 'sourceDate') && ISO_DAY.test(v) && v < first) first = v;
    } else if (Array.isArray(v)) for (const x of v) visit(x, key);
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) visit(x, k);
  };
  visit(catalog, '');
  const last = new Date(Date.parse(`${catalogAsOf}T00:00:00Z`) + LIST_PRICE_MAX_AGE_DAYS * DAY_MS).toISOString().slice(0, 10);
  return (range = { first, last });
}

/** Returns `asOf` if it is a real calendar day (YYYY-MM-DD) within catalogDayRange(), else throws RangeError. */
export function checkAsOf(asOf: string): string {
  const d = new Date(`${asOf}T00:00:00Z`);
  if (!ISO_DAY.test(asOf) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== asOf) {
    throw new RangeError(`must be a calendar day YYYY-MM-DD, got "${asOf}"`);
  }
  const { first, last } = catalogDayRange();
  if (asOf < first || asOf > last) {
    throw new RangeError(
      `must be a day the catalog covers, ${first} (its earliest record) to ${last} (${LIST_PRICE_MAX_AGE_DAYS.toLocaleString('en-US')} days after its date, ${catalogAsOf}, when every price in it is past its age limit), got "${asOf}"`,
    );
  }
  return asOf;
}

/** The last point whose validFrom is null or on/before `asOf`; null when the series is absent or starts later. */
export function priceInForce<P extends { validFrom: string | null }>(series: readonly P[] | undefined, asOf: string): P | null {
  let chosen: P | null = null;
  for (const p of series ?? []) {
    if (p.validFrom === null || p.validFrom <= asOf) chosen = p;
  }
  return chosen;
}

/** Converts a raw point to the public PricePoint with its freshness on `asOf`, leaving out absent optional fields. */
export function toPricePoint(p: RawPricePoint, asOf: string, subject: PriceSubject): PricePoint {
  return {
    usdPerHour: p.usdPerHour,
    source: p.source,
    sourceDate: p.sourceDate,
    validFrom: p.validFrom,
    ...(p.note === undefined ? {} : { note: p.note }),
    ...(p.alsoSources === undefined ? {} : { alsoSources: p.alsoSources }),
    ...(p.range === undefined ? {} : { range: p.range }),
    ...(p.confidence === undefined ? {} : { confidence: p.confidence }),
    ...(p.alternatives === undefined ? {} : { alternatives: p.alternatives }),
    freshness: priceFreshness(p, asOf, subject),
  };
}

/** priceInForce + toPricePoint. */
export function pricePointAt(series: readonly RawPricePoint[] | undefined, asOf: string, subject: PriceSubject): PricePoint | null {
  const p = priceInForce(series, asOf);
  return p === null ? null : toPricePoint(p, asOf, subject);
}
