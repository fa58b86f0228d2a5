/**
 * Multi-LoRA serving on vLLM V1's default KV path (paged blocks with prefix caching) and with prompt templates and
 * sessions: the max_loras test of the waiting loop on the paged admission (vllm-project/vllm@00024d31
 * vllm/v1/core/sched/scheduler.py `Scheduler.schedule`), a preempted request's adapter leaving the batch with it, and
 * cached prefix blocks keyed by adapter (vllm-project/vllm@001cabc1 vllm/v1/core/kv_cache_utils.py
 * `_gen_lora_extra_hash_keys`). Timed by hand on an engine whose every iteration takes exactly 10 ms (the step overhead
 * alone, as engine/paged-kv.test.ts); requests arrive 0.25 ms apart from t0 = 0.125 ms (uniform arrivals at 4,000/s).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LLM_EFFICIENCY, type LlmCostModel } from '../llm/llm-perf.ts';
import { loraCostModels } from '../llm/lora-cost.ts';
import { Rng } from '../random/rng.ts';
import { service } from '../test-support/builders.ts';
import { expectConserved } from '../test-support/conservation.ts';
import { burstConfig, handTimedLlm } from '../test-support/hand-timed-llm.ts';
import { compileRateProfile } from '../traffic/rate-profile.ts';
import type { EngineConfig, EngineLlm } from './engine-config.ts';
import type { EngineLora } from './lora-adapters.ts';
import { runEngine } from './simulation.ts';

const ZERO: LlmCostModel = { parameters: 0, layers: 0, hiddenSize: 1, weightBytes: 0, kvBytesPerToken: 0 };

/** Two adapters, free loads and no kernel overhead unless asked: every iteration is the 10 ms step overhead. */
function lora(o: Partial<EngineLora> = {}): EngineLora {
  const maxLoras = o.maxLoras ?? 1;
  return { adapters: 2, zipf: 0, baseShare: 0, maxLoras, maxCpuLoras: maxLoras, cpuLoadSeconds: 0, diskLoadSeconds: 0, models: loraCostModels(ZERO, 0, maxLoras), kernelFactor: 1, ...o };
}

/** The hand-timed LLM: 100-token prompts, `out` output tokens, KV as asked (paged with prefix caching by default), `extra` on top. */
function llm(o: { out: number; kvCapacityTokens?: number; kv?: 'paged' | 'reserve'; caching?: boolean }, extra: Partial<EngineLlm> = {}): EngineLlm {
  return handTimedLlm(
    {
      model: ZERO,
      hardware: { flopsPerGpu: 1e15, bandwidthPerGpu: 1e12, tensorParallel: 1, linkBytesPerSecond: 0 },
      efficiency: { ...DEFAULT_LLM_EFFICIENCY, stepOverheadSeconds: 0.01, requestOverheadSeconds: 0 },
      out: o.out,
      kvCapacityTokens: o.kvCapacityTokens ?? 4000,
    },
    { scheduler: { steps: 1, separatePrefill: false, kvAllocation: o.kv ?? 'paged', blockCaching: o.caching ?? true }, ...extra },
  );
}

/** `n` requests (n × 0.25 ms of arrivals) with seed `seed`: the run, conserved and all served. */
function burst(l: EngineLlm, seed: number, n: number) {
  const r = runEngine(burstConfig(l, { seed, burstSeconds: n * 0.00025, horizon: 5 }));
  expectConserved(r);
  expect(r.requests.served).toBe(n);
  return r;
}

describe('the adapters these figures rest on (stream 7,000,000 of the seed, service 0)', () => {
  it('seed 3 draws R1..R4 onto adapters 0, 1, 0, 1; seed 1 onto 0, 0, 0, 1', () => {
    const draw = (seed: number) => {
      const rng = new Rng(seed, 7_000_000);
      return [rng.int(2), rng.int(2), rng.int(2), rng.int(2)];
    };
    expect(draw(3)).toEqual([0, 1, 0, 1]);
    expect(draw(1)).toEqual([0, 0, 0, 1]);
  });
});

describe('max_loras on the paged path (vLLM V1 Scheduler.schedule: the waiting loop skips a request whose adapter would exceed it)', () => {
  it('with maxLoras 1 the second request, for another adapter, waits exactly one step', () => {
    // R1 (adapter 0) at 0.125 ms, R2 (adapter 1) at 0.375 ms, 2 output tokens each. Iteration 1 (0.125–10.125): R1's
    // prefill. Iteration 2: R1's last decode; with maxLoras 2 R2 joins it (first token at 20.125: TTFT 19.75), with 1
    // it is skipped and joins iteration 3 once R1 has left (first token at 30.125: TTFT 29.75), 10 ms later.
    const two = burst(llm({ out: 2 }, { lora: lora({ maxLoras: 2 }) }), 3, 2);
    const one = burst(llm({ out: 2 }, { lora: lora({ maxLoras: 1 }) }), 3, 2);
    expect(two.llm!.ttft.max).toBeCloseTo(19.75, 9);
    expect(one.llm!.ttft.max).toBeCloseTo(29.75, 9);
    expect(two.services[0]!.lora!.delayedRequests).toBe(0);
    expect(one.services[0]!.lora!.delayedRequests).toBe(1);
  });

  it("gives the reserved path's hand-worked figures when nothing is preempted (the same rule on both admissions)", () => {
    // engine/lora-adapters.test.ts's run: loads of 5 ms from disk + 2 ms into the slot, 5 output tokens, maxLoras 1,
    // seed 3. R1 at iteration 1 (17 ms with adapter 0's disk load), R3 past the skipped R2 at iteration 2, R2 and R4 at
    // iteration 7 (adapter 1 from disk): TTFT 17, 26.5, 83.75, 83.25.
    for (const kv of ['paged', 'reserve'] as const) {
      const r = burst(llm({ out: 5, kv }, { lora: lora({ maxLoras: 1, maxCpuLoras: 2, cpuLoadSeconds: 0.002, diskLoadSeconds: 0.005 }) }), 3, 4);
      expect(r.llm!.ttft.min).toBeCloseTo(17, 9);
      expect(r.llm!.ttft.max).toBeCloseTo(83.75, 9);
      expect(r.llm!.ttft.sum / 4).toBeCloseTo((17 + 26.5 + 83.75 + 83.25) / 4, 9);
      expect(r.services[0]!.lora).toEqual({ diskLoads: 2, cpuLoads: 0, loadSeconds: expect.closeTo(0.014, 12) as number, delayedRequests: 2 });
    }
  });

  it('a preempted request takes its adapter out of the batch and back; the skipped R4 waits for both of adapter 0\'s', () => {
    // engine/paged-kv.test.ts's run (40 output tokens, 25 blocks, no prefix caching), seed 1: R1..R3 for adapter 0, R4 for
    // adapter 1, maxLoras 1. Iterations 1–40 as there: R3 is preempted at iteration 31 and re-prefilled at 41 (adapter 0
    // still in the batch with R2, so it may join). Without LoRA R4 joined at iteration 41; here it is skipped while R2
    // (to iteration 41) and R3 (its tokens 31–40 at iterations 42–51) hold adapter 0, and joins at iteration 52
    // (510.125 ms): first token at 520.125 (TTFT 519.25), its 40th at 910.125 (TPOT 390 / 39 = 10).
    const r = burst(llm({ out: 40, kvCapacityTokens: 400, caching: false }, { lora: lora({ maxLoras: 1 }) }), 1, 4);
    expect(r.llm!.preemptions).toEqual({ model: 1 });
    expect(r.llm!.ttft.max).toBeCloseTo(519.25, 9);
    expect(r.llm!.ttft.sum / 4).toBeCloseTo((10 + 19.75 + 19.5 + 519.25) / 4, 9);
    expect(r.llm!.tpot.min).toBeCloseTo(10, 9);
    expect(r.llm!.outputTokens).toBe(160);
    expect(r.services[0]!.lora!.delayedRequests).toBe(1);
    expect(r.services[0]!.lora!.diskLoads).toBe(2);
  });
});

describe("a template's cached blocks are its adapter's (vLLM hashes the adapter into every block: _gen_lora_extra_hash_keys)", () => {
  /** Four requests of a 64-token template and 36 tokens of their own (100), 40 output tokens, maxLoras 2, seed 3. */
  const templated = (kv: 'paged' | 'reserve', withLora: boolean): EngineLlm =>
    llm({ out: 40, kv }, { inputTokens: { kind: 'fixed', tokens: 36 }, prefix: { templates: [{ tokens: 64, share: 1 }], sessionTurns: 0, caching: true }, ...(withLora ? { lora: lora({ maxLoras: 2 }) } : {}) });

  it('R3 (adapter 0) finds the template R1 (adapter 0) cached; R2 and R4 (adapter 1) do not, on either KV path', () => {
    // Iteration 1: R1 prefills its 100 tokens; its template's 4 full blocks are cached for adapter 0 at its end. Iteration 2
    // admits R2, R3 and R4 (4,000 tokens of KV: no preemption): R3 hits 64 tokens and prefills 36; R2 and R4 find no copy
    // for adapter 1 (R2's is cached only at the end of its prefill) and prefill 100 each. Prompt tokens 100 + 100 + 36 + 100;
    // without LoRA every later request hits (100 + 3 × 36). The hit moves no step at 10 ms a step: TTFT 10, 19.75, 19.5, 19.25.
    for (const kv of ['paged', 'reserve'] as const) {
      const r = burst(templated(kv, true), 3, 4);
      expect(r.services[0]!.llmTokens!.prompt).toBe(336);
      expect(r.llm!.prefixCache!.stats.hits).toBe(1);
      expect(r.llm!.prefixCache!.stats.cachedTokens).toBe(64);
      expect(r.llm!.ttft.sum / 4).toBeCloseTo((10 + 19.75 + 19.5 + 19.25) / 4, 9);
      const plain = burst(templated(kv, false), 3, 4);
      expect(plain.services[0]!.llmTokens!.prompt).toBe(208);
      expect(plain.llm!.prefixCache!.stats.hits).toBe(3);
    }
  });
});

describe("a session's turns keep the adapter its first turn drew", () => {
  /** One request at 0.125 ms and one at 1.000125 s, the second the session's next turn, over 1,000 adapters (maxLoras 1). */
  function twoTurns(kv: 'paged' | 'reserve') {
    const horizon = 3;
    const l = llm({ out: 40, kv }, { prefix: { templates: [], sessionTurns: 2, caching: true }, lora: lora({ adapters: 1000 }) });
    const cfg: EngineConfig = {
      seed: 1,
      durationSeconds: horizon,
      warmupSeconds: 0,
      intervalSeconds: 1,
      drainSeconds: 0,
      traffic: [{ profile: compileRateProfile({ type: 'points', points: [[0, 4000], [0.00025, 4000], [0.00025, 0], [1, 0], [1, 4000], [1.00025, 4000], [1.00025, 0], [horizon, 0]] }, horizon), arrivals: 'uniform', service: 0 }],
      services: [service({ serviceTime: { kind: 'constant', seconds: 0 }, llm: l })],
      pools: [],
    };
    const r = runEngine(cfg);
    expectConserved(r);
    expect(r.requests.served).toBe(2);
    return r;
  }

  it('finds its conversation cached and its adapter still in the GPU slot: one disk load, not two', () => {
    // Turn 1: 100 + 40 tokens; 8 full blocks (128 tokens) stay cached (engine/paged-kv.test.ts's figure). Turn 2 is for the
    // same adapter (a fresh draw over 1,000 would miss it 999 times in 1,000), so it finds those 128 tokens and the adapter
    // loaded: no load of its own.
    for (const kv of ['paged', 'reserve'] as const) {
      const r = twoTurns(kv);
      expect(r.llm!.prefixCache!.stats.cachedTokens).toBe(128);
      expect(r.services[0]!.lora).toMatchObject({ diskLoads: 1, cpuLoads: 0 });
    }
  });
});

describe('multi-LoRA with paged KV, templates, sessions and base requests under heavy preemption', () => {
  it('every request finishes, every token is counted once, and max_loras holds some back', () => {
    // engine/paged-kv.test.ts's stress run (200 requests over 10 s, two templates, sessions of 3 turns, 2,400 tokens of
    // KV) with 8 adapters, Zipf 1, maxLoras 2 and a fifth of the requests for the base model. A preempted request whose
    // adapter never left the batch, or a leave without its join, would hold requests back for ever (unserved) or let a
    // batch hold more than maxLoras; a template block shared across adapters would change nothing here but the hits.
    const horizon = 120;
    const l = llm(
      { out: 60, kvCapacityTokens: 2400 },
      {
        inputTokens: { kind: 'uniform', min: 20, max: 300 },
        maxBatchedTokens: 256,
        prefix: { templates: [{ tokens: 160, share: 0.5 }, { tokens: 200, share: 0.3 }], sessionTurns: 3, caching: true },
        lora: lora({ adapters: 8, zipf: 1, maxLoras: 2, maxCpuLoras: 4, baseShare: 0.2, cpuLoadSeconds: 0.002, diskLoadSeconds: 0.005 }),
      },
    );
    const cfg: EngineConfig = {
      seed: 5,
      durationSeconds: horizon,
      warmupSeconds: 0,
      intervalSeconds: 1,
      drainSeconds: 0,
      traffic: [{ profile: compileRateProfile({ type: 'points', points: [[0, 20], [10, 20], [10, 0], [horizon, 0]] }, horizon), arrivals: 'uniform', service: 0 }],
      services: [service({ serviceTime: { kind: 'constant', seconds: 0 }, llm: l })],
      pools: [],
    };
    const r = runEngine(cfg);
    expectConserved(r);
    expect(r.requests.served).toBe(200);
    expect(r.llm!.outputTokens).toBe(200 * 60);
    expect(r.llm!.itl.count).toBe(200 * 59);
    expect(r.llm!.preemptions!.model).toBeGreaterThan(0);
    expect(r.services[0]!.lora!.delayedRequests).toBeGreaterThan(0);
    expect(r.llm!.prefixCache!.stats.cachedTokens).toBeGreaterThan(0);
  });
});
