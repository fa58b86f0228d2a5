/**
 * The zod schema for data/catalog.json: the raw, dated shape before lookups resolve it. Validation is
 * strict (unknown keys are errors) so a typo in the data fails loudly instead of silently dropping a price.
 */
import * as z from 'zod';

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

/** Dated points, oldest first; validFrom must increase (null only first). */
function datedSeries<P extends { validFrom: string | null }>(point: z.ZodType<P>) {
  return z.array(point).min(1).superRefine((points, ctx) => {
    points.forEach((p, i) => {
      const prev = points[i - 1];
      if (i > 0 && (p.validFrom === null || (prev?.validFrom != null && prev.validFrom >= p.validFrom))) {
        ctx.addIssue({ code: 'custom', message: 'price series must be ordered by strictly increasing validFrom, null only first', path: [i, 'validFrom'] });
      }
    });
  });
}

/** Dated prices for one capacity type. */
const priceSeries = datedSeries(rawPricePointSchema);

export const rawSourceSchema = z.strictObject({
  url: z.string().min(1),
  date: sourceDate,
  kind: z.string().min(1),
  confidence: z.enum(['high', 'medium', 'low']),
  notes: z.string().optional(),
  /**
   * For an undated snapshot: the latest day its values can date from (an inference stated in `notes`), used
   * as the observation day of its prices when judging freshness (price-freshness.ts). A lower bound on age.
   */
  observedBy: isoDay.optional(),
});

const tflops = z.number().positive().nullable();

/**
 * How a GPU reaches its tensor-parallel peers: over NVLink through NVSwitch (SXM parts on HGX/DGX boards,
 * all-to-all at the full per-GPU NVLink figure), over an NVLink bridge between a pair of PCIe cards, or
 * over PCIe. `pcieGBs` is the x16 host link, bidirectional, GB/s.
 */
export const rawInterconnectSchema = z.strictObject({
  nvlink: z.enum(['nvswitch', 'bridge-pair']).nullable(),
  pcieGBs: z.number().positive().nullable(),
  source: sourceKey,
  alsoSources: z.array(sourceKey).optional(),
  note: z.string().optional(),
});

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
  /** Omitted when not captured from a source: tensor parallelism across such GPUs cannot be costed. */
  interconnect: rawInterconnectSchema.optional(),
  source: sourceKey,
  alsoSources: z.array(sourceKey).optional(),
  sourceDate,
  notes: z.string().optional(),
});

/**
 * A network link between nodes that a KV cache can cross (disaggregated serving): its bandwidth per
 * direction, Gb/s. NVLink within a node is not listed here: it is each GPU's own `nvlinkGBs`.
 */
export const rawLinkSchema = z.strictObject({
  id: z.enum(['infiniband', 'ethernet']),
  name: z.string().min(1),
  gbps: z.number().positive(),
  source: sourceKey,
  sourceDate,
  note: z.string().optional(),
});

/** What an instance is for: accelerated (has GPUs) or one of the CPU families clouds sell. */
export const INSTANCE_FAMILIES = ['accelerated', 'general-purpose', 'compute-optimized'] as const;

export const rawInstanceSchema = z.strictObject({
  cloud: z.enum(['aws', 'gcp', 'azure']),
  region: z.string().regex(/^[a-z0-9-]+$/),
  type: z.string().min(1),
  /** A catalog GPU id, or null for a CPU-only instance (then gpuCount is 0 and `family` says which CPU family). */
  gpu: z.string().nullable(),
  gpuCount: z.number().int().nonnegative(),
  family: z.enum(INSTANCE_FAMILIES).optional(),
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

/** Units a managed service is billed in; the cost functions multiply the price by a quantity in this unit. */
export const MANAGED_SERVICE_UNITS = ['instance-hour', 'GB-hour', 'million-requests', 'TiB', 'port-hour', 'attachment-hour'] as const;

/** One dated price in USD per unit of a managed service (the unit is the service's `unit`). */
export const rawUnitPriceSchema = rawPricePointSchema.omit({ usdPerHour: true, range: true, alternatives: true }).extend({ usdPerUnit: usd });

const unitPriceSeries = datedSeries(rawUnitPriceSchema);

/**
 * A managed component priced per unit: a database or cache node, a queue's requests, a dedicated
 * interconnect port. Ids are `cloud/region/name`, e.g. `aws/us-east-1/rds-postgres-db.t3.large`.
 */
export const rawManagedServiceSchema = z.strictObject({
  id: z.string().regex(/^(aws|gcp|azure)\/[a-z0-9-]+\/[a-z0-9][a-z0-9._-]*$/),
  kind: z.enum(['database', 'cache', 'queue', 'network']),
  service: z.string().min(1),
  shape: z.string().min(1),
  unit: z.enum(MANAGED_SERVICE_UNITS),
  vcpus: z.number().positive().nullable().optional(),
  memoryGiB: z.number().positive().nullable().optional(),
  /** Source key for vcpus and memoryGiB (required when either is given). */
  specSource: sourceKey.optional(),
  prices: unitPriceSeries,
  notes: z.string().optional(),
});

const capacityType = z.enum(['on-demand', 'spot', 'commit1y', 'commit3y']);

/**
 * A dated list-price change (e.g. AWS's June-2025 GPU cut): a price of a listed instance and capacity type
 * observed before `date` is stale on any day from `date` on (price-freshness.ts).
 */
export const rawPriceChangeSchema = z.strictObject({
  id: z.string().regex(/^[A-Z0-9_]+$/),
  date: isoDay,
  instances: z.array(z.string().min(1)).min(1),
  capacities: z.array(capacityType).min(1),
  source: sourceKey,
  sourceDate,
  note: z.string().min(1),
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
    links: z.array(rawLinkSchema),
    instances: z.array(rawInstanceSchema).min(1),
    controlPlane: z.strictObject({ aws: controlPlanePrice, gcp: controlPlanePrice, azure: controlPlanePrice }),
    rates: z.array(rawRateSchema),
    neoclouds: z.array(rawNeocloudSchema),
    managedServices: z.array(rawManagedServiceSchema),
    priceChanges: z.array(rawPriceChangeSchema),
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
    const rateIds = new Set(cat.rates.map((r) => r.id));
    const instanceIds = new Set<string>();
    cat.instances.forEach((inst, i) => {
      const id = `${inst.cloud}/${inst.region}/${inst.type}`;
      if (instanceIds.has(id)) ctx.addIssue({ code: 'custom', message: `duplicate instance "${id}"`, path: ['instances', i] });
      instanceIds.add(id);
      if (inst.gpu !== null && !gpuIds.has(inst.gpu)) ctx.addIssue({ code: 'custom', message: `unknown GPU "${inst.gpu}"`, path: ['instances', i, 'gpu'] });
      if ((inst.gpu === null) !== (inst.gpuCount === 0)) {
        ctx.addIssue({ code: 'custom', message: 'a CPU-only instance has gpu null and gpuCount 0; a GPU instance has both', path: ['instances', i, 'gpuCount'] });
      }
      if (inst.gpu === null && (inst.family === undefined || inst.family === 'accelerated')) {
        ctx.addIssue({ code: 'custom', message: 'a CPU-only instance needs family general-purpose or compute-optimized', path: ['instances', i, 'family'] });
      }
    });
    const managedIds = new Set<string>();
    cat.managedServices.forEach((m, i) => {
      if (managedIds.has(m.id) || rateIds.has(m.id)) ctx.addIssue({ code: 'custom', message: `duplicate id "${m.id}"`, path: ['managedServices', i, 'id'] });
      if ((m.vcpus != null || m.memoryGiB != null) && m.specSource === undefined) {
        ctx.addIssue({ code: 'custom', message: 'vcpus and memoryGiB need a specSource', path: ['managedServices', i, 'specSource'] });
      }
      managedIds.add(m.id);
    });
    cat.priceChanges.forEach((c, i) => {
      c.instances.forEach((id, j) => {
        if (!instanceIds.has(id)) ctx.addIssue({ code: 'custom', message: `unknown instance "${id}"`, path: ['priceChanges', i, 'instances', j] });
      });
    });
    cat.neoclouds.forEach((n, i) => {
      if (!gpuIds.has(n.gpu)) ctx.addIssue({ code: 'custom', message: `unknown GPU "${n.gpu}"`, path: ['neoclouds', i, 'gpu'] });
    });
  });

/** The validated raw catalog. */
export type RawCatalog = z.infer<typeof rawCatalogSchema>;
export type RawPricePoint = z.infer<typeof rawPricePointSchema>;
export type RawGpu = z.infer<typeof rawGpuSchema>;
export type RawLink = z.infer<typeof rawLinkSchema>;
export type RawInstance = z.infer<typeof rawInstanceSchema>;
export type RawRate = z.infer<typeof rawRateSchema>;
export type RawNeocloud = z.infer<typeof rawNeocloudSchema>;
export type RawSource = z.infer<typeof rawSourceSchema>;
export type RawManagedService = z.infer<typeof rawManagedServiceSchema>;
export type RawUnitPrice = z.infer<typeof rawUnitPriceSchema>;
export type RawPriceChange = z.infer<typeof rawPriceChangeSchema>;

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
