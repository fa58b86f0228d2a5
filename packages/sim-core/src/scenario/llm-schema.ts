/** Zod schema for `services[].llm`: token-level LLM serving (model, precision, lengths, batching, efficiencies). */
import * as z from 'zod';
import { hpaSchema } from './hpa-schema.ts';
import { jsonSchemaRequired } from './json-required.ts';
import { MAX_GPUS_PER_REPLICA, MAX_NODE_POOLS, MAX_REPLICAS, MIN_KV_TRANSFER_EFFICIENCY, MIN_KV_TRANSFER_GBPS, MIN_LLM_EFFICIENCY } from './limits.ts';
import { formatInteger } from './describe-value.ts';
import { count, durationMs, fraction } from './unit-fields.ts';

const MAX_TOKENS = 1_000_000;
const tokens = (description: string) => z.number().int().min(1).max(MAX_TOKENS).describe(description);

/** Request lengths in tokens: a fixed number, or a distribution. */
export const tokenLengthSchema = z.union([
  tokens('Fixed length in tokens'),
  z.strictObject({ distribution: z.literal('fixed'), tokens: tokens('Fixed length in tokens') }),
  z
    .strictObject({ distribution: z.literal('uniform'), min: tokens('Shortest'), max: tokens('Longest') })
    .refine((d) => d.max >= d.min, { message: 'max must be at least min', path: ['max'], params: { siblings: ['min'] } }),
  z
    .strictObject({
      distribution: z.literal('lognormal'),
      p50: tokens('Median length'),
      p99: tokens('99th-percentile length'),
      max: tokens('Cap (longer draws are cut)').optional(),
    })
    .refine((d) => d.p99 >= d.p50, { message: 'p99 must be at least p50', path: ['p99'], params: { siblings: ['p50'] } })
    // A cap below the median cut most draws to the cap: p50 100 with max 50 ran as a fixed 50 tokens, unsaid.
    .refine((d) => d.max === undefined || d.max >= d.p50, { message: 'max (the cap) must be at least p50: below the median it would cut most lengths to max; write a fixed length instead', path: ['max'], params: { siblings: ['p50'] } }),
]);

/**
 * An explicit model shape, for models the tool does not know by name. Its required fields are written optional and
 * checked together (`missingShapeFields`), so a shape that lacks several is one located line naming them all, not a
 * line per field; and a shape with neither `parameters` nor what derives it (an MLP size and `vocabSize`) is refused
 * here, at the model, where it was reported as 'unknown model "[object Object]"' by the compiler.
 */
const modelShapeObject = z
  .strictObject({
    parameters: count('Total parameters (8e9 or "8B"); derived from the shape when omitted', { min: 0, exclusiveMin: true, max: 1e13 }).optional(),
    layers: z.number().int().min(1).max(1000).optional().describe('Transformer layers (required)'),
    hiddenSize: z.number().int().min(1).max(1_000_000).optional().describe('Model (hidden) dimension (required)'),
    attentionHeads: z.number().int().min(1).max(10_000).optional().describe('Query heads'),
    kvHeads: z.number().int().min(1).max(10_000).optional().describe('Key/value heads (grouped-query attention) (required)'),
    headDim: z.number().int().min(1).max(10_000).optional().describe('Dimension per head (required)'),
    ffnSize: z.number().int().min(1).max(10_000_000).optional().describe('Gated MLP inner size (needed when parameters is omitted)'),
    vocabSize: z.number().int().min(1).max(10_000_000).optional().describe('Vocabulary size (needed when parameters is omitted)'),
    tiedEmbeddings: z.boolean().optional().describe('The output head is the input embedding (config.json tie_word_embeddings): counted once when parameters are derived'),
    experts: z
      .strictObject({
        count: z.number().int().min(2).max(100_000).describe('Routed experts per layer (num_local_experts / num_experts)'),
        perToken: z.number().int().min(1).max(100_000).describe('Experts each token is routed to (num_experts_per_tok)'),
        ffnSize: z.number().int().min(1).max(10_000_000).describe("One expert's gated-MLP inner size (intermediate_size / moe_intermediate_size)"),
      })
      .refine((e) => e.perToken <= e.count, { message: 'perToken must be at most count', path: ['perToken'] })
      .optional()
      .describe('Mixture of experts: every expert is held in memory, a token computes through perToken of them'),
  })
  .superRefine((m, ctx) => {
    const missing = missingShapeFields(m);
    if (missing.length > 0) {
      ctx.addIssue({ code: 'custom', path: [], input: m, message: `a model shape needs ${listed(missing.map((f) => f.text))}: from its config.json, ${listed(missing.flatMap((f) => f.configKeys))}` });
    }
    // Grouped-query attention shares each KV head among a whole number of query heads (Hugging Face transformers
    // LlamaAttention: num_key_value_groups = num_attention_heads // num_key_value_heads): kvHeads 64 with 32 heads, or 7,
    // was timed and sized as written.
    // Every layer holds at least its key and value projections (and its query and output ones when the heads are
    // given): `parameters: 1` or 1e-300 made weights of no bytes, a model that fits any GPU and costs no time to read.
    if (m.parameters !== undefined && missing.length === 0) {
      const kv = 2 * m.kvHeads! * m.headDim!;
      const qo = m.attentionHeads === undefined ? 0 : 2 * m.attentionHeads * m.headDim!;
      const least = m.layers! * m.hiddenSize! * (kv + qo);
      if (m.parameters < least) {
        const what = qo > 0 ? 'layers × hiddenSize × (2 × kvHeads + 2 × attentionHeads) × headDim' : 'layers × hiddenSize × 2 × kvHeads × headDim';
        ctx.addIssue({ code: 'custom', path: ['parameters'], input: m.parameters, message: `must be at least the attention projections the shape holds, ${what} = ${formatInteger(least)}: got ${m.parameters} (a unit slip? write 8e9 or "8B")`, params: { siblings: ['layers', 'hiddenSize', 'kvHeads', 'headDim'] } });
      }
    }
    if (m.attentionHeads !== undefined && m.kvHeads !== undefined && m.attentionHeads % m.kvHeads !== 0) {
      ctx.addIssue({ code: 'custom', path: ['kvHeads'], input: m.kvHeads, message: `must divide attentionHeads (${m.attentionHeads}): each key/value head serves a whole number of query heads (grouped-query attention), got ${m.kvHeads}`, params: { siblings: ['attentionHeads'] } });
    }
  });

const REQUIRED_SHAPE_FIELDS = ['layers', 'hiddenSize', 'kvHeads', 'headDim'] as const;
jsonSchemaRequired.add(modelShapeObject, { required: REQUIRED_SHAPE_FIELDS });

/** The shape, typed with the fields `missingShapeFields` requires present (every shape that parses has them). */
export const modelShapeSchema = modelShapeObject.transform((m) => m as typeof m & Record<(typeof REQUIRED_SHAPE_FIELDS)[number], number>);

/** The Hugging Face config.json key of each shape field, so the message says where to read it. */
const CONFIG_KEYS = { layers: 'num_hidden_layers', hiddenSize: 'hidden_size', kvHeads: 'num_key_value_heads', headDim: 'head_dim', ffnSize: 'intermediate_size', vocabSize: 'vocab_size' } as const;

/** What a model shape lacks: its required fields, then `parameters` when nothing derives it. */
function missingShapeFields(m: { parameters?: number | undefined; ffnSize?: number | undefined; vocabSize?: number | undefined; experts?: unknown } & Partial<Record<(typeof REQUIRED_SHAPE_FIELDS)[number], number | undefined>>): { text: string; configKeys: string[] }[] {
  const missing: { text: string; configKeys: string[] }[] = REQUIRED_SHAPE_FIELDS.filter((k) => m[k] === undefined).map((k) => ({ text: k, configKeys: [CONFIG_KEYS[k]] }));
  // parametersOfShape (llm/llm-models.ts) needs an MLP size (ffnSize, or the experts') and the vocabulary.
  const derivable = (m.ffnSize !== undefined || m.experts !== undefined) && m.vocabSize !== undefined;
  if (m.parameters === undefined && !derivable) {
    const lacking = [...(m.ffnSize === undefined && m.experts === undefined ? (['ffnSize'] as const) : []), ...(m.vocabSize === undefined ? (['vocabSize'] as const) : [])];
    missing.push({ text: `parameters (or ${listed(lacking)} to derive it)`, configKeys: lacking.map((k) => CONFIG_KEYS[k]) });
  }
  return missing;
}

const listed = (xs: readonly string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/**
 * Calibrated efficiencies; defaults in docs/fidelity.md. The three fractions of a peak are at least
 * MIN_LLM_EFFICIENCY (1%): `compute: 5e-324`, legal when only > 0 was asked, made each iteration infinite.
 */
export const llmEfficiencySchema = z.strictObject({
  compute: fraction('Achieved fraction of peak dense FLOP/s (at least 1%)', { min: MIN_LLM_EFFICIENCY, max: 1 }).optional(),
  bandwidth: fraction('Achieved fraction of peak memory bandwidth (at least 1%)', { min: MIN_LLM_EFFICIENCY, max: 1 }).optional(),
  stepOverhead: durationMs('Fixed time per batching iteration, ms', { min: 0, max: 1000 }).optional(),
  overlap: fraction('Overlap of compute and memory time within an iteration (1 = roofline max)', { min: 0, max: 1 }).optional(),
  requestOverhead: durationMs('Per-request time before scheduling (HTTP, tokenization), ms', { min: 0, max: 60_000 }).optional(),
  interconnect: fraction('Achieved fraction of the GPU-to-GPU link bandwidth in tensor-parallel all-reduces (at least 1%)', { min: MIN_LLM_EFFICIENCY, max: 1 }).optional(),
  allReduceStep: durationMs('Fixed time per ring step of a tensor-parallel all-reduce, ms (0.004 = 4 µs)', { min: 0, max: 100 }).optional(),
});

/** One prompt template: a shared prefix of `tokens` tokens carried by a `share` of the requests. */
export const promptTemplateSchema = z.strictObject({
  tokens: tokens('Tokens of the shared prefix (system prompt, few-shot examples, tool definitions)'),
  share: fraction('Fraction of requests that start with this prefix', { min: 0, exclusiveMin: true, max: 1 }),
});

/**
 * Shared prompt prefixes: one (`{ tokens, share }`) or several templates (`{ templates: [...] }`).
 * A request with a prefix sends `tokens` prefix tokens before its own `inputTokens`.
 */
export const llmPrefixSchema = z.union([
  promptTemplateSchema,
  z
    .strictObject({ templates: z.array(promptTemplateSchema).min(1).max(1000).describe('Prompt templates; their shares add up to at most 1') })
    .refine((p) => p.templates.reduce((a, t) => a + t.share, 0) <= 1 + 1e-9, { message: 'the shares of the templates add up to more than 1', path: ['templates'] }),
]);

/** Multi-turn sessions: each request is a turn whose prompt is the whole conversation so far plus its own input. */
export const llmSessionsSchema = z.strictObject({
  turns: z.number().int().min(1).max(10_000).describe('Turns (requests) per session; the context of turn k holds the prompts and replies of turns 1…k−1'),
});

/**
 * Disaggregated prefill and decode (DistServe, OSDI '24; Splitwise, ISCA '24): the service's own replicas
 * (its nodePool, replicas, gpusPerReplica, hpa, llm.gpu) take the requests and run the prompts; the decode
 * pool below generates the output tokens after the KV cache has crossed `kvTransfer.link`.
 */
export const llmDisaggregatedSchema = z.strictObject({
  decode: z
    .strictObject({
      nodePool: z
        .union([z.string(), z.array(z.string()).min(1).max(MAX_NODE_POOLS)])
        .optional()
        .describe('Node pool of the decode replicas (required when nodePools exist)'),
      gpu: z.string().min(1).optional().describe("Catalog GPU id of the decode replicas; default: the decode node pool instance's GPU"),
      replicas: z.number().int().min(1).max(MAX_REPLICAS).optional().describe('Initial decode replicas (default hpa.minReplicas, else 1)'),
      gpusPerReplica: z.number().int().min(1).max(MAX_GPUS_PER_REPLICA).default(1).describe('GPUs per decode replica (its tensor-parallel degree)'),
      hpa: hpaSchema.optional().describe('Horizontal Pod Autoscaler of the decode replicas; omit for a fixed count'),
    })
    .describe('The decode pool: its own GPU type, node pool, replica count and HPA'),
  kvTransfer: z
    .strictObject({
      link: z.enum(['nvlink', 'infiniband', 'ethernet']).describe('What the KV cache crosses: nvlink (one NVLink domain; the prefill GPU’s own figure), infiniband (NDR 400 Gb/s per GPU) or ethernet (100 Gb/s per node); figures in the catalog with sources'),
      // Lower bounds against unit slips: gbps: 1e-320 (legal when only > 0 was asked) made each transfer infinite,
      // every request unfinished and the report "mean Infinity min per request".
      gbps: z.number().min(MIN_KV_TRANSFER_GBPS).max(100_000).optional().describe('Override the link’s bandwidth, Gb/s per direction (at least 1)'),
      efficiency: fraction('Achieved fraction of the link bandwidth (default 1: the nominal rate, an optimistic bound; at least 1%)', { min: MIN_KV_TRANSFER_EFFICIENCY, max: 1 }).default(1),
    })
    .describe('The KV-cache transfer from a prefill replica to a decode replica: prompt tokens × KV bytes per token ÷ (bandwidth × efficiency)'),
});

/**
 * How the engine's scheduler forms iterations, for engines that do not run vLLM V1's one-iteration-at-a-time
 * mixed batches. `steps`: vLLM 0.6's multi-step scheduling (`--num-scheduler-steps`): the scheduler runs once
 * per round of `steps` decode iterations, so new requests join only between rounds and a round's tokens reach
 * the client together at its end. `prefill: separate`: a prefill batch runs alone and the decodes wait for it
 * (vLLM 0.6 without chunked prefill, SGLang 0.3 without `--enable-mixed-chunk`). Sources in
 * engine/llm-scheduler.ts.
 */
export const llmSchedulerSchema = z
  .strictObject({
    steps: z
      .number()
      .int()
      .min(1)
      .max(64)
      .default(1)
      .describe("Decode iterations per scheduling round (vLLM 0.6's --num-scheduler-steps): requests join only between rounds, and a round's tokens reach the client together at its end"),
    prefill: z
      .enum(['mixed', 'separate'])
      .optional()
      .describe('mixed: prompt chunks share iterations with decodes (vLLM chunked prefill, SGLang --enable-mixed-chunk); separate: a prefill batch runs alone and the decodes wait (vLLM 0.6 without chunked prefill, SGLang 0.3 default). Default: mixed, separate when steps > 1'),
    kvAllocation: z
      .enum(['reserve', 'paged'])
      .default('reserve')
      .describe(
        "reserve: a request's prompt + output KV is reserved when it is admitted, so nothing is ever preempted (TensorRT-LLM's default GUARANTEED_NO_EVICT capacity scheduler); paged: a request is admitted when its prompt's (first chunk's) 16-token blocks fit, grows a block at a time as it decodes, and when a step cannot get a block the newest running request is preempted and later prefilled again over prompt + tokens so far (vLLM and SGLang; the rules ported are vLLM V1's). With prefixCaching (on by default, as in vLLM V1) freed full blocks stay cached until allocations evict them, least recently freed first: a re-prefill skips the leading blocks of its own still cached, and a prompt template's blocks are held once by every sequence using them. Not with speculative decoding or disaggregated serving",
      ),
  })
  .superRefine((s, ctx) => {
    // vLLM 0.6 refuses the combination (EngineArgs.create_engine_config: "Chunked prefill is not supported with
    // multi-step"): a multi-step engine's prefill is a one-step batch of its own.
    if (s.steps > 1 && s.prefill === 'mixed') ctx.addIssue({ code: 'custom', path: ['prefill'], input: s.prefill, message: 'with steps > 1 prefill runs as its own one-step batch (vLLM 0.6 refuses chunked prefill with multi-step): use prefill: separate, or omit it' });
  });

/**
 * Speculative decoding (vLLM `--speculative-config`, SGLang `--speculative-algorithm`): a proposer drafts `tokens`
 * tokens per decoding sequence and step, the target verifies them in one pass and keeps those up to the first
 * rejection plus its own. How often drafts are accepted is the workload's and the proposer's, so it is given:
 * `acceptance` (α, per draft token) or `acceptedLength` (mean tokens per step, what vLLM logs as the mean
 * acceptance length). The model, costs and sources: llm/speculative.ts.
 */
export const llmSpeculativeSchema = z
  .strictObject({
    method: z
      .enum(['eagle', 'draft', 'ngram', 'mtp'])
      .describe('Proposer: eagle (an EAGLE/EAGLE-3 head, one decoder layer), draft (a smaller model, draftModel), ngram (prompt lookup on the CPU, no GPU cost), mtp (a multi-token-prediction module, one decoder layer)'),
    tokens: z.number().int().min(1).max(16).describe('Draft tokens proposed per sequence and step, k (vLLM num_speculative_tokens)'),
    acceptance: fraction('Probability that a draft token is accepted given the ones before it were, α in [0, 1) (vLLM reports the draft acceptance rate, (acceptedLength − 1) ÷ tokens, which is lower)', { min: 0, max: 1 }).optional(),
    acceptedLength: z
      .number()
      .min(1)
      .max(17)
      .optional()
      .describe('Mean tokens a sequence gains per step, the verifier\'s own included (vLLM "mean acceptance length"), at least 1 and below tokens + 1; give this or acceptance'),
    draftModel: z.string().min(1).optional().describe('method draft: the draft model, a known model name (same vocabulary as the target); its weights and KV cache share the GPU'),
  })
  .superRefine((s, ctx) => {
    if ((s.acceptance === undefined) === (s.acceptedLength === undefined)) {
      ctx.addIssue({ code: 'custom', path: s.acceptance === undefined ? [] : ['acceptedLength'], input: undefined, message: 'give exactly one of acceptance (α, per draft token) and acceptedLength (mean tokens per step)' });
    }
    if (s.acceptance !== undefined && s.acceptance >= 1) ctx.addIssue({ code: 'custom', path: ['acceptance'], input: s.acceptance, message: 'must be below 1 (every draft accepted would make speculation free); use acceptedLength for a measured mean' });
    if (s.acceptedLength !== undefined && s.acceptedLength >= s.tokens + 1) {
      ctx.addIssue({ code: 'custom', path: ['acceptedLength'], input: s.acceptedLength, message: `must be below tokens + 1 = ${s.tokens + 1} (a step yields at most the ${s.tokens} drafts and the verifier's own token, and not always all of them)`, params: { siblings: ['tokens'] } });
    }
    if (s.method === 'draft' && s.draftModel === undefined) ctx.addIssue({ code: 'custom', path: ['draftModel'], input: undefined, message: 'method draft needs draftModel: the smaller model that proposes, e.g. llama-3.1-8b for a 70B target' });
    if (s.method !== 'draft' && s.draftModel !== undefined) ctx.addIssue({ code: 'custom', path: ['draftModel'], input: s.draftModel, message: `draftModel is for method draft; ${s.method} proposes without one: remove it or use method: draft` });
  });

/** vLLM's allowed `--max-lora-rank` values (`MaxLoRARanks` in vllm-project/vllm@01230b40 vllm/config/lora.py). */
export const LORA_RANKS = [1, 8, 16, 32, 64, 128, 256, 320, 512] as const;

/**
 * Multi-LoRA serving (vLLM `--enable-lora`): every request is for one of `adapters` fine-tuned variants of the base
 * model, each a LoRA adapter, or (`baseShare`) for the base model itself. Defaults are vLLM's `LoRAConfig` (vllm-project/vllm@01230b40 vllm/config/lora.py):
 * max_loras 1, max_lora_rank 16, max_cpu_loras = max_loras. The rules ported (admission by max_loras, the GPU slots
 * and CPU cache as LRUs, loads stalling the step) and their sources: engine/lora-adapters.ts; the cost: llm/lora-cost.ts.
 */
export const llmLoraSchema = z
  .strictObject({
    adapters: z.number().int().min(1).max(100_000).describe('Distinct adapters (fine-tuned variants) the requests are spread over'),
    baseShare: fraction(
      'Share of requests for the base model itself, no adapter (0.2 or "20%"; default 0): vLLM requests without a lora_request. They never count against maxLoras nor load an adapter; a step holding any adapter still runs the LoRA kernels over the whole batch, one holding only base requests runs none. Drawn per request from a seeded stream',
    ).default(0),
    popularity: z
      .union([z.literal('uniform'), z.strictObject({ zipf: z.number().min(0).max(10).describe('Zipf exponent s: adapter k (1-based) is asked for in proportion to 1/k^s (0 = uniform)') })])
      .default('uniform')
      .describe('How requests pick their adapter: uniform, or { zipf: s } (a few popular adapters, a long tail); drawn from a seeded stream'),
    rank: z.number().int().min(1).max(512).default(16).describe("The adapters' LoRA rank r (sets their size on disk and so their load time); at most maxLoraRank"),
    maxLoraRank: z
      .literal(LORA_RANKS)
      .default(16)
      .describe("vLLM --max-lora-rank (1, 8, 16, 32, 64, 128, 256, 320 or 512; default 16): the GPU slots' width; the adapter matmuls run over it whatever the adapter's own rank (vLLM pads into stacked max_lora_rank buffers)"),
    maxLoras: z.number().int().min(1).max(1024).default(1).describe('vLLM --max-loras (default 1): most distinct adapters in one batch, and the GPU slots; a request whose adapter would exceed it waits while others are admitted'),
    maxCpuLoras: z.number().int().min(1).max(100_000).optional().describe('vLLM --max-cpu-loras: adapters kept in host memory (an LRU); at least maxLoras; default: maxLoras (vLLM)'),
    loadFromCpu: durationMs(
      "Time to copy one adapter from host memory into a GPU slot, ms; default: the adapter's bytes (rank × Σ(in + out) of the attention and MLP projections × layers × 2 bytes) over half the catalog GPU's PCIe x16 figure (one direction)",
      { min: 0, max: 600_000 },
    ).optional(),
    kernelOverhead: z
      .number()
      .min(0)
      .max(10)
      .optional()
      .describe(
        "The LoRA kernels' time beyond the adapters' FLOPs and bytes, as a fraction of each iteration (default 0.5: fitted to vLLM's published LoRA benchmark, pull 11267, where one rank-8 adapter cut throughput from 11.45 to 7.60 requests/s on an A100; an older engine than V1, whose kernels may cost less: set 0 for the roofline alone)",
      ),
    loadFromDisk: durationMs(
      "Time to read one adapter from local disk into host memory, ms (then loadFromCpu to reach the GPU); default: its bytes at 892 MB/s, vLLM's measured safetensors load rate from local NVMe (the weights' localNvme figure)",
      { min: 0, max: 600_000 },
    ).optional(),
  })
  .superRefine((l, ctx) => {
    // vLLM raises "LoRA rank r is greater than max_lora_rank" when it loads such an adapter (WorkerLoRAManager._load_adapter).
    if (l.rank > l.maxLoraRank) ctx.addIssue({ code: 'custom', path: ['rank'], input: l.rank, message: `rank ${l.rank} is above maxLoraRank ${l.maxLoraRank}: vLLM refuses to load such an adapter; raise maxLoraRank (one of ${LORA_RANKS.join(', ')})`, params: { siblings: ['maxLoraRank'] } });
    // vLLM's LoRAConfig validator: "max_cpu_loras must be >= max_loras".
    if (l.maxCpuLoras !== undefined && l.maxCpuLoras < l.maxLoras) ctx.addIssue({ code: 'custom', path: ['maxCpuLoras'], input: l.maxCpuLoras, message: `must be at least maxLoras (${l.maxLoras}): vLLM refuses max_cpu_loras < max_loras, since every adapter in a GPU slot is also held in host memory`, params: { siblings: ['maxLoras'] } });
  });

/** `services[].llm`. */
export const llmSchema = z.strictObject({
  model: z.union([
    z.string().min(1).describe('A known model: llama-3.1-8b, llama-3.1-70b, llama-3.3-70b, llama-2-70b, llama-3.2-1b, mixtral-8x7b, qwen3-30b-a3b (and aliases such as llama-3-70b)'),
    modelShapeSchema,
  ]),
  precision: z.enum(['bf16', 'fp16', 'fp8', 'int4']).default('bf16').describe('Weight precision (int4 computes in 16-bit)'),
  kvCacheDtype: z.enum(['bf16', 'fp16', 'fp8']).default('bf16').describe('KV-cache element type'),
  gpu: z.string().min(1).optional().describe("Catalog GPU id; default: the node pool instance's GPU"),
  inputTokens: tokenLengthSchema.describe('Prompt length in tokens'),
  outputTokens: tokenLengthSchema.describe('Generated length in tokens'),
  maxBatchSize: z.number().int().min(1).max(4096).default(256).describe('Most sequences per batch (vLLM max_num_seqs)'),
  maxBatchedTokens: z.number().int().min(1).max(1_000_000).default(8192).describe('Most tokens per iteration (vLLM max_num_batched_tokens)'),
  chunkedPrefill: z.boolean().default(true).describe('Split long prompts across iterations'),
  gpuMemoryUtilization: fraction('Share of GPU memory for weights + KV cache (vLLM default 0.9)', { min: 0, exclusiveMin: true, max: 1 }).default(0.9),
  activationReserveGB: z.number().min(0).max(1000).default(1).describe('Memory per GPU kept for activations, GB'),
  efficiency: llmEfficiencySchema.optional(),
  routingImbalance: z
    .number()
    .min(1)
    .max(64)
    .default(1)
    .describe('Mixture of experts only: the most loaded expert’s share of tokens over the mean (1 = perfectly balanced routing); multiplies the expert FLOPs'),
  prefix: llmPrefixSchema.optional().describe('Shared prompt prefixes (system prompts, templates) that the prefix cache can reuse'),
  sessions: llmSessionsSchema.optional().describe('Multi-turn sessions: a turn resends the conversation so far, which the prefix cache can reuse'),
  prefixCaching: z.boolean().default(true).describe("Automatic prefix caching (vLLM's --enable-prefix-caching, on by default in vLLM V1; SGLang's radix cache)"),
  scheduler: llmSchedulerSchema.optional().describe('How the scheduler forms iterations: multi-step rounds (vLLM 0.6) and prefill batches apart from decodes; default: one iteration at a time, prefill mixed with decodes'),
  disaggregated: llmDisaggregatedSchema.optional().describe('Split prefill and decode into two pools (the service’s own replicas prefill; decode runs on its own GPUs, node pool and HPA)'),
  speculative: llmSpeculativeSchema
    .optional()
    .describe('Speculative decoding: a proposer drafts tokens that the model verifies in one pass per step (EAGLE, draft model, n-gram, MTP); on a disaggregated service the decode pool speculates'),
  lora: llmLoraSchema
    .optional()
    .describe('Multi-LoRA serving (vLLM --enable-lora): requests spread over many LoRA adapters of this base model; at most maxLoras distinct adapters per batch, adapters loaded into GPU slots from a host-memory LRU or disk; with paged KV and prefix caching, cached prompt blocks are shared only by requests for the same adapter. Not with multi-step scheduling, speculative decoding or disaggregated serving'),
});

export type LlmSpec = z.output<typeof llmSchema>;
export type LlmLoraSpec = z.output<typeof llmLoraSchema>;
export type LlmSpeculativeSpec = z.output<typeof llmSpeculativeSchema>;
export type LlmDisaggregatedSpec = z.output<typeof llmDisaggregatedSchema>;
export type LlmPrefixSpec = z.output<typeof llmPrefixSchema>;
export type TokenLengthSpec = z.output<typeof tokenLengthSchema>;
export type ModelShapeSpec = z.output<typeof modelShapeSchema>;
