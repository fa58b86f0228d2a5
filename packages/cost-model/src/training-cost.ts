/**
 * Training time and cost from the 6·N·D rule: FLOPs = flopsPerToken × tokens (default 6 × parameters, the
 * forward + backward matmul count of Kaplan et al. 2020, which ignores attention-score FLOPs), run at
 * gpuCount × peak dense TFLOPS × MFU, stretched by checkpoints and interruptions (checkpoint-restart.ts).
 */
import { expectedWallTime, type CheckpointPolicy } from './checkpoint-restart.ts';
import type { GpuSpec } from './types.ts';
import { FLOPS_PER_TFLOPS, SECONDS_PER_DAY, SECONDS_PER_HOUR } from './units.ts';

/** Tensor precision the MFU is quoted against. */
export type TrainingPrecision = 'bf16' | 'fp16' | 'fp8';

/** A training run: model size, data, hardware, efficiency, price and failure behaviour. */
export interface TrainingInput {
  parameters: number;
  tokens: number;
  gpu: GpuSpec;
  gpuCount: number;
  /** Model FLOPs utilization against the dense peak of `precision`, 0 < mfu ≤ 1. */
  mfu: number;
  /** Default 'bf16'. */
  precision?: TrainingPrecision;
  /** FLOPs per training token; default 6 × parameters. */
  flopsPerToken?: number;
  /** USD per GPU-hour; null when the price is unknown (costs are then null, never guessed). */
  usdPerGpuHour: number | null;
  checkpoint?: CheckpointPolicy;
  /** Interruptions per node-hour (e.g. spot reclaims); needs gpusPerNode. */
  interruptionsPerNodeHour?: number;
  /** Hardware failures per node-hour (failure-rate.ts `nodeFailuresPerHour`), on any capacity type; needs gpusPerNode. */
  hardwareFailuresPerNodeHour?: number;
  gpusPerNode?: number;
  budgetUsd?: number;
}

/** Budget questions answered both ways. */
export interface TrainingBudget {
  budgetUsd: number;
  fits: boolean;
  /** Tokens the budget trains, with the same overheads. */
  tokensAffordable: number;
  /** Wall-clock days this fleet runs for the budget. */
  daysAffordable: number;
  /** max(0, cost − budget). */
  shortfallUsd: number;
}

/** Time, GPU-hours and cost of a training run, ideal (no overheads) and expected (checkpoints + interruptions). */
export interface TrainingEstimate {
  flops: number;
  peakFlopsPerGpu: number;
  idealSeconds: number;
  idealDays: number;
  expectedSeconds: number;
  expectedDays: number;
  idealGpuHours: number;
  expectedGpuHours: number;
  lostWorkSeconds: number;
  checkpointOverheadSeconds: number;
  restartSeconds: number;
  expectedInterruptions: number;
  /** Interruptions per hour of the whole job (nodes × per-node rate). */
  jobInterruptionsPerHour: number;
  nodes: number | null;
  youngOptimalCheckpointEverySeconds: number | null;
  converges: boolean;
  idealCostUsd: number | null;
  costUsd: number | null;
  budget?: TrainingBudget;
  formula: string;
}

/** Dense peak FLOP/s of one GPU at `precision`; throws when the catalog has no such figure (e.g. BF16 on a T4). */
export function peakFlopsPerGpu(gpu: GpuSpec, precision: TrainingPrecision = 'bf16'): number {
  const tflops = { bf16: gpu.bf16DenseTflops, fp16: gpu.fp16DenseTflops, fp8: gpu.fp8DenseTflops }[precision];
  if (tflops === null) throw new RangeError(`${gpu.id} has no dense ${precision.toUpperCase()} TFLOPS in the catalog`);
  return tflops * FLOPS_PER_TFLOPS;
}

const FORMULA =
  'FLOPs = flopsPerToken·tokens (default 6·N·D); ideal s = FLOPs / (gpuCount·peak·MFU); ' +
  'job interruption rate Λ = nodes·λ; per checkpoint segment s = τ+δ: E[time] = (e^{Λs}−1)(R+1/Λ) ' +
  '(Daly 2006 exponential model, restarts uninterrupted; first order W(1+δ/τ)(1+Λ(R+(τ+δ)/2)), Young 1974); ' +
  'GPU-hours = seconds·gpuCount/3600; cost = GPU-hours·usdPerGpuHour';

function check(input: TrainingInput): void {
  const positive = { parameters: input.parameters, gpuCount: input.gpuCount, mfu: input.mfu };
  for (const [k, v] of Object.entries(positive)) if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`${k} must be > 0, got ${v}`);
  if (!Number.isInteger(input.gpuCount)) throw new RangeError(`gpuCount must be an integer, got ${input.gpuCount}`);
  if (input.mfu > 1) throw new RangeError(`mfu is a fraction of peak (0 < mfu <= 1), got ${input.mfu}`);
  if (!(input.tokens >= 0) || !Number.isFinite(input.tokens)) throw new RangeError(`tokens must be >= 0, got ${input.tokens}`);
  if (input.flopsPerToken !== undefined && !(input.flopsPerToken > 0)) throw new RangeError('flopsPerToken must be > 0');
  if (input.usdPerGpuHour !== null && !(input.usdPerGpuHour >= 0)) throw new RangeError('usdPerGpuHour must be >= 0 or null');
  const lambda = input.interruptionsPerNodeHour ?? 0;
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new RangeError('interruptionsPerNodeHour must be >= 0');
  const failures = input.hardwareFailuresPerNodeHour ?? 0;
  if (!(failures >= 0) || !Number.isFinite(failures)) throw new RangeError('hardwareFailuresPerNodeHour must be >= 0');
  if (failures > 0 && input.gpusPerNode === undefined) throw new RangeError('hardwareFailuresPerNodeHour needs gpusPerNode to count nodes');
  const perNode = input.gpusPerNode;
  if (perNode !== undefined && !(Number.isInteger(perNode) && perNode > 0)) throw new RangeError('gpusPerNode must be a positive integer');
  // The job rate scales with the node count, so a silent default here would be a silent guess.
  if (lambda > 0 && perNode === undefined) throw new RangeError('interruptionsPerNodeHour needs gpusPerNode to count nodes');
  if (input.budgetUsd !== undefined && !(input.budgetUsd >= 0)) throw new RangeError('budgetUsd must be >= 0');
}

/** Expected cost only (no budget section), used to invert the budget. */
function costFor(input: TrainingInput): number | null {
  const { budgetUsd: _budget, ...rest } = input;
  return trainingEstimate(rest).costUsd;
}

/** Tokens a budget trains under the same model (bisection on the monotone cost); Infinity at a zero price, null if unknown. */
export function tokensForBudget(input: Omit<TrainingInput, 'tokens' | 'budgetUsd'>, budgetUsd: number): number | null {
  if (input.usdPerGpuHour === null) return null;
  if (input.usdPerGpuHour === 0) return Infinity;
  const base: TrainingInput = { ...input, tokens: 0 };
  const flopsPerToken = input.flopsPerToken ?? 6 * input.parameters;
  // Upper bound: with no overheads the budget buys budget/(price·gpus) hours of full-speed compute.
  const idealHours = budgetUsd / (input.usdPerGpuHour * input.gpuCount);
  let hi = (idealHours * SECONDS_PER_HOUR * input.gpuCount * peakFlopsPerGpu(input.gpu, input.precision) * input.mfu) / flopsPerToken;
  let lo = 0;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if ((costFor({ ...base, tokens: mid }) ?? 0) <= budgetUsd) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Wall-clock days a fleet of `gpuCount` GPUs runs for `budgetUsd` at `usdPerGpuHour`; null if the price is unknown. */
export function daysForBudget(input: { usdPerGpuHour: number | null; gpuCount: number }, budgetUsd: number): number | null {
  if (input.usdPerGpuHour === null) return null;
  return budgetUsd / (input.usdPerGpuHour * input.gpuCount * 24);
}

/** Time, GPU-hours and cost of a training run; pure. Budget section present when budgetUsd is set and the price known. */
export function trainingEstimate(input: TrainingInput): TrainingEstimate {
  check(input);
  const peak = peakFlopsPerGpu(input.gpu, input.precision);
  const flops = (input.flopsPerToken ?? 6 * input.parameters) * input.tokens;
  const idealSeconds = flops / (input.gpuCount * peak * input.mfu);
  const nodes = input.gpusPerNode === undefined ? null : Math.ceil(input.gpuCount / input.gpusPerNode);
  // Spot reclaims and hardware failures are independent Poisson streams per node: their rates add.
  const jobRatePerHour = (nodes ?? 1) * ((input.interruptionsPerNodeHour ?? 0) + (input.hardwareFailuresPerNodeHour ?? 0));
  const wall = expectedWallTime(idealSeconds, jobRatePerHour / SECONDS_PER_HOUR, input.checkpoint ?? null);
  const idealGpuHours = (idealSeconds * input.gpuCount) / SECONDS_PER_HOUR;
  const expectedGpuHours = (wall.expectedSeconds * input.gpuCount) / SECONDS_PER_HOUR;
  const price = input.usdPerGpuHour;
  const costUsd = price === null ? null : expectedGpuHours * price;
  const estimate: TrainingEstimate = {
    flops,
    peakFlopsPerGpu: peak,
    idealSeconds,
    idealDays: idealSeconds / SECONDS_PER_DAY,
    expectedSeconds: wall.expectedSeconds,
    expectedDays: wall.expectedSeconds / SECONDS_PER_DAY,
    idealGpuHours,
    expectedGpuHours,
    lostWorkSeconds: wall.lostWorkSeconds,
    checkpointOverheadSeconds: wall.checkpointOverheadSeconds,
    restartSeconds: wall.restartSeconds,
    expectedInterruptions: wall.expectedInterruptions,
    jobInterruptionsPerHour: jobRatePerHour,
    nodes,
    youngOptimalCheckpointEverySeconds: wall.youngOptimalEverySeconds,
    converges: wall.converges,
    idealCostUsd: price === null ? null : idealGpuHours * price,
    costUsd,
    formula: FORMULA,
  };
  const budgetUsd = input.budgetUsd;
  if (budgetUsd === undefined || costUsd === null || price === null) return estimate;
  return {
    ...estimate,
    budget: {
      budgetUsd,
      fits: costUsd <= budgetUsd,
      tokensAffordable: tokensForBudget(input, budgetUsd) ?? 0,
      daysAffordable: daysForBudget({ usdPerGpuHour: price, gpuCount: input.gpuCount }, budgetUsd) ?? 0,
      shortfallUsd: Math.max(0, costUsd - budgetUsd),
    },
  };
}
