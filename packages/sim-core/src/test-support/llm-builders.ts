/** Builders for token-level LLM engine configs in tests: the same resolution as a scenario's `llm:` block. */
import { getGpu } from '@design-sim/cost-model';
import type { EngineLlm, TokenDistribution } from '../engine/engine-config.ts';
import type { LlmEfficiency } from '../llm/llm-perf.ts';
import { resolveLlm } from '../llm/resolve-llm.ts';
import type { LlmSpeculativeSpec } from '../scenario/index.ts';

export function llmConfig(o: {
  model?: string;
  /** Catalog GPU id. */
  gpu: string;
  tp?: number;
  precision?: 'bf16' | 'fp8';
  gpuMemoryUtilization?: number;
  input: TokenDistribution;
  output: TokenDistribution;
  maxBatchSize?: number;
  maxBatchedTokens?: number;
  chunkedPrefill?: boolean;
  efficiency?: LlmEfficiency;
  /** `llm.speculative`, as parsed. */
  speculative?: LlmSpeculativeSpec;
}): EngineLlm {
  const r = resolveLlm(
    {
      model: o.model ?? 'llama-3.1-8b',
      precision: o.precision ?? 'bf16',
      kvCacheDtype: 'bf16',
      inputTokens: 1,
      outputTokens: 1,
      maxBatchSize: o.maxBatchSize ?? 256,
      maxBatchedTokens: o.maxBatchedTokens ?? 8192,
      chunkedPrefill: o.chunkedPrefill ?? true,
      routingImbalance: 1,
      gpuMemoryUtilization: o.gpuMemoryUtilization ?? 0.9,
      activationReserveGB: 1,
      prefixCaching: true,
      ...(o.speculative ? { speculative: o.speculative } : {}),
    },
    getGpu(o.gpu),
    o.tp ?? 1,
  );
  if (!r.ok) throw new Error(r.message);
  return { ...r.llm, inputTokens: o.input, outputTokens: o.output, ...(o.efficiency ? { efficiency: o.efficiency } : {}) };
}
