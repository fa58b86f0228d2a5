import { describe, expect, it } from 'vitest';
import { catalogAsOf } from './catalog.ts';
import { CatalogLookupError } from './catalog-lookup-error.ts';
import { controlPlaneFee, findInstance, getGpu, getInstance, listGpus, listInstances } from './lookup.ts';

describe('getGpu', () => {
  it('finds a GPU by id, alias, any case and spacing', () => {
    expect(getGpu('h100-sxm-80gb').bf16DenseTflops).toBe(989);
    expect(getGpu('H100').id).toBe('h100-sxm-80gb');
    expect(getGpu('NVIDIA A100_SXM 80GB').id).toBe('a100-80gb');
    expect(getGpu('l4-24gb').id).toBe('l4');
  });

  it('throws CatalogLookupError with the nearest ids for an unknown GPU', () => {
    const err = (() => {
      try {
        getGpu('a100');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(CatalogLookupError);
    expect(err).toMatchObject({ kind: 'gpu', id: 'a100', suggestions: ['a100-40gb', 'a100-80gb', 'a100-pcie-40gb'] });
    expect(() => getGpu('h10O')).toThrowErrorMatchingInlineSnapshot(`[CatalogLookupError: Unknown GPU "h10O". Did you mean: h100-sxm-80gb, a10g, a10?]`);
  });

  it('lists every GPU once', () => {
    const ids = listGpus().map((g) => g.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('getInstance', () => {
  it('resolves readable ids to specs and the prices in force on the catalog date', () => {
    const p5 = getInstance('aws/us-east-1/p5.48xlarge');
    expect(p5).toMatchObject({ cloud: 'aws', region: 'us-east-1', type: 'p5.48xlarge', gpuCount: 8, vcpus: 192, pricesAsOf: catalogAsOf });
    expect(p5.gpu?.id).toBe('h100-sxm-80gb');
    expect(p5.prices['on-demand']).toMatchObject({ usdPerHour: 55.04, validFrom: '2025-06-01' });
    expect(getInstance('gcp/us-central1/g2-standard-8').prices.spot?.usdPerHour).toBe(0.34057);
    expect(getInstance('azure/eastus/Standard_NC24ads_A100_v4').gpu?.id).toBe('a100-pcie-80gb');
  });

  it('picks the dated price in force on asOf: before and after the June-2025 AWS P4/P5 cut', () => {
    const price = (asOf: string) => getInstance('aws/us-east-1/p5.48xlarge', { asOf }).prices['on-demand']?.usdPerHour;
    expect(price('2025-05-31')).toBe(98.32);
    expect(price('2025-06-01')).toBe(55.04);
    expect(getInstance('aws/us-east-1/p4de.24xlarge', { asOf: '2024-12-01' }).prices['on-demand']?.usdPerHour).toBe(40.96575);
    // The p5 Savings Plan rate was only observed after the cut; before it the rate is unknown, not back-filled.
    expect(getInstance('aws/us-east-1/p5.48xlarge', { asOf: '2025-01-01' }).prices.commit1y).toBeNull();
  });

  it('follows a dated spot series and reports unknown before its first observation', () => {
    const spot = (asOf: string) => getInstance('aws/us-east-1/g5.2xlarge', { asOf }).prices.spot?.usdPerHour ?? null;
    expect(spot('2024-01-01')).toBeNull();
    expect(spot('2025-07-01')).toBe(0.3941);
    expect(spot(catalogAsOf)).toBe(0.8673);
  });

  it('returns null for prices the reference does not have', () => {
    const g2 = getInstance('gcp/us-central1/g2-standard-12');
    expect(Object.values(g2.prices)).toEqual([null, null, null, null]);
    expect(getInstance('aws/us-east-2/p5e.48xlarge').prices['on-demand']).toBeNull();
  });

  it('accepts an id in another case, and suggests near ids for an unknown one', () => {
    expect(getInstance('AWS/US-EAST-1/P5.48XLARGE').id).toBe('aws/us-east-1/p5.48xlarge');
    expect(findInstance('aws/us-east-1/p9.48xlarge')).toBeUndefined();
    expect(() => getInstance('aws/us-east-1/p5.48xlarg')).toThrowErrorMatchingInlineSnapshot(
      `[CatalogLookupError: Unknown instance "aws/us-east-1/p5.48xlarg". Did you mean: aws/us-east-1/p5.48xlarge?]`,
    );
    expect(() => getInstance('p4de.24xlarge')).toThrowErrorMatchingInlineSnapshot(
      `[CatalogLookupError: Unknown instance "p4de.24xlarge". Did you mean: aws/us-east-1/p4de.24xlarge?]`,
    );
  });

  it('rejects an asOf that is not a calendar day', () => {
    expect(() => getInstance('aws/us-east-1/p5.48xlarge', { asOf: '2025-02-30' })).toThrow(RangeError);
    expect(() => getInstance('aws/us-east-1/p5.48xlarge', { asOf: '2025/06/01' })).toThrow(/YYYY-MM-DD/);
  });
});

describe('listInstances and controlPlaneFee', () => {
  it('filters by cloud and by GPU alias', () => {
    const h100 = listInstances({ gpu: 'h100' });
    expect(h100.length).toBeGreaterThanOrEqual(4);
    expect(h100.every((i) => i.gpu?.id === 'h100-sxm-80gb')).toBe(true);
    expect(listInstances({ cloud: 'azure' }).every((i) => i.cloud === 'azure')).toBe(true);
    expect(listInstances({ cloud: 'gcp', gpu: 'l4' }).map((i) => i.type)).toContain('g2-standard-8');
  });

  it('gives the managed Kubernetes fee per cluster-hour for each cloud, with its source', () => {
    for (const cloud of ['aws', 'gcp', 'azure'] as const) {
      expect(controlPlaneFee(cloud)).toMatchObject({ usdPerHour: 0.1 });
    }
    expect(controlPlaneFee('gcp')?.source).toBe('GKE_PRICING');
  });
});
