/** Builders for token-level LLM engine configs in tests and calibration scripts. */
import type { EngineLlm, TokenDistribution } from '../engine/engine-config.ts';
import { DEFAULT_LLM_EFFICIENCY, type LlmEfficiency } from '../llm/llm-perf.ts';
import { kvBytesPerToken, knownModel, WEIGHT_BYTES } from '../llm/llm-models.ts';

export interface LlmGpu {
  memoryGB: number;
  bandwidthTBs: number;
  denseTflops: number;
}

/** GPU figures from the catalog (cost-model data/catalog.json, sourced in pricing.md §A). */
export const GPUS: Readonly<Record<string, LlmGpu>> = {
  'h100-sxm-80gb-bf16': { memoryGB: 80, bandwidthTBs: 3.35, denseTflops: 989 },
  'h100-sxm-80gb-fp8': { memoryGB: 80, bandwidthTBs: 3.35, denseTflops: 1979 },
  'a100-sxm-80gb-bf16': { memoryGB: 80, bandwidthTBs: 2.039, denseTflops: 312 },
  'l40s-48gb-fp8': { memoryGB: 48, bandwidthTBs: 0.864, denseTflops: 733 },
  'l4-24gb-bf16': { memoryGB: 24, bandwidthTBs: 0.3, denseTflops: 121 },
};

export function llmConfig(o: {
  model?: string;
  gpu: LlmGpu;
  tp?: number;
  weights?: 'bf16' | 'fp8';
  kvBytes?: number;
  memoryFraction?: number;
  input: TokenDistribution;
  output: TokenDistribution;
  maxBatchSize?: number;
  maxBatchedTokens?: number;
  chunkedPrefill?: boolean;
  efficiency?: LlmEfficiency;
}): EngineLlm {
  const shape = knownModel(o.model ?? 'llama-3.1-8b')!;
  const tp = o.tp ?? 1;
  const weightBytes = shape.parameters * WEIGHT_BYTES[o.weights ?? 'bf16'];
  const kv = kvBytesPerToken(shape, o.kvBytes ?? 2);
  const memory = tp * o.gpu.memoryGB * 1e9 * (o.memoryFraction ?? 0.9);
  return {
    model: { parameters: shape.parameters, layers: shape.layers, hiddenSize: shape.hiddenSize, weightBytes, kvBytesPerToken: kv },
    hardware: { flopsPerGpu: o.gpu.denseTflops * 1e12, bandwidthPerGpu: o.gpu.bandwidthTBs * 1e12, tensorParallel: tp },
    efficiency: o.efficiency ?? DEFAULT_LLM_EFFICIENCY,
    kvCapacityTokens: Math.floor((memory - weightBytes) / kv),
    maxBatchSize: o.maxBatchSize ?? 256,
    maxBatchedTokens: o.maxBatchedTokens ?? 8192,
    chunkedPrefill: o.chunkedPrefill ?? true,
    inputTokens: o.input,
    outputTokens: o.output,
  };
}
