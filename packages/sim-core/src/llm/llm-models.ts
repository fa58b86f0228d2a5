/**
 * Transformer shapes the token-level model needs. The known models are the public configurations
 * (Hugging Face `config.json` of each model, URLs in docs/llm-calibration-data.md "Model shapes"), each
 * copied there with the figures below; a model not listed is refused by name (give its shape instead).
 */
export interface ModelShape {
  /** Total parameters (weights), a count: every expert of a mixture-of-experts model (all are held in memory). */
  parameters: number;
  /** Parameters one token runs through (dense: all of them; MoE: the shared part plus `experts.perToken` experts per layer). */
  activeParameters: number;
  layers: number;
  hiddenSize: number;
  attentionHeads: number;
  kvHeads: number;
  headDim: number;
  ffnSize: number;
  vocabSize: number;
  /** The output head is the input embedding matrix (`tie_word_embeddings`): one vocab × hidden matrix, not two. Omitted: untied. */
  tiedEmbeddings?: boolean;
  /** Mixture of experts: `count` gated MLPs of inner size `ffnSize` per layer, `perToken` of them run per token (top-k routing); absent for a dense model. */
  experts?: MoeShape;
}

/** The routed experts of a mixture-of-experts layer (every layer of the known MoE models is one). */
export interface MoeShape {
  count: number;
  perToken: number;
  /** Inner size of one expert's gated MLP (Mixtral `intermediate_size`, Qwen3-MoE `moe_intermediate_size`). */
  ffnSize: number;
}

/** A dense shape with its parameter count derived (and active = total). */
function dense(s: Omit<ModelShape, 'parameters' | 'activeParameters' | 'experts'>): ModelShape {
  const p = parametersOfShape(s);
  return { ...s, parameters: p, activeParameters: p };
}

/** A mixture-of-experts shape with total and active parameter counts derived. */
function moe(s: Omit<ModelShape, 'parameters' | 'activeParameters'> & { experts: MoeShape }): ModelShape {
  return { ...s, parameters: parametersOfShape(s), activeParameters: activeParametersOfShape(s) };
}

export const KNOWN_MODELS: Readonly<Record<string, ModelShape>> = {
  'llama-3.1-8b': { parameters: 8.03e9, activeParameters: 8.03e9, layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8, headDim: 128, ffnSize: 14336, vocabSize: 128256 },
  'llama-3.1-70b': { parameters: 70.55e9, activeParameters: 70.55e9, layers: 80, hiddenSize: 8192, attentionHeads: 64, kvHeads: 8, headDim: 128, ffnSize: 28672, vocabSize: 128256 },
  // Same architecture as 3.1 70B (meta-llama/Llama-3.3-70B-Instruct config.json).
  'llama-3.3-70b': dense({ layers: 80, hiddenSize: 8192, attentionHeads: 64, kvHeads: 8, headDim: 128, ffnSize: 28672, vocabSize: 128256 }),
  // meta-llama/Llama-2-70b-hf config.json: GQA with 8 KV heads, the 32,000-token Llama 2 vocabulary (MLPerf's llama2-70b).
  'llama-2-70b': dense({ layers: 80, hiddenSize: 8192, attentionHeads: 64, kvHeads: 8, headDim: 128, ffnSize: 28672, vocabSize: 32000 }),
  // meta-llama/Llama-3.2-1B config.json: 16 layers, hidden 2048, 32 query heads and 8 KV heads of 64, MLP 8192, tied
  // embeddings: 1.24 B (Meta: "1.23B"). The usual draft model for Llama 3.1 8B and 70B (same 128,256-token vocabulary).
  'llama-3.2-1b': dense({ layers: 16, hiddenSize: 2048, attentionHeads: 32, kvHeads: 8, headDim: 64, ffnSize: 8192, vocabSize: 128256, tiedEmbeddings: true }),
  // mistralai/Mixtral-8x7B-v0.1 config.json: 8 experts per layer, top-2 (46.7 B total, 12.9 B active as Mistral states).
  'mixtral-8x7b': moe({ layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8, headDim: 128, ffnSize: 14336, vocabSize: 32000, experts: { count: 8, perToken: 2, ffnSize: 14336 } }),
  // Qwen/Qwen3-30B-A3B config.json: 128 experts per layer, top-8, 32 query heads of 128 (wider than hidden 2048); 30.5 B total, 3.3 B active.
  'qwen3-30b-a3b': moe({ layers: 48, hiddenSize: 2048, attentionHeads: 32, kvHeads: 4, headDim: 128, ffnSize: 768, vocabSize: 151936, experts: { count: 128, perToken: 8, ffnSize: 768 } }),
};

/** Aliases users write for the same shapes (Llama 3 and 3.1 share them). */
export const MODEL_ALIASES: Readonly<Record<string, string>> = {
  'llama-3-8b': 'llama-3.1-8b',
  'llama3-8b': 'llama-3.1-8b',
  'llama-3.1-8b-instruct': 'llama-3.1-8b',
  'llama-3-70b': 'llama-3.1-70b',
  'llama3-70b': 'llama-3.1-70b',
  'llama-3.1-70b-instruct': 'llama-3.1-70b',
  'llama-3.2-1b-instruct': 'llama-3.2-1b',
  'llama-3.3-70b-instruct': 'llama-3.3-70b',
  'llama2-70b': 'llama-2-70b',
  'llama-2-70b-chat': 'llama-2-70b',
  'mixtral-8x7b-instruct': 'mixtral-8x7b',
  'mixtral-8x7b-v0.1': 'mixtral-8x7b',
  'mixtral-8x7b-instruct-v0.1': 'mixtral-8x7b',
  'qwen3-30b-a3b-instruct': 'qwen3-30b-a3b',
};

/** A known model by id or alias, or undefined. */
export function knownModel(id: string): ModelShape | undefined {
  const key = id.toLowerCase();
  return KNOWN_MODELS[MODEL_ALIASES[key] ?? key];
}

/**
 * Parameters of a decoder-only transformer with grouped-query attention and a gated (SwiGLU) MLP:
 * per layer Q and O (h · heads·headDim each), K and V (h · kvHeads · headDim each), three h·ffn MLP
 * matrices; plus the input and output embeddings (2 · vocab · h; one when tied). Llama 3.1 8B gives 8.03 B, as
 * published. A mixture-of-experts layer holds `count` expert MLPs and an h × count router instead of
 * one MLP: Mixtral 8x7B gives 46.7 B, Qwen3-30B-A3B 30.5 B, as their model cards state.
 */
export function parametersOfShape(s: Omit<ModelShape, 'parameters' | 'activeParameters'>): number {
  return layerParameters(s, s.experts?.count ?? 1) * s.layers + embeddings(s);
}

/** Parameters one token uses: the same sum with `perToken` experts instead of all of them (Mixtral 12.9 B, Qwen3-30B-A3B 3.3 B). */
export function activeParametersOfShape(s: Omit<ModelShape, 'parameters' | 'activeParameters'>): number {
  return layerParameters(s, s.experts?.perToken ?? 1) * s.layers + embeddings(s);
}

/** Input embedding and output head: two vocab × hidden matrices, one when they are tied (Llama 3.2 1B). */
function embeddings(s: Pick<ModelShape, 'vocabSize' | 'hiddenSize' | 'tiedEmbeddings'>): number {
  return (s.tiedEmbeddings === true ? 1 : 2) * s.vocabSize * s.hiddenSize;
}

function layerParameters(s: Omit<ModelShape, 'parameters' | 'activeParameters'>, mlps: number): number {
  const q = (s.attentionHeads > 0 ? s.attentionHeads * s.headDim : s.hiddenSize);
  const attention = 2 * s.hiddenSize * q + 2 * s.hiddenSize * s.kvHeads * s.headDim;
  const e = s.experts;
  if (e === undefined) return attention + 3 * s.hiddenSize * s.ffnSize;
  return attention + mlps * 3 * s.hiddenSize * e.ffnSize + s.hiddenSize * e.count;
}

/** Parameters of all the experts of all layers (the part of the weights a token reads only `perToken / count` of). */
export function expertParametersOfShape(s: Pick<ModelShape, 'layers' | 'hiddenSize' | 'experts'>): number {
  const e = s.experts;
  return e === undefined ? 0 : s.layers * e.count * 3 * s.hiddenSize * e.ffnSize;
}

/** KV-cache bytes per token: 2 (K and V) · layers · kvHeads · headDim · bytes per element. */
export function kvBytesPerToken(s: Pick<ModelShape, 'layers' | 'kvHeads' | 'headDim'>, bytesPerElement: number): number {
  return 2 * s.layers * s.kvHeads * s.headDim * bytesPerElement;
}

/** Bytes per weight by storage precision. */
export const WEIGHT_BYTES: Readonly<Record<'bf16' | 'fp16' | 'fp8' | 'int4', number>> = { bf16: 2, fp16: 2, fp8: 1, int4: 0.5 };
