/**
 * The per-GPU-hour price a back-of-envelope estimate uses: an explicit --price, a named --instance,
 * or else the cheapest catalog instance with that GPU (optionally on one cloud) at the chosen capacity
 * type. Always says where the number came from; null when the catalog has no such price.
 */
import { CatalogLookupError, getGpu, getInstance, listInstances, type CapacityType, type CloudId, type GpuSpec, type InstanceType } from '@design-sim/cost-model';
import { CliError } from '../cli-error.ts';
import { formatUsd } from '../format/numbers.ts';

/** The price chosen and why. */
export interface GpuPriceChoice {
  gpu: GpuSpec;
  usdPerGpuHour: number | null;
  instance: InstanceType | null;
  capacity: CapacityType;
  /** One line: where the price comes from. */
  note: string;
}

export interface GpuPriceRequest {
  gpu?: string | undefined;
  instance?: string | undefined;
  cloud?: CloudId | undefined;
  capacity: CapacityType;
  price?: number | undefined;
}

/** Turns a catalog lookup error into one CLI line with its suggestions. */
export function catalogError(e: unknown, flag: string): never {
  if (e instanceof CatalogLookupError) {
    const hint = e.suggestions.length > 0 ? ` (did you mean ${e.suggestions.join(', ')}?)` : '';
    throw new CliError(`${flag}: unknown ${e.kind === 'gpu' ? 'GPU' : e.kind} "${e.id}"${hint}`);
  }
  throw new CliError(`${flag}: ${e instanceof Error ? e.message : String(e)}`);
}

function perGpu(inst: InstanceType, capacity: CapacityType): number | null {
  const p = inst.prices[capacity];
  return p === null || inst.gpuCount === 0 ? null : p.usdPerHour / inst.gpuCount;
}

function describe(inst: InstanceType, capacity: CapacityType, why: string): string {
  const p = inst.prices[capacity];
  if (p === null) return `${inst.id} has no ${capacity} price in the catalog (as of ${inst.pricesAsOf})`;
  return `${inst.id} ${capacity} ${formatUsd(p.usdPerHour)}/h ÷ ${inst.gpuCount} GPU${inst.gpuCount === 1 ? '' : 's'} [source ${p.source}, ${p.sourceDate}]${why}`;
}

/** Resolves the GPU and its price; throws CliError for unknown ids. */
export function chooseGpuPrice(req: GpuPriceRequest): GpuPriceChoice {
  const { capacity } = req;
  let instance: InstanceType | null = null;
  if (req.instance !== undefined) {
    try {
      instance = getInstance(req.instance);
    } catch (e) {
      catalogError(e, '--instance');
    }
  }
  let gpu: GpuSpec;
  try {
    if (req.gpu === undefined && instance !== null && instance.gpu === null) throw new CliError(`--instance ${instance.id} has no GPUs`);
    gpu = req.gpu !== undefined ? getGpu(req.gpu) : (instance?.gpu ?? getGpu(''));
  } catch (e) {
    if (req.gpu === undefined) throw new CliError('name the hardware: --gpu <id> (e.g. --gpu a100-80gb) or --instance <cloud/region/type>');
    catalogError(e, '--gpu');
  }
  if (instance !== null && instance.gpu?.id !== gpu.id) throw new CliError(`--instance ${instance.id} has ${instance.gpu === null ? 'no' : instance.gpu.id} GPUs, not ${gpu.id}`);
  if (req.price !== undefined) return { gpu, usdPerGpuHour: req.price, instance, capacity, note: `${formatUsd(req.price)}/GPU-h from --price` };
  if (instance !== null) return { gpu, usdPerGpuHour: perGpu(instance, capacity), instance, capacity, note: describe(instance, capacity, '') };
  const candidates = listInstances({ gpu: gpu.id, ...(req.cloud === undefined ? {} : { cloud: req.cloud }) })
    .map((i) => ({ i, usd: perGpu(i, capacity) }))
    .filter((c): c is { i: InstanceType; usd: number } => c.usd !== null)
    .sort((a, b) => a.usd - b.usd || a.i.id.localeCompare(b.i.id));
  const best = candidates[0];
  const where = req.cloud === undefined ? 'the catalog' : `${req.cloud} in the catalog`;
  if (best === undefined) return { gpu, usdPerGpuHour: null, instance: null, capacity, note: `no ${capacity} price for ${gpu.id} in ${where}: cost unknown (give --price)` };
  return { gpu, usdPerGpuHour: best.usd, instance: best.i, capacity, note: describe(best.i, capacity, ` — the cheapest ${gpu.id} ${capacity} price per GPU-hour in ${where}`) };
}
