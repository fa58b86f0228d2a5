/**
 * Multi-LoRA serving (engine/lora-adapters.ts; vLLM V1's rules, sources there): the admission rule by max_loras, the
 * GPU slots and host-memory cache as LRUs, and adapter loads stalling the step that activates them.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LLM_EFFICIENCY, type LlmCostModel } from '../llm/llm-perf.ts';
import { KNOWN_MODELS } from '../llm/llm-models.ts';
import { LORA_KERNEL_OVERHEAD, loraCostModels, loraParameters } from '../llm/lora-cost.ts';
import { Rng } from '../random/rng.ts';
import { expectConserved } from '../test-support/conservation.ts';
import { burstConfig, handTimedLlm, uniformLlmRun } from '../test-support/hand-timed-llm.ts';
import type { EngineLlm } from './engine-config.ts';
import { type EngineLora, LoraPod, LoraRequests } from './lora-adapters.ts';
import { runEngine } from './simulation.ts';

const ZERO: LlmCostModel = { parameters: 0, layers: 0, hiddenSize: 1, weightBytes: 0, kvBytesPerToken: 0 };

function lora(o: Partial<EngineLora> = {}): EngineLora {
  const maxLoras = o.maxLoras ?? 1;
  return { adapters: 2, zipf: 0, baseShare: 0, maxLoras, maxCpuLoras: maxLoras, cpuLoadSeconds: 0.002, diskLoadSeconds: 0.005, models: loraCostModels(ZERO, 0, maxLoras), kernelFactor: 1, ...o };
}

describe('LoraPod: the batch, the GPU slots and the host-memory cache', () => {
  it('lets a request join when its adapter is in the batch or there is room for one more (vLLM max_loras)', () => {
    const p = new LoraPod(lora({ maxLoras: 2, maxCpuLoras: 2 }), new LoraRequests(lora(), new Rng(1)));
    p.join(5);
    expect([p.canJoin(5), p.canJoin(6)]).toEqual([true, true]);
    p.join(6);
    expect([p.canJoin(5), p.canJoin(6), p.canJoin(7)]).toEqual([true, true, false]);
    p.join(5);
    p.leave(5);
    expect(p.canJoin(7)).toBe(false); // adapter 5 still has a request in the batch
    p.leave(5);
    expect([p.distinct, p.canJoin(7)]).toEqual([1, true]);
  });

  it('loads from disk then host memory, evicting the least recently used adapter outside the batch from each', () => {
    // 2 GPU slots, 3 adapters in host memory; disk 5 ms + copy 2 ms, copy alone 2 ms.
    const totals = new LoraRequests(lora(), new Rng(1));
    const p = new LoraPod(lora({ maxLoras: 2, maxCpuLoras: 3 }), totals);
    p.join(1); // disk: 7 ms. GPU {1}, CPU {1}
    p.join(2); // disk: 7 ms. GPU {1,2}, CPU {1,2}
    expect(p.takeStall()).toBeCloseTo(0.014, 12);
    p.leave(1); // 1 leaves first: the older
    p.leave(2);
    p.join(3); // disk; GPU full: evicts 1 (left before 2). GPU {2,3}, CPU {1,2,3}
    expect([p.onGpu(1), p.onGpu(2), p.onGpu(3), p.inCpu(1)]).toEqual([false, true, true, true]);
    p.join(1); // in host memory: copy only, 2 ms; evicts 2, the only one outside the batch. GPU {3,1}
    expect(p.takeStall()).toBeCloseTo(0.007 + 0.002, 12);
    expect([p.onGpu(2), p.onGpu(3), p.onGpu(1)]).toEqual([false, true, true]);
    p.leave(3);
    p.leave(1);
    // Host memory full {1,2,3}: adapter 4 evicts 2 (its last use is the oldest), and the GPU slot goes to 3's place (3 left before 1).
    p.join(4);
    expect([p.inCpu(2), p.inCpu(1), p.inCpu(3), p.onGpu(3), p.onGpu(1), p.onGpu(4)]).toEqual([false, true, true, false, true, true]);
    expect([totals.diskLoads, totals.cpuLoads]).toEqual([4, 1]);
    expect(totals.loadSeconds).toBeCloseTo(4 * 0.007 + 0.002, 12);
  });

  it('frees the GPU slot of an adapter evicted from host memory (vLLM deactivates it)', () => {
    const totals = new LoraRequests(lora(), new Rng(1));
    const p = new LoraPod(lora({ maxLoras: 2, maxCpuLoras: 2 }), totals);
    p.join(1);
    p.join(2);
    p.leave(1);
    p.join(3); // CPU full {1,2}: evicts 1 (2 is in the batch), and 1's GPU slot is freed for 3
    expect([p.onGpu(1), p.inCpu(1), p.onGpu(2), p.onGpu(3)]).toEqual([false, false, true, true]);
  });
});

describe('LoraRequests: each request draws one adapter, kept by slot and generation', () => {
  it('draws uniformly by default and by 1/k^s under Zipf', () => {
    const u = new LoraRequests(lora({ adapters: 4 }), new Rng(9, 1));
    const z = new LoraRequests(lora({ adapters: 4, zipf: 1 }), new Rng(9, 1));
    const n = 40_000;
    const cu = [0, 0, 0, 0];
    const cz = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) {
      cu[u.adapterOf(i, 0)]!++;
      cz[z.adapterOf(i, 0)]!++;
    }
    // Zipf s = 1 over 4: 1/H with H = 1 + 1/2 + 1/3 + 1/4 = 25/12: 0.48, 0.24, 0.16, 0.12. 4σ of a share at n = 40,000 is < 0.01.
    [0.48, 0.24, 0.16, 0.12].forEach((p, k) => expect(cz[k]! / n).toBeCloseTo(p, 1));
    cu.forEach((c) => expect(Math.abs(c / n - 0.25)).toBeLessThan(0.01));
    expect(u.adapterOf(7, 0)).toBe(u.adapterOf(7, 0));
  });
});

/**
 * Four requests of a 100-token prompt and 5 output tokens at t = 0.125, 0.375, 0.625, 0.875 ms, every iteration 10 ms
 * (the step overhead alone), adapters drawn with seed 3 (stream 7,000,000 for service 0): R1 → 0, R2 → 1, R3 → 0,
 * R4 → 1 (asserted below). maxLoras 1 (one GPU slot), 2 adapters in host memory; disk 5 ms + copy 2 ms.
 *
 * - Iteration 1 (from 0.125): R1 is admitted; adapter 0 is loaded from disk before the pass: 10 + 7 = 17 ms, to 17.125.
 * - Iteration 2 (17.125): the batch holds adapter 0, max_loras 1: R2 (adapter 1) is skipped, R3 (adapter 0) is admitted,
 *   R4 (1) skipped. 10 ms each from here: R1's tokens at the ends of iterations 1–5 (it finishes at 57.125), R3's at 2–6
 *   (67.125). R2 and R4 are skipped at every step, counted once each.
 * - Iteration 7 (67.125): the batch is empty; R2 loads adapter 1 from disk (7 ms, evicting adapter 0 from the slot), R4
 *   joins it: 17 ms, first tokens at 84.125; last tokens at the end of iteration 11, 124.125.
 * TTFT: R1 17, R3 27.125 − 0.625 = 26.5, R2 84.125 − 0.375 = 83.75, R4 84.125 − 0.875 = 83.25.
 */
/** The four requests above, on one service with `l` (and prefill apart from decodes if asked): the run. */
function run(l: EngineLora, separatePrefill = false, seed = 3, kvAllocation: 'reserve' | 'paged' = 'reserve') {
  const scheduler = separatePrefill || kvAllocation === 'paged' ? { scheduler: { steps: 1, separatePrefill, kvAllocation, blockCaching: true } } : {};
  const llm: EngineLlm = handTimedLlm({ model: ZERO, hardware: { flopsPerGpu: 1e15, bandwidthPerGpu: 1e12, tensorParallel: 1, linkBytesPerSecond: 0 }, efficiency: { ...DEFAULT_LLM_EFFICIENCY, stepOverheadSeconds: 0.01, requestOverheadSeconds: 0 }, out: 5 }, { lora: l, ...scheduler });
  const cfg = burstConfig(llm, { seed, burstSeconds: 0.001, horizon: 5 });
  const r = runEngine(cfg);
  expectConserved(r);
  return r;
}

describe('the executor with LoRA: vLLM V1 admission by max_loras, loads stalling the step', () => {

  it('draws R1..R4 onto adapters 0, 1, 0, 1 with this seed (the figures below rest on it)', () => {
    const rng = new Rng(3, 7_000_000);
    expect([rng.int(2), rng.int(2), rng.int(2), rng.int(2)]).toEqual([0, 1, 0, 1]);
  });

  it('admits R3 past the waiting R2, holds R2 and R4 until adapter 0 leaves the batch, and charges each disk load to its step', () => {
    const r = run(lora({ maxLoras: 1, maxCpuLoras: 2 }));
    expect(r.requests.served).toBe(4);
    const x = r.llm!;
    expect(x.ttft.min).toBeCloseTo(17, 9);
    expect(x.ttft.max).toBeCloseTo(83.75, 9);
    expect(x.ttft.sum / x.ttft.count).toBeCloseTo((17 + 26.5 + 83.75 + 83.25) / 4, 9);
    // Decodes at 10 ms: (57.125 − 17.125) / 4 for R1, the same for the others.
    expect(x.tpot.min).toBeCloseTo(10, 9);
    expect(x.tpot.max).toBeCloseTo(10, 9);
    expect(r.services[0]!.lora).toEqual({ diskLoads: 2, cpuLoads: 0, loadSeconds: expect.closeTo(0.014, 12) as number, delayedRequests: 2 });
  });

  it('with maxLoras 2 nobody waits: one step loads both adapters (two disk loads, 14 ms), all four in iterations 1–2', () => {
    // Iteration 1 (0.125): R1 alone, adapter 0 from disk: 17 ms, to 17.125. Iteration 2: R2 (adapter 1: 7 ms), R3, R4 join: 17 ms, to 34.125.
    // TTFT: 17, then 34.125 − 0.375, − 0.625, − 0.875.
    const r = run(lora({ maxLoras: 2, maxCpuLoras: 2 }));
    const x = r.llm!;
    expect(x.ttft.max).toBeCloseTo(33.75, 9);
    expect(x.ttft.sum / x.ttft.count).toBeCloseTo((17 + 33.75 + 33.5 + 33.25) / 4, 9);
    expect(r.services[0]!.lora).toEqual({ diskLoads: 2, cpuLoads: 0, loadSeconds: expect.closeTo(0.014, 12) as number, delayedRequests: 0 });
  });
});

describe("the LoRA kernels' overhead (kernelFactor, llm/lora-cost.ts LORA_KERNEL_OVERHEAD)", () => {
  it('stretches each iteration by the factor, loads added after it: 1.5 × 10 ms steps', () => {
    // maxLoras 2: iteration 1 (0.125) is R1 with adapter 0 from disk: 15 + 7 = 22 ms, to 22.125; iteration 2 loads
    // adapter 1 (7 ms) for R2 while R3 and R4 join: 22 ms, to 44.125; then 15 ms a step. TTFT 22, 43.75, 43.5, 43.25.
    // TPOT: R1 (89.125 − 22.125) / 4 = 16.75 (its second gap is the loading step), the others (104.125 − 44.125) / 4 = 15.
    const r = run(lora({ maxLoras: 2, maxCpuLoras: 2, kernelFactor: 1.5 }));
    const x = r.llm!;
    expect(x.ttft.min).toBeCloseTo(22, 9);
    expect(x.ttft.sum / x.ttft.count).toBeCloseTo((22 + 43.75 + 43.5 + 43.25) / 4, 9);
    expect(x.tpot.min).toBeCloseTo(15, 9);
    expect(x.tpot.max).toBeCloseTo(16.75, 9);
    expect(r.services[0]!.lora!.loadSeconds).toBeCloseTo(0.014, 12);
  });

  it("defaults to vLLM's published loss (pull 11267: 11.45 → 7.60 requests/s, of which the roofline gives 0.3%)", () => {
    expect(LORA_KERNEL_OVERHEAD).toBe(0.5);
    expect(((11.45 / 7.6) / (1 + 19_988_480 / 6.74e9) - 1).toFixed(2)).toBe('0.50');
  });
});

describe('LoRA admission with prefill apart from decodes (llm.scheduler.prefill: separate)', () => {
  it('admits as with mixed batches; only R1 and R3 decode later, behind R3\'s prefill-only iteration', () => {
    // As above, but iteration 2 (17.125-27.125) is R3's prefill alone: R1's tokens 2-5 and R3's come at the ends of
    // iterations 3-6 (37.125 … 67.125), both finishing at 67.125; R2 and R4 as before (TTFT 83.75, 83.25, done at 124.125).
    // TPOT: R1 (67.125 − 17.125) / 4 = 12.5, R3 (67.125 − 27.125) / 4 = 10, R2 and R4 10.
    // The same with paged KV (vLLM 0.6 _schedule_prefills skips by the same rule; nothing is preempted in 1M tokens of KV).
    for (const kv of ['reserve', 'paged'] as const) {
      const r = run(lora({ maxLoras: 1, maxCpuLoras: 2 }), true, 3, kv);
      const x = r.llm!;
      expect(x.ttft.sum / x.ttft.count).toBeCloseTo((17 + 26.5 + 83.75 + 83.25) / 4, 9);
      expect(x.tpot.max).toBeCloseTo(12.5, 9);
      expect(x.tpot.min).toBeCloseTo(10, 9);
      expect(r.services[0]!.lora!.delayedRequests).toBe(2);
    }
  });
});

describe('one adapter is the base model plus the adapter matmuls', () => {
  it('counts rank × Σ(in + out) × layers parameters: 41,943,040 for Llama 3.1 8B at rank 16', () => {
    // Per layer: q 4096+4096, k 4096+1024, v 4096+1024, o 4096+4096, gate and up 4096+14336 each, down 14336+4096 = 81,920; × 16 × 32.
    expect(loraParameters(KNOWN_MODELS['llama-3.1-8b']!, 16)).toBe(41_943_040);
  });

  it('runs adapters: 1 with free loads exactly as the base model whose parameters and bytes carry one adapter', () => {
    const base: LlmCostModel = { parameters: 8e9, layers: 32, hiddenSize: 4096, weightBytes: 16e9, kvBytesPerToken: 131072 };
    const p = 41_943_040;
    const hw = { flopsPerGpu: 989e12, bandwidthPerGpu: 3.35e12, tensorParallel: 1, linkBytesPerSecond: 0 };
    const withAdapter: LlmCostModel = { ...base, parameters: 8e9 + p, weightBytes: 16e9 + 2 * p };
    const plain = uniformLlmRun(handTimedLlm({ model: withAdapter, hardware: hw, efficiency: DEFAULT_LLM_EFFICIENCY, out: 50 }), 1);
    const one = lora({ adapters: 1, cpuLoadSeconds: 0, diskLoadSeconds: 0, models: loraCostModels(base, p, 1) });
    const adapted = uniformLlmRun(handTimedLlm({ model: base, hardware: hw, efficiency: DEFAULT_LLM_EFFICIENCY, out: 50 }, { lora: one }), 1);
    expect(adapted).toEqual(plain);
    const baseOnly = uniformLlmRun(handTimedLlm({ model: base, hardware: hw, efficiency: DEFAULT_LLM_EFFICIENCY, out: 50 }), 1);
    expect(adapted.tpot[1]!).toBeGreaterThan(baseOnly.tpot[1]!);
  });
});

describe('base-model requests beside adapters (baseShare; vLLM: a request with no lora_request)', () => {
  it('draws the base model for that share of requests, then adapters as before', () => {
    const r = new LoraRequests(lora({ adapters: 4, baseShare: 0.25 }), new Rng(9, 1));
    const n = 40_000;
    const c = [0, 0, 0, 0, 0];
    for (let i = 0; i < n; i++) c[r.adapterOf(i, 0) + 1]!++;
    // 25% base, the rest uniform over 4: 18.75% each. 4σ of a share at n = 40,000 is < 0.01.
    expect(Math.abs(c[0]! / n - 0.25)).toBeLessThan(0.01);
    for (let k = 1; k <= 4; k++) expect(Math.abs(c[k]! / n - 0.1875)).toBeLessThan(0.01);
  });

  it('seed 12 with baseShare 0.5 draws R1..R4 as base, adapter 0, adapter 1, base (the figures below rest on it)', () => {
    const rng = new Rng(12, 7_000_000);
    expect([0, 1, 2, 3].map(() => (rng.next() < 0.5 ? -1 : rng.int(2)))).toEqual([-1, 0, 1, -1]);
  });

  /**
   * maxLoras 1, loads of 5 ms from disk + 2 ms into the slot, kernelFactor 1.5 (15 ms a step holding an adapter), 5 output
   * tokens; R1 (base) at 0.125 ms, R2 (adapter 0) 0.375, R3 (adapter 1) 0.625, R4 (base) 0.875.
   * - Iteration 1 (0.125): R1 alone, base only: no LoRA kernel, no load: 10 ms, to 10.125.
   * - Iteration 2: R2 joins (adapter 0 from disk), R3 is skipped (max_loras), R4 (base) joins past it: 15 + 7 = 22 ms, to
   *   32.125. Then 15 ms a step (adapter 0 in the batch): R1's tokens 3–5 at 47.125, 62.125, 77.125; R2's and R4's
   *   last at the end of iteration 6, 92.125.
   * - Iteration 7 (92.125): the batch is empty; R3 loads adapter 1 from disk: 22 ms, to 114.125; alone to 174.125.
   * TTFT: R1 10, R2 31.75, R4 31.25, R3 113.5. TPOT: R1 (77.125 − 10.125) / 4 = 16.75, the others 60 / 4 = 15.
   */
  it('never count against max_loras, load nothing, and a step of base requests alone runs no LoRA kernel', () => {
    for (const kv of ['reserve', 'paged'] as const) {
      const r = run(lora({ maxLoras: 1, maxCpuLoras: 2, baseShare: 0.5, kernelFactor: 1.5 }), false, 12, kv);
      const x = r.llm!;
      expect(r.requests.served).toBe(4);
      expect(x.ttft.min).toBeCloseTo(10, 9);
      expect(x.ttft.max).toBeCloseTo(113.5, 9);
      expect(x.ttft.sum / x.ttft.count).toBeCloseTo((10 + 31.75 + 31.25 + 113.5) / 4, 9);
      expect(x.tpot.min).toBeCloseTo(15, 9);
      expect(x.tpot.max).toBeCloseTo(16.75, 9);
      expect(r.services[0]!.lora).toEqual({ diskLoads: 2, cpuLoads: 0, loadSeconds: expect.closeTo(0.014, 12) as number, delayedRequests: 1 });
    }
  });

  it('baseShare 1 reproduces the run without LoRA exactly, reserved and paged, whatever the adapters would cost', () => {
    const base: LlmCostModel = { parameters: 8e9, layers: 32, hiddenSize: 4096, weightBytes: 16e9, kvBytesPerToken: 131072 };
    const hw = { flopsPerGpu: 989e12, bandwidthPerGpu: 3.35e12, tensorParallel: 1, linkBytesPerSecond: 0 };
    const all = lora({ adapters: 10, maxLoras: 4, baseShare: 1, kernelFactor: 1.5, models: loraCostModels(base, 41_943_040, 4) });
    for (const kvAllocation of ['reserve', 'paged'] as const) {
      const scheduler = { steps: 1, separatePrefill: false, kvAllocation, blockCaching: true };
      const plain = uniformLlmRun(handTimedLlm({ model: base, hardware: hw, efficiency: DEFAULT_LLM_EFFICIENCY, out: 50 }, { scheduler }), 1);
      const based = uniformLlmRun(handTimedLlm({ model: base, hardware: hw, efficiency: DEFAULT_LLM_EFFICIENCY, out: 50 }, { scheduler, lora: all }), 1);
      expect(based).toEqual(plain);
      expect(plain.requests).toBe(40);
    }
  });
});
