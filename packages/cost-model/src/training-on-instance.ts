/**
 * Training estimates on a catalog instance: looks up the GPU, GPUs per node and the price of the chosen
 * capacity type on a date, then calls trainingEstimate. Also the same run under every purchase option.
 */
import { getInstance } from './lookup.ts';
import { freshnessText } from './price-freshness.ts';
import { trainingEstimate, type TrainingEstimate, type TrainingInput } from './training-cost.ts';
import { CAPACITY_TYPES, type CapacityType, type PricePoint } from './types.ts';

/** A training run on `nodes` × `instanceId` bought as `capacity`, priced as of `asOf` (default catalogAsOf). */
export interface InstanceTrainingInput extends Omit<TrainingInput, 'gpu' | 'gpuCount' | 'usdPerGpuHour' | 'gpusPerNode'> {
  instanceId: string;
  nodes: number;
  capacity: CapacityType;
  asOf?: string;
}

/** trainingEstimate plus the instance price used (null = unknown, listed in unknownPrices). */
export interface InstanceTrainingEstimate extends TrainingEstimate {
  instanceId: string;
  capacity: CapacityType;
  gpuCount: number;
  usdPerNodeHour: number | null;
  price: PricePoint | null;
  unknownPrices: string[];
  /** The price used, when stale: "<instance> <capacity> $x/h: STALE: …" (empty when fresh or unknown). */
  stalePrices: string[];
}

/** Estimates a training run on catalog instances; pure apart from reading the static catalog. */
export function trainingOnInstance(input: InstanceTrainingInput): InstanceTrainingEstimate {
  const { instanceId, nodes, capacity, asOf, ...rest } = input;
  if (!(Number.isInteger(nodes) && nodes > 0)) throw new RangeError(`nodes must be a positive integer, got ${nodes}`);
  const inst = getInstance(instanceId, asOf === undefined ? undefined : { asOf });
  if (inst.gpu === null) throw new RangeError(`${inst.id} has no GPUs: a training run needs a GPU instance`);
  const price = inst.prices[capacity];
  const estimate = trainingEstimate({
    ...rest,
    gpu: inst.gpu,
    gpuCount: nodes * inst.gpuCount,
    gpusPerNode: inst.gpuCount,
    usdPerGpuHour: price === null ? null : price.usdPerHour / inst.gpuCount,
  });
  return {
    ...estimate,
    instanceId: inst.id,
    capacity,
    gpuCount: nodes * inst.gpuCount,
    usdPerNodeHour: price?.usdPerHour ?? null,
    price,
    unknownPrices: price === null ? [`${inst.id} ${capacity} price unknown`] : [],
    stalePrices: price?.freshness?.status === 'stale' ? [`${inst.id} ${capacity} $${price.usdPerHour}/h: ${freshnessText(price.freshness)}`] : [],
  };
}

/**
 * The same run under every purchase option. Spot interruptions apply to spot only: on-demand and committed
 * capacity is not reclaimed; hardware failures (`hardwareFailuresPerNodeHour`) apply to every capacity type. Commitments are priced per hour
 * used, i.e. as if the committed capacity is fully used; see purchaseBreakEven for idle commitment hours.
 */
export function trainingByCapacity(input: Omit<InstanceTrainingInput, 'capacity'>): Record<CapacityType, InstanceTrainingEstimate> {
  const { interruptionsPerNodeHour, ...rest } = input;
  const entries = CAPACITY_TYPES.map((capacity) => {
    const lambda = capacity === 'spot' && interruptionsPerNodeHour !== undefined ? { interruptionsPerNodeHour } : {};
    return [capacity, trainingOnInstance({ ...rest, ...lambda, capacity })] as const;
  });
  return Object.fromEntries(entries) as Record<CapacityType, InstanceTrainingEstimate>;
}
