/**
 * Zod schema for `spec.training`: a pre-training run sized either by a catalog instance and a
 * node count, or by a GPU model and a GPU count (optionally with an explicit price for neoclouds
 * or hypothetical deals). Catalog ids are checked later by `validateScenarioReferences`.
 */
import * as z from 'zod';
import { MAX_HORIZON_SECONDS, MAX_PRICE_PER_GPU_HOUR, MIN_CHECKPOINT_EVERY_SECONDS, MAX_TRAINING_GPUS, MAX_TRAINING_NODES, MAX_TRAINING_PARAMETERS, MAX_TRAINING_TOKENS, MIN_TRAINING_MFU } from './limits.ts';
import { count, durationSeconds, fraction } from './unit-fields.ts';
import { trainingFailuresSchema } from './failure-schema.ts';

/** Checkpointing cadence and costs (seconds). */
export const checkpointSchema = z.strictObject({
  every: durationSeconds('Compute time between checkpoints (at least 1s)', { min: MIN_CHECKPOINT_EVERY_SECONDS, max: MAX_HORIZON_SECONDS }),
  save: durationSeconds('Time training stalls to write one checkpoint', { min: 0, max: 24 * 3600 }).default(0),
  restart: durationSeconds('Time to restart from a checkpoint after an interruption', { min: 0, max: 24 * 3600 }).default(0),
});

/** `spec.training`. */
export const trainingSchema = z
  .strictObject({
    // At least one: 1e-300 parameters was accepted and priced.
    parameters: count('Model parameters (7e9 or "7B")', { min: 1, max: MAX_TRAINING_PARAMETERS }),
    tokens: count('Training tokens (2e12 or "2T")', { min: 1, max: MAX_TRAINING_TOKENS }),
    instance: z.string().min(1).optional().describe('Catalog instance id (with `nodes`)'),
    nodes: z.number().int().min(1).max(MAX_TRAINING_NODES).optional().describe('Number of instances (with `instance`)'),
    gpu: z.string().min(1).optional().describe('Catalog GPU id, e.g. a100-80gb (with `gpus`)'),
    gpus: z.number().int().min(1).max(MAX_TRAINING_GPUS).optional().describe('Number of GPUs (with `gpu`)'),
    pricePerGpuHour: z.number().positive().max(MAX_PRICE_PER_GPU_HOUR).optional().describe('USD per GPU-hour, for neoclouds or hypothetical prices (with `gpu`)'),
    purchase: z.enum(['on-demand', 'spot', 'commit1y', 'commit3y']).default('on-demand').describe('Pricing'),
    mfu: fraction('Model FLOPs utilization (0.4 or "40%")', { min: MIN_TRAINING_MFU, max: 1 }),
    precision: z.enum(['bf16', 'fp8']).default('bf16').describe('Arithmetic precision: selects the dense TFLOPS figure'),
    checkpoint: checkpointSchema.optional().describe('Checkpoint cadence and costs; omit for none'),
    interruptionsPerNodeHour: z.number().min(0).max(10).optional().describe('Poisson spot interruption rate per node-hour (spot purchase only)'),
    failures: trainingFailuresSchema.optional().describe('Hardware failures of the nodes, restarting the job from its checkpoint: {} for the Llama 3 rate, or perGpuHour / perNodeHour'),
    budgetUsd: count('Budget in USD', { min: 0, exclusiveMin: true, max: 1e12 }).optional(),
    zeroStage: z
      .union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)])
      .optional()
      .describe('ZeRO stage sharding the model states over the GPUs: 0 = none (plain DDP), 1 = optimizer, 2 = + gradients, 3 = + weights (FSDP FULL_SHARD); omit to check against the most sharded (3)'),
    activationGBPerGpu: z.number().min(0).max(10_000).optional().describe('Activations and buffers per GPU on top of the model states, GB; omit for model states only'),
  })
  .superRefine((t, ctx) => {
    const byInstance = t.instance !== undefined || t.nodes !== undefined;
    const byGpu = t.gpu !== undefined || t.gpus !== undefined || t.pricePerGpuHour !== undefined;
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], input: undefined, message });
    if (byInstance && byGpu) {
      issue(t.gpu !== undefined ? 'gpu' : t.gpus !== undefined ? 'gpus' : 'pricePerGpuHour', 'give either instance + nodes or gpu + gpus (+ pricePerGpuHour), not both');
      return;
    }
    if (!byInstance && !byGpu) {
      ctx.addIssue({ code: 'custom', path: [], input: t, message: 'missing the hardware: give either instance + nodes or gpu + gpus' });
      return;
    }
    if (byInstance && t.instance === undefined) issue('instance', 'missing required field "instance" (nodes needs an instance type)');
    if (byInstance && t.nodes === undefined) issue('nodes', 'missing required field "nodes" (how many instances)');
    if (byGpu && t.gpu === undefined) issue('gpu', 'missing required field "gpu" (a catalog GPU id such as a100-80gb)');
    if (byGpu && t.gpus === undefined) issue('gpus', 'missing required field "gpus" (how many GPUs)');
  });

/** Parsed checkpoint settings (seconds). */
export type CheckpointSpec = z.output<typeof checkpointSchema>;
/** A parsed training run. */
export type TrainingSpec = z.output<typeof trainingSchema>;
