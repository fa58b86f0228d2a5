import { describe, expect, it } from 'vitest';
import catalogJson from '../data/catalog.json' with { type: 'json' };
import { catalog, catalogAsOf, getSource, listSources } from './catalog.ts';
import { checkBundledCatalog, parseCatalog } from './parse-catalog.ts';
import { getGpu } from './lookup.ts';
import { sourceReferences } from './catalog-schema.ts';

const DATE = /^(\d{4}(-\d{2}){0,2}|undated)\b/;

/** Paths of every number in the JSON that is not inside an object carrying a source key and a sourceDate. */
function unsourcedNumbers(value: unknown, path: string, sourced: boolean): string[] {
  if (typeof value === 'number') return sourced ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => unsourcedNumbers(v, `${path}[${i}]`, sourced));
  if (value === null || typeof value !== 'object') return [];
  const obj = value as Record<string, unknown>;
  // A price or spec object carries source + sourceDate; an instance's specSource is dated by its sources entry.
  const here = sourced || (typeof obj.source === 'string' && typeof obj.sourceDate === 'string') || typeof obj.specSource === 'string';
  return Object.entries(obj).flatMap(([k, v]) => unsourcedNumbers(v, `${path}.${k}`, here));
}

describe('catalog.json', () => {
  it('passes its zod check (run here and at the CLI\'s start, not at module load)', () => {
    expect(() => checkBundledCatalog()).not.toThrow();
    expect(parseCatalog(catalogJson)).toEqual(catalog);
    expect(catalogAsOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(catalog.gpus.length).toBeGreaterThanOrEqual(9);
    expect(catalog.instances.length).toBeGreaterThan(20);
  });

  it('cites only source keys present in the sources map, each with a url and a date', () => {
    const refs = sourceReferences(catalogJson);
    expect(refs.length).toBeGreaterThan(100);
    for (const { key, path } of refs) {
      expect(catalog.sources[key], `${path.join('.')} cites ${key}`).toBeDefined();
    }
    for (const s of listSources()) {
      expect(s.url.length, s.key).toBeGreaterThan(0);
      expect(s.date, s.key).toMatch(DATE);
    }
  });

  it('gives every price and spec number a source and a sourceDate', () => {
    const { sources: _sources, ...rest } = catalogJson as Record<string, unknown>;
    // Instance spec numbers are covered by specSource; prices and GPU specs by source + sourceDate.
    expect(unsourcedNumbers(rest, '$', false)).toEqual([]);
    const dated = (o: { sourceDate: string }) => expect(o.sourceDate).toMatch(DATE);
    catalog.gpus.forEach(dated);
    for (const inst of catalog.instances) {
      for (const series of [...Object.values(inst.prices), inst.capacityBlock ?? []]) (series ?? []).forEach(dated);
    }
    Object.values(catalog.controlPlane).forEach(dated);
    catalog.rates.forEach(dated);
  });

  it('has every GPU the issue requires, with dense (not sparse) TFLOPS', () => {
    const ids = catalog.gpus.map((g) => g.id);
    for (const id of ['t4', 'l4', 'a10g', 'l40s', 'a100-40gb', 'a100-80gb', 'h100-sxm-80gb', 'h100-pcie-80gb', 'h200-sxm-141gb']) {
      expect(ids).toContain(id);
    }
    // Dense FP8 is about twice dense BF16 on Ada/Hopper/Blackwell (L40S: 733 / 362 = 2.02); a with-sparsity
    // figure slipped into one column would make the ratio 1 or 4.
    for (const g of catalog.gpus) {
      if (g.bf16DenseTflops !== null && g.fp8DenseTflops !== null) {
        expect(Math.abs(g.fp8DenseTflops / g.bf16DenseTflops - 2), g.id).toBeLessThan(0.05);
      }
    }
  });

  it('says how each data-centre GPU reaches its tensor-parallel peers: NVSwitch on SXM, a bridged pair or PCIe on cards', () => {
    const ic = (id: string) => getGpu(id).interconnect;
    for (const id of ['h100-sxm-80gb', 'h200-sxm-141gb', 'a100-80gb', 'a100-40gb', 'b200-sxm-180gb']) expect(ic(id)?.nvlink, id).toBe('nvswitch');
    expect(ic('h100-pcie-80gb')).toMatchObject({ nvlink: 'bridge-pair', pcieGBs: 128 });
    expect(ic('a100-pcie-80gb')).toMatchObject({ nvlink: 'bridge-pair', pcieGBs: 64 });
    expect(ic('l40s')).toMatchObject({ nvlink: null, pcieGBs: 64 });
    expect(ic('l4')).toMatchObject({ nvlink: null, pcieGBs: 64 });
    // NVLink per GPU, bidirectional: Hopper 900, Ampere 600, Blackwell 1,800 GB/s.
    expect([getGpu('h100').nvlinkGBs, getGpu('a100-80gb').nvlinkGBs, getGpu('b200').nvlinkGBs]).toEqual([900, 600, 1800]);
    // Not captured from a source: left out, never guessed.
    expect(ic('t4')).toBeUndefined();
  });

  it('carries L4, A100 and H100 instances on every cloud the reference has them for', () => {
    const has = (cloud: string, gpuPrefix: string) => catalog.instances.some((i) => i.cloud === cloud && i.gpu?.startsWith(gpuPrefix));
    for (const cloud of ['aws', 'gcp', 'azure']) {
      expect(has(cloud, 'a100'), `${cloud} A100`).toBe(true);
      expect(has(cloud, 'h100'), `${cloud} H100`).toBe(true);
    }
    expect(has('aws', 'l4')).toBe(true);
    expect(has('gcp', 'l4')).toBe(true);
    // No Azure L4 VM was found (SOURCES.md), so none is listed rather than one invented.
    expect(has('azure', 'l4')).toBe(false);
  });

  it('keeps DERIVED prices equal to the arithmetic their notes show (GCP host + GPU rows, AZ midpoints)', () => {
    const sum = /DERIVED: host ([\d.]+)(?: \([^)]*\))? \+ (?:\d+ x )?(?:[A-Za-z0-9-]+ )?\(?([\d.]+)/;
    let checked = 0;
    for (const inst of catalog.instances) {
      for (const p of Object.values(inst.prices).flat()) {
        const m = sum.exec(p?.note ?? '');
        if (p && m) {
          expect(p.usdPerHour, `${inst.type}: ${p.note}`).toBeCloseTo(Number(m[1]) + Number(m[2]), 5);
          checked++;
        }
        if (p?.note?.includes('DERIVED midpoint') && p.range) {
          expect(p.usdPerHour, inst.type).toBeCloseTo((p.range[0] + p.range[1]) / 2, 4);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(20);
  });

  it('reproduces the June-2025 AWS cut as reported (p4d/p4de −33%, p5 −44%, p5en −25%)', () => {
    const cut = (type: string) => {
      const [before, after] = catalog.instances.find((i) => i.type === type)?.prices['on-demand'] ?? [];
      return 1 - (after?.usdPerHour ?? NaN) / (before?.usdPerHour ?? NaN);
    };
    expect(cut('p4d.24xlarge')).toBeCloseTo(0.33, 2);
    expect(cut('p4de.24xlarge')).toBeCloseTo(0.33, 2);
    expect(cut('p5.48xlarge')).toBeCloseTo(0.44, 2);
    expect(cut('p5en.48xlarge')).toBeCloseTo(0.254, 3);
  });

  it('resolves a source key to its url and date', () => {
    expect(getSource('GKE_PRICING').url).toContain('cloud.google.com/kubernetes-engine/pricing');
    expect(() => getSource('GKE_PRICNG')).toThrowErrorMatchingInlineSnapshot(`[CatalogLookupError: Unknown source "GKE_PRICNG". Did you mean: GKE_PRICING, CRUSOE_PRICING, CLOUDPRICE?]`);
  });
});

/** The parts of the raw JSON the rejection tests mutate. */
interface Draft {
  gpus: Record<string, unknown>[];
  instances: { type: string; gpu: string; prices: Record<string, Record<string, unknown>[]> }[];
}

function at<T>(xs: T[] | undefined, i: number): T {
  const x = xs?.[i];
  if (x === undefined) throw new Error(`fixture has no element ${i}`);
  return x;
}

describe('parseCatalog rejects bad data', () => {
  const clone = (): Draft => structuredClone(catalogJson) as unknown as Draft;

  it('rejects a source key missing from the sources map', () => {
    const bad = clone();
    at(at(bad.instances, 0).prices['on-demand'], 0).source = 'NOT_A_SOURCE';
    expect(() => parseCatalog(bad)).toThrow(/unknown source key "NOT_A_SOURCE"/);
  });

  it('rejects a date that is neither a date nor "undated", and unknown fields', () => {
    const bad = clone();
    at(bad.gpus, 0).sourceDate = 'recently';
    at(bad.gpus, 1).sparseTflops = 1;
    expect(() => parseCatalog(bad)).toThrowErrorMatchingInlineSnapshot(`
      [Error: cost-model catalog is invalid:
      ✖ Unrecognized key: "sparseTflops"
        → at gpus[1]
      ✖ sourceDate must start with YYYY[-MM[-DD]] or "undated"
        → at gpus[0].sourceDate]
    `);
  });

  it('rejects a price series out of date order and an instance with an unknown GPU', () => {
    const bad = clone();
    const p5 = bad.instances.find((i) => i.type === 'p5.48xlarge');
    if (!p5) throw new Error('fixture has no p5');
    p5.prices['on-demand']?.reverse();
    p5.gpu = 'h100-sxm';
    expect(() => parseCatalog(bad)).toThrow(/strictly increasing validFrom/);
    expect(() => parseCatalog(bad)).toThrow(/unknown GPU "h100-sxm"/);
  });

  it('rejects a negative price (an unknown price is absent, not negative or zero-filled)', () => {
    const bad = clone();
    at(at(bad.instances, 0).prices.spot, 0).usdPerHour = -1;
    expect(() => parseCatalog(bad)).toThrow(/spot\[0\]\.usdPerHour/);
  });
});

describe('citations a reader can open', () => {
  it('every source is a URL (a page, a feed, or a repository path at a commit), never a search-index id', () => {
    for (const s of listSources()) {
      expect(s.url, s.key).toMatch(/^https?:\/\//);
      expect(`${s.url} ${s.notes ?? ''}`, s.key).not.toMatch(/index (file )?id/i);
    }
  });

  it('cites GitHub files at a commit, not at a moving branch', () => {
    for (const s of listSources().filter((x) => x.url.startsWith('https://github.com/'))) {
      expect(s.url, s.key).toMatch(/\/(blob|tree)\/[0-9a-f]{40}\//);
    }
  });
});
