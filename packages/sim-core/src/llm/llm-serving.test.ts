/**
 * The token-level LLM model: calibration against published runs (tolerance ±40%: engine versions alone
 * move these numbers 1.3–2.7×, see the calibration reference), and structural properties any correct
 * model of continuous batching must have.
 */
import { describe, expect, it } from 'vitest';
import { expectConserved } from '../test-support/conservation.ts';
import { createSimApi } from '../api/sim-api.ts';
import { runEngine } from '../engine/simulation.ts';
import { fleet } from '../test-support/builders.ts';
import { llmConfig } from '../test-support/llm-builders.ts';
import { getGpu } from '@design-sim/cost-model';
import { calibrationCases, calibrationCases70b, calibrationCases8b, evaluateCase } from './calibration-cases.ts';
import { allReduceSeconds, DEFAULT_LLM_EFFICIENCY, iterationSeconds } from './llm-perf.ts';
import { kvBytesPerToken, knownModel, parametersOfShape } from './llm-models.ts';
import { resolveLlm, tpLinkBytesPerSecond } from './resolve-llm.ts';

describe('model shapes', () => {
  it('Llama 3.1 8B and 70B: parameters from the shape and KV bytes per token match the published table', () => {
    const m8 = knownModel('llama-3.1-8b')!;
    const m70 = knownModel('llama-3-70b')!;
    expect(parametersOfShape(m8) / 1e9).toBeCloseTo(8.03, 2);
    expect(parametersOfShape(m70) / 1e9).toBeCloseTo(70.55, 1);
    expect(kvBytesPerToken(m8, 2)).toBe(131_072);
    expect(kvBytesPerToken(m70, 2)).toBe(327_680);
  });
});

describe('calibration against published TensorRT-LLM runs (docs/fidelity.md)', () => {
  for (const c of calibrationCases) {
    it(`${c.name}, ${c.metric}: within ±40% of ${c.measured}`, () => {
      const { predicted } = evaluateCase(c, DEFAULT_LLM_EFFICIENCY);
      expect(Math.abs(predicted / c.measured - 1)).toBeLessThan(0.4);
    });
  }
});

describe('tensor-parallel all-reduces (docs/fidelity.md)', () => {
  const m70 = knownModel('llama-3.1-70b')!;
  const model = { layers: m70.layers, hiddenSize: m70.hiddenSize };
  const hw = (tp: number, link: number) => ({ flopsPerGpu: 989e12, bandwidthPerGpu: 3.35e12, tensorParallel: tp, linkBytesPerSecond: link });
  const eff = DEFAULT_LLM_EFFICIENCY;

  it('is a ring all-reduce twice per layer: 2(n−1)/n × bytes ÷ bandwidth + 2(n−1) step latencies', () => {
    // 70B over 4 GPUs, 1,000 tokens: each all-reduce moves 1000 × 8192 × 2 bytes.
    const bytes = 1000 * 8192 * 2;
    const one = 1.5 * (bytes / (450e9 * eff.interconnect)) + 6 * eff.allReduceStepSeconds;
    expect(allReduceSeconds(1000, model, hw(4, 450e9), eff)).toBeCloseTo(160 * one, 12);
    // The bandwidth term grows with the tokens in the batch; the latency term does not.
    const d1 = allReduceSeconds(2000, model, hw(4, 450e9), eff) - allReduceSeconds(1000, model, hw(4, 450e9), eff);
    expect(d1).toBeCloseTo(160 * 1.5 * (bytes / (450e9 * eff.interconnect)), 12);
  });

  it('costs nothing at TP 1, so the Llama-3.1-8B TP1 calibration cannot move', () => {
    expect(allReduceSeconds(5000, model, hw(1, 0), eff)).toBe(0);
    expect(calibrationCases8b.every((c) => c.tp === 1)).toBe(true);
  });

  it('uses NVLink through NVSwitch on SXM parts, a bridged pair at TP 2 on PCIe cards, else PCIe', () => {
    expect(tpLinkBytesPerSecond(getGpu('h100-sxm-80gb'), 4)).toBe(450e9); // 900 GB/s bidirectional per GPU
    expect(tpLinkBytesPerSecond(getGpu('a100-80gb'), 8)).toBe(300e9);
    expect(tpLinkBytesPerSecond(getGpu('h100-pcie-80gb'), 2)).toBe(300e9); // NVLink bridge, 600 GB/s
    expect(tpLinkBytesPerSecond(getGpu('h100-pcie-80gb'), 4)).toBe(64e9); // beyond the pair: PCIe Gen5 x16, 128 GB/s
    expect(tpLinkBytesPerSecond(getGpu('l40s'), 2)).toBe(32e9); // PCIe Gen4 x16, 64 GB/s
    expect(tpLinkBytesPerSecond(getGpu('l40s'), 1)).toBe(0);
    expect(tpLinkBytesPerSecond(getGpu('t4'), 2)).toBeNull();
  });

  it('refuses tensor parallelism on a GPU whose links the catalog does not know', () => {
    const spec = { model: 'llama-3.1-8b', precision: 'fp16', kvCacheDtype: 'fp16', inputTokens: 1, outputTokens: 1, maxBatchSize: 8, maxBatchedTokens: 512, chunkedPrefill: true, gpuMemoryUtilization: 0.9, activationReserveGB: 1, prefixCaching: true, routingImbalance: 1 } as const;
    const r = resolveLlm(spec, getGpu('a10g'), 2);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^a10g has no GPU-to-GPU interconnect in the catalog/);
    expect(resolveLlm(spec, getGpu('a10g'), 1).ok).toBe(true);
  });

  it('moves 70B TP4 under load: without the all-reduces the model was 1.5–2× too optimistic', () => {
    const noComm = { ...DEFAULT_LLM_EFFICIENCY, interconnect: 1e12, allReduceStepSeconds: 0 };
    const itl32 = calibrationCases70b.find((c) => c.name === 'online 70B TP4 H100 SXM BF16 202/214 @ 32 req/s' && c.metric === 'mean ITL ms')!;
    const before = evaluateCase(itl32, noComm).predicted;
    const after = evaluateCase(itl32, DEFAULT_LLM_EFFICIENCY).predicted;
    expect(itl32.measured / before).toBeGreaterThan(1.5); // 42 ms measured
    expect(Math.abs(after / itl32.measured - 1)).toBeLessThan(0.2);
  });
});

const h100 = 'h100-sxm-80gb';
const run = (qps: number, o: Partial<Parameters<typeof llmConfig>[0]> = {}, seconds = 300) =>
  runEngine(
    fleet({
      qps,
      replicas: 1,
      serviceTime: { kind: 'constant', seconds: 0 },
      durationSeconds: seconds,
      warmupSeconds: 30,
      service: { llm: llmConfig({ gpu: h100, input: { kind: 'fixed', tokens: 200 }, output: { kind: 'fixed', tokens: 200 }, ...o }) },
    }),
  );

describe('structure of continuous batching', () => {
  it('decode is memory-bound at small batches: an iteration of 1 costs about the weights over the bandwidth', () => {
    const m = knownModel('llama-3.1-8b')!;
    const model = { parameters: m.parameters, layers: m.layers, hiddenSize: m.hiddenSize, weightBytes: m.parameters * 2, kvBytesPerToken: 131_072 };
    const hw = { flopsPerGpu: 989e12, bandwidthPerGpu: 3.35e12, tensorParallel: 1, linkBytesPerSecond: 0 };
    const one = iterationSeconds({ tokens: 1, attendedTokens: 300, kvTokensRead: 300 }, model, hw, DEFAULT_LLM_EFFICIENCY);
    expect(one).toBeCloseTo(DEFAULT_LLM_EFFICIENCY.stepOverheadSeconds + (m.parameters * 2 + 300 * 131_072) / (3.35e12 * DEFAULT_LLM_EFFICIENCY.bandwidth), 6);
    // Doubling the batch from 8 to 16 costs far less than doubling the time: batching amortises the weights.
    const t8 = iterationSeconds({ tokens: 8, attendedTokens: 8 * 300, kvTokensRead: 8 * 300 }, model, hw, DEFAULT_LLM_EFFICIENCY);
    const t16 = iterationSeconds({ tokens: 16, attendedTokens: 16 * 300, kvTokensRead: 16 * 300 }, model, hw, DEFAULT_LLM_EFFICIENCY);
    expect(t16 / t8).toBeLessThan(1.2);
  });

  it('throughput rises with load until the replica saturates, then stays flat', () => {
    const tps = [5, 20, 60, 150, 400].map((qps) => run(qps, {}, 200).llm!.outputTokens / 200);
    expect(tps[1]!).toBeGreaterThan(tps[0]! * 3);
    expect(tps[2]!).toBeGreaterThan(tps[1]! * 2.5);
    // Past saturation the replica serves the same tokens per second however much more is offered.
    expect(Math.abs(tps[4]! / tps[3]! - 1)).toBeLessThan(0.15);
  });

  it('TTFT stays flat below capacity and climbs past it', () => {
    const ttft = (qps: number) => run(qps, {}, 200).llm!.ttft.quantile(0.5);
    const light = ttft(2);
    const medium = ttft(20);
    const overloaded = ttft(400);
    expect(medium).toBeLessThan(light * 1.5);
    expect(overloaded).toBeGreaterThan(light * 20);
  });

  it('a smaller KV cache caps the batch and lowers throughput (KV binds before compute)', () => {
    const roomy = run(400, { gpuMemoryUtilization: 0.9 }, 200).llm!.outputTokens;
    const tight = run(400, { gpuMemoryUtilization: 0.25 }, 200).llm!.outputTokens;
    expect(tight).toBeLessThan(roomy * 0.8);
  });

  it('FP8 weights leave more room for KV than BF16 on the same GPU, and decode faster', () => {
    const bf16 = llmConfig({ gpu: h100, precision: 'bf16', input: { kind: 'fixed', tokens: 1 }, output: { kind: 'fixed', tokens: 1 } });
    const fp8 = llmConfig({ gpu: h100, precision: 'fp8', input: { kind: 'fixed', tokens: 1 }, output: { kind: 'fixed', tokens: 1 } });
    expect(fp8.kvCapacityTokens).toBeGreaterThan(bf16.kvCapacityTokens);
    const tpot = (w: 'bf16' | 'fp8') => run(4, { precision: w }, 120).llm!.tpot.mean();
    expect(tpot('fp8')).toBeLessThan(tpot('bf16') * 0.8);
  });

  it('is deterministic for a seed and conserves requests', () => {
    const a = run(30, { input: { kind: 'uniform', min: 50, max: 800 }, output: { kind: 'lognormal', mu: Math.log(150), sigma: 0.6, max: 2000 } }, 120);
    const b = run(30, { input: { kind: 'uniform', min: 50, max: 800 }, output: { kind: 'lognormal', mu: Math.log(150), sigma: 0.6, max: 2000 } }, 120);
    expect(a.llm!.outputTokens).toBe(b.llm!.outputTokens);
    expect(a.llm!.ttft.quantile(0.99)).toBe(b.llm!.ttft.quantile(0.99));
    expectConserved(a);
  });
});

describe('LLM services from YAML', () => {
  const yaml = (model: string, gpus: number, precision: string) => `
apiVersion: design-sim/v1
kind: Scenario
metadata: { name: llm-fit }
spec:
  duration: 10m
  traffic: { profile: { type: constant, qps: 5 } }
  services:
    - name: llm
      gpusPerReplica: ${gpus}
      nodePool: h100
      llm: { model: ${model}, precision: ${precision}, inputTokens: 200, outputTokens: 200 }
  nodePools:
    - { name: h100, instance: aws/us-east-1/p5.48xlarge, minNodes: 1, maxNodes: 1 }
  expect: [ttft.p99 < 500ms, tpot.p50 < 30ms]
`;
  const api = createSimApi();

  it('a 70B model in BF16 does not fit on one 80 GB GPU: a validation error naming the numbers', () => {
    const r = api.validate(yaml('llama-3.1-70b', 1, 'bf16'), 'llm.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]!.path).toBe('spec.services[0].llm.model');
    expect(r.issues[0]!.message).toMatch(/141\.1 GB of bf16 weights need more than the 71\.0 GB usable on 1 × h100-sxm-80gb/);
    expect(r.issues[0]!.line).toBe(12); // the `model:` key's line (the template starts with a newline)
  });

  it('tensor parallelism must split the attention heads: 3 GPUs for Llama 3.1 8B (32 heads) is refused at gpusPerReplica, as vLLM refuses it', () => {
    // vLLM ModelConfig.verify_with_parallel_config: "Total number of attention heads (32) must be divisible by tensor parallel size (3)".
    const r = api.validate(yaml('llama-3.1-8b', 3, 'bf16'), 'llm.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]!.path).toBe('spec.services[0].gpusPerReplica');
    expect(r.issues[0]!.message).toBe("tensor parallelism over 3 GPUs cannot split the model's 32 attention heads (vLLM refuses a size that does not divide them): use 1, 2, 4, 8, 16 GPUs per replica");
    expect(api.validate(yaml('llama-3.1-8b', 4, 'bf16'), 'llm.yaml').ok).toBe(true);
  });

  it('tensor parallelism over GPUs whose links the catalog lacks (4 × A10G on g5.12xlarge) is a located validation error', () => {
    const text = yaml('llama-3.1-8b', 2, 'bf16').replace('aws/us-east-1/p5.48xlarge', 'aws/us-east-1/g5.12xlarge');
    const r = api.validate(text, 'llm.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]!.path).toBe('spec.services[0].llm.model');
    expect(r.issues[0]!.message).toContain('a10g has no GPU-to-GPU interconnect in the catalog, so the all-reduces of tensor parallelism over 2 GPUs cannot be costed');
  });

  it('70B runs on 2 × H100 in FP8 and on 4 × H100 in BF16, and meets the SLO at light load', () => {
    for (const [gpus, precision] of [[2, 'fp8'], [4, 'bf16']] as const) {
      const r = api.run(yaml('llama-3.1-70b', gpus, precision), 'llm.yaml');
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(r.result.pass).toBe(true);
      expect(r.result.summary!.llm!.outputTokens).toBeGreaterThan(0);
    }
  });
});
