/**
 * Paged KV allocation (engine/paged-kv.ts, vLLM V1's rules: vllm-project/vllm@00024d314514900f361ad072af6931e403b7f589
 * vllm/v1/core/sched/scheduler.py `Scheduler.schedule`, `_preempt_request`), timed by hand on an engine whose every
 * iteration takes exactly 10 ms (the step overhead alone, as engine/llm-scheduler.test.ts). Four requests of a 100-token
 * prompt and 40 output tokens arrive 0.25 ms apart from t0 = 0.125 ms (uniform arrivals at 4,000/s for 1 ms), into a
 * KV cache of 400 tokens = 25 blocks of 16.
 *
 * Blocks: a prompt of 100 is ⌈100/16⌉ = 7 blocks; a decode step at context c (prompt + tokens streamed) holds ⌈c/16⌉
 * (c ≤ 112: 7, ≤ 128: 8, ≤ 144: 9). Iteration j runs from t0 + 10(j − 1) to t0 + 10j ms.
 *
 * - Iteration 1: R1's prefill alone (the others arrive during it). At its end R1 has its first token, context 101.
 * - Iteration 2: R1 holds 7; R2 and R3 are admitted (7 + 7 + 7 = 21 ≤ 25), R4 is not (28 > 25). R1 decodes, R2 and R3
 *   prefill; from then on R1's context at the start of iteration j is 99 + j, R2's and R3's 98 + j.
 * - Iteration 30: R1 at 129 holds 9, R2 and R3 at 128 hold 8 each: 25, the whole cache.
 * - Iteration 31: R2 and R3 reach 129 and need 9 each: 27 > 25, so the newest, R3 (admitted after R2), is preempted,
 *   having streamed 129 − 100 = 29 tokens (its 29th at the end of iteration 30). Nothing is admitted in that step.
 *   Resumed, it needs ⌈(100 + 29)/16⌉ = 9 blocks for its re-prefill; R1 and R2 hold 18 until R1 finishes (its 40th
 *   token at the end of iteration 40).
 * - Iteration 41: R2 (at 139: 9 blocks) runs its last decode; R3 is re-prefilled over 129 tokens (9 blocks: 18) and R4 is
 *   admitted (7: 25). At its end R3 streams its 30th token, R4 its first.
 * - R3's tokens 31–40 come at the ends of iterations 42–51; R4's 2–40 at 42–80 (at most 9 + 9 blocks: no more preemption).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LLM_EFFICIENCY } from '../llm/llm-perf.ts';
import { expectConserved } from '../test-support/conservation.ts';
import { service } from '../test-support/builders.ts';
import { burstConfig, handTimedLlm } from '../test-support/hand-timed-llm.ts';
import { compileRateProfile } from '../traffic/rate-profile.ts';
import type { EngineConfig, EngineLlm } from './engine-config.ts';
import { KV_BLOCK_TOKENS, PagedPod, kvBlocks } from './paged-kv.ts';
import { runEngine } from './simulation.ts';

const STEP = 0.01;

function llm(kvAllocation: 'reserve' | 'paged', o: { out: number; kvCapacityTokens: number; steps?: number }): EngineLlm {
  return handTimedLlm(
    {
      model: { parameters: 0, layers: 0, hiddenSize: 1, weightBytes: 0, kvBytesPerToken: 0 },
      hardware: { flopsPerGpu: 1e15, bandwidthPerGpu: 1e12, tensorParallel: 1, linkBytesPerSecond: 0 },
      efficiency: { ...DEFAULT_LLM_EFFICIENCY, stepOverheadSeconds: STEP, requestOverheadSeconds: 0 },
      out: o.out,
      kvCapacityTokens: o.kvCapacityTokens,
    },
    { scheduler: { steps: o.steps ?? 1, separatePrefill: (o.steps ?? 1) > 1, kvAllocation } },
  );
}

/** Four requests at t0 = 0.125 ms, then 0.25 ms apart (intervals of `intervalSeconds`): the run. */
function runFour(l: EngineLlm, intervalSeconds = 1) {
  const cfg = burstConfig(l, { seed: 1, burstSeconds: 0.001, horizon: 5, intervalSeconds });
  const r = runEngine(cfg);
  expectConserved(r);
  expect(r.requests.served).toBe(4);
  return r;
}

/** The four requests' token figures (ms) and the preemptions. */
function fourRequests(l: EngineLlm) {
  const x = runFour(l).llm!;
  return { ttft: [x.ttft.min, x.ttft.max], ttftMean: x.ttft.sum / x.ttft.count, tpot: [x.tpot.min, x.tpot.max], tpotMean: x.tpot.sum / x.tpot.count, tokens: x.outputTokens, itl: { count: x.itl.count, sum: x.itl.sum, max: x.itl.max }, preemptions: x.preemptions };
}

describe('paged KV allocation (vLLM V1 allocate_slots and preemption by recomputation)', () => {
  it('counts a preempted sequence as waiting (the waiting series) until it is prefilled again', () => {
    // Interval ends every 50 ms. R4 waits in the pod's queue from 0.875 ms until iteration 41 (400.125 ms); R3 is
    // preempted at the start of iteration 31 (300.125 ms) and waits beside it until the same iteration. So 1 waiting at
    // 50–300 ms, 2 at 350 and 400 ms (iteration 41 starts 0.125 ms after it), none from 450 ms.
    const w = Array.from(runFour(llm('paged', { out: 40, kvCapacityTokens: 400 }), 0.05).timeseries.waiting.slice(0, 10));
    expect(w).toEqual([1, 1, 1, 1, 1, 1, 2, 2, 0, 0]);
  });

  it('admits three where reserving admits two, preempts the newest at iteration 31 and re-prefills it when R1 finishes', () => {
    const r = fourRequests(llm('paged', { out: 40, kvCapacityTokens: 400 }));
    expect(r.preemptions).toEqual({ model: 1 });
    expect(r.tokens).toBe(160);
    // TTFT: R1 10; R2 20 − 0.25 = 19.75; R3 20 − 0.5 = 19.5 (its TTFT is untouched: its first token was sent); R4 410 − 0.75.
    expect(r.ttft[0]).toBeCloseTo(10, 9);
    expect(r.ttft[1]).toBeCloseTo(409.25, 9);
    expect(r.ttftMean).toBeCloseTo((10 + 19.75 + 19.5 + 409.25) / 4, 9);
    // TPOT: R1 (400 − 10)/39 = 10, R2 (410 − 20)/39 = 10, R4 (800 − 410)/39 = 10; R3 (510 − 20)/39, the stall included.
    expect(r.tpot[0]).toBeCloseTo(10, 9);
    expect(r.tpot[1]).toBeCloseTo(490 / 39, 9);
    expect(r.tpotMean).toBeCloseTo((30 + 490 / 39) / 4, 9);
    // ITL: 39 gaps a request; all 10 ms but R3's from its 29th token (end of iteration 30) to its 30th (end of 41): 110.
    expect(r.itl.count).toBe(156);
    expect(r.itl.sum).toBeCloseTo(155 * 10 + 110, 6);
    expect(r.itl.max).toBeCloseTo(110, 9);
  });

  it('reserving prompt + output (the default) holds two at a time and never preempts', () => {
    // 2 × 140 = 280 ≤ 400 < 3 × 140. R1 and R2 as above (R1 done at iteration 40, R2 at 41); R3 joins when R1 has
    // finished, prefilled in iteration 41 (TTFT 410 − 0.5), R4 when R2 has, in 42 (TTFT 420 − 0.75, done at 81).
    const r = fourRequests(llm('reserve', { out: 40, kvCapacityTokens: 400 }));
    expect(r.preemptions).toBeNull();
    expect(r.tokens).toBe(160);
    expect(r.ttft[1]).toBeCloseTo(419.25, 9);
    expect(r.ttftMean).toBeCloseTo((10 + 19.75 + 409.5 + 419.25) / 4, 9);
    expect(r.tpot[1]).toBeCloseTo(10, 9);
    expect(r.itl.max).toBeCloseTo(10, 9);
  });

  it('with separate prefill, prompts are admitted first and the decodes wait for their batch (vLLM 0.6 _schedule_default)', () => {
    // The same four requests and 25 blocks. Iteration 1: R1's prefill. At t0 + 10 R2 and R3 are admitted (21 blocks)
    // and prefilled alone in iteration 2 while R1 waits. From iteration 3 all three decode, each at context 98 + j in
    // iteration j; R4 (7 more) never fits beside 21. Iteration 31: 3 × ⌈129/16⌉ = 27 > 25: R3 (the newest) is preempted
    // after 29 tokens; its 9 blocks fit only when R1 and R2 finish (their 40th tokens at the end of iteration 41). The
    // prompts come first at t0 + 410: R3's re-prefill (129 tokens) and R4's prompt in iteration 42; R3's tokens 31–40
    // end at iterations 43–52, R4's 2–40 at 43–81.
    const sep = fourRequests({ ...llm('paged', { out: 40, kvCapacityTokens: 400 }), scheduler: { steps: 1, separatePrefill: true, kvAllocation: 'paged' } });
    expect(sep.preemptions).toEqual({ model: 1 });
    expect(sep.tokens).toBe(160);
    // TTFT: R1 10, R2 19.75, R3 19.5, R4 420 − 0.75. TPOT: R1 (410 − 10)/39, R2 (410 − 20)/39, R3 (520 − 20)/39, R4 (810 − 420)/39.
    expect(sep.ttft[0]).toBeCloseTo(10, 9);
    expect(sep.ttft[1]).toBeCloseTo(419.25, 9);
    expect(sep.ttftMean).toBeCloseTo((10 + 19.75 + 19.5 + 419.25) / 4, 9);
    expect(sep.tpot[0]).toBeCloseTo(10, 9);
    expect(sep.tpot[1]).toBeCloseTo(500 / 39, 9);
    expect(sep.tpotMean).toBeCloseTo((400 / 39 + 10 + 500 / 39 + 10) / 4, 9);
    // ITL: R1's second chunk waits for the prefill batch (20 ms), R3's 30th for its re-prefill (t0 + 300 → 420: 120 ms).
    expect(sep.itl.count).toBe(156);
    expect(sep.itl.sum).toBeCloseTo(154 * 10 + 20 + 120, 6);
    expect(sep.itl.max).toBeCloseTo(120, 9);
  });

  it('a multi-step round holds its steps − 1 lookahead slots too (vLLM 0.6 _append_slots)', () => {
    // Steps 4 (prefill separate), out 33, a cache of 18 blocks (288 tokens). A decode round at context c holds
    // ⌈(c + 3)/16⌉ blocks. Iteration 1 (t0 → t0 + 10): R1's prefill (7). At t0 + 10 R1's round would hold ⌈104/16⌉ = 7;
    // R2 is admitted (14), R3 is not (21 > 18); R2's prefill runs alone, t0 + 10 → 20 (R1 waits, holding 7). Then rounds
    // of 4 decodes, 40 ms each, from t0 + 20; at round k both contexts are 101 + 4(k − 1) and need
    // ⌈(104 + 4(k − 1))/16⌉: 7 for k ≤ 3, 8 for k = 4–7, 9 for k = 8: 2 × 9 = 18 fits. 32 decodes = 8 rounds: both end at
    // t0 + 340 (R1: TPOT (340 − 10)/32; R2: TTFT 19.75, TPOT 10). R3 and R4 are then prefilled together, t0 + 340 → 350
    // (TTFT 350 − 0.5 and 350 − 0.75), and decode 8 rounds (TPOT 10).
    const r = fourRequests(llm('paged', { out: 33, kvCapacityTokens: 288, steps: 4 }));
    expect(r.preemptions).toEqual({ model: 0 });
    expect(r.tokens).toBe(132);
    expect(r.ttft[0]).toBeCloseTo(10, 9);
    expect(r.ttft[1]).toBeCloseTo(349.5, 9);
    expect(r.tpot[0]).toBeCloseTo(10, 9);
    expect(r.tpot[1]).toBeCloseTo(330 / 32, 9);
    // With 17 blocks round 8's 18 do not fit: R2, the newer, is preempted there (and, worked through to the end, no other).
    const tight = fourRequests(llm('paged', { out: 33, kvCapacityTokens: 272, steps: 4 }));
    expect(tight.preemptions).toEqual({ model: 1 });
    expect(tight.tokens).toBe(132);
  });
});

/**
 * Prefix caching (vLLM V1's default; engine/free-block-queue.ts): the same four requests and 25 blocks, the same timeline
 * (every iteration takes 10 ms whatever it computes), but a preempted request's full blocks stay cached in the free queue
 * until an allocation pops them, and its re-prefill computes only what is not cached. The prompt tokens the replica
 * prefills (the service's `llmTokens.prompt`) show it: 4 × 100 prompts plus each re-prefill.
 */
describe('paged KV with prefix caching (vLLM V1 get_computed_blocks over a preempted request\'s freed blocks)', () => {
  function promptTokens(l: EngineLlm): number {
    return runFour(l).services[0]!.llmTokens!.prompt;
  }
  const cached = (l: EngineLlm): EngineLlm => ({ ...l, scheduler: { ...l.scheduler!, blockCaching: true } });

  it('re-prefills only the tail its neighbours\' growth evicted', () => {
    // At iteration 30 R1, R2 and R3 hold all 25 blocks: the free queue is empty. Iteration 31: R3 (context 129, its KV
    // computed up to 128 tokens) is preempted: its 8 blocks are all full, so all 8 go to the queue as its cached run. R2
    // grows from 8 to 9 blocks (R1 already holds 9): that one block comes off the queue's head, R3's last block: 7 stay
    // cached. R1's 9 blocks return at its end (iteration 40), behind R3's run. Iteration 41: R3 finds its first 7 blocks
    // (112 tokens; at most ⌊(129 − 1)/16⌋ = 8), so it prefills 129 − 112 = 17 tokens, in ⌈129/16⌉ = 9 blocks as before.
    // Without caching it prefills all 129.
    const paged = llm('paged', { out: 40, kvCapacityTokens: 400 });
    expect(promptTokens(cached(paged))).toBe(400 + 17);
    expect(promptTokens(paged)).toBe(400 + 129);
    expect(promptTokens({ ...paged, scheduler: { ...paged.scheduler!, blockCaching: false } })).toBe(400 + 129);
  });

  it('keeps every other figure of the hand-worked run (the hit changes what is computed, not when, at 10 ms a step)', () => {
    const on = fourRequests(cached(llm('paged', { out: 40, kvCapacityTokens: 400 })));
    expect(on).toEqual(fourRequests(llm('paged', { out: 40, kvCapacityTokens: 400 })));
  });

  it('with separate prefill the survivors\' growth takes the older free block first (LRU), then one of its blocks', () => {
    // All three decode from iteration 3 at context 98 + j: at iteration 30 they hold 3 × ⌈128/16⌉ = 24 blocks, so one
    // never-used block heads the free queue. Iteration 31: all need ⌈129/16⌉ = 9 (27 > 25): R3 is preempted and its 8
    // full blocks join the queue behind that block. R1 and R2 grow from 8 to 9 each: the 2 blocks come off the head, the
    // free block first, then R3's last: 7 stay cached. R1 and R2 end at iteration 41; at 42 R3 finds 7 blocks (112
    // tokens) and prefills 129 − 112 = 17.
    const l = cached({ ...llm('paged', { out: 40, kvCapacityTokens: 400 }), scheduler: { steps: 1, separatePrefill: true, kvAllocation: 'paged' } });
    expect(promptTokens(l)).toBe(400 + 17);
    // A cache one block smaller (24 blocks) has no free block at iteration 30, so both come from R3's run: 6 stay (96
    // tokens), 33 prefilled. The same preemption: R3 at iteration 31, resumed when R1 and R2 end.
    const tight = cached({ ...llm('paged', { out: 40, kvCapacityTokens: 384 }), scheduler: { steps: 1, separatePrefill: true, kvAllocation: 'paged' } });
    expect(runFour(tight).llm!.preemptions).toEqual({ model: 1 });
    expect(promptTokens(tight)).toBe(400 + 33);
  });
});

/**
 * Prompt templates on paged KV: the four requests' 100-token prompts are a 64-token template (4 full blocks) and 36
 * tokens of their own. With prefix caching R1's prefill (iteration 1) leaves the template's 4 blocks cached, held once
 * for every sequence that uses them; R2–R4 find them in iteration 2 and prefill 36 tokens each in 7-block tables of which
 * 3 blocks are their own. A sequence at context c then holds ⌈c/16⌉ − 4 blocks of its own.
 */
describe('paged KV with prompt templates (a template\'s blocks shared by the running sequences, held once)', () => {
  const templated = (kvCapacityTokens: number, caching: boolean): EngineLlm => {
    const l = llm('paged', { out: 40, kvCapacityTokens });
    return { ...l, inputTokens: { kind: 'fixed', tokens: 36 }, prefix: { templates: [{ tokens: 64, share: 1 }], sessionTurns: 0, caching }, scheduler: { ...l.scheduler!, blockCaching: caching } };
  };

  it('admits all four at once where copies admitted three, and never preempts', () => {
    // 25 blocks. Iteration 2: 4 + 3 × 3 own + R1's 3 = 16 ≤ 25: all four run. The most they ever hold is 4 + 4 × (9 − 4)
    // = 24 (contexts up to 139 < 144). TTFT: R1 10, R2 19.75, R3 19.5, R4 20 − 0.75 = 19.25.
    const r = runFour(templated(400, true));
    expect(r.llm!.preemptions).toEqual({ model: 0 });
    expect(r.llm!.ttft.max).toBeCloseTo(19.75, 9);
    expect(r.llm!.ttft.sum / 4).toBeCloseTo((10 + 19.75 + 19.5 + 19.25) / 4, 9);
    expect(r.services[0]!.llmTokens!.prompt).toBe(100 + 3 * 36);
    expect(r.llm!.prefixCache!.stats.hits).toBe(3);
    expect(r.llm!.prefixCache!.stats.cachedTokens).toBe(3 * 64);
  });

  it('with prefixCaching false runs exactly as without templates (every prompt computed, copies held apart)', () => {
    const off = runFour(templated(400, false));
    const plain = runFour(llm('paged', { out: 40, kvCapacityTokens: 400 }));
    expect(off.llm!.preemptions).toEqual({ model: 1 });
    expect([off.llm!.ttft.max, off.llm!.ttft.sum, off.llm!.tpot.sum, off.llm!.itl.sum]).toEqual([plain.llm!.ttft.max, plain.llm!.ttft.sum, plain.llm!.tpot.sum, plain.llm!.itl.sum]);
    expect(off.services[0]!.llmTokens!.prompt).toBe(400 + 129);
  });

  it('a preempted request finds the shared template and what is left of its own blocks', () => {
    // 20 blocks. All four admitted in iteration 2 (16). Iteration 30: R1 (context 129) needs 9, the others 8: 4 + 5 + 3 × 4
    // = 21 > 20, so R4 (the newest, context 128: 28 tokens streamed, KV computed up to 127) is preempted. Its 7 full
    // blocks are the template's 4 (still used by R1–R3) and 3 of its own, cached behind its partial block. R1's growth
    // takes the partial block (held 17). Iteration 31: R2 and R3 grow to 9 (19), popping 2 of R4's 3 cached blocks; R4 is
    // not admitted (its 8-block table less the template's 4 = 4 > 1 free). R1 ends at iteration 40; its 5 own blocks join
    // the queue behind R4's last one. Iteration 41: R4 finds the template (4 blocks) and its own first block (16 tokens:
    // 80), so it prefills 128 − 80 = 48 tokens. TTFT untouched (R4's first token was streamed before): max 19.75.
    const r = runFour(templated(320, true));
    expect(r.llm!.preemptions).toEqual({ model: 1 });
    expect(r.llm!.outputTokens).toBe(160);
    expect(r.llm!.ttft.max).toBeCloseTo(19.75, 9);
    expect(r.services[0]!.llmTokens!.prompt).toBe(100 + 3 * 36 + 48);
    // R4's stall: its 28th token at the end of iteration 29, its 29th at the end of 41: one gap of 120 ms.
    expect(r.llm!.itl.max).toBeCloseTo(120, 9);
  });
});

describe('paged KV with sessions (a conversation\'s blocks cached between its turns)', () => {
  /** One request at 0.125 ms and one at 1.000125 s, the second the session's next turn; the replica's prompt tokens and prefix stats. */
  function twoTurns(l: EngineLlm) {
    const horizon = 3;
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
    return { prompt: r.services[0]!.llmTokens!.prompt, cached: r.llm!.prefixCache!.stats.cachedTokens, ttftMax: r.llm!.ttft.max };
  }
  const sessions = (kvAllocation: 'reserve' | 'paged', caching: boolean): EngineLlm => {
    const l = llm(kvAllocation, { out: 40, kvCapacityTokens: 400 });
    return { ...l, prefix: { templates: [], sessionTurns: 2, caching }, scheduler: { ...l.scheduler!, blockCaching: caching } };
  };

  it("finds the first turn's full blocks: its KV up to the token before its last", () => {
    // Turn 1: 100 + 40 = 140 tokens, KV computed for 139: 8 full blocks (128 tokens) stay cached as the session's. Turn 2's
    // prompt is 140 + 100 = 240: it finds 128 (at most ⌊239/16⌋ = 14 blocks) and prefills 112. The reserving engine's
    // token-level cache finds the same 128 (140 less its partial block).
    const on = twoTurns(sessions('paged', true));
    expect(on.prompt).toBe(100 + 112);
    expect(on.cached).toBe(128);
    expect(on.ttftMax).toBeCloseTo(10, 9);
    expect(twoTurns(sessions('reserve', true)).cached).toBe(128);
    const off = twoTurns(sessions('paged', false));
    expect(off.prompt).toBe(100 + 240);
    expect(off.cached).toBe(0);
  });
});

describe('paged KV allocation under heavy preemption', () => {
  it('every request finishes and every token is counted once, with chunked prompts and without', () => {
    // 40 requests at once, prompts of 50–700 tokens, 120 output tokens each, into 1,600 tokens (100 blocks): far more
    // than fit at once, so sequences are preempted whether decoding or (with a 256-token budget) part-way through a prompt.
    for (const chunkedPrefill of [true, false]) {
      const l: EngineLlm = {
        ...llm('paged', { out: 120, kvCapacityTokens: 1600 }),
        inputTokens: { kind: 'uniform', min: 50, max: 700 },
        maxBatchedTokens: chunkedPrefill ? 256 : 8192,
        chunkedPrefill,
      };
      const cfg = burstConfig(l, { seed: 3, burstSeconds: 0.01, horizon: 60 });
      const r = runEngine(cfg);
      expectConserved(r);
      // With prefix caching the same run prefills fewer tokens (re-prefills find their blocks) and serves the same.
      const rc = runEngine({ ...cfg, services: [service({ serviceTime: { kind: 'constant', seconds: 0 }, llm: { ...l, scheduler: { ...l.scheduler!, blockCaching: true } } })] });
      expectConserved(rc);
      expect(rc.requests.served).toBe(40);
      expect(rc.llm!.outputTokens).toBe(40 * 120);
      expect(rc.llm!.itl.count).toBe(40 * 119);
      expect(rc.services[0]!.llmTokens!.prompt).toBeLessThan(r.services[0]!.llmTokens!.prompt);
      expect(r.requests.offered).toBe(40);
      expect(r.requests.served).toBe(40);
      expect(r.llm!.outputTokens).toBe(40 * 120);
      expect(r.llm!.ttft.count).toBe(40);
      // 39 gaps a request: a resumed request's stall is one gap, not a lost or an extra one.
      expect(r.llm!.itl.count).toBe(40 * 119);
      expect(r.llm!.preemptions!.model).toBeGreaterThan(0);
    }
  });
});

describe('paged KV with templates and sessions under heavy preemption', () => {
  it('every request finishes, every token is counted once, and caching only saves prompt tokens', () => {
    // 200 requests over 10 s, two templates (160 and 200 tokens; 20% carry none), sessions of 3 turns, prompts of 20–300
    // tokens of their own and 60 output tokens, into 2,400 tokens (150 blocks): sequences are preempted while they share
    // templates, and the free queue holds templates', sessions' and preempted requests' runs together. An allocation
    // beyond the free queue would throw (FreeBlockQueue.take), so finishing is the bookkeeping's check.
    const run = (caching: boolean) => {
      const base = llm('paged', { out: 60, kvCapacityTokens: 2400 });
      const l: EngineLlm = {
        ...base,
        inputTokens: { kind: 'uniform', min: 20, max: 300 },
        maxBatchedTokens: 256,
        prefix: { templates: [{ tokens: 160, share: 0.5 }, { tokens: 200, share: 0.3 }], sessionTurns: 3, caching },
        scheduler: { ...base.scheduler!, blockCaching: caching },
      };
      const horizon = 120;
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
      expect(r.requests.offered).toBe(200);
      expect(r.requests.served).toBe(200);
      expect(r.llm!.outputTokens).toBe(200 * 60);
      expect(r.llm!.itl.count).toBe(200 * 59);
      expect(r.llm!.preemptions!.model).toBeGreaterThan(0);
      return r;
    };
    const on = run(true);
    const off = run(false);
    expect(on.llm!.prefixCache!.stats.cachedTokens).toBeGreaterThan(0);
    expect(off.llm!.prefixCache!.stats.cachedTokens).toBe(0);
    expect(on.services[0]!.llmTokens!.prompt).toBeLessThan(off.services[0]!.llmTokens!.prompt);
  });
});

describe('paged KV bookkeeping', () => {
  it('counts blocks of 16 tokens', () => {
    expect(KV_BLOCK_TOKENS).toBe(16);
    expect([kvBlocks(1), kvBlocks(16), kvBlocks(17), kvBlocks(100), kvBlocks(129)]).toEqual([1, 1, 2, 7, 9]);
  });

  it('the victim is the newest admitted, wherever the batch moved it', () => {
    const p = new PagedPod(4, 25, false);
    p.admit(0, 7, 100, 0, -1, 0);
    p.admit(1, 7, 100, 0, -1, 0);
    p.admit(2, 7, 100, 0, -1, 0);
    expect(p.newest(3)).toBe(2);
    // Position 0 finished and the last (2) took its place.
    p.moved(0, 2);
    expect(p.newest(2)).toBe(0);
  });
});
