import { describe, expect, it } from 'vitest';
import { catalog } from './catalog.ts';
import { getInstance, listInstances } from './lookup.ts';
import { GPU_PRICE_MAX_AGE_DAYS, observedOn, priceFreshness, SPOT_PRICE_MAX_AGE_DAYS } from './price-freshness.ts';

describe('observedOn', () => {
  it('reads a dated sourceDate, counting a month or a year from its first day', () => {
    expect(observedOn('2026-06-23', 'PODMONKEY')).toEqual({ day: '2026-06-23', upperBound: false });
    expect(observedOn('2026-08 (approximate)', 'PODMONKEY')).toEqual({ day: '2026-08-01', upperBound: false });
    expect(observedOn('2024 (late)', 'AWS_CB_2024')).toEqual({ day: '2024-01-01', upperBound: false });
  });

  it("falls back to an undated snapshot's observedBy bound, else null", () => {
    expect(observedOn('undated (inferred early 2025)', 'SKY_AWS_PRECUT')).toEqual({ day: '2025-05-31', upperBound: true });
    expect(observedOn('undated (inferred 2025 or later)', 'SKY_GCP')).toBeNull();
  });
});

describe('priceFreshness', () => {
  it('flags every pre-cut P-family spot price from the day of the June-2025 cut, and not before', () => {
    for (const type of ['p4d.24xlarge', 'p4de.24xlarge', 'p5.48xlarge', 'p5en.48xlarge']) {
      const spot = getInstance(`aws/us-east-1/${type}`).prices.spot;
      expect(spot?.freshness?.status, type).toBe('stale');
      expect(spot?.freshness?.reasons[0], type).toBe('observed by 2025-05-31, before AWS_GPU_CUT_2025_06 (2025-06-01)');
      expect(getInstance(`aws/us-east-1/${type}`, { asOf: '2025-05-31' }).prices.spot?.freshness?.status, type).toBe('fresh');
    }
  });

  it('keeps the post-cut p5 on-demand price fresh: observed 2026-09-25, after the cut', () => {
    const od = getInstance('aws/us-east-1/p5.48xlarge').prices['on-demand'];
    expect(od?.usdPerHour).toBe(55.04);
    expect(od?.freshness).toMatchObject({ status: 'fresh', observed: '2026-09-25', observedIsUpperBound: false, maxAgeDays: GPU_PRICE_MAX_AGE_DAYS });
  });

  it('ages spot faster than on-demand: the 2026-08-22 g5.2xlarge spot reading is fresh in November, stale half a year later', () => {
    expect(getInstance('aws/us-east-1/g5.2xlarge').prices.spot?.freshness?.status).toBe('fresh');
    const later = getInstance('aws/us-east-1/g5.2xlarge', { asOf: '2027-03-01' }).prices.spot?.freshness;
    expect(later?.status).toBe('stale');
    expect(later?.reasons[0]).toBe(`observed 2026-08-22, 191 days before 2027-03-01 (limit ${SPOT_PRICE_MAX_AGE_DAYS} days for spot prices)`);
  });

  it('calls a price without any observation date undated, not fresh', () => {
    expect(getInstance('gcp/us-central1/g2-standard-8').prices['on-demand']?.freshness).toMatchObject({ status: 'undated', observed: null });
  });

  it('judges CPU list prices by the three-year limit', () => {
    const m6i = getInstance('aws/us-east-1/m6i.large').prices['on-demand'];
    expect(m6i?.freshness).toMatchObject({ status: 'fresh', maxAgeDays: 1095 });
    expect(priceFreshness({ source: 'PODMONKEY', sourceDate: '2022-01-01' }, '2026-11-23', { kind: 'list' }).status).toBe('stale');
  });

  it('gives every price of an instance with a known price change an observation day (else the change check is blind)', () => {
    for (const change of catalog.priceChanges) {
      for (const id of change.instances) {
        const inst = listInstances({ asOf: '2025-05-01' }).find((i) => i.id === id);
        for (const p of Object.values(inst?.prices ?? {})) if (p !== null) expect(p.freshness?.observed, `${id} ${p.source}`).not.toBeNull();
      }
    }
  });
});
