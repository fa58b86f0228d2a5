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
