/**
 * The known model shapes against their published configs (docs/llm-calibration-data.md "Model shapes"
 * copies each config.json's figures with its URL) and the parameter counts their model cards state, and
 * the mixture-of-experts cost: all experts in memory, active parameters in the FLOPs.
 */
import { describe, expect, it } from 'vitest';
import { getGpu } from '@design-sim/cost-model';
import { activeParametersOfShape, expertParametersOfShape, knownModel, kvBytesPerToken, parametersOfShape } from './llm-models.ts';
import { DEFAULT_LLM_EFFICIENCY, expertsTouched, iterationSeconds } from './llm-perf.ts';
import { costModelOf, resolveLlm } from './resolve-llm.ts';
import { llmConfig } from '../test-support/llm-builders.ts';

describe('published shapes (config.json) and parameter counts', () => {
  // [id, layers, hidden, heads, kv heads, head dim, ffn, vocab, experts/top-k/expert ffn, total B, active B, KV bytes/token bf16]
  const table = [
    ['llama-3.3-70b', 80, 8192, 64, 8, 128, 28672, 128256, null, 70.55, 70.55, 327_680],
    ['llama-2-70b', 80, 8192, 64, 8, 128, 28672, 32000, null, 68.98, 68.98, 327_680],
    ['mixtral-8x7b', 32, 4096, 32, 8, 128, 14336, 32000, [8, 2, 14336], 46.7, 12.9, 131_072],
    ['qwen3-30b-a3b', 48, 2048, 32, 4, 128, 768, 151936, [128, 8, 768], 30.5, 3.3, 98_304],
    // Tied embeddings: 16 · (2 · 2048 · 2048 + 2 · 2048 · 512 + 3 · 2048 · 8192) + 128,256 · 2048 = 1,235,746,816 ("1.23B").
    ['llama-3.2-1b', 16, 2048, 32, 8, 64, 8192, 128256, null, 1.23, 1.23, 32_768],
  ] as const;
  for (const [id, layers, hidden, heads, kv, headDim, ffn, vocab, experts, total, active, kvBytes] of table) {
    it(`${id}: the config's shape, ${total} B parameters (${active} B active), ${kvBytes} KV bytes per token`, () => {
      const m = knownModel(id)!;
      expect({ layers: m.layers, hidden: m.hiddenSize, heads: m.attentionHeads, kv: m.kvHeads, headDim: m.headDim, ffn: m.ffnSize, vocab: m.vocabSize }).toEqual({ layers, hidden, heads, kv, headDim, ffn, vocab });
      expect(m.experts ? [m.experts.count, m.experts.perToken, m.experts.ffnSize] : null).toEqual(experts);
      // Model cards round to 0.1 B: Mixtral "46.7B total, 12.9B active"; Qwen3-30B-A3B "30.5B total, 3.3B activated"
      // (derived 3.35 B: +1.6%, within 2%).
      expect(Math.abs(m.parameters / 1e9 / total - 1)).toBeLessThan(0.02);
      expect(Math.abs(m.activeParameters / 1e9 / active - 1)).toBeLessThan(0.02);
      expect(kvBytesPerToken(m, 2)).toBe(kvBytes);
    });
  }

  it('Llama 3.2 1B counts its tied embedding once: 1,235,746,816 parameters', () => {
    // The checkpoint's 1,235,814,400 adds 33 RMSNorm vectors of 2048 (two a layer and the final one), which the shape
    // formula leaves out: 67,584 weights, 0.005%.
    expect(knownModel('llama-3.2-1b')!.parameters).toBe(1_235_746_816);
  });

  it('Llama 3.3 70B is the Llama 3.1 70B architecture; Llama 2 70B differs only in its 32k vocabulary', () => {
    const l31 = knownModel('llama-3.1-70b')!;
    expect(parametersOfShape(knownModel('llama-3.3-70b')!)).toBeCloseTo(l31.parameters, -8);
    expect(l31.parameters - knownModel('llama-2-70b')!.parameters).toBeCloseTo(2 * (128256 - 32000) * 8192, -8);
  });

  it('KV hand-off of Llama 2 70B (docs/fidelity.md): GQA makes it 8× smaller than SplitwiseSim’s hidden-size formula', () => {
    const m = knownModel('llama-2-70b')!;
    const link = 200 * 1024 ** 3; // SplitwiseSim's transfer_bandwidth: 200 (GiB/s)
    const ours = (1500 * kvBytesPerToken(m, 2)) / link;
    const splitwiseSim = (2 * 1500 * m.hiddenSize * m.layers * 2) / link;
    expect(ours * 1000).toBeCloseTo(2.29, 2);
    expect(splitwiseSim * 1000).toBeCloseTo(18.3, 1);
    expect(splitwiseSim / ours).toBe(m.attentionHeads / m.kvHeads);
  });

  it('an unknown model name is refused, not guessed, with the known names', () => {
    const r = resolveLlm({ ...llmSpec(), model: 'deepseek-v3' }, getGpu('h100'), 1);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.field).toBe('model');
    expect(r.message).toMatch(/unknown model "deepseek-v3": its shape is not known to design-sim, so it is not guessed; use one of .*mixtral-8x7b/);
    expect(r).not.toHaveProperty('suggestion');
  });

  it('a typo of a known model name gets a "did you mean", as an unknown GPU does', () => {
    const typo = resolveLlm({ ...llmSpec(), model: 'lama-3.1-8b' }, getGpu('h100'), 1);
    expect(typo.ok === false && typo.suggestion).toBe('llama-3.1-8b');
    const spaced = resolveLlm({ ...llmSpec(), model: 'Mixtral 8x7B' }, getGpu('h100'), 1);
    expect(spaced.ok === false && spaced.suggestion).toBe('mixtral-8x7b');
    // Never a model of another size: 405B is not a typo of 70B.
    expect(resolveLlm({ ...llmSpec(), model: 'llama-3.1-405b' }, getGpu('h100'), 1)).not.toHaveProperty('suggestion');
    expect(resolveLlm({ ...llmSpec(), model: 'qwen3-30b-a3' }, getGpu('h100'), 1)).toMatchObject({ suggestion: 'qwen3-30b-a3b' });
  });
});

describe('mixture of experts in the iteration model', () => {
  const shape = knownModel('mixtral-8x7b')!;
  const m = costModelOf(shape, 'bf16', kvBytesPerToken(shape, 2), 1);
  const hw = { flopsPerGpu: 989e12, bandwidthPerGpu: 4.8e12, tensorParallel: 1, linkBytesPerSecond: 0 };
  const eff = { ...DEFAULT_LLM_EFFICIENCY, stepOverheadSeconds: 0 };

  it('holds every expert in memory but computes through the active parameters only', () => {
    expect(m.weightBytes).toBeCloseTo(shape.parameters * 2, -3);
    expect(m.parameters).toBe(shape.activeParameters);
    expect(m.moe!.expertWeightBytes).toBeCloseTo(expertParametersOfShape(shape) * 2, -3);
    expect(shape.parameters - shape.activeParameters).toBeCloseTo((expertParametersOfShape(shape) * 6) / 8, -3);
  });

  it('one decode sequence reads the shared weights and its 2 of 8 experts; a large batch reads them all', () => {
    expect(expertsTouched(1, 8, 2)).toBeCloseTo(2, 10);
    expect(expertsTouched(256, 8, 2)).toBeCloseTo(8, 6);
    const one = iterationSeconds({ tokens: 1, attendedTokens: 0, kvTokensRead: 0 }, m, hw, eff);
    const activeBytes = (shape.parameters * 2 - m.moe!.expertWeightBytes) + (m.moe!.expertWeightBytes * 2) / 8;
    expect(one).toBeCloseTo(activeBytes / (4.8e12 * eff.bandwidth), 9);
    // A memory-bound batch of 64 reads (almost) all 46.7 B parameters: about 3.6× the single sequence's bytes.
    const batch = iterationSeconds({ tokens: 64, attendedTokens: 0, kvTokensRead: 0 }, m, hw, eff);
    expect(batch / one).toBeCloseTo((shape.parameters * 2) / activeBytes, 2);
  });

  it('routing imbalance multiplies the expert FLOPs of a compute-bound iteration', () => {
    const work = { tokens: 8192, attendedTokens: 0, kvTokensRead: 0 };
    const balanced = iterationSeconds(work, m, hw, eff);
    const skewed = iterationSeconds(work, costModelOf(shape, 'bf16', kvBytesPerToken(shape, 2), 1.5), hw, eff);
    const expertShare = m.moe!.activeExpertParameters / m.parameters;
    expect(skewed / balanced).toBeCloseTo(1 + 0.5 * expertShare, 3);
  });

  it('Mixtral 8x7B in BF16 (93 GB) does not fit one H100 but fits one MI300X (192 GB)', () => {
    const h100 = resolveLlm({ ...llmSpec(), model: 'mixtral-8x7b' }, getGpu('h100'), 1);
    expect(h100.ok).toBe(false);
    if (!h100.ok) expect(h100.message).toMatch(/93\.4 GB of bf16 weights/);
    const mi = resolveLlm({ ...llmSpec(), model: 'mixtral-8x7b' }, getGpu('mi300x'), 1);
    expect(mi.ok).toBe(true);
    if (mi.ok) expect(mi.weightsGB).toBeCloseTo(93.4, 1);
  });

  it('tensor parallelism over MI300X is refused: its XGMI mesh is not in the catalog as a ring link', () => {
    const r = resolveLlm({ ...llmSpec(), model: 'llama-3.3-70b' }, getGpu('mi300x'), 2);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('mi300x has no GPU-to-GPU interconnect in the catalog');
  });

  it('a MoE service runs: decode at low load is faster than a dense model of the same total size would be', () => {
    const moe = llmConfig({ model: 'qwen3-30b-a3b', gpu: 'h100', input: { kind: 'fixed', tokens: 200 }, output: { kind: 'fixed', tokens: 200 } });
    const dense = { ...moe, model: { ...moe.model, parameters: knownModel('qwen3-30b-a3b')!.parameters, moe: null } };
    const t = (llm: typeof moe) => iterationSeconds({ tokens: 1, attendedTokens: 200, kvTokensRead: 200 }, llm.model, llm.hardware, llm.efficiency);
    expect(t(moe)).toBeLessThan(t(dense) * 0.5);
    expect(activeParametersOfShape(knownModel('qwen3-30b-a3b')!)).toBe(knownModel('qwen3-30b-a3b')!.activeParameters);
  });
});

function llmSpec() {
  return {
    model: 'llama-3.1-8b' as string,
    precision: 'bf16' as const,
    kvCacheDtype: 'bf16' as const,
    inputTokens: 100,
    outputTokens: 100,
    maxBatchSize: 256,
    maxBatchedTokens: 8192,
    chunkedPrefill: true,
    gpuMemoryUtilization: 0.9,
    activationReserveGB: 1,
    prefixCaching: true,
    routingImbalance: 1,
  };
}
