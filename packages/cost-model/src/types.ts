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
  /** How current the price is on the lookup date: set by every catalog lookup (see price-freshness.ts). */
  freshness?: PriceFreshness;
}

/**
 * Whether a price can be trusted on a date. `stale`: observed before a known price change that affects it,
 * or older than the documented age for its kind. `undated`: the source gives no observation day, so its
 * age is unknown. The price is still used; the flag travels with it to every table and bill.
 */
export interface PriceFreshness {
  status: 'fresh' | 'stale' | 'undated';
  /** The day the price was last observed (YYYY-MM-DD), or the latest day an undated snapshot can date from; null if unknown. */
  observed: string | null;
  /** True when `observed` is only the latest day an undated snapshot can date from (its source's `observedBy`). */
  observedIsUpperBound: boolean;
  /** Days from `observed` to the lookup date; null when undated. */
  ageDays: number | null;
  /** The age past which this kind of price counts as stale, days. */
  maxAgeDays: number;
  /** Why it is stale, in words, e.g. "observed by 2025-05-31, before AWS_GPU_CUT_2025_06 (2025-06-01)". Empty when fresh. */
  reasons: readonly string[];
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
  /** How the GPU reaches tensor-parallel peers; absent when not captured from a source. */
  interconnect?: GpuInterconnect;
  /** Other names getGpu accepts (optional so callers can build a GpuSpec by hand). */
  aliases?: readonly string[];
  source: string;
  alsoSources?: readonly string[];
  sourceDate: string;
  notes?: string;
}

/** A GPU's links to its peers, as the catalog states them (see catalog-schema.ts). */
export interface GpuInterconnect {
  /** 'nvswitch': all-to-all NVLink at nvlinkGBs (SXM on HGX/DGX boards); 'bridge-pair': NVLink only within a bridged pair of cards; null: PCIe only. */
  nvlink: 'nvswitch' | 'bridge-pair' | null;
  /** The x16 host link, bidirectional, GB/s; null when not captured. */
  pcieGBs: number | null;
  source: string;
  alsoSources?: readonly string[];
  note?: string;
}

/** What an instance is for: accelerated (GPUs) or a CPU family. */
export type InstanceFamily = 'accelerated' | 'general-purpose' | 'compute-optimized';

/** A cloud instance type in one region, with the prices in force at the requested date (null = unknown). */
export interface InstanceType {
  /** `cloud/region/type`, e.g. `aws/us-east-1/p5.48xlarge`. */
  id: string;
  cloud: CloudId;
  region: string;
  type: string;
  /** The GPU model, or null for a CPU-only instance (gpuCount 0). */
  gpu: GpuSpec | null;
  gpuCount: number;
  family: InstanceFamily;
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
