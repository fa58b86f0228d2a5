/**
 * The cost-model estimate of `spec.training`: the one place its fields become cost-model inputs, read by the
 * run's `training` summary (api/run-scenario.ts) and by validation, which refuses a run expected never to finish.
 */
import { type GpuSpec, getGpu, getInstance, type InstanceTrainingEstimate, nodeFailuresPerHour, type TrainingEstimate, trainingEstimate, trainingOnInstance } from '@design-sim/cost-model';
import type { TrainingSpec } from './training-schema.ts';

/** A run on `nodes` catalog instances (priced from the catalog), or on `gpus` GPUs (priced at pricePerGpuHour). */
export type TrainingEstimateOf = { kind: 'instance'; estimate: InstanceTrainingEstimate; gpu: GpuSpec } | { kind: 'gpu'; estimate: TrainingEstimate; gpu: GpuSpec };

/** The estimate of a validated training block; `catalogDate` is `spec.catalogDate` (prices as of that day). */
export function estimateTraining(t: TrainingSpec, catalogDate: string | undefined): TrainingEstimateOf {
  const common = {
    parameters: t.parameters,
    tokens: t.tokens,
    mfu: t.mfu,
    precision: t.precision,
    ...(t.checkpoint ? { checkpoint: { everySeconds: t.checkpoint.every, saveSeconds: t.checkpoint.save, restartSeconds: t.checkpoint.restart } } : {}),
    ...(t.interruptionsPerNodeHour !== undefined ? { interruptionsPerNodeHour: t.interruptionsPerNodeHour } : {}),
    ...(t.budgetUsd !== undefined ? { budgetUsd: t.budgetUsd } : {}),
  };
  // Hardware failures restart the job at the rate serving nodes fail at (one function: cost-model nodeFailuresPerHour).
  const failuresOf = (gpusPerNode: number) => (t.failures === undefined ? {} : { hardwareFailuresPerNodeHour: nodeFailuresPerHour(t.failures, gpusPerNode) });
  if (t.instance !== undefined && t.nodes !== undefined) {
    const asOf = catalogDate ? { asOf: catalogDate } : {};
    const inst = getInstance(t.instance, asOf);
    const estimate = trainingOnInstance({ ...common, ...failuresOf(inst.gpuCount), instanceId: t.instance, nodes: t.nodes, capacity: t.purchase, ...asOf });
    return { kind: 'instance', estimate, gpu: inst.gpu! };
  }
  const gpu = getGpu(t.gpu!);
  // A run given in GPUs is counted as nodes of 8 (or fewer, when it has fewer GPUs) for its interruption rate.
  const gpusPerNode = Math.min(8, t.gpus!);
  const estimate = trainingEstimate({ ...common, ...failuresOf(gpusPerNode), gpu, gpuCount: t.gpus!, usdPerGpuHour: t.pricePerGpuHour ?? null, gpusPerNode });
  return { kind: 'gpu', estimate, gpu };
}
