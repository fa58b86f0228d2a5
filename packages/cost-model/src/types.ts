/**
 * Public, resolved shapes of catalog entries (what lookups return). The raw JSON shapes live in
 * catalog-schema.ts; these are the same data with GPU references resolved and one dated price chosen.
 */

/** A hyperscaler the catalog prices. */
export type CloudId = 'aws' | 'gcp' | 'azure';

/** How capacity is bought: pay-as-you-go, interruptible spot, or a 1-/3-year commitment (RI, Savings Plan, CUD). */
export type CapacityType = 'on-demand' | 'spot' | 'commit1y' | 'commit3y';

/** Every capacity type, in display order. */
export const CAPACITY_TYPES: readonly CapacityType[] = ['on-demand', 'spot', 'commit1y', 'commit3y'];

/** A price in USD per hour with its source key (see `getSource`) and the date the source observed it. */
export interface PricePoint {
  usdPerHour: number;
  source: string;
  sourceDate: string;
  note?: string;
  /** Further sources that report the same value. */
  alsoSources?: readonly string[];
  /** Date (YYYY-MM-DD) the price took effect, or was first observed; null = before any later record. */
  validFrom?: string | null;
  /** Spread across availability zones when the source gives one (spot), USD per hour. */
  range?: readonly [number, number];
  /** Set when the chosen source is low-confidence. */
  confidence?: 'low';
  /** Values other sources report and that were not chosen, with why (see SOURCES.md). */
  alternatives?: readonly { usdPerHour: number; source: string; sourceDate: string; note?: string | undefined }[];
}

/** GPU hardware specs the simulator needs; TFLOPS are dense (no sparsity), memory in GB, bandwidth in TB/s. */
export interface GpuSpec {
  id: string;
  name: string;
  bf16DenseTflops: number | null;
  fp16DenseTflops: number | null;
  fp8DenseTflops: number | null;
  memoryGB: number;
  memBandwidthTBs: number;
  tdpW: number | null;
  /** NVLink bandwidth per GPU in GB/s (bidirectional), null when the part has none. */
  nvlinkGBs?: number | null;
  /** Other names getGpu accepts (optional so callers can build a GpuSpec by hand). */
  aliases?: readonly string[];
  source: string;
  alsoSources?: readonly string[];
  sourceDate: string;
  notes?: string;
}

/** A cloud instance type in one region, with the prices in force at the requested date (null = unknown). */
export interface InstanceType {
  /** `cloud/region/type`, e.g. `aws/us-east-1/p5.48xlarge`. */
  id: string;
  cloud: CloudId;
  region: string;
  type: string;
  gpu: GpuSpec;
  gpuCount: number;
  vcpus: number | null;
  memoryGiB: number | null;
  /** Source key for gpuCount, vCPUs and memory. */
  specSource: string;
  prices: Record<CapacityType, PricePoint | null>;
  /** AWS Capacity Block rate (a reservation sold by the block), USD per instance-hour; null when not sold or unknown. */
  capacityBlock: PricePoint | null;
  /** The catalog date the prices were chosen for (YYYY-MM-DD). */
  pricesAsOf: string;
  notes?: string;
}

/** A neocloud's per-GPU offer (Lambda, CoreWeave, RunPod…), priced per GPU-hour. */
export interface NeocloudOffer {
  id: string;
  provider: string;
  offer: string;
  gpu: GpuSpec;
  /** USD per GPU-hour. */
  prices: { 'on-demand': PricePoint | null; spot: PricePoint | null };
}
