/**
 * Truth tests: reproduce published training figures from their inputs with GPU-hours =
 * 6·N·D / (peak dense BF16 × MFU) / 3600. Published figures: Llama 2 paper (Touvron et al. 2023,
 * https://arxiv.org/abs/2307.09288, Table 2 GPU-hours), Llama 3.1 model card
 * (https://github.com/meta-llama/llama-models/blob/1b5892739868e5333fb7f022ba91218f0ae5f9c2/models/llama3_1/MODEL_CARD.md, training GPU-hours),
 * Llama 3 paper's 38–43% BF16 MFU for 405B (https://arxiv.org/abs/2407.21783), GPT-3 paper's 3.14e23 FLOPs
 * (Brown et al. 2020, https://arxiv.org/abs/2005.14165).
 * Peaks come from the catalog (A100-80GB 312, H100-SXM 989 dense BF16 TFLOPS).
 *
 * "MFU" here is end-to-end: published GPU-hours include everything the run spent (restarts, checkpoints,
 * evaluation, slow phases), so it sits below the steady-state MFU a paper reports. One MFU per GPU generation
 * is fitted or taken from the paper, never one per model; where that fails the test says so.
 */
import { describe, expect, it } from 'vitest';
import { getGpu } from './lookup.ts';
import { relErr } from './testing/builders.ts';
import { trainingEstimate } from './training-cost.ts';

const a100 = getGpu('a100-80gb');
const h100 = getGpu('h100-sxm-80gb');

const gpuHours = (parameters: number, tokens: number, gpu = a100, mfu: number) =>
  trainingEstimate({ parameters, tokens, gpu, gpuCount: 1, mfu, usdPerGpuHour: null }).idealGpuHours;
const impliedMfu = (parameters: number, tokens: number, gpu: typeof a100, published: number) => gpuHours(parameters, tokens, gpu, 1) / published;

describe('Llama 2 pre-training on A100-80GB (2T tokens)', () => {
  const runs = [
    { name: '7B', n: 7e9, published: 184_320 },
    { name: '13B', n: 13e9, published: 368_640 },
    { name: '70B', n: 70e9, published: 1_720_320 },
  ];
  const implied = runs.map((r) => impliedMfu(r.n, 2e12, a100, r.published));
  // One A100 MFU for all three models: the mean of what the three published figures imply.
  const A100_MFU = implied.reduce((s, m) => s + m, 0) / implied.length;

  it('implies 0.41 / 0.38 / 0.43 MFU per model; one A100 MFU of 0.41 fits all three', () => {
    expect(implied.map((m) => Number(m.toFixed(2)))).toEqual([0.41, 0.38, 0.43]);
    expect(A100_MFU).toBeCloseTo(0.41, 2);
    // Plausible: below the ~87% of peak that best-case A100 matmuls reach (271 of 312 TFLOPS, STAS_ACCEL),
    // and in the 30–50% range large dense runs report.
    expect(A100_MFU).toBeGreaterThan(0.3);
    expect(A100_MFU).toBeLessThan(271 / 312);
  });

  it.each(runs)('reproduces $name: $published GPU-hours within 10% at the single A100 MFU', ({ n, published }) => {
    expect(relErr(gpuHours(n, 2e12, a100, A100_MFU), published)).toBeLessThan(0.1);
  });

  it('leaves the 34B run (1,038,336 GPU-hours, not in the issue) 14% low: one MFU does not fit every size', () => {
    const err = gpuHours(34e9, 2e12, a100, A100_MFU) / 1_038_336 - 1;
    expect(impliedMfu(34e9, 2e12, a100, 1_038_336)).toBeCloseTo(0.35, 2);
    expect(err).toBeLessThan(-0.1);
    expect(err).toBeGreaterThan(-0.2);
  });
});

describe('Llama 3.1 pre-training on H100-80GB', () => {
  // 405B: the Llama 3 paper reports 38–43% steady-state BF16 MFU (reference README) and Meta reports more
  // than 90% effective training time over the 54-day run (quoted by DatacenterDynamics,
  // https://www.datacenterdynamics.com/en/news/meta-report-details-hundreds-of-gpu-and-hbm3-related-interruptions-to-llama-3-training-run).
  // The paper pre-trains 405B on 15.6T tokens (summary at https://ai-papers.xuzou.cn/papers/llama3_2024;
  // the model card says "15T+"). So the H100 MFU is taken from the paper, not fitted: 0.405 × 0.90.
  const H100_MFU = ((0.38 + 0.43) / 2) * 0.9;

  it('predicts 405B (30.84M GPU-hours) within 10% from the paper\'s own MFU and goodput', () => {
    expect(H100_MFU).toBeCloseTo(0.3645, 4);
    const predicted = gpuHours(405e9, 15.6e12, h100, H100_MFU);
    expect(relErr(predicted, 30.84e6)).toBeLessThan(0.1);
    // With the model card's round 15T tokens it is still within 10% (−8.9%).
    expect(relErr(gpuHours(405e9, 15e12, h100, H100_MFU), 30.84e6)).toBeLessThan(0.1);
    // The published figure implies 0.345 end-to-end, inside 0.38–0.43 × (0.8–0.95 goodput).
    expect(impliedMfu(405e9, 15.6e12, h100, 30.84e6)).toBeCloseTo(0.345, 3);
  });

  it('cannot reproduce 8B (1.46M) and 70B (7.0M) with that MFU: they imply 0.14 and 0.25', () => {
    // Known gap, reported rather than tuned away: at 15T tokens the model card's 8B and 70B GPU-hours imply
    // far lower end-to-end MFU than 405B (6·N·D omits attention FLOPs, which weigh more in small models, and
    // the card's hours may include more than the main pre-training run). The 405B MFU predicts 62% and 31% too few.
    expect(impliedMfu(8e9, 15e12, h100, 1.46e6)).toBeCloseTo(0.14, 2);
    expect(impliedMfu(70e9, 15e12, h100, 7.0e6)).toBeCloseTo(0.25, 2);
    expect(gpuHours(8e9, 15e12, h100, H100_MFU) / 1.46e6).toBeLessThan(0.5);
    expect(gpuHours(70e9, 15e12, h100, H100_MFU) / 7.0e6).toBeLessThan(0.75);
  });

  it.each([
    { name: '8B', n: 8e9, published: 1.46e6, mfu: 0.14 },
    { name: '70B', n: 70e9, published: 7.0e6, mfu: 0.25 },
    { name: '405B', n: 405e9, published: 30.84e6, mfu: 0.33 },
  ])('reproduces $name ($published GPU-hours, 15T tokens) within 10% at its own implied MFU $mfu (per-model, not a calibration)', ({ n, published, mfu }) => {
    expect(relErr(gpuHours(n, 15e12, h100, mfu), published)).toBeLessThan(0.1);
  });
});

describe('the 6·N·D rule', () => {
  it('gives GPT-3 175B on 300B tokens 3.15e23 FLOPs, within 1% of the paper\'s 3.14e23', () => {
    const flops = trainingEstimate({ parameters: 175e9, tokens: 300e9, gpu: a100, gpuCount: 1, mfu: 1, usdPerGpuHour: null }).flops;
    expect(flops).toBeCloseTo(3.15e23, -20);
    expect(relErr(flops, 3.14e23)).toBeLessThan(0.01);
  });
});
