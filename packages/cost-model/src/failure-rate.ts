/**
 * Hardware failure rates of GPU nodes: one function, used by the serving engine's node failures and by the
 * training model's restarts, so a design's serving fleet and its training run break at the same rate.
 *
 * Default: the Llama 3 405B pre-training run, "The Llama 3 Herd of Models" (Meta, arXiv 2407.21783, July 2024),
 * §3.3.4 and Table 5: 419 unexpected interruptions in a 54-day snapshot on 16,384 H100 GPUs (466 in all, 47 of
 * them planned). Taken per GPU-hour: 419 / (16,384 × 54 × 24) = 1.973e-5, one interruption per 50,700 GPU-hours;
 * an 8-GPU node fails about once per 6,335 node-hours (264 days). The count includes software bugs (54),
 * network (35) and host maintenance (32) besides the GPUs themselves (a job interruption, not only a dead card),
 * which is what a serving replica or a training job sees.
 */

/** The published snapshot the default rate comes from. */
export const LLAMA3_INTERRUPTIONS = {
  unexpected: 419,
  gpus: 16_384,
  days: 54,
  source: 'The Llama 3 Herd of Models, arXiv 2407.21783 (2024-07-31), §3.3.4 Table 5: 419 unexpected interruptions in 54 days on 16,384 H100 GPUs',
} as const;

/** Unexpected interruptions per GPU-hour in the Llama 3 snapshot: 419 / (16,384 × 54 × 24) ≈ 1.973e-5. */
export const LLAMA3_FAILURES_PER_GPU_HOUR = LLAMA3_INTERRUPTIONS.unexpected / (LLAMA3_INTERRUPTIONS.gpus * LLAMA3_INTERRUPTIONS.days * 24);

/** How a failure rate is given: per node-hour, per GPU-hour, or neither (the Llama 3 default per GPU-hour). */
export interface FailureRateInput {
  perNodeHour?: number | undefined;
  perGpuHour?: number | undefined;
}

/**
 * Failures per node-hour of a node with `gpusPerNode` GPUs: `perNodeHour` as given, else `perGpuHour` × GPUs,
 * else the Llama 3 rate × GPUs. A node without GPUs has no default (there is no published CPU-node figure here).
 */
export function nodeFailuresPerHour(input: FailureRateInput, gpusPerNode: number): number {
  if (input.perNodeHour !== undefined && input.perGpuHour !== undefined) throw new RangeError('give perNodeHour or perGpuHour, not both');
  if (input.perNodeHour !== undefined) return checked(input.perNodeHour, 'perNodeHour');
  if (!(Number.isInteger(gpusPerNode) && gpusPerNode >= 0)) throw new RangeError(`gpusPerNode must be an integer >= 0, got ${gpusPerNode}`);
  if (input.perGpuHour !== undefined) return checked(input.perGpuHour, 'perGpuHour') * gpusPerNode;
  if (gpusPerNode === 0) throw new RangeError('a node without GPUs has no default failure rate: give perNodeHour');
  return LLAMA3_FAILURES_PER_GPU_HOUR * gpusPerNode;
}

function checked(v: number, name: string): number {
  if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`${name} must be a finite number >= 0, got ${v}`);
  return v;
}
