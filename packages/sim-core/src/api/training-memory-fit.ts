/**
 * Does a training run's memory fit? Model states under mixed-precision Adam (16 bytes per parameter,
 * cost-model `trainingMemory`, after the ZeRO paper) sharded by the run's ZeRO stage over all its GPUs,
 * plus the activations the scenario states, against one GPU's memory. Every GPU is taken as data-parallel:
 * the training block has no tensor or pipeline parallelism, which would shard further.
 */
import { type GpuSpec, type TrainingMemoryRegime, trainingMemory } from '@design-sim/cost-model';
import { formatInteger } from '../scenario/describe-value.ts';
import { formatGB as gb } from './diagnostics.ts';
import type { TrainingSpec } from '../scenario/index.ts';
import type { TrainingMemoryFit, TrainingSummary } from './run-result.ts';

const REGIME: Readonly<Record<0 | 1 | 2 | 3, TrainingMemoryRegime>> = { 0: 'mixed-adam', 1: 'zero1', 2: 'zero2', 3: 'zero3' };
const STAGES = [0, 1, 2, 3] as const;

/** The memory check of a training run on `gpuCount` GPUs of one kind; pure. */
export function trainingMemoryFit(t: Pick<TrainingSpec, 'parameters' | 'zeroStage' | 'activationGBPerGpu'>, gpu: GpuSpec, gpuCount: number): TrainingMemoryFit {
  const zeroStage = t.zeroStage ?? 3;
  const activationGBPerGpu = t.activationGBPerGpu ?? 0;
  const at = (stage: 0 | 1 | 2 | 3) => trainingMemory({ parameters: t.parameters, regime: REGIME[stage], gpuCount, gpu, activationBytesPerGpu: activationGBPerGpu * 1e9 });
  const m = at(zeroStage);
  return {
    zeroStage,
    stageStated: t.zeroStage !== undefined,
    statesGBPerGpu: m.gbPerGpu - activationGBPerGpu,
    activationGBPerGpu,
    gpu: gpu.id,
    gpuMemoryGB: gpu.memoryGB,
    totalGpuMemoryGB: gpu.memoryGB * gpuCount,
    fits: m.fits,
    minGpus: m.minGpus,
    lowestFittingStage: STAGES.find((s) => at(s).fits) ?? null,
  };
}


/** One line for people: "1,120 GB of model states; ZeRO-3 (assumed) over 8 GPUs: 140 GB per GPU of 40 GB: DOES NOT FIT". */
export function describeTrainingMemory(t: Pick<TrainingSummary, 'memoryGB' | 'gpuCount' | 'memoryFit'>): string {
  const f = t.memoryFit;
  const act = f.activationGBPerGpu > 0 ? ` + ${gb(f.activationGBPerGpu)} GB activations` : ' (activations not stated)';
  const stage = `ZeRO-${f.zeroStage}${f.stageStated ? '' : ' (assumed: the most sharded)'}`;
  const verdict = f.fits ? 'fits' : 'DOES NOT FIT';
  return `${gb(t.memoryGB)} GB of model states (16 B/param); ${stage} over ${formatInteger(t.gpuCount)} GPUs: ${gb(f.statesGBPerGpu)} GB per GPU${act} of ${gb(f.gpuMemoryGB)} GB: ${verdict}`;
}
