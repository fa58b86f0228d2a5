/**
 * Picks the dated price in force on a day. A series is ordered by `validFrom`; `null` means "before any
 * later record". Dates compare as strings because they are validated ISO days (YYYY-MM-DD).
 */
import type { RawPricePoint } from './catalog-schema.ts';
import { priceFreshness, type PriceSubject } from './price-freshness.ts';
import type { PricePoint } from './types.ts';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Returns `asOf` if it is a real calendar day (YYYY-MM-DD), else throws RangeError. */
export function checkAsOf(asOf: string): string {
  const d = new Date(`${asOf}T00:00:00Z`);
  if (!ISO_DAY.test(asOf) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== asOf) {
    throw new RangeError(`asOf must be a calendar day YYYY-MM-DD, got "${asOf}"`);
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
