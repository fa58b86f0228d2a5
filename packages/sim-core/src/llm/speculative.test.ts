/**
 * Speculative decoding's arithmetic (llm/speculative.ts) against closed forms worked by hand: E[T] from Leviathan
 * et al. (arXiv:2211.17192, equation 1), the inverse-CDF draw, and the cost of one step of Llama 3.1 8B on an H100
 * SXM from the roofline of llm-perf.ts (the figures in the comments are those formulas with the catalog's figures,
 * multiplied out by hand).
 */
import { getGpu } from '@design-sim/cost-model';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../random/rng.ts';
import { compileScenario } from '../api/compile-scenario.ts';
import { parseOk } from '../scenario/scenario-test-builders.ts';
import { llmConfig } from '../test-support/llm-builders.ts';
import { iterationSeconds } from './llm-perf.ts';
import { resolveLlm } from './resolve-llm.ts';
import { acceptanceForLength, acceptanceThresholds, expectedTokensPerStep, proposerEfficiency, proposerSeconds, tokensOfDraw, verifyWork } from './speculative.ts';

const NO_PREFILL = { tokens: 0, attendedTokens: 0, kvTokensRead: 0 };

describe('tokens per step', () => {
  it('E[T] = (1 − α^{k+1}) / (1 − α)', () => {
    // α 0.5, k 3: (1 − 1/16) / 0.5 = 1.875; α 0.8, k 4: (1 − 0.32768) / 0.2 = 3.3616; α 0: the verifier's token alone.
    expect(expectedTokensPerStep(0.5, 3)).toBeCloseTo(1.875, 12);
    expect(expectedTokensPerStep(0.8, 4)).toBeCloseTo(3.3616, 12);
    expect(expectedTokensPerStep(0, 5)).toBe(1);
  });

  it('acceptedLength is turned back into the α that gives it', () => {
    expect(acceptanceForLength(1.875, 3)).toBeCloseTo(0.5, 12);
    expect(acceptanceForLength(3.3616, 4)).toBeCloseTo(0.8, 12);
    expect(acceptanceForLength(1, 3)).toBeCloseTo(0, 12);
  });

  it('a draw u gives T = 1 + #{j ≤ k : u < α^j}, i.e. 1 + ⌊ln u / ln α⌋ at most k + 1', () => {
    // α 0.5: P(T ≥ 2) = 0.5, P(T ≥ 3) = 0.25, P(T ≥ 4) = 0.125; k 3 caps at 4.
    expect(tokensOfDraw(0.6, acceptanceThresholds(0.5, 3))).toBe(1);
    expect(tokensOfDraw(0.4, acceptanceThresholds(0.5, 3))).toBe(2);
    expect(tokensOfDraw(0.2, acceptanceThresholds(0.5, 3))).toBe(3);
    expect(tokensOfDraw(0.1, acceptanceThresholds(0.5, 3))).toBe(4);
    expect(tokensOfDraw(0.001, acceptanceThresholds(0.5, 3))).toBe(4);
    expect(tokensOfDraw(0.001, acceptanceThresholds(0, 3))).toBe(1);
  });

  it('the mean of 200,000 draws is E[T] within 4 standard errors (α 0.7, k 4)', () => {
    // P(T = t) = α^{t−1}(1 − α) for t ≤ k, α^k for k + 1: 0.3, 0.21, 0.147, 0.1029, 0.2401. E[T] = 2.7731,
    // E[T²] = 10.1119, sd = √(10.1119 − 2.7731²) = 1.5562; SE over 200,000 draws 0.00348, so ±0.0139 (0.5%).
    const rng = new Rng(42, 1);
    const n = 200_000;
    const thresholds = acceptanceThresholds(0.7, 4);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += tokensOfDraw(rng.next(), thresholds);
    expect(expectedTokensPerStep(0.7, 4)).toBeCloseTo(2.7731, 4);
    expect(Math.abs(sum / n - 2.7731)).toBeLessThan(4 * (1.5562 / Math.sqrt(n)));
  });
});

describe('the cost of a step (Llama 3.1 8B BF16, H100 SXM: 989 dense TFLOP/s × 0.55, 3.35 TB/s × 0.8, 3 ms step overhead)', () => {
  const eagle = llmConfig({ gpu: 'h100-sxm-80gb', input: { kind: 'fixed', tokens: 1 }, output: { kind: 'fixed', tokens: 1 }, speculative: { method: 'eagle', tokens: 3, acceptance: 0.7 } });
  const spec = eagle.speculative!;

  it('the EAGLE head is one decoder layer and the LM head: 743,440,384 parameters, 4,096 KV bytes per token', () => {
    // Layer: Q, O 2 · 4096 · 4096 = 33,554,432; K, V 2 · 4096 · 8 · 128 = 8,388,608; MLP 3 · 4096 · 14336 = 176,160,768:
    // 218,103,808. LM head 128,256 · 4096 = 525,336,576. KV: 2 · 1 layer · 8 heads · 128 · 2 bytes.
    expect(spec.proposer!.parameters).toBe(743_440_384);
    expect(spec.proposer!.weightBytes).toBe(1_486_880_768);
    expect(spec.proposer!.kvBytesPerToken).toBe(4096);
  });

  it('batch 1 at a 1,000-token context: verification costs what a decode costs (memory-bound), the head 1.669 ms', () => {
    // Verify 4 tokens: FLOPs 2 · 8.03e9 · 4 + 4 · 32 · 4096 · (4 · 1000 + 0 + 1 + 2 + 3) = 66.34e9 → 0.122 ms at 543.95 TFLOP/s;
    // bytes 16.06e9 + 1000 · 131,072 = 16.191e9 → 6.0414 ms at 2.68 TB/s; + 3 ms = 9.0414 ms. One decode token reads
    // the same bytes: 9.0414 ms too.
    const w = verifyWork(1, 1000, 3);
    expect(w).toEqual({ tokens: 4, attendedTokens: 4006, kvTokensRead: 1000 });
    const verify = iterationSeconds(w, eagle.model, eagle.hardware, eagle.efficiency);
    expect(verify).toBeCloseTo(0.003 + 16.191072e9 / 2.68e12, 12);
    expect(iterationSeconds({ tokens: 1, attendedTokens: 1000, kvTokensRead: 1000 }, eagle.model, eagle.hardware, eagle.efficiency)).toBeCloseTo(verify, 12);
    // Head: 3 passes, each reading its 1,486,880,768 bytes and (1000 + j) · 4096 of KV: 4,472,942,592 B ÷ 2.68 TB/s
    // = 1.66901 ms (its FLOPs, 1.5e9 a pass, take 2.8 µs). No step overhead on a proposer pass.
    const head = proposerSeconds(spec, 1, 1000, NO_PREFILL, eagle.hardware, proposerEfficiency(eagle.efficiency));
    expect(head).toBeCloseTo(4_472_942_592 / 2.68e12, 12);
    // 10.7105 ms a step for E[T] = (1 − 0.7⁴) / 0.3 = 2.533 tokens: 4.228 ms a token against 9.041, 2.14× faster.
    expect(verify + head).toBeCloseTo(0.0107104532, 9);
  });

  it('batch 256 at 1,000 tokens each: verifying 1,024 tokens is compute-bound, and the gain shrinks', () => {
    // Plain decode: FLOPs 2 · 8.03e9 · 256 + 524,288 · 256,000 = 4.2456e12 → 7.805 ms; bytes 16.06e9 + 256,000 · 131,072
    // = 49.614e9 → 18.513 ms (memory-bound): 21.513 ms. Verify: FLOPs 2 · 8.03e9 · 1024 + 524,288 · (4 · 256,000 + 256 · 6)
    // = 16.98312e12 → 31.222 ms: 34.222 ms, compute-bound. Head: 3 passes of (1.48688e9 + (256,000 + 256j) · 4096) B
    // ≈ 2.5355e9 B → 0.946 ms each (its FLOPs 0.71 ms): 2.838 ms. Step 37.06 ms.
    const plain = iterationSeconds({ tokens: 256, attendedTokens: 256_000, kvTokensRead: 256_000 }, eagle.model, eagle.hardware, eagle.efficiency);
    expect(plain).toBeCloseTo(0.003 + 49.614e9 / 2.68e12, 6);
    const verify = iterationSeconds(verifyWork(256, 256_000, 3), eagle.model, eagle.hardware, eagle.efficiency);
    expect(verify).toBeCloseTo(0.003 + (2 * 8.03e9 * 1024 + 524_288 * 1_025_536) / 543.95e12, 9);
    const head = proposerSeconds(spec, 256, 256_000, NO_PREFILL, eagle.hardware, proposerEfficiency(eagle.efficiency));
    const headBytes = 3 * 1_486_880_768 + (3 * 256_000 + 256 * 3) * 4096;
    expect(head).toBeCloseTo(headBytes / 2.68e12, 9);
    // Speed-up = E[T] · plain ÷ step: batch 1 0.8442 · E[T], batch 256 0.5805 · E[T]. At α 0.7 (E[T] 2.533): 2.14× and
    // 1.47×; at α 0.3 (E[T] 1.417): 1.20× and 0.82× (speculation slows a full batch down).
    const ratio256 = plain / (verify + head);
    expect(ratio256).toBeCloseTo(0.5805, 3);
    expect(expectedTokensPerStep(0.3, 3) * ratio256).toBeLessThan(1);
  });
});

describe('what a proposer holds in GPU memory', () => {
  it("an EAGLE head's weights and KV leave fewer KV tokens: 395,456 instead of 419,158 on an H100", () => {
    // Usable 80 GB × 0.9 − 1 GB = 71e9 B. Without: (71e9 − 16.06e9) ÷ 131,072 = 419,158.9. With the head:
    // (71e9 − 16.06e9 − 1,486,880,768) ÷ (131,072 + 4,096) = 395,456.9.
    const io = { input: { kind: 'fixed', tokens: 1 }, output: { kind: 'fixed', tokens: 1 } } as const;
    expect(llmConfig({ gpu: 'h100-sxm-80gb', ...io }).kvCapacityTokens).toBe(419_158);
    expect(llmConfig({ gpu: 'h100-sxm-80gb', ...io, speculative: { method: 'eagle', tokens: 3, acceptance: 0.7 } }).kvCapacityTokens).toBe(395_456);
  });

  it('a Llama 3.2 1B draft beside Llama 3.1 8B: its 2.47 GB and 32,768 KV bytes a token leave 320,242 KV tokens', () => {
    // (71e9 − 16.06e9 − 2 · 1,235,746,816) ÷ (131,072 + 2 · 16 layers · 8 heads · 64 · 2 B) = 52,468,506,368 ÷ 163,840.
    const io = { input: { kind: 'fixed', tokens: 1 }, output: { kind: 'fixed', tokens: 1 } } as const;
    const l = llmConfig({ gpu: 'h100-sxm-80gb', ...io, speculative: { method: 'draft', tokens: 3, acceptance: 0.6, draftModel: 'llama-3.2-1b' } });
    expect(l.kvCapacityTokens).toBe(320_242);
    // Its 3 passes at batch 1, 1,000-token context: (2,471,493,632 + (1000 + j) · 32,768) B ÷ 2.68 TB/s each = 2.803 ms.
    const bytes = 3 * 2_471_493_632 + (3 * 1000 + 3) * 32_768;
    expect(proposerSeconds(l.speculative!, 1, 1000, NO_PREFILL, l.hardware, proposerEfficiency(l.efficiency))).toBeCloseTo(bytes / 2.68e12, 9);
  });

  it('a draft model that does not fit beside the target is a validation error naming both', () => {
    const r = resolveLlm(
      { model: 'llama-3.1-70b', precision: 'fp8', kvCacheDtype: 'bf16', inputTokens: 1, outputTokens: 1, maxBatchSize: 256, maxBatchedTokens: 8192, chunkedPrefill: true, routingImbalance: 1, gpuMemoryUtilization: 0.9, activationReserveGB: 1, prefixCaching: true, speculative: { method: 'draft', tokens: 4, acceptance: 0.6, draftModel: 'llama-3.1-8b' } },
      getGpu('h100-sxm-80gb'),
      1,
    );
    // 70.55 GB of FP8 weights + the 8B draft at FP8 (8.03 GB) = 78.6 GB > 71.0 GB usable.
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe("does not fit: 78.6 GB of fp8 weights (the draft model's included) need more than the 71.0 GB usable on 1 × h100-sxm-80gb (80 GB × 0.9 each, minus 1 GB activations); use more GPUs per replica, fp8/int4 weights or a larger GPU");
  });

  it('n-gram proposes on the CPU: no weights, no KV, no GPU time', () => {
    const ngram = llmConfig({ gpu: 'h100-sxm-80gb', input: { kind: 'fixed', tokens: 1 }, output: { kind: 'fixed', tokens: 1 }, speculative: { method: 'ngram', tokens: 5, acceptedLength: 2 } });
    expect(ngram.kvCapacityTokens).toBe(419_158);
    expect(ngram.speculative!.proposer).toBeNull();
    expect(proposerSeconds(ngram.speculative!, 64, 64_000, NO_PREFILL, ngram.hardware, ngram.efficiency)).toBe(0);
    // acceptedLength 2 with k 5: (1 − α⁶) / (1 − α) = 2 → α ≈ 0.5087.
    expect(expectedTokensPerStep(ngram.speculative!.acceptance, 5)).toBeCloseTo(2, 10);
  });
});

describe('where speculation runs', () => {
  it('on a disaggregated service the decode pool speculates and the prefill pool does not (it emits one token a prompt)', () => {
    const text = readFileSync(join(import.meta.dirname, '../../../../content/qwen3-moe-prefill-h100-decode-l40s.yaml'), 'utf8').replace('        disaggregated:\n', '        speculative: { method: eagle, tokens: 2, acceptance: 0.6 }\n        disaggregated:\n');
    const cfg = compileScenario(parseOk(text).scenario);
    const [prefill, decode] = cfg.services.map((s) => s.llm!);
    expect(prefill!.role).toBe('prefill');
    expect(prefill!.speculative).toBeUndefined();
    expect(decode!.role).toBe('decode');
    expect(decode!.speculative).toMatchObject({ method: 'eagle', tokens: 2, acceptance: 0.6 });
  });
});
