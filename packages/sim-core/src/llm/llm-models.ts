/**
 * Transformer shapes the token-level model needs. The known models are the public Llama 3 / 3.1
 * configurations as tabulated in docs/llm-calibration-data.md ("Model shapes").
 */
export interface ModelShape {
  /** Total parameters (weights), a count. */
  parameters: number;
  layers: number;
  hiddenSize: number;
  attentionHeads: number;
  kvHeads: number;
  headDim: number;
  ffnSize: number;
  vocabSize: number;
}

export const KNOWN_MODELS: Readonly<Record<string, ModelShape>> = {
  'llama-3.1-8b': { parameters: 8.03e9, layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8, headDim: 128, ffnSize: 14336, vocabSize: 128256 },
  'llama-3.1-70b': { parameters: 70.55e9, layers: 80, hiddenSize: 8192, attentionHeads: 64, kvHeads: 8, headDim: 128, ffnSize: 28672, vocabSize: 128256 },
};

/** Aliases users write for the same shapes (Llama 3 and 3.1 share them). */
export const MODEL_ALIASES: Readonly<Record<string, string>> = {
  'llama-3-8b': 'llama-3.1-8b',
  'llama3-8b': 'llama-3.1-8b',
  'llama-3.1-8b-instruct': 'llama-3.1-8b',
  'llama-3-70b': 'llama-3.1-70b',
  'llama3-70b': 'llama-3.1-70b',
  'llama-3.1-70b-instruct': 'llama-3.1-70b',
};

/** A known model by id or alias, or undefined. */
export function knownModel(id: string): ModelShape | undefined {
  const key = id.toLowerCase();
  return KNOWN_MODELS[MODEL_ALIASES[key] ?? key];
}

/**
 * Parameters of a decoder-only transformer with grouped-query attention and a gated (SwiGLU) MLP:
 * per layer Q and O (h·h each), K and V (h · kvHeads · headDim each), three h·ffn MLP matrices; plus
 * untied input and output embeddings (2 · vocab · h). Llama 3.1 8B gives 8.03 B, as published.
 */
export function parametersOfShape(s: Omit<ModelShape, 'parameters'>): number {
  const kv = s.kvHeads * s.headDim;
  const attention = 2 * s.hiddenSize * s.hiddenSize + 2 * s.hiddenSize * kv;
  const mlp = 3 * s.hiddenSize * s.ffnSize;
  return s.layers * (attention + mlp) + 2 * s.vocabSize * s.hiddenSize;
}

/** KV-cache bytes per token: 2 (K and V) · layers · kvHeads · headDim · bytes per element. */
export function kvBytesPerToken(s: Pick<ModelShape, 'layers' | 'kvHeads' | 'headDim'>, bytesPerElement: number): number {
  return 2 * s.layers * s.kvHeads * s.headDim * bytesPerElement;
}

/** Bytes per weight by storage precision. */
export const WEIGHT_BYTES: Readonly<Record<'bf16' | 'fp16' | 'fp8' | 'int4', number>> = { bf16: 2, fp16: 2, fp8: 1, int4: 0.5 };
