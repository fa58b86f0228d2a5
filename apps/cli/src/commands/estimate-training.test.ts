import { getGpu, trainingEstimate } from '@design-sim/cost-model';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../testing/test-context.ts';

describe('estimate training command', () => {
  it('answers the issue example in one line that matches the cost model', async () => {
    const r = await runInProcess(['estimate', 'training', '--params', '7e9', '--tokens', '2e12', '--gpu', 'a100-80gb', '--gpus', '32', '--mfu', '0.4', '--price', '2']);
    expect(r.code).toBe(0);
    const e = trainingEstimate({ parameters: 7e9, tokens: 2e12, gpu: getGpu('a100-80gb'), gpuCount: 32, mfu: 0.4, usdPerGpuHour: 2 });
    const [answer, memory, formula, price] = r.stdout.trimEnd().split('\n');
    expect(memory).toBe('  memory: 112 GB of model states (16 B/param); ZeRO-3 (assumed: the most sharded) over 32 GPUs: 3.5 GB per GPU (activations not stated) of 80 GB: fits');
    expect(answer).toContain('8.4e22 FLOPs');
    expect(answer).toContain(`= ${e.idealDays.toPrecision(3)} days`);
    expect(answer).toContain(`$${Math.round(e.idealCostUsd ?? 0).toLocaleString('en-US')}`);
    expect(formula).toContain('FLOPs = 6·N·D');
    expect(price).toContain('$2.00/GPU-h from --price');
  });

  it('70B on 8 × A100 40GB: the model states cannot fit, an error with the numbers and exit 1, in text and --json', async () => {
    const args = ['estimate', 'training', '--params', '70B', '--tokens', '2T', '--gpu', 'a100-40gb', '--gpus', '8', '--price', '2'];
    const r = await runInProcess(args);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ error: training does not fit in GPU memory: 1,120 GB of model states (16 bytes per parameter, mixed-precision Adam) against 320 GB on 8 × 40 GB GPUs');
    const json = await runInProcess([...args, '--json']);
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as { memoryFit: unknown }).memoryFit).toMatchObject({ zeroStage: 3, fits: false, statesGBPerGpu: 140, minGpus: 28 });
    // Stage 0 (plain data parallel) of 7B on 80 GB GPUs: 112 GB each does not fit; ZeRO-1 does.
    const ddp = await runInProcess(['estimate', 'training', '--params', '7B', '--tokens', '2T', '--gpu', 'a100-80gb', '--gpus', '8', '--price', '2', '--zero-stage', '0']);
    expect(ddp.code).toBe(1);
    expect(ddp.stdout).toContain('ZeRO-1 fits');
  });

  it('exits 1 when the budget does not fit and 0 when it does', async () => {
    const args = ['estimate', 'training', '--params', '7B', '--tokens', '2T', '--gpu', 'a100-80gb', '--gpus', '32', '--mfu', '40%', '--price', '1'];
    const over = await runInProcess([...args, '--budget', '10K']);
    expect(over.code).toBe(1);
    expect(over.stdout).toMatch(/over the \$10,000 budget by \$[\d,]+/);
    const within = await runInProcess([...args, '--budget', '$1,000,000']);
    expect(within.code).toBe(0);
    expect(within.stdout).toContain('within the $1,000,000 budget');
  });

  it('uses the cheapest catalog price when none is given, and says where it comes from', async () => {
    const r = await runInProcess(['estimate', 'training', '--params', '7e9', '--tokens', '2e12', '--gpu', 'a100-80gb', '--gpus', '32', '--spot', '--json']);
    const doc = JSON.parse(r.stdout) as { usdPerGpuHour: number; priceSource: string; estimate: { costUsd: number } };
    expect(doc.usdPerGpuHour).toBeGreaterThan(0);
    expect(doc.priceSource).toContain('the cheapest a100-80gb spot price per GPU-hour in the catalog');
  });

  it('rejects bad values with one line naming the option', async () => {
    const r = await runInProcess(['estimate', 'training', '--params', '7 billion', '--tokens', '2e12', '--gpu', 'a100', '--gpus', '32']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("option '--params <count>' argument '7 billion' is invalid");
    expect(r.stderr).toContain('did you mean 7B?');
    const mfu = await runInProcess(['estimate', 'training', '--params', '7e9', '--tokens', '2e12', '--gpu', 'a100', '--gpus', '32', '--mfu', '40']);
    expect(mfu.stderr).toContain('did you mean 40%?');
    const gpu = await runInProcess(['estimate', 'training', '--params', '7e9', '--tokens', '2e12', '--gpu', 'a100-90gb', '--gpus', '32']);
    expect(gpu.code).toBe(2);
    expect(gpu.stderr).toMatch(/^design-sim: --gpu: unknown GPU "a100-90gb" \(did you mean .*a100-80gb/);
  });

  it('refuses counts past the scenario limits at the option, not as an overflow inside the estimate', async () => {
    // Found by the audit: --params 1e308 --tokens 1e308 printed "estimate training: workSeconds must be a finite number >= 0, got Infinity".
    const r = await runInProcess(['estimate', 'training', '--params', '1e308', '--tokens', '1e308', '--gpu', 'a100-80gb', '--gpus', '32']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("option '--params <count>' argument '1e308' is invalid. expected at most 1e14 (docs/limits.md).");
    expect(r.stderr).not.toContain('workSeconds');
    const tokens = await runInProcess(['estimate', 'training', '--params', '7e9', '--tokens', '1e18', '--gpu', 'a100-80gb', '--gpus', '32']);
    expect(tokens.code).toBe(2);
    expect(tokens.stderr).toContain("option '--tokens <count>' argument '1e18' is invalid. expected at most 1e17");
  });
});
