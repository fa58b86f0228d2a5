/**
 * What a LoRA adapter costs (multi-LoRA serving, `llm.lora`): its parameters and bytes from the base model's shape,
 * the extra work it adds to an iteration, and the default times to load it. One place for the arithmetic; the
 * bookkeeping of which adapter is where is engine/lora-adapters.ts.
 *
 * An adapter adds, to each adapted projection W (in × out), B·A with A r × in and B out × r: r · (in + out)
 * parameters. The adapted projections are taken as all of a Llama layer's linear ones (q, k, v, o, gate, up, down),
 * PEFT's `target_modules: all-linear`, the usual choice for a served fine-tune; vLLM applies whatever the adapter holds.
 * vLLM runs the adapter matmuls over stacked per-slot buffers `max_lora_rank` wide whatever the adapter's own rank
 * (`BaseLinearLayerWithLoRA.create_lora_weights`: lora_a_stacked is max_loras × max_lora_rank × input_size,
 * vllm-project/vllm@01235a49 vllm/lora/layers/base_linear.py), so compute and the bytes an iteration reads follow
 * maxLoraRank, and the size on disk (what is loaded) follows the adapter's rank.
 */
import type { ModelShape } from './llm-models.ts';
import type { LlmCostModel } from './llm-perf.ts';

/** Bytes per adapter element: vLLM's lora_dtype "auto" is the model's (16-bit) activation dtype, also under fp8/int4 weights. */
export const LORA_BYTES_PER_ELEMENT = 2;

/**
 * Local-disk read rate for an adapter file, bytes/s: vLLM's measured safetensors weight-load rate from local NVMe,
 * 892 MB/s (scenario/startup-throughputs.ts WEIGHT_SOURCE_MBPS.localNvme, with its source).
 */
export const LORA_DISK_BYTES_PER_SECOND = 892e6;

/**
 * The LoRA kernels' time beyond the adapter's FLOPs and bytes, as a fraction of an iteration: 0.5. Fitted to vLLM's
 * own benchmark, the one published figure found (vllm-project/vllm pull 11267, Dec 2024, V0 engine, one A100,
 * Llama-2-7B, 1,000 ShareGPT prompts, benchmarks/benchmark_throughput.py): 11.45 requests/s without LoRA, 7.60 with one
 * rank-8 adapter (max_loras 1; 7.61 with 4). 11.45 ÷ 7.60 = 1.507 is the iteration-time ratio, of which the roofline's
 * adapter FLOPs and bytes give 1.003 (0.30% of the parameters): 1.507 ÷ 1.003 − 1 = 0.502. The cost is the punica
 * shrink/expand kernels (launches per adapted projection, the token-to-slot mapping), which a FLOP/byte roofline does
 * not see. A fit on one run, not a check; vLLM V1's later LoRA kernel work may cost less (docs/fidelity.md).
 */
export const LORA_KERNEL_OVERHEAD = 0.5;

/** Parameters of one adapter of rank `rank` on every linear projection of every layer (dense models). */
export function loraParameters(shape: Pick<ModelShape, 'layers' | 'hiddenSize' | 'attentionHeads' | 'kvHeads' | 'headDim' | 'ffnSize'>, rank: number): number {
  const h = shape.hiddenSize;
  const q = shape.attentionHeads * shape.headDim;
  const kv = shape.kvHeads * shape.headDim;
  const f = shape.ffnSize;
  // Σ (in + out): q, k, v, o, then gate, up, down.
  const perLayer = h + q + 2 * (h + kv) + q + h + 2 * (h + f) + f + h;
  return rank * perLayer * shape.layers;
}

/**
 * The iteration cost model with LoRA, indexed by the distinct adapters in the batch (0 … maxLoras): every token
 * runs through its adapter's A and B (2 FLOPs per adapter parameter, at maxLoraRank), and each distinct adapter's
 * weights are read once per iteration (the punica kernels read the slots the batch's tokens use). With none (a batch of
 * base-model requests) it is the base model: vLLM runs no LoRA kernel then (engine/lora-adapters.ts, `no_lora_flag_cpu`).
 */
export function loraCostModels(base: LlmCostModel, perAdapterParameters: number, maxLoras: number): LlmCostModel[] {
  const models: LlmCostModel[] = [base];
  for (let k = 1; k <= maxLoras; k++) {
    models.push({ ...base, parameters: base.parameters + perAdapterParameters, weightBytes: base.weightBytes + k * perAdapterParameters * LORA_BYTES_PER_ELEMENT });
  }
  return models;
}
