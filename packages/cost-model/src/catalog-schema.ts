/**
 * The zod schema for data/catalog.json: the raw, dated shape before lookups resolve it. Validation is
 * strict (unknown keys are errors) so a typo in the data fails loudly instead of silently dropping a price.
 */
import { z } from 'zod';

/** A source date: starts with YYYY, YYYY-MM, YYYY-MM-DD or the word "undated", then free text. */
const sourceDate = z.string().regex(/^(\d{4}(-\d{2}){0,2}|undated)\b/, 'sourceDate must start with YYYY[-MM[-DD]] or "undated"');
const isoDay = z.iso.date();
const sourceKey = z.string().regex(/^[A-Z0-9_]+$/, 'source must be a key of the sources map');
const usd = z.number().finite().nonnegative();

const alternative = z.strictObject({ usdPerHour: usd, source: sourceKey, sourceDate, note: z.string().optional() });

/** One dated price, USD per hour. */
export const rawPricePointSchema = z.strictObject({
  usdPerHour: usd,
  validFrom: isoDay.nullable(),
  source: sourceKey,
  alsoSources: z.array(sourceKey).optional(),
  sourceDate,
  note: z.string().optional(),
  range: z.tuple([usd, usd]).refine(([lo, hi]) => lo <= hi, 'range must be [low, high]').optional(),
  confidence: z.literal('low').optional(),
  alternatives: z.array(alternative).optional(),
});

/** Dated prices for one capacity type, oldest first; validFrom must increase (null only first). */
const priceSeries = z.array(rawPricePointSchema).min(1).superRefine((points, ctx) => {
  points.forEach((p, i) => {
    const prev = points[i - 1];
    if (i > 0 && (p.validFrom === null || (prev?.validFrom != null && prev.validFrom >= p.validFrom))) {
      ctx.addIssue({ code: 'custom', message: 'price series must be ordered by strictly increasing validFrom, null only first', path: [i, 'validFrom'] });
    }
  });
});

export const rawSourceSchema = z.strictObject({
  url: z.string().min(1),
  date: sourceDate,
  kind: z.string().min(1),
  confidence: z.enum(['high', 'medium', 'low']),
  notes: z.string().optional(),
});

const tflops = z.number().positive().nullable();

export const rawGpuSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  aliases: z.array(z.string().regex(/^[a-z0-9-]+$/)),
  bf16DenseTflops: tflops,
  fp16DenseTflops: tflops,
  fp8DenseTflops: tflops,
  memoryGB: z.number().positive(),
  memBandwidthTBs: z.number().positive(),
  tdpW: z.number().positive().nullable(),
  nvlinkGBs: z.number().positive().nullable(),
  source: sourceKey,
  alsoSources: z.array(sourceKey).optional(),
  sourceDate,
  notes: z.string().optional(),
});

export const rawInstanceSchema = z.strictObject({
  cloud: z.enum(['aws', 'gcp', 'azure']),
  region: z.string().regex(/^[a-z0-9-]+$/),
  type: z.string().min(1),
  gpu: z.string(),
  gpuCount: z.number().int().positive(),
  vcpus: z.number().int().positive().nullable(),
  memoryGiB: z.number().positive().nullable(),
  specSource: sourceKey,
  prices: z.strictObject({
    'on-demand': priceSeries.optional(),
    spot: priceSeries.optional(),
    commit1y: priceSeries.optional(),
    commit3y: priceSeries.optional(),
  }),
  capacityBlock: priceSeries.optional(),
  notes: z.string().optional(),
});

const tier = z.strictObject({ upToGB: z.number().positive().nullable(), usdPerGB: usd });

/** A storage (USD per GB-month) or egress (USD per GB) rate, in monthly volume tiers; the last tier is open-ended. */
export const rawRateSchema = z.strictObject({
  id: z.string().regex(/^(aws|gcp|azure)\/[a-z0-9-]+\/[a-z0-9-]+$/),
  kind: z.enum(['storage', 'egress']),
  unit: z.enum(['GB-month', 'GB']),
  tiers: z.array(tier).min(1).refine(
    (ts) => ts.every((t, i) => (i === ts.length - 1 ? t.upToGB === null : t.upToGB !== null && (i === 0 || t.upToGB > (ts[i - 1]?.upToGB ?? 0)))),
    'tiers must have increasing upToGB and end with an open tier (upToGB null)',
  ),
  source: sourceKey,
  alsoSources: z.array(sourceKey).optional(),
  sourceDate,
  note: z.string().optional(),
});

export const rawNeocloudSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/),
  provider: z.string().min(1),
  offer: z.string().min(1),
  gpu: z.string(),
  prices: z.strictObject({ 'on-demand': priceSeries.optional(), spot: priceSeries.optional() }),
});

const controlPlanePrice = rawPricePointSchema;

/** The whole catalog file. Cross-references (source keys, GPU ids, unique ids) are checked in superRefine. */
export const rawCatalogSchema = z
  .strictObject({
    $comment: z.string(),
    asOf: isoDay,
    currency: z.literal('USD'),
    sources: z.record(sourceKey, rawSourceSchema),
    gpus: z.array(rawGpuSchema).min(1),
    instances: z.array(rawInstanceSchema).min(1),
    controlPlane: z.strictObject({ aws: controlPlanePrice, gcp: controlPlanePrice, azure: controlPlanePrice }),
    rates: z.array(rawRateSchema),
    neoclouds: z.array(rawNeocloudSchema),
  })
  .superRefine((cat, ctx) => {
    for (const { path, key } of sourceReferences(cat)) {
      if (!(key in cat.sources)) ctx.addIssue({ code: 'custom', message: `unknown source key "${key}"`, path });
    }
    const gpuNames = new Set<string>();
    cat.gpus.forEach((g, i) => {
      for (const name of [g.id, ...g.aliases]) {
        if (gpuNames.has(name)) ctx.addIssue({ code: 'custom', message: `duplicate GPU id or alias "${name}"`, path: ['gpus', i] });
        gpuNames.add(name);
      }
    });
    const gpuIds = new Set(cat.gpus.map((g) => g.id));
    const instanceIds = new Set<string>();
    cat.instances.forEach((inst, i) => {
      const id = `${inst.cloud}/${inst.region}/${inst.type}`;
      if (instanceIds.has(id)) ctx.addIssue({ code: 'custom', message: `duplicate instance "${id}"`, path: ['instances', i] });
      instanceIds.add(id);
      if (!gpuIds.has(inst.gpu)) ctx.addIssue({ code: 'custom', message: `unknown GPU "${inst.gpu}"`, path: ['instances', i, 'gpu'] });
    });
    cat.neoclouds.forEach((n, i) => {
      if (!gpuIds.has(n.gpu)) ctx.addIssue({ code: 'custom', message: `unknown GPU "${n.gpu}"`, path: ['neoclouds', i, 'gpu'] });
    });
  });

/** The validated raw catalog. */
export type RawCatalog = z.infer<typeof rawCatalogSchema>;
export type RawPricePoint = z.infer<typeof rawPricePointSchema>;
export type RawGpu = z.infer<typeof rawGpuSchema>;
export type RawInstance = z.infer<typeof rawInstanceSchema>;
export type RawRate = z.infer<typeof rawRateSchema>;
export type RawNeocloud = z.infer<typeof rawNeocloudSchema>;
export type RawSource = z.infer<typeof rawSourceSchema>;

/**
 * Every source key the catalog cites, with its JSON path: walks any object carrying `source`,
 * `alsoSources` or `specSource`, so a new field that cites a source is covered without touching this.
 */
export function sourceReferences(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; key: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => sourceReferences(v, [...path, i]));
  if (value === null || typeof value !== 'object') return [];
  const out: { path: (string | number)[]; key: string }[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (path.length === 0 && k === 'sources') continue;
    if ((k === 'source' || k === 'specSource') && typeof v === 'string') out.push({ path: [...path, k], key: v });
    else if (k === 'alsoSources' && Array.isArray(v)) v.forEach((s, i) => out.push({ path: [...path, k, i], key: String(s) }));
    else out.push(...sourceReferences(v, [...path, k]));
  }
  return out;
}
