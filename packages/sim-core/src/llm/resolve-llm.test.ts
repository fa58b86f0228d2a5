// What a model that does not fit its GPUs is told: the weights against the memory left, or, when the activation
// reserve takes all that gpuMemoryUtilization leaves, that (the hostile-input campaign's "-0.9 GB usable").
import { getGpu } from '@design-sim/cost-model';
import { describe, expect, it } from 'vitest';
import { resolveLlm } from './resolve-llm.ts';

const spec = (gpuMemoryUtilization: number) =>
  ({ model: 'llama-3.1-8b', precision: 'bf16', kvCacheDtype: 'bf16', inputTokens: 1, outputTokens: 1, maxBatchSize: 256, maxBatchedTokens: 8192, chunkedPrefill: true, routingImbalance: 1, gpuMemoryUtilization, activationReserveGB: 1, prefixCaching: true }) as const;

describe('a model that does not fit', () => {
  it('says the activation reserve takes all the memory a tiny gpuMemoryUtilization leaves, not a negative usable size', () => {
    // 80 GB × 0.001 = 0.08 GB, below the 1 GB activation reserve.
    const r = resolveLlm(spec(0.001), getGpu('h100-sxm-80gb'), 1);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toBe(
        "does not fit: gpuMemoryUtilization 0.001 leaves 0.1 GB of each h100-sxm-80gb's 80 GB, no more than the 1 GB held for activations: nothing is left for weights or the KV cache; raise gpuMemoryUtilization (vLLM's default is 0.9) or lower activationReserveGB",
      );
      expect(r.message).not.toMatch(/ -\d/);
    }
  });

  it('names the weights against the usable memory when some is left: 16.1 GB of bf16 weights in 80 × 0.2 − 1 = 15.0 GB', () => {
    const r = resolveLlm(spec(0.2), getGpu('h100-sxm-80gb'), 1);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^does not fit: 16\.1 GB of bf16 weights need more than the 15\.0 GB usable on 1 × h100-sxm-80gb/);
  });
});

describe('llm.lora resolved: slots beside the weights, load times from size and bandwidth', () => {
  const lora = { adapters: 100, baseShare: 0, popularity: 'uniform', rank: 16, maxLoraRank: 16, maxLoras: 32 } as const;

  it("takes the slots' memory before the KV cache and times a load from the adapter's bytes", () => {
    // A rank-16 Llama 3.1 8B adapter: 41,943,040 parameters, 83,886,080 bytes. 32 slots: 2,684,354,560 bytes.
    // L40S: 48 × 0.9 − 1 = 42.2 GB usable; KV tokens without LoRA (42.2e9 − 16.06e9) / 131,072, with it 2,684,354,560 / 131,072 = 20,480 fewer.
    const base = resolveLlm(spec(0.9), getGpu('l40s'), 1);
    const r = resolveLlm({ ...spec(0.9), lora }, getGpu('l40s'), 1);
    if (!base.ok || !r.ok) throw new Error('expected both to fit');
    expect(base.llm.kvCapacityTokens - r.llm.kvCapacityTokens).toBe(20_480);
    const l = r.llm.lora!;
    // Disk: 83,886,080 / 892e6 = 0.094043 s; host to GPU over half the L40S's 64 GB/s PCIe: 83,886,080 / 32e9 = 0.0026214 s.
    expect(l.diskLoadSeconds).toBeCloseTo(83_886_080 / 892e6, 12);
    expect(l.cpuLoadSeconds).toBeCloseTo(83_886_080 / 32e9, 12);
    expect([l.maxLoras, l.maxCpuLoras, l.adapters, l.zipf]).toEqual([32, 32, 100, 0]);
    // The iteration's model with k adapters in the batch: the base plus one adapter's parameters, and k adapters' bytes.
    expect(l.models[3]!.parameters - base.llm.model.parameters).toBe(41_943_040);
    expect(l.models[3]!.weightBytes - base.llm.model.weightBytes).toBe(3 * 83_886_080);
  });

  it('computes over maxLoraRank (vLLM pads into slots that wide) and loads the adapter at its own rank', () => {
    const r = resolveLlm({ ...spec(0.9), lora: { ...lora, rank: 8, maxLoraRank: 64 } }, getGpu('l40s'), 1);
    if (!r.ok) throw new Error(r.message);
    // Rank 64: 4 × 41,943,040 parameters per token's adapter; the file at rank 8: 41,943,040 bytes (half of rank 16's).
    expect(r.llm.lora!.models[2]!.parameters - r.llm.lora!.models[1]!.parameters).toBe(0);
    expect(r.llm.lora!.models[1]!.parameters).toBe(8.03e9 + 4 * 41_943_040);
    // A batch of base-model requests alone (no adapter) is the base model: vLLM runs no LoRA kernel for it.
    expect(r.llm.lora!.models[0]!.parameters).toBe(8.03e9);
    expect(r.llm.lora!.diskLoadSeconds).toBeCloseTo(41_943_040 / 892e6, 12);
  });

  it('takes stated load times, and asks for one on a GPU whose PCIe figure the catalog lacks', () => {
    const r = resolveLlm({ ...spec(0.9), lora: { ...lora, loadFromCpu: 5, loadFromDisk: 40 } }, getGpu('a10g'), 1);
    if (!r.ok) throw new Error(r.message);
    expect([r.llm.lora!.cpuLoadSeconds, r.llm.lora!.diskLoadSeconds]).toEqual([0.005, 0.04]);
    const missing = resolveLlm({ ...spec(0.9), lora }, getGpu('a10g'), 1);
    expect(missing).toMatchObject({ ok: false, field: 'lora' });
  });
});
