/** Builders for token-level LLM engine configs in tests and calibration scripts. */
import { getGpu } from '@design-sim/cost-model';
import type { EngineLlm, TokenDistribution } from '../engine/engine-config.ts';
import { DEFAULT_LLM_EFFICIENCY, type LlmEfficiency } from '../llm/llm-perf.ts';
import { kvBytesPerToken, knownModel, WEIGHT_BYTES } from '../llm/llm-models.ts';

export interface LlmGpu {
  memoryGB: number;
  bandwidthTBs: number;
  denseTflops: number;
}

/** A catalog GPU at a compute precision (specs from cost-model's catalog, sourced in pricing.md §A). */
function gpu(id: string, precision: 'bf16' | 'fp8'): LlmGpu {
  const g = getGpu(id);
  return { memoryGB: g.memoryGB, bandwidthTBs: g.memBandwidthTBs, denseTflops: (precision === 'fp8' ? g.fp8DenseTflops : g.bf16DenseTflops) ?? 0 };
}

export const GPUS: Readonly<Record<string, LlmGpu>> = {
  'h100-sxm-80gb-bf16': gpu('h100-sxm-80gb', 'bf16'),
  'h100-sxm-80gb-fp8': gpu('h100-sxm-80gb', 'fp8'),
  'a100-sxm-80gb-bf16': gpu('a100-sxm-80gb', 'bf16'),
  'l40s-48gb-fp8': gpu('l40s-48gb', 'fp8'),
  'l4-24gb-bf16': gpu('l4-24gb', 'bf16'),
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
