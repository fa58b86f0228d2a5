/**
 * Training memory for model states (weights, gradients, optimizer) under mixed-precision Adam and its
 * ZeRO/FSDP sharding, after Rajbhandari et al., "ZeRO: Memory Optimizations Toward Training Trillion
 * Parameter Models" (SC 2020, arXiv:1910.02054): per parameter 2 bytes of 16-bit weights, 2 bytes of 16-bit
 * gradients and K = 12 bytes of fp32 optimizer state (master weights, momentum, variance) = 16 bytes.
 * ZeRO-1 shards the optimizer state over the N data-parallel GPUs, ZeRO-2 also the gradients, ZeRO-3 also
 * the weights; PyTorch FSDP FULL_SHARD is ZeRO-3. Activations, temporary buffers and fragmentation are not
 * model states: pass activationBytesPerGpu to include them.
 */
import type { GpuSpec } from './types.ts';
import { BYTES_PER_GB } from './units.ts';

/** 'mixed-adam' replicates everything (plain DDP); 'fsdp' means FULL_SHARD, the same as 'zero3'. */
export type TrainingMemoryRegime = 'mixed-adam' | 'zero1' | 'zero2' | 'zero3' | 'fsdp';

/** Bytes per parameter of each model state before sharding (ZeRO paper, mixed-precision Adam). */
export const MIXED_ADAM_BYTES_PER_PARAM = { weights: 2, gradients: 2, optimizer: 12 } as const;

/** Which states each regime shards across the data-parallel GPUs. */
const SHARDED: Record<TrainingMemoryRegime, { weights: boolean; gradients: boolean; optimizer: boolean }> = {
  'mixed-adam': { weights: false, gradients: false, optimizer: false },
  zero1: { weights: false, gradients: false, optimizer: true },
  zero2: { weights: false, gradients: true, optimizer: true },
  zero3: { weights: true, gradients: true, optimizer: true },
  fsdp: { weights: true, gradients: true, optimizer: true },
};

/** Inputs to the memory check; bytes are decimal (GPU memory as quoted, 1 GB = 1e9 bytes). */
export interface TrainingMemoryInput {
  parameters: number;
  regime: TrainingMemoryRegime;
  gpuCount: number;
  gpu: GpuSpec;
  /** Activations and buffers per GPU, bytes; default 0 (model states only). */
  activationBytesPerGpu?: number;
}

/** Per-GPU model-state memory and whether it fits. */
export interface TrainingMemory {
  regime: TrainingMemoryRegime;
  /** Bytes per parameter held on each GPU after sharding over gpuCount. */
  bytesPerParamPerGpu: { weights: number; gradients: number; optimizer: number; total: number };
  /** Bytes per parameter before sharding: 2 + 2 + 12 = 16. */
  unshardedBytesPerParam: { weights: number; gradients: number; optimizer: number; total: number };
  bytesPerGpu: number;
  gbPerGpu: number;
  gpuMemoryGB: number;
  fits: boolean;
  /** Fewest data-parallel GPUs whose sharding fits; null when no count does (replicated states alone overflow). */
  minGpus: number | null;
}

/** Model-state memory per GPU under a sharding regime, whether it fits, and the fewest GPUs that fit; pure. */
export function trainingMemory(input: TrainingMemoryInput): TrainingMemory {
  const { parameters: n, gpuCount, gpu } = input;
  if (!(n > 0)) throw new RangeError(`parameters must be > 0, got ${n}`);
  if (!(Number.isInteger(gpuCount) && gpuCount > 0)) throw new RangeError(`gpuCount must be a positive integer, got ${gpuCount}`);
  const activation = input.activationBytesPerGpu ?? 0;
  if (!(activation >= 0)) throw new RangeError('activationBytesPerGpu must be >= 0');
  const sharded = SHARDED[input.regime];
  const b = MIXED_ADAM_BYTES_PER_PARAM;
  const per = (k: keyof typeof b): number => (sharded[k] ? b[k] / gpuCount : b[k]);
  const perGpu = { weights: per('weights'), gradients: per('gradients'), optimizer: per('optimizer'), total: 0 };
  perGpu.total = perGpu.weights + perGpu.gradients + perGpu.optimizer;
  const bytesPerGpu = perGpu.total * n + activation;
  const capacity = gpu.memoryGB * BYTES_PER_GB;
  // Replicated bytes r·N stay on every GPU; sharded bytes s·N split k ways: fits when r·N + s·N/k + A <= M.
  const replicated = (Object.keys(b) as (keyof typeof b)[]).reduce((sum, k) => sum + (sharded[k] ? 0 : b[k]), 0) * n;
  const shardable = (b.weights + b.gradients + b.optimizer) * n - replicated;
  const room = capacity - activation - replicated;
  const minGpus = room <= 0 ? null : shardable === 0 ? 1 : Math.max(1, Math.ceil(shardable / room - 1e-9));
  return {
    regime: input.regime,
    bytesPerParamPerGpu: perGpu,
    unshardedBytesPerParam: { ...b, total: b.weights + b.gradients + b.optimizer },
    bytesPerGpu,
    gbPerGpu: bytesPerGpu / BYTES_PER_GB,
    gpuMemoryGB: gpu.memoryGB,
    fits: bytesPerGpu <= capacity,
    minGpus,
  };
}
