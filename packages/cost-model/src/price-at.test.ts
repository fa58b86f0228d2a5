import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RawPricePoint } from './catalog-schema.ts';
import { catalogAsOf } from './catalog.ts';
import { catalogDayRange, checkAsOf, priceInForce, toPricePoint } from './price-at.ts';
import catalogJson from '../data/catalog.json' with { type: 'json' };

const point = (usdPerHour: number, validFrom: string | null): RawPricePoint => ({ usdPerHour, validFrom, source: 'TEST', sourceDate: 'undated' });

describe('priceInForce', () => {
  const series = [point(98.32, null), point(55.04, '2025-06-01')];

  it('uses the undated point before the first change and the new point from its first day', () => {
    expect(priceInForce(series, '2020-01-01')?.usdPerHour).toBe(98.32);
    expect(priceInForce(series, '2025-05-31')?.usdPerHour).toBe(98.32);
    expect(priceInForce(series, '2025-06-01')?.usdPerHour).toBe(55.04);
  });

  it('is null for a missing series or a date before a dated-only series starts', () => {
    expect(priceInForce(undefined, '2025-01-01')).toBeNull();
    expect(priceInForce([point(1, '2025-01-01')], '2024-12-31')).toBeNull();
  });

  it('always returns the latest point that had taken effect by asOf', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((d) => new Date(Date.UTC(2020, 0, 1 + d)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.uniqueArray(day, { minLength: 1, maxLength: 6 }), day, (days, asOf) => {
        const s = [...days].sort().map((d, i) => point(i + 1, d));
        const got = priceInForce(s, asOf);
        const expected = s.filter((p) => (p.validFrom ?? '') <= asOf).at(-1) ?? null;
        expect(got).toBe(expected);
      }),
    );
  });
});

describe('checkAsOf and toPricePoint', () => {
  it('accepts real days and rejects impossible ones', () => {
    expect(checkAsOf('2024-02-29')).toBe('2024-02-29');
    expect(() => checkAsOf('2023-02-29')).toThrow(RangeError);
    expect(() => checkAsOf('2025-6-1')).toThrow(RangeError);
  });

  it('refuses a day outside the catalog: before its earliest record, or past every age limit', () => {
    // Independently of the walk in catalogDayRange: the smallest day written as a date, validFrom or sourceDate in the raw text.
    const days = [...JSON.stringify(catalogJson).matchAll(/"(?:date|validFrom|sourceDate)": ?"(\d{4}-\d{2}-\d{2})"/g)].map((m) => m[1]!).sort();
    const { first, last } = catalogDayRange();
    expect(first).toBe(days[0]);
    // 1,095 days (LIST_PRICE_MAX_AGE_DAYS) after the catalog's date, by calendar: 365 × 3 days, no leap day added twice.
    expect((Date.parse(last) - Date.parse(catalogAsOf)) / 86_400_000).toBe(1095);
    expect(checkAsOf(first)).toBe(first);
    expect(checkAsOf(last)).toBe(last);
    const dayBefore = new Date(Date.parse(first) - 86_400_000).toISOString().slice(0, 10);
    const dayAfter = new Date(Date.parse(last) + 86_400_000).toISOString().slice(0, 10);
    for (const day of ['0000-01-01', dayBefore, dayAfter, '9999-12-31']) {
      expect(() => checkAsOf(day)).toThrow(new RangeError(`must be a day the catalog covers, ${first} (its earliest record) to ${last} (1,095 days after its date, ${catalogAsOf}, when every price in it is past its age limit), got "${day}"`));
    }
  });

  it('copies only the optional fields that are present', () => {
    const list = { kind: 'list' } as const;
    expect(toPricePoint(point(1, null), '2026-01-01', list)).toEqual({
      usdPerHour: 1,
      validFrom: null,
      source: 'TEST',
      sourceDate: 'undated',
      freshness: { status: 'undated', observed: null, observedIsUpperBound: false, ageDays: null, maxAgeDays: 1095, reasons: [] },
    });
    expect(toPricePoint({ ...point(1, null), range: [0.5, 1.5] }, '2026-01-01', list).range).toEqual([0.5, 1.5]);
  });
});
