/**
 * Catalog lookups: GPUs by id or alias, instances by `cloud/region/type` with the prices in force on a
 * date, and managed-Kubernetes control-plane fees. Unknown ids throw CatalogLookupError with suggestions.
 */
import { catalog, catalogAsOf } from './catalog.ts';
import type { RawGpu, RawInstance } from './catalog-schema.ts';
import { CatalogLookupError } from './catalog-lookup-error.ts';
import { checkAsOf, pricePointAt, toPricePoint } from './price-at.ts';
import { suggest } from './suggest.ts';
import type { CapacityType, CloudId, GpuInterconnect, GpuSpec, InstanceType, PricePoint } from './types.ts';

/** Lower-cases and turns spaces/underscores into dashes, dropping an `nvidia-` prefix: "NVIDIA H100_SXM" → "h100-sxm". */
function normalizeGpuName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_]+/g, '-').replace(/^nvidia-/, '');
}

function toGpuInterconnect(i: NonNullable<RawGpu['interconnect']>): GpuInterconnect {
  const { alsoSources, note, ...rest } = i;
  return { ...rest, ...(alsoSources === undefined ? {} : { alsoSources }), ...(note === undefined ? {} : { note }) };
}

function toGpuSpec(g: RawGpu): GpuSpec {
  const { alsoSources, notes, interconnect, ...rest } = g;
  return {
    ...rest,
    ...(alsoSources === undefined ? {} : { alsoSources }),
    ...(notes === undefined ? {} : { notes }),
    ...(interconnect === undefined ? {} : { interconnect: toGpuInterconnect(interconnect) }),
  };
}

const gpus: readonly GpuSpec[] = catalog.gpus.map(toGpuSpec);
const gpuByName = new Map<string, GpuSpec>();
for (const g of gpus) for (const name of [g.id, ...(g.aliases ?? [])]) gpuByName.set(name, g);

const instanceId = (i: RawInstance): string => `${i.cloud}/${i.region}/${i.type}`;
const rawInstances = new Map(catalog.instances.map((i) => [instanceId(i), i]));
const rawInstancesLower = new Map(catalog.instances.map((i) => [instanceId(i).toLowerCase(), i]));

/** Every GPU in the catalog. */
export function listGpus(): GpuSpec[] {
  return [...gpus];
}

/** A GPU by canonical id (`h100-sxm-80gb`) or alias (`h100`, `a100-sxm-80gb`), case-insensitive; throws CatalogLookupError. */
export function getGpu(idOrAlias: string): GpuSpec {
  const gpu = gpuByName.get(normalizeGpuName(idOrAlias));
  if (gpu) return gpu;
  const names = [...gpuByName.keys()];
  throw new CatalogLookupError('gpu', idOrAlias, suggest(normalizeGpuName(idOrAlias), names, 3, (n) => gpuByName.get(n)?.id ?? n));
}

function resolveInstance(raw: RawInstance, asOf: string): InstanceType {
  const p = raw.prices;
  const id = instanceId(raw);
  // GPU prices age faster than CPU list prices; spot ages fastest (price-freshness.ts).
  const kind = raw.gpu === null ? 'list' : 'gpu';
  const at = (capacity: CapacityType) => pricePointAt(p[capacity], asOf, { kind: capacity === 'spot' ? 'spot' : kind, instanceId: id, capacity });
  const prices: Record<CapacityType, PricePoint | null> = {
    'on-demand': at('on-demand'),
    spot: at('spot'),
    commit1y: at('commit1y'),
    commit3y: at('commit3y'),
  };
  return {
    id,
    cloud: raw.cloud,
    region: raw.region,
    type: raw.type,
    gpu: raw.gpu === null ? null : getGpu(raw.gpu),
    gpuCount: raw.gpuCount,
    family: raw.family ?? 'accelerated',
    vcpus: raw.vcpus,
    memoryGiB: raw.memoryGiB,
    specSource: raw.specSource,
    prices,
    capacityBlock: pricePointAt(raw.capacityBlock, asOf, { kind }),
    pricesAsOf: asOf,
    ...(raw.notes === undefined ? {} : { notes: raw.notes }),
  };
}

/** An instance by id (exact, else case-insensitive) with prices in force on `asOf` (default: catalogAsOf), or undefined. */
export function findInstance(id: string, opts?: { asOf?: string }): InstanceType | undefined {
  const asOf = checkAsOf(opts?.asOf ?? catalogAsOf);
  const raw = rawInstances.get(id) ?? rawInstancesLower.get(id.trim().toLowerCase());
  return raw ? resolveInstance(raw, asOf) : undefined;
}

/** Like findInstance but throws CatalogLookupError (with the nearest valid ids) when the id is unknown. */
export function getInstance(id: string, opts?: { asOf?: string }): InstanceType {
  const found = findInstance(id, opts);
  if (found) return found;
  throw new CatalogLookupError('instance', id, suggest(id, [...rawInstances.keys()]));
}

/**
 * Instances with prices in force on `asOf`, optionally filtered by cloud, by GPU (id or alias), or by
 * `cpuOnly` (the CPU instances a service graph's non-GPU pools run on; `gpu` and `cpuOnly` together match nothing).
 */
export function listInstances(filter?: { cloud?: CloudId; gpu?: string; cpuOnly?: boolean; asOf?: string }): InstanceType[] {
  const asOf = checkAsOf(filter?.asOf ?? catalogAsOf);
  const gpuId = filter?.gpu === undefined ? undefined : getGpu(filter.gpu).id;
  return catalog.instances
    .filter((i) => filter?.cloud === undefined || i.cloud === filter.cloud)
    .filter((i) => (gpuId === undefined || i.gpu === gpuId) && (filter?.cpuOnly !== true || i.gpu === null))
    .map((i) => resolveInstance(i, asOf));
}

/** Managed Kubernetes control-plane fee, USD per cluster-hour: GKE, EKS (standard support), AKS (Standard tier). */
export function controlPlaneFee(cloud: CloudId, opts?: { asOf?: string }): PricePoint | null {
  const p = catalog.controlPlane[cloud];
  return p ? toPricePoint(p, checkAsOf(opts?.asOf ?? catalogAsOf), { kind: 'list' }) : null;
}
