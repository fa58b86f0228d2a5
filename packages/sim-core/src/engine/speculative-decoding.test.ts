/**
 * Speculative decoding in the executor (engine/llm-executor.ts, llm/speculative.ts, llm/speculative-steps.ts), timed by hand:
 * a round-number model (1e9 parameters, 2e9 bytes of weights, one layer of width 1,000, 1,000 KV bytes per token)
 * on a round-number GPU (1e14 FLOP/s, 1e12 B/s, efficiencies 1, 1 ms step overhead), so every iteration of the
 * roofline (llm-perf.ts) can be multiplied out in a comment. Acceptance 1 (only an engine config can say it; the
 * schema wants α < 1) makes every step yield k + 1 tokens; acceptance 0 one.
 */
import { describe, expect, it } from 'vitest';
import { service } from '../test-support/builders.ts';
import { llmConfig } from '../test-support/llm-builders.ts';
import { handTimedLlm, uniformLlmRun } from '../test-support/hand-timed-llm.ts';
import { compileRateProfile } from '../traffic/rate-profile.ts';
import { DEFAULT_LLM_EFFICIENCY, type LlmCostModel } from '../llm/llm-perf.ts';
import { expectedTokensPerStep, type EngineSpeculative } from '../llm/speculative.ts';
import type { EngineConfig, EngineLlm } from './engine-config.ts';
import { runEngine } from './simulation.ts';

const MODEL: LlmCostModel = { parameters: 1e9, layers: 1, hiddenSize: 1000, weightBytes: 2e9, kvBytesPerToken: 1000 };
const DRAFT: LlmCostModel = { parameters: 1e8, layers: 1, hiddenSize: 1000, weightBytes: 2e8, kvBytesPerToken: 100 };

function llm(speculative: EngineSpeculative | undefined, o: { out: number; kvCapacityTokens?: number; model?: LlmCostModel; step?: number }): EngineLlm {
  return handTimedLlm(
    {
      model: o.model ?? MODEL,
      hardware: { flopsPerGpu: 1e14, bandwidthPerGpu: 1e12, tensorParallel: 1, linkBytesPerSecond: 0 },
      efficiency: { ...DEFAULT_LLM_EFFICIENCY, compute: 1, bandwidth: 1, overlap: 1, stepOverheadSeconds: o.step ?? 0.001, requestOverheadSeconds: 0 },
      out: o.out,
      ...(o.kvCapacityTokens === undefined ? {} : { kvCapacityTokens: o.kvCapacityTokens }),
    },
    speculative ? { speculative } : {},
  );
}

/** Requests uniformly at 40/s for `span` s (the first at 12.5 ms, the next 25 ms later); the run's token figures (ms). */
const run = (l: EngineLlm, span = 0.025) => uniformLlmRun(l, span);

const ngram = (acceptance: number): EngineSpeculative => ({ method: 'ngram', tokens: 3, acceptance, proposer: null });

describe('a speculative step, timed by hand', () => {
  it('no speculation: 8 decode iterations after the prefill (the reference)', () => {
    // Prefill of 100 tokens: FLOPs 2e9 · 100 + 4 · 1 · 1000 · (100 · 50) = 2.0002e11 → 2.0002 ms; weights 2e9 B → 2 ms;
    // + 1 ms: TTFT 3.0002 ms. Decode at context C (101 … 108): 1 ms + (2e9 + 1000 C) / 1e12 s (memory-bound):
    // 8 ms + 16 ms + 836 · 1e-9 s = 24.000836 ms for 8 tokens: TPOT 3.0001045 ms.
    const r = run(llm(undefined, { out: 9 }));
    expect(r.ttft[0]).toBeCloseTo(3.0002, 9);
    expect(r.tpot[0]).toBeCloseTo(24.000836 / 8, 9);
    expect(r.itl.count).toBe(8);
    expect(r.speculative).toBeNull();
  });

  it('n-gram, k 3, every draft accepted: two steps of 4 tokens, each one chunk (ITL per step, TPOT per token)', () => {
    // Step 1 at C 101 verifies 4 tokens: FLOPs 2e9 · 4 + 4000 · (4 · 101 + 0 + 1 + 2 + 3) = 8.00164e9 → 0.08 ms; bytes
    // 2e9 + 101,000 → 2.000101 ms; + 1 ms = 3.000101 ms; 4 tokens, 4 left. Step 2 at C 105: 3.000105 ms, done.
    // TPOT = (3.000101 + 3.000105) / 8 = 0.75002575 ms; the client gets 2 chunks after the first: ITL 3.000101 and 3.000105.
    const r = run(llm(ngram(1), { out: 9 }));
    expect(r.ttft[0]).toBeCloseTo(3.0002, 9);
    expect(r.tpot[0]).toBeCloseTo(0.75002575, 9);
    expect(r.tokens).toBe(9);
    expect(r.itl.count).toBe(2);
    expect(r.itl.min).toBeCloseTo(3.000101, 9);
    expect(r.itl.max).toBeCloseTo(3.000105, 9);
    expect(r.speculative).toEqual({ sequenceSteps: 2, drawnTokens: 8, proposedTokens: 6 });
  });

  it('the last step is capped by the tokens left: 7 to go with 4 a step is 4 + 3, not 8', () => {
    const r = run(llm(ngram(1), { out: 8 }));
    expect(r.tokens).toBe(8);
    expect(r.itl.count).toBe(2);
    // The draws are what the verifier accepted (4 + 4); the output keeps 7 of them.
    expect(r.speculative).toEqual({ sequenceSteps: 2, drawnTokens: 8, proposedTokens: 6 });
  });

  it('a long reply, every draft accepted: 1,000 tokens after the first take ⌈1000 / 4⌉ = 250 steps (its steps drawn in chunks)', () => {
    // Step j (0 … 249) at context 101 + 4j: 3 ms + (101 + 4j) · 1e-6 ms (memory-bound, as above). Σ contexts =
    // 250 · 101 + 4 · (249 · 250 / 2) = 149,750: 750.14975 ms for 1,000 tokens, TPOT 0.75014975 ms; one chunk a step.
    const r = run(llm(ngram(1), { out: 1001 }));
    expect(r.tokens).toBe(1001);
    expect(r.itl.count).toBe(250);
    expect(r.tpot[0]).toBeCloseTo(0.75014975, 9);
    expect(r.speculative).toEqual({ sequenceSteps: 250, drawnTokens: 1000, proposedTokens: 750 });
  });

  it('a long reply, nothing accepted: 300 tokens after the first take 300 steps of one token', () => {
    // Step j (0 … 299) at context 101 + j: 3 ms + (101 + j) · 1e-6 ms; Σ contexts = 300 · 101 + 299 · 300 / 2 = 75,150:
    // 900.07515 ms for 300 tokens, TPOT 3.0002505 ms.
    const r = run(llm(ngram(0), { out: 301 }));
    expect(r.tokens).toBe(301);
    expect(r.itl.count).toBe(300);
    expect(r.tpot[0]).toBeCloseTo(3.0002505, 9);
    expect(r.speculative).toEqual({ sequenceSteps: 300, drawnTokens: 300, proposedTokens: 900 });
  });

  it('n-gram with nothing accepted at batch 1 costs nothing: verifying 4 tokens reads the same bytes as decoding 1', () => {
    // 8 steps of 1 token at C 101 … 108, each 1 ms + (2e9 + 1000 C) / 1e12 s (the 4-token FLOPs, 0.08 ms, stay under
    // the 2 ms of memory): TPOT 3.0001045 ms, as without speculation.
    const r = run(llm(ngram(0), { out: 9 }));
    expect(r.tpot[0]).toBeCloseTo(24.000836 / 8, 9);
    expect(r.itl.count).toBe(8);
  });

  it('a draft model: its prefill pass and its k passes a step are added to the target’s', () => {
    // Draft (1e8 parameters, 2e8 B, 100 KV B a token), no step overhead on its passes. Prefill iteration: the draft
    // takes in the 100 prompt tokens, FLOPs 2e8 · 100 + 4000 · 5000 = 2.002e10 → 0.2002 ms (bytes 2e8 → 0.2 ms):
    // TTFT 3.0002 + 0.2002 = 3.2004 ms. Step 1: draft passes at context 101, 102, 103: (2e8 + 100 · ctx) / 1e12 s
    // = 0.6000306 ms; + 3.000101 = 3.6001316 ms. Step 2: 0.6000318 + 3.000105 = 3.6001368 ms. TPOT = 7.2002684 / 8.
    const r = run(llm({ method: 'draft', tokens: 3, acceptance: 1, proposer: DRAFT }, { out: 9 }));
    expect(r.ttft[0]).toBeCloseTo(3.2004, 9);
    expect(r.tpot[0]).toBeCloseTo(7.2002684 / 8, 9);
    expect(r.itl.min).toBeCloseTo(3.6001316, 9);
    expect(r.itl.max).toBeCloseTo(3.6001368, 9);
  });

  it('with separate prefill (SGLang, vLLM 0.6) a prefill batch runs alone and the speculating decodes wait for it', () => {
    // Iterations of exactly 10 ms, k 3, every draft accepted, 17 output tokens (4 steps of 4 after the first).
    // R1: prefill 12.5 → 22.5 (TTFT 10), steps end at 32.5 and 42.5 (8 left). R2 (37.5) is prefilled alone 42.5 → 52.5
    // (TTFT 15) while R1 waits; both step at 62.5 and 72.5 (R1 done: TPOT (72.5 − 22.5) / 16 = 3.125 ms), R2 at 82.5 and
    // 92.5 (TPOT (92.5 − 52.5) / 16 = 2.5 ms). Chunks: R1's gaps 10, 10, 20, 10; R2's 10, 10, 10, 10: 8 gaps, 90 ms.
    const zero: LlmCostModel = { parameters: 0, layers: 0, hiddenSize: 1, weightBytes: 0, kvBytesPerToken: 0 };
    const l = { ...llm(ngram(1), { out: 17, model: zero, step: 0.01 }), scheduler: { steps: 1, separatePrefill: true } };
    const r = run(l, 0.05);
    expect(r.ttft[0]).toBeCloseTo(10, 9);
    expect(r.ttft[1]).toBeCloseTo(15, 9);
    expect(r.tpot[0]).toBeCloseTo(2.5, 9);
    expect(r.tpot[1]).toBeCloseTo(3.125, 9);
    expect(r.tokens).toBe(34);
    expect(r.itl).toEqual({ count: 8, sum: expect.closeTo(90, 9), min: expect.closeTo(10, 9), max: expect.closeTo(20, 9) });
  });

  it('each sequence holds KV for its k draft tokens: 2 × (109 + 3) > 221, so the second request waits', () => {
    // Iterations of exactly 10 ms (no weights, no bytes): R1 at 12.5 ms prefills to 22.5 and decodes 8 steps to 102.5
    // (acceptance 0: one token a step). Without speculation R2 (37.5 ms) joins at 42.5: TTFT 15 ms. With k 3 each
    // needs 112 tokens of KV, 224 > 221: R2 waits for R1 to finish at 102.5, prefills to 112.5: TTFT 75 ms.
    const zero: LlmCostModel = { parameters: 0, layers: 0, hiddenSize: 1, weightBytes: 0, kvBytesPerToken: 0 };
    const plain = run(llm(undefined, { out: 9, kvCapacityTokens: 221, model: zero, step: 0.01 }), 0.05);
    const spec = run(llm(ngram(0), { out: 9, kvCapacityTokens: 221, model: zero, step: 0.01 }), 0.05);
    expect(plain.ttft[1]).toBeCloseTo(15, 9);
    expect(spec.ttft[1]).toBeCloseTo(75, 9);
  });
});

/** `users` closed-loop users with no think time on one H100 (Llama 3.1 8B BF16, 1,000-token prompts, 200 output tokens). */
function closedLoop(users: number, speculative?: { acceptance: number }) {
  const l = llmConfig({
    gpu: 'h100-sxm-80gb',
    input: { kind: 'fixed', tokens: 1000 },
    output: { kind: 'fixed', tokens: 200 },
    ...(speculative ? { speculative: { method: 'eagle', tokens: 3, acceptance: speculative.acceptance } } : {}),
  });
  const cfg: EngineConfig = {
    seed: 3,
    durationSeconds: 30,
    warmupSeconds: 5,
    intervalSeconds: 5,
    drainSeconds: 0,
    traffic: [{ profile: compileRateProfile({ type: 'constant', qps: 0 }, 30), arrivals: 'poisson', service: 0, closed: { users: compileRateProfile({ type: 'constant', qps: users }, 30), think: { kind: 'constant', seconds: 0 } } }],
    services: [service({ serviceTime: { kind: 'constant', seconds: 0 }, llm: l })],
    pools: [],
  };
  return runEngine(cfg).llm!;
}

describe('speculation under load (EAGLE, k 3, Llama 3.1 8B on an H100)', () => {
  it('helps most at batch 1 and less at batch 256, where verifying 4 tokens a sequence is compute-bound', () => {
    // Closed forms (llm/speculative.test.ts): a step costs 1/0.8442 of a decode at batch 1 and 1/0.5805 at batch 256
    // (1,000-token contexts), so with E[T] = 1.875 (α 0.5) the speed-up of TPOT is about 1.58× and 1.09×.
    const meanTpot = (h: ReturnType<typeof closedLoop>['tpot']) => h.sum / h.count;
    const speedup = (users: number, acceptance: number) => meanTpot(closedLoop(users).tpot) / meanTpot(closedLoop(users, { acceptance }).tpot);
    const one = speedup(1, 0.5);
    const full = speedup(256, 0.5);
    expect(one).toBeGreaterThan(1.45);
    expect(one).toBeLessThan(1.7);
    expect(full).toBeLessThan(one - 0.3);
    // With poor acceptance (α 0.3, E[T] 1.417) a full batch is slower with speculation than without (closed form 0.82×).
    expect(speedup(256, 0.3)).toBeLessThan(1);
  });

  it('the mean tokens per step matches (1 − α^{k+1}) / (1 − α) within 4 standard errors', () => {
    // α 0.6, k 3: P(T) = 0.4, 0.24, 0.144, 0.216: E[T] = 2.176, E[T²] = 0.4 + 0.96 + 1.296 + 3.456 = 6.112, sd 1.1721.
    // 8 users for 30 s give some 17,000 sequence-steps: 4 SE ≈ 0.036 tokens (1.6% of E[T]).
    const r = closedLoop(8, { acceptance: 0.6 }).speculative!;
    expect(expectedTokensPerStep(0.6, 3)).toBeCloseTo(2.176, 12);
    expect(r.sequenceSteps).toBeGreaterThan(15_000);
    expect(Math.abs(r.drawnTokens / r.sequenceSteps - 2.176)).toBeLessThan(4 * (1.1721 / Math.sqrt(r.sequenceSteps)));
    expect(r.proposedTokens).toBe(3 * r.sequenceSteps);
  });
});
