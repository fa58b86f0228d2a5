/**
 * A training run that cannot hold its model states never passes (issue #10 §4). Truth: 16 bytes per
 * parameter under mixed-precision Adam (ZeRO paper, arXiv:1910.02054 §3.1), sharded by ZeRO stage.
 */
import { getGpu } from '@design-sim/cost-model';
import { describe, expect, it } from 'vitest';
import { lookupMetric } from './metric-lookup.ts';
import { createSimApi } from './sim-api.ts';
import { describeTrainingMemory, trainingMemoryFit } from './training-memory-fit.ts';
import { verdictOf } from './verdict.ts';

const api = createSimApi();
const scenario = (training: string) => `
apiVersion: design-sim/v1
kind: Scenario
metadata: { name: training-fit }
spec:
  training:
    tokens: 1T
    mfu: 0.4
${training
  .trim()
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
`;
function run(training: string) {
  const r = api.run(scenario(training), 'fit.yaml');
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.result;
}

describe('trainingMemoryFit', () => {
  it('70B on 8 × A100 40GB: 1,120 GB of states, 140 GB per GPU even at ZeRO-3, 28 GPUs needed', () => {
    const f = trainingMemoryFit({ parameters: 70e9, zeroStage: undefined, activationGBPerGpu: undefined }, getGpu('a100-40gb'), 8);
    expect(f.zeroStage).toBe(3);
    expect(f.stageStated).toBe(false);
    expect(f.statesGBPerGpu).toBeCloseTo(140, 9);
    expect(f.totalGpuMemoryGB).toBe(320);
    expect(f.fits).toBe(false);
    expect(f.minGpus).toBe(28);
    expect(f.lowestFittingStage).toBeNull();
  });

  it('7B on 8 × A100 80GB: 112 GB does not fit unsharded, ZeRO-1 is the lowest stage that does', () => {
    const gpu = getGpu('a100-80gb');
    const z0 = trainingMemoryFit({ parameters: 7e9, zeroStage: 0, activationGBPerGpu: undefined }, gpu, 8);
    expect(z0.statesGBPerGpu).toBeCloseTo(112, 9);
    expect(z0.fits).toBe(false);
    expect(z0.minGpus).toBeNull(); // replicated states never shrink with more GPUs
    expect(z0.lowestFittingStage).toBe(1);
    // ZeRO-1: 2 + 2 + 12/8 = 5.5 bytes per parameter = 38.5 GB.
    const z1 = trainingMemoryFit({ parameters: 7e9, zeroStage: 1, activationGBPerGpu: undefined }, gpu, 8);
    expect(z1.statesGBPerGpu).toBeCloseTo(38.5, 9);
    expect(z1.fits).toBe(true);
  });

  it('stated activations count against the same memory', () => {
    const gpu = getGpu('a100-80gb');
    // ZeRO-3 over 8: 14 GB of states; + 60 GB of activations fits in 80, + 70 does not.
    expect(trainingMemoryFit({ parameters: 7e9, zeroStage: 3, activationGBPerGpu: 60 }, gpu, 8).fits).toBe(true);
    const over = trainingMemoryFit({ parameters: 7e9, zeroStage: 3, activationGBPerGpu: 70 }, gpu, 8);
    expect(over.fits).toBe(false);
    expect(over.statesGBPerGpu).toBeCloseTo(14, 9);
    expect(over.minGpus).toBe(12); // 112 GB / (80 − 70) GB per GPU
  });
});

describe('a training run that cannot fit fails, with the numbers, in the result every output reads', () => {
  it('70B on one p4d.24xlarge (8 × A100 40GB): an error diagnostic, pass false, the verdict says why', () => {
    const r = run(`
parameters: 70B
instance: aws/us-east-1/p4d.24xlarge
nodes: 1`);
    expect(r.pass).toBe(false);
    expect(r.training!.memoryFit.fits).toBe(false);
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect(d.severity).toBe('error');
    expect(d.code).toBe('training-does-not-fit');
    expect(d.message).toMatchInlineSnapshot(
      `"training does not fit in GPU memory: 1,120 GB of model states (16 bytes per parameter, mixed-precision Adam) against 320 GB on 8 × 40 GB GPUs; sharded with ZeRO-3 over 8 GPUs, each GPU holds 140 GB > 40 GB; at ZeRO-3 it needs at least 28 × a100-40gb (40 GB each)"`,
    );
    expect(verdictOf(r).reason).toContain('1,120 GB of model states');
  });

  it('the same with no expectations at all is still a failure (never green)', () => {
    const r = run(`
parameters: 70B
gpu: a100-40gb
gpus: 8`);
    expect(r.expectations).toHaveLength(0);
    expect(r.pass).toBe(false);
  });

  it('a stated ZeRO stage is checked as stated, and the message names the stage that would fit', () => {
    const r = run(`
parameters: 7B
gpu: a100-80gb
gpus: 8
zeroStage: 0`);
    expect(r.pass).toBe(false);
    expect(r.diagnostics[0]!.message).toContain('unsharded (ZeRO-0, plain data parallel), each GPU holds 112 GB > 80 GB; ZeRO-1 fits; at ZeRO-0 no number of 80 GB GPUs fits');
  });

  it('stated activations that overflow the GPU fail the run', () => {
    const r = run(`
parameters: 7B
gpu: a100-80gb
gpus: 8
activationGBPerGpu: 70`);
    expect(r.pass).toBe(false);
    expect(r.diagnostics[0]!.message).toContain('each GPU holds 14 GB + 70 GB of activations > 80 GB');
  });

  it('7B on 8 × A100 80GB at ZeRO-3 fits: no diagnostic, the run passes', () => {
    const r = run(`
parameters: 7B
instance: aws/us-east-1/p4de.24xlarge
nodes: 1`);
    expect(r.diagnostics).toEqual([]);
    expect(r.pass).toBe(true);
    expect(r.training!.memoryFit).toMatchObject({ zeroStage: 3, fits: true, statesGBPerGpu: 14, gpuMemoryGB: 80, lowestFittingStage: 1 });
  });

  it('rejects a ZeRO stage that does not exist, located', () => {
    const r = api.validate(scenario(`
parameters: 7B
gpu: a100-80gb
gpus: 8
zeroStage: 4`), 'fit.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]!.path).toBe('spec.training.zeroStage');
  });
});

describe('training memory metrics', () => {
  it('training.memoryPerGpuGB and training.memoryFits answer expectations and claims', () => {
    const r = run(`
parameters: 7B
gpu: a100-80gb
gpus: 8
zeroStage: 1
activationGBPerGpu: 20`);
    // ZeRO-1 over 8: (2 + 2 + 12/8) × 7e9 = 38.5 GB, + 20 GB of activations.
    expect(lookupMetric(r, 'training.memoryPerGpuGB')).toBeCloseTo(58.5, 9);
    expect(lookupMetric(r, 'training.memoryFits')).toBe(1);
    const big = run(`
parameters: 70B
gpu: a100-40gb
gpus: 8`);
    expect(lookupMetric(big, 'training.memoryPerGpuGB')).toBeCloseTo(140, 9);
    expect(lookupMetric(big, 'training.memoryFits')).toBe(0);
  });

  it('an expectation on them is graded like any other', () => {
    const r = api.run(scenario(`
parameters: 7B
gpu: a100-80gb
gpus: 8
`).replace('spec:\n', 'spec:\n  expect: [training.memoryPerGpuGB < 20, training.memoryFits == true]\n'), 'fit.yaml');
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
    expect(r.result.expectations.map((e) => [e.text, e.pass, e.actual])).toEqual([
      ['training.memoryPerGpuGB < 20', true, 14],
      ['training.memoryFits == true', true, 1],
    ]);
  });
});

describe('describeTrainingMemory (the line CLI text and Markdown print)', () => {
  it('says what is held per GPU, against what, and whether it fits', () => {
    const r = run(`
parameters: 70B
instance: aws/us-east-1/p4d.24xlarge
nodes: 1`);
    expect(describeTrainingMemory(r.training!)).toBe(
      '1,120 GB of model states (16 B/param); ZeRO-3 (assumed: the most sharded) over 8 GPUs: 140 GB per GPU (activations not stated) of 40 GB: DOES NOT FIT',
    );
  });
});
