/**
 * The published LLM-serving measurements of docs/llm-calibration-data.md as runnable
 * cases, shared by the calibration script (bench/llm-calibration.ts) and the fidelity tests.
 * Offline rows: TensorRT-LLM v0.15.0 `trtllm-bench`, all requests queued at once, fixed ISL/OSL, 95% of
 * the free GPU memory for KV. Online rows: TensorRT-LLM v0.14.0 behind Triton, BF16, ISL/OSL 202/214, 500
 * requests (Llama-3.1-8B on one H100; Llama-3.1-70B over 4 H100 or 4 H200). Batch-1 rows: TensorRT-LLM v0.5
 * first-token latency of a 2,048-token prompt, engine only (no server in front).
 */
import { getGpu } from '@design-sim/cost-model';
import type { EngineConfig, EngineLlm } from '../engine/engine-config.ts';
import { runEngine } from '../engine/simulation.ts';
import { service } from '../test-support/builders.ts';
import { compileRateProfile } from '../traffic/rate-profile.ts';
import { kvBytesPerToken, knownModel, WEIGHT_BYTES } from './llm-models.ts';
import { tpLinkBytesPerSecond } from './resolve-llm.ts';
import type { LlmEfficiency } from './llm-perf.ts';

/** The published runs' GPUs, as catalog ids (their specs come from the cost-model catalog). */
const GPU = { 'H100 SXM': 'h100-sxm-80gb', 'H200 SXM': 'h200-sxm-141gb', 'A100-SXM4-80GB': 'a100-sxm-80gb', L40S: 'l40s-48gb' } as const;

export interface CalibrationCase {
  name: string;
  metric: 'output tok/s' | 'mean TTFT ms' | 'mean ITL ms';
  measured: number;
  /** Known model id. The batch-1 rows ran "LLaMA 70B" in 2023 (Llama 2: vocab 32,000, 69.0 B parameters); they use the Llama 3.1 70B shape, 2.3% more parameters. */
  model: 'llama-3.1-8b' | 'llama-3.1-70b';
  tp: number;
  gpu: keyof typeof GPU;
  /** Weights and KV cache: bf16/fp16 (16-bit), fp8 (FP8 weights and KV cache). */
  precision: 'bf16' | 'fp8';
  input: number;
  output: number;
  /** Offered requests per second (online), or null for offline: `requests` queued at t = 0. */
  qps: number | null;
  requests: number;
  /** False when the run timed the engine alone (no HTTP server or tokenizer in front): no per-request overhead. */
  frontEnd: boolean;
}

const offline = (gpu: keyof typeof GPU, precision: 'bf16' | 'fp8', isl: number, measured: number): CalibrationCase => ({
  name: `offline ${gpu} ${precision.toUpperCase()} ${isl}/${isl}`,
  metric: 'output tok/s',
  measured,
  model: 'llama-3.1-8b',
  tp: 1,
  frontEnd: true,
  gpu,
  precision,
  input: isl,
  output: isl,
  qps: null,
  requests: isl <= 128 ? 3000 : 1000,
});

const online = (qps: number, metric: CalibrationCase['metric'], measured: number): CalibrationCase => ({
  name: `online H100 BF16 202/214 @ ${qps} req/s`,
  metric,
  measured,
  model: 'llama-3.1-8b',
  tp: 1,
  frontEnd: true,
  gpu: 'H100 SXM',
  precision: 'bf16',
  input: 202,
  output: 214,
  qps,
  requests: 500,
});

/** Llama-3.1-70B BF16 over 4 GPUs behind Triton (v0.14.0 online table). */
const online70 = (gpu: 'H100 SXM' | 'H200 SXM', qps: number, metric: CalibrationCase['metric'], measured: number): CalibrationCase => ({
  name: `online 70B TP4 ${gpu} BF16 202/214 @ ${qps} req/s`,
  metric,
  measured,
  model: 'llama-3.1-70b',
  tp: 4,
  frontEnd: true,
  gpu,
  precision: 'bf16',
  input: 202,
  output: 214,
  qps,
  requests: 500,
});

/** One 2,048-token prompt on an idle 4-GPU engine (v0.5 first-token latency table). */
const firstToken70 = (gpu: 'H100 SXM' | 'A100-SXM4-80GB', precision: 'bf16' | 'fp8', measured: number): CalibrationCase => ({
  name: `batch 1 70B TP4 ${gpu} ${precision === 'fp8' ? 'FP8' : 'FP16'} 2048-token prompt`,
  metric: 'mean TTFT ms',
  measured,
  model: 'llama-3.1-70b',
  tp: 4,
  frontEnd: false,
  gpu,
  precision,
  input: 2048,
  output: 1,
  qps: null,
  requests: 1,
});

/** Llama-3.1-70B over 2 H100, 1000/1000 offline (v0.15.0 throughput table, 3,000 requests). */
const offline70 = (precision: 'bf16' | 'fp8', measured: number): CalibrationCase => ({
  name: `offline 70B TP2 H100 SXM ${precision === 'fp8' ? 'FP8' : 'FP16'} 1000/1000`,
  metric: 'output tok/s',
  measured,
  model: 'llama-3.1-70b',
  tp: 2,
  frontEnd: true,
  gpu: 'H100 SXM',
  precision,
  input: 1000,
  output: 1000,
  qps: null,
  requests: 3000,
});

/** The Llama-3.1-8B TP1 cases: the model's original calibration (no tensor parallelism). */
export const calibrationCases8b: readonly CalibrationCase[] = [
  offline('H100 SXM', 'bf16', 128, 16_117),
  offline('H100 SXM', 'bf16', 1000, 7_721),
  offline('A100-SXM4-80GB', 'bf16', 128, 6_553),
  offline('A100-SXM4-80GB', 'bf16', 1000, 3_753),
  offline('L40S', 'fp8', 128, 8_983),
  offline('L40S', 'fp8', 1000, 4_014),
  online(2, 'mean ITL ms', 7),
  online(4, 'mean ITL ms', 8),
  online(8, 'mean ITL ms', 9),
  online(16, 'mean ITL ms', 10),
  online(32, 'mean ITL ms', 11),
  online(2, 'mean TTFT ms', 19),
  online(8, 'mean TTFT ms', 21),
  online(32, 'mean TTFT ms', 27),
];

/** The 70B tensor-parallel cases: these calibrate the all-reduce (interconnect efficiency and step latency). */
export const calibrationCases70b: readonly CalibrationCase[] = [
  online70('H100 SXM', 2, 'mean ITL ms', 20),
  online70('H100 SXM', 8, 'mean ITL ms', 25),
  online70('H100 SXM', 32, 'mean ITL ms', 42),
  online70('H100 SXM', 2, 'mean TTFT ms', 48),
  online70('H100 SXM', 8, 'mean TTFT ms', 57),
  online70('H100 SXM', 32, 'mean TTFT ms', 116),
  online70('H200 SXM', 2, 'mean ITL ms', 17),
  online70('H200 SXM', 8, 'mean ITL ms', 21),
  online70('H200 SXM', 32, 'mean ITL ms', 39),
  online70('H200 SXM', 2, 'mean TTFT ms', 43),
  online70('H200 SXM', 8, 'mean TTFT ms', 51),
  online70('H200 SXM', 32, 'mean TTFT ms', 112),
  firstToken70('H100 SXM', 'fp8', 109),
  firstToken70('A100-SXM4-80GB', 'bf16', 377),
  offline70('bf16', 785),
  offline70('fp8', 4247),
];

export const calibrationCases: readonly CalibrationCase[] = [...calibrationCases8b, ...calibrationCases70b];

/** The engine's LLM config for a case. */
export function caseLlm(c: CalibrationCase, efficiency: LlmEfficiency): EngineLlm {
  const shape = knownModel(c.model)!;
  const g = getGpu(GPU[c.gpu]);
  const tflops = c.precision === 'fp8' ? g.fp8DenseTflops : g.bf16DenseTflops;
  if (tflops === null) throw new Error(`${g.id} has no dense ${c.precision} TFLOPS in the catalog`);
  const link = tpLinkBytesPerSecond(g, c.tp);
  if (link === null) throw new Error(`${g.id} has no interconnect in the catalog`);
  const weightBytes = shape.parameters * WEIGHT_BYTES[c.precision];
  const kv = kvBytesPerToken(shape, c.precision === 'fp8' ? 1 : 2);
  // trtllm-bench: 95% of the memory left after the weights goes to the KV cache.
  const kvTokens = Math.floor((0.95 * (c.tp * g.memoryGB * 1e9 - weightBytes)) / kv);
  return {
    model: { parameters: shape.parameters, layers: shape.layers, hiddenSize: shape.hiddenSize, weightBytes, kvBytesPerToken: kv },
    hardware: { flopsPerGpu: tflops * 1e12, bandwidthPerGpu: g.memBandwidthTBs * 1e12, tensorParallel: c.tp, linkBytesPerSecond: link },
    efficiency: c.frontEnd ? efficiency : { ...efficiency, requestOverheadSeconds: 0 },
    kvCapacityTokens: kvTokens,
    // Assumed engine limits (not stated on the page): max_batch_size 2048, max_num_tokens 8192.
    maxBatchSize: 2048,
    maxBatchedTokens: 8192,
    chunkedPrefill: false,
    inputTokens: { kind: 'fixed', tokens: c.input },
    outputTokens: { kind: 'fixed', tokens: c.output },
    prefix: null,
  };
}

/** Runs a case; returns the predicted value of its metric. */
export function evaluateCase(c: CalibrationCase, efficiency: LlmEfficiency): { predicted: number } {
  const burst = 0.001;
  const rate = c.qps ?? c.requests / burst;
  const arrivalsEnd = c.qps === null ? burst : c.requests / c.qps;
  const horizon = arrivalsEnd + 600;
  const cfg: EngineConfig = {
    seed: 11,
    durationSeconds: horizon,
    warmupSeconds: 0,
    intervalSeconds: 0.05,
    drainSeconds: 0,
    traffic: [{
      profile: compileRateProfile({ type: 'points', points: [[0, rate], [arrivalsEnd, rate], [arrivalsEnd, 0]] }, horizon),
      arrivals: c.qps === null ? 'uniform' : 'poisson',
      service: 0,
    }],
    services: [service({ serviceTime: { kind: 'constant', seconds: 0 }, initialReplicas: 1, llm: caseLlm(c, efficiency) })],
    pools: [],
  };
  const r = runEngine(cfg);
  const llm = r.llm!;
  if (c.metric === 'mean TTFT ms') return { predicted: llm.ttft.mean() };
  // The page's mean ITL: one token per chunk here (one iteration at a time) and fixed output lengths, so the pooled
  // chunk gaps' mean equals the mean TPOT; it is read as the ITL it is.
  if (c.metric === 'mean ITL ms') return { predicted: llm.itl.mean() };
  // Offline throughput: output tokens over the time until the last request finished.
  const ts = r.timeseries;
  let last = 0;
  for (let i = 0; i < ts.t.length; i++) if (ts.servedQps[i]! > 0) last = ts.t[i]!;
  return { predicted: llm.outputTokens / last };
}
