/**
 * How long one continuous-batching iteration takes on one replica: a roofline with calibrated
 * efficiencies. Compute: 2 FLOPs per parameter per token processed, plus attention (4 · layers ·
 * hidden per token per context token: QKᵀ and AV). Memory: every weight is read once per iteration,
 * plus the KV cache of every sequence in the batch. Tensor parallelism splits both over the GPUs.
 * The iteration takes the larger of the two at their efficiencies, plus the part of the smaller one that
 * does not overlap, plus a fixed per-step overhead (scheduling, sampling, kernel launches), plus, with tensor
 * parallelism, the all-reduces: Megatron-style TP (Shoeybi et al., arXiv:1909.08053 §3) all-reduces the
 * activations twice per layer (after attention and after the MLP), tokens × hidden elements each, and
 * they do not overlap the layer's compute. A ring all-reduce over n GPUs moves 2(n−1)/n of the buffer over
 * each GPU's link and takes 2(n−1) steps, each with a fixed latency. Efficiencies are parameters, fitted in
 * docs/fidelity.md, never constants in the loop.
 */
export interface LlmHardware {
  /** Dense tensor FLOP/s of one GPU at the compute precision. */
  flopsPerGpu: number;
  /** Memory bandwidth of one GPU, bytes/s. */
  bandwidthPerGpu: number;
  /** GPUs per replica (tensor parallel degree). */
  tensorParallel: number;
  /**
   * Bandwidth one GPU drives into its ring neighbour, one direction, bytes/s (half the bidirectional
   * per-GPU NVLink or PCIe figure); 0 when unknown, which is only allowed at TP 1.
   */
  linkBytesPerSecond: number;
}

export interface LlmEfficiency {
  /** Achieved fraction of peak FLOP/s in prefill-heavy iterations. */
  compute: number;
  /** Achieved fraction of peak memory bandwidth in decode iterations. */
  bandwidth: number;
  /** Fixed time per iteration, s. */
  stepOverheadSeconds: number;
  /**
   * How far compute and memory traffic overlap within an iteration: 1 = the pure roofline max(c, m),
   * 0 = strictly one after the other (c + m). Real kernels sit in between.
   */
  overlap: number;
  /** Per-request time before it reaches the scheduler (HTTP, tokenization, detokenization), s. */
  requestOverheadSeconds: number;
  /** Achieved fraction of the link bandwidth in an all-reduce (TP > 1). */
  interconnect: number;
  /** Fixed time per ring step of an all-reduce (launch, synchronisation, link latency), s. */
  allReduceStepSeconds: number;
}

/**
 * Defaults fitted to the TensorRT-LLM measurements in docs/llm-calibration-data.md (see docs/fidelity.md
 * for the fits and their errors): the single-GPU efficiencies on Llama-3.1-8B TP1 (H100, A100, L40S), then,
 * with those held, the two all-reduce parameters on Llama 70B TP2/TP4 (H100, H200, A100).
 */
export const DEFAULT_LLM_EFFICIENCY: LlmEfficiency = {
  compute: 0.55,
  bandwidth: 0.8,
  stepOverheadSeconds: 0.003,
  overlap: 1,
  requestOverheadSeconds: 0.006,
  interconnect: 0.4,
  allReduceStepSeconds: 6e-6,
};

/** Bytes per activation element in the all-reduce: 16-bit, also under FP8 weights (TensorRT-LLM and vLLM reduce in the activation dtype). */
export const ALL_REDUCE_BYTES_PER_ELEMENT = 2;

export interface IterationWork {
  /** Tokens whose forward pass runs this iteration (prefill chunk tokens + one per decoding sequence). */
  tokens: number;
  /** Σ over those tokens of the context they attend to (for attention FLOPs). */
  attendedTokens: number;
  /** KV-cache tokens read this iteration (the context of every sequence in the batch). */
  kvTokensRead: number;
}

export interface LlmCostModel {
  /** Parameters a token runs through (2 FLOPs each): all of a dense model, the active ones of a mixture of experts. */
  parameters: number;
  layers: number;
  hiddenSize: number;
  /** Width of the attention scores' dot products (query heads × head dim); omitted = hiddenSize (Llama). */
  attentionWidth?: number;
  /** Bytes of all the weights (every expert of a MoE model is held in memory). */
  weightBytes: number;
  kvBytesPerToken: number;
  /** Mixture of experts; omitted or null for a dense model. */
  moe?: LlmMoe | null;
}

/**
 * The routed experts of a mixture-of-experts model, for the iteration cost. Memory: an iteration of
 * `tokens` tokens reads the shared weights and, per layer, every expert at least one token is routed
 * to: with uniform top-k routing, E·(1 − (1 − k/E)^tokens) of the E experts (one decode sequence reads
 * k; a large batch reads them all). Compute: the expert FLOPs (2 per active expert parameter per
 * token) are multiplied by `imbalance`, since the most loaded expert sets the pace of a grouped expert
 * GEMM or of expert parallelism; 1 = perfectly balanced routing.
 */
export interface LlmMoe {
  experts: number;
  perToken: number;
  /** Bytes of all experts of all layers (part of weightBytes). */
  expertWeightBytes: number;
  /** Expert parameters one token runs through (part of `parameters`). */
  activeExpertParameters: number;
  imbalance: number;
}

/** Expected distinct experts (of `experts`, `perToken` each) that `tokens` uniformly routed tokens reach in one layer. */
export function expertsTouched(tokens: number, experts: number, perToken: number): number {
  return experts * (1 - Math.pow(1 - perToken / experts, tokens));
}

/** Seconds for one iteration. */
export function iterationSeconds(work: IterationWork, m: LlmCostModel, hw: LlmHardware, eff: LlmEfficiency): number {
  let flops = 2 * m.parameters * work.tokens + 4 * m.layers * (m.attentionWidth ?? m.hiddenSize) * work.attendedTokens;
  let weights = m.weightBytes;
  const e = m.moe;
  if (e) {
    flops += 2 * (e.imbalance - 1) * e.activeExpertParameters * work.tokens;
    weights -= e.expertWeightBytes * (1 - expertsTouched(work.tokens, e.experts, e.perToken) / e.experts);
  }
  const bytes = weights + work.kvTokensRead * m.kvBytesPerToken;
  const compute = flops / (hw.tensorParallel * hw.flopsPerGpu * eff.compute);
  const memory = bytes / (hw.tensorParallel * hw.bandwidthPerGpu * eff.bandwidth);
  const longer = compute > memory ? compute : memory;
  const shorter = compute > memory ? memory : compute;
  return eff.stepOverheadSeconds + longer + (1 - eff.overlap) * shorter + allReduceSeconds(work.tokens, m, hw, eff);
}

/** The tensor-parallel all-reduces of one iteration, s: 2 per layer, each a ring over the TP GPUs; 0 at TP 1. */
export function allReduceSeconds(tokens: number, m: Pick<LlmCostModel, 'layers' | 'hiddenSize'>, hw: LlmHardware, eff: LlmEfficiency): number {
  const n = hw.tensorParallel;
  if (n <= 1 || tokens === 0) return 0;
  const bytes = tokens * m.hiddenSize * ALL_REDUCE_BYTES_PER_ELEMENT;
  const one = ((2 * (n - 1)) / n) * (bytes / (hw.linkBytesPerSecond * eff.interconnect)) + 2 * (n - 1) * eff.allReduceStepSeconds;
  return 2 * m.layers * one;
}
