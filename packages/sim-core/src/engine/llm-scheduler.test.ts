/**
 * Multi-step rounds and separate prefill (engine/llm-scheduler.ts), on an engine whose every iteration takes
 * exactly 10 ms (the step overhead alone: no weights, no KV bytes, no FLOPs), so each request's timeline is
 * worked out by hand from the engines' rules: vLLM v0.6.1 (AmberLJC/vllm-0.6.1@c1b3222, a copy of the release)
 * `LLMEngine.step` schedules only when a round's steps are done and streams a round's tokens at its end;
 * `Scheduler._schedule_default` runs prefills alone; `_append_slots` holds `num_scheduler_steps − 1` lookahead
 * KV slots per sequence. Two requests arrive at 12.5 ms and 37.5 ms (uniform arrivals at 40/s for 50 ms).
 */
import { describe, expect, it } from 'vitest';
import { expectConserved } from '../test-support/conservation.ts';
import { fleet } from '../test-support/builders.ts';
import { llmConfig } from '../test-support/llm-builders.ts';
import { handTimedLlm, uniformLlmRun } from '../test-support/hand-timed-llm.ts';
import { DEFAULT_LLM_EFFICIENCY } from '../llm/llm-perf.ts';
import { llmSchema } from '../scenario/llm-schema.ts';
import { resolveLlm } from '../llm/resolve-llm.ts';
import { getGpu } from '@design-sim/cost-model';
import type { EngineLlm } from './engine-config.ts';
import type { LlmScheduler } from './llm-scheduler.ts';
import { runEngine } from './simulation.ts';

const STEP = 0.01;

function llm(scheduler: LlmScheduler | undefined, o: { out: number; kvCapacityTokens?: number }): EngineLlm {
  return handTimedLlm(
    {
      model: { parameters: 0, layers: 0, hiddenSize: 1, weightBytes: 0, kvBytesPerToken: 0 },
      hardware: { flopsPerGpu: 1e15, bandwidthPerGpu: 1e12, tensorParallel: 1, linkBytesPerSecond: 0 },
      efficiency: { ...DEFAULT_LLM_EFFICIENCY, stepOverheadSeconds: STEP, requestOverheadSeconds: 0 },
      ...o,
    },
    scheduler ? { scheduler } : {},
  );
}

/**
 * Two requests, at 12.5 ms and 37.5 ms; returns TTFT and TPOT (ms) of the first and the second, the tokens generated,
 * and the pooled gaps between streamed chunks (ITL, ms: how many, their sum, the shortest and the longest).
 */
function twoRequests(l: EngineLlm, warmupSeconds = 0) {
  const r = uniformLlmRun(l, 0.05, warmupSeconds);
  expect(r.requests).toBe(warmupSeconds > 0.0125 ? 1 : 2);
  return r;
}

describe('multi-step scheduling (vLLM 0.6 --num-scheduler-steps)', () => {
  it('one iteration at a time, prefill mixed (the default): the second request joins at the next 10 ms boundary', () => {
    // R1: prefill 12.5→22.5 (TTFT 10), decodes every 10 ms. R2 arrives at 37.5 mid-iteration, is prefilled in the
    // iteration 42.5→52.5 beside R1's decode: TTFT 15. Both then decode every 10 ms: TPOT 10.
    const r = twoRequests(llm(undefined, { out: 9 }));
    expect(r.ttft[0]).toBeCloseTo(10, 9);
    expect(r.ttft[1]).toBeCloseTo(15, 9);
    expect(r.tpot[0]).toBeCloseTo(10, 9);
    expect(r.tpot[1]).toBeCloseTo(10, 9);
    expect(r.tokens).toBe(18);
    // ITL: each request's 8 chunks after its first come 10 ms apart (R2's prefill shares R1's iteration): 16 gaps of 10 ms.
    expect(r.itl.count).toBe(16);
    expect(r.itl.min).toBeCloseTo(10, 9);
    expect(r.itl.max).toBeCloseTo(10, 9);
  });

  it('steps 4: a request arriving mid-round waits for the round end; a round’s tokens arrive at its end', () => {
    // R1: prefill (a one-step round) 12.5→22.5: TTFT 10. Decode round 22.5→62.5 (tokens 2–5).
    // R2 arrives at 37.5, waits for the round end; its prefill 62.5→72.5: TTFT 35.
    // Round 72.5→112.5: R1's tokens 6–9 (done: TPOT (112.5 − 22.5) / 8 = 11.25), R2's 2–5.
    // Round 112.5→152.5: R2's 6–9 (done: TPOT (152.5 − 72.5) / 8 = 10).
    const r = twoRequests(llm({ steps: 4, separatePrefill: true }, { out: 9 }));
    expect(r.ttft[0]).toBeCloseTo(10, 9);
    expect(r.ttft[1]).toBeCloseTo(35, 9);
    expect(r.tpot[0]).toBeCloseTo(10, 9);
    expect(r.tpot[1]).toBeCloseTo(11.25, 9);
    expect(r.tokens).toBe(18);
    // ITL: one chunk per round. R1's chunks at 62.5 (gap 40) and 112.5 (gap 50: the round waited for R2's prefill);
    // R2's at 112.5 and 152.5 (gaps 40, 40). Four gaps, 170 ms, against a TPOT of 10–11.25 ms.
    expect(r.itl.count).toBe(4);
    expect(r.itl.sum).toBeCloseTo(170, 9);
    expect(r.itl.min).toBeCloseTo(40, 9);
    expect(r.itl.max).toBeCloseTo(50, 9);
    // Only requests that arrived after the warm-up count, as for TTFT and TPOT: with 20 ms of warm-up, R2's two gaps.
    const late = twoRequests(llm({ steps: 4, separatePrefill: true }, { out: 9 }), 0.02);
    expect(late.itl.count).toBe(2);
    expect(late.itl.sum).toBeCloseTo(80, 9);
  });

  it('a sequence that ends mid-round finishes at the round end; the tokens computed past its end are not counted', () => {
    // out 7 = first token + 6 decodes. R1: prefill 12.5→22.5, rounds 22.5→62.5 (tokens 2–5) and, after R2's
    // prefill 62.5→72.5, 72.5→112.5 (tokens 6–7, then two steps past its end): TPOT (112.5 − 22.5) / 6 = 15.
    // R2: TTFT 35, round 72.5→112.5 (tokens 2–5), 112.5→152.5 (6–7): TPOT (152.5 − 72.5) / 6 = 13.33.
    const r = twoRequests(llm({ steps: 4, separatePrefill: true }, { out: 7 }));
    expect(r.ttft[1]).toBeCloseTo(35, 9);
    expect(r.tpot[0]).toBeCloseTo(80 / 6, 9);
    expect(r.tpot[1]).toBeCloseTo(15, 9);
    expect(r.tokens).toBe(14);
    // ITL: a round that ends a sequence still reaches it as one chunk at its end: R1 40, 50; R2 40, 40.
    expect(r.itl.count).toBe(4);
    expect(r.itl.sum).toBeCloseTo(170, 9);
  });

  it('reserves steps − 1 lookahead KV slots per sequence: a cache that holds two sequences of 109 holds one of 112', () => {
    // 2 × (100 + 9) = 218 ≤ 221 tokens, but 2 × (100 + 9 + 3) = 224 > 221: R2 waits for R1 to finish at the end of
    // its second round (22.5 + 2 × 40 = 102.5), is prefilled 102.5→112.5: TTFT 75; R1 is unchanged (TPOT 10).
    const r = twoRequests(llm({ steps: 4, separatePrefill: true }, { out: 9, kvCapacityTokens: 221 }));
    expect(r.ttft[0]).toBeCloseTo(10, 9);
    expect(r.ttft[1]).toBeCloseTo(75, 9);
    expect(r.tpot[0]).toBeCloseTo(10, 9);
    expect(r.tpot[1]).toBeCloseTo(10, 9);
    // With one step the same cache holds both: R2 joins at 42.5 as in the default.
    expect(twoRequests(llm(undefined, { out: 9, kvCapacityTokens: 221 })).ttft[1]).toBeCloseTo(15, 9);
  });
});

describe('separate prefill (vLLM 0.6 _schedule_default, SGLang 0.3 forward_step)', () => {
  it("a prefill batch runs alone: the running decodes wait for it", () => {
    // R1: prefill 12.5→22.5, decodes 22.5→32.5→42.5. R2 (37.5) is prefilled alone 42.5→52.5 (TTFT 15) while R1
    // waits; R1's 8 decodes end at 22.5 + 80 + 10 = 112.5: TPOT 11.25. R2 decodes 52.5→132.5: TPOT 10.
    const r = twoRequests(llm({ steps: 1, separatePrefill: true }, { out: 9 }));
    expect(r.ttft[0]).toBeCloseTo(10, 9);
    expect(r.ttft[1]).toBeCloseTo(15, 9);
    expect(r.tpot[0]).toBeCloseTo(10, 9);
    expect(r.tpot[1]).toBeCloseTo(11.25, 9);
    expect(r.tokens).toBe(18);
    // ITL: R1's chunks at 32.5, 42.5, 62.5, 72.5 … 112.5: gaps of 10 but one of 20 (42.5 → 62.5, across R2's
    // prefill); R2's 8 at 62.5 … 132.5, 10 apart. 16 gaps, 170 ms: the median gap (10) is below R1's TPOT (11.25).
    expect(r.itl.count).toBe(16);
    expect(r.itl.sum).toBeCloseTo(170, 9);
    expect(r.itl.min).toBeCloseTo(10, 9);
    expect(r.itl.max).toBeCloseTo(20, 9);
  });
});

describe('conservation under load, with prefix caching and sessions', () => {
  // Llama 3.1 8B on an H100 at 30 req/s with a shared 500-token template and 4-turn sessions: whatever the scheduler,
  // every request ends in one bucket, every served request generated exactly its 50 tokens (none of a multi-step
  // round's tokens past a sequence's end), and the prefix cache saw every prompt.
  for (const scheduler of [undefined, { steps: 1, separatePrefill: true }, { steps: 8, separatePrefill: true }]) {
    it(`${scheduler === undefined ? 'default' : `steps ${scheduler.steps}, separate prefill`}`, () => {
      const base = llmConfig({ gpu: 'h100-sxm-80gb', input: { kind: 'fixed', tokens: 300 }, output: { kind: 'fixed', tokens: 50 } });
      const r = runEngine(
        fleet({
          qps: 30,
          replicas: 1,
          serviceTime: { kind: 'constant', seconds: 0 },
          durationSeconds: 60,
          drainSeconds: 600,
          service: { llm: { ...base, prefix: { templates: [{ tokens: 500, share: 0.6 }], sessionTurns: 4, caching: true }, ...(scheduler ? { scheduler } : {}) } },
        }),
      );
      expectConserved(r);
      expect(r.requests.unfinished).toBe(0);
      expect(r.llm!.outputTokens).toBe(r.requests.served * 50);
      // ITL: a request's chunk gaps add up to its last chunk − its first = TPOT × (50 − 1); it gets one chunk per decode
      // iteration, or per round of `steps` (each round gives every decoding sequence `steps` tokens): ⌈49 ÷ steps⌉.
      const { itl, tpot } = r.llm!;
      expect(itl.sum / (tpot.sum * 49)).toBeCloseTo(1, 9);
      expect(itl.count).toBe(r.requests.served * Math.ceil(49 / (scheduler?.steps ?? 1)));
      expect(r.requests.served).toBeGreaterThan(1500);
    });
  }
});

describe('llm.scheduler in a scenario', () => {
  const base = { model: 'llama-3.1-8b', inputTokens: 100, outputTokens: 100 };
  const resolve = (scheduler: unknown) => {
    const spec = llmSchema.parse({ ...base, ...(scheduler === undefined ? {} : { scheduler }) });
    const r = resolveLlm(spec, getGpu('a100-80gb'), 1);
    if (!r.ok) throw new Error(r.message);
    return r.llm.scheduler;
  };

  it('omitted, or steps 1 with mixed prefill, is the default path (no scheduler in the engine config)', () => {
    expect(resolve(undefined)).toBeUndefined();
    expect(resolve({})).toBeUndefined();
    expect(resolve({ steps: 1, prefill: 'mixed' })).toBeUndefined();
  });

  it('steps > 1 implies separate prefill (vLLM 0.6 refuses chunked prefill with multi-step)', () => {
    expect(resolve({ steps: 10 })).toEqual({ steps: 10, separatePrefill: true });
    expect(resolve({ prefill: 'separate' })).toEqual({ steps: 1, separatePrefill: true });
    const bad = llmSchema.safeParse({ ...base, scheduler: { steps: 10, prefill: 'mixed' } });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error.issues[0]!.path).toEqual(['scheduler', 'prefill']);
  });
});
