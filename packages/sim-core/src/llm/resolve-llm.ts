/**
 * services[].llm → EngineLlm: the model's weight and KV bytes, the GPU's peak FLOP/s and bandwidth from
 * the cost-model catalog, and the KV-cache capacity that is left beside the weights:
 *   KV tokens = (TP · memory · gpuMemoryUtilization − weights − TP · activationReserve) / KV bytes per token.
 * Memory is taken in decimal GB (10⁹ bytes), as the catalog and the calibration tables state it.
 */
import type { GpuSpec } from '@design-sim/cost-model';
import type { EngineLlm, TokenDistribution } from '../engine/engine-config.ts';
import type { LlmScheduler } from '../engine/llm-scheduler.ts';
import { activeParametersOfShape, expertParametersOfShape, kvBytesPerToken, knownModel, KNOWN_MODELS, MODEL_ALIASES, type ModelShape, parametersOfShape, WEIGHT_BYTES } from './llm-models.ts';
import { DEFAULT_LLM_EFFICIENCY, type LlmCostModel } from './llm-perf.ts';
import { LORA_BYTES_PER_ELEMENT, LORA_DISK_BYTES_PER_SECOND, LORA_KERNEL_OVERHEAD, loraCostModels, loraParameters } from './lora-cost.ts';
import type { EngineLora } from '../engine/lora-adapters.ts';
import { acceptanceForLength, type EngineSpeculative } from './speculative.ts';
import { Z99 } from '../random/normal.ts';
import type { LlmSpec, LlmSpeculativeSpec, TokenLengthSpec } from '../scenario/index.ts';
import { suggestNearest } from '../scenario/suggest.ts';

export type LlmResolution = {
  ok: true;
  llm: EngineLlm;
  weightsGB: number;
  kvGBPerReplica: number;
  /** llm.lora: the host memory its CPU cache of adapters fills (min(adapters, maxCpuLoras) adapter files), GB; 0 without lora. */
  loraHostCacheGB: number;
} | { ok: false; message: string; field: string; suggestion?: string };

export function resolveLlm(spec: LlmSpec, gpu: GpuSpec, tensorParallel: number): LlmResolution {
  const shape = modelShape(spec.model);
  if (!shape) {
    const known = [...Object.keys(KNOWN_MODELS), ...Object.keys(MODEL_ALIASES)];
    const message = `unknown model "${String(spec.model)}": its shape is not known to design-sim, so it is not guessed; use one of ${known.join(', ')}, or give its shape from its config.json (layers, hiddenSize, kvHeads, headDim, parameters)`;
    // A typo of a known name (`lama-3.1-8b`) gets the "did you mean" an unknown GPU or instance gets, but never a
    // model of another size: llama-3.1-405b is one edit-distance step from nothing, and 70b is not what was meant.
    const near = typeof spec.model === 'string' ? suggestNearest(spec.model, known) : undefined;
    const size = (name: string) => /(\d+(?:\.\d+)?)b\b/i.exec(name.replace(/-a\d+b\b/i, ''))?.[1];
    const sameSize = near !== undefined && typeof spec.model === 'string' && size(near) === size(spec.model);
    return near === undefined || !sameSize ? { ok: false, field: 'model', message } : { ok: false, field: 'model', message, suggestion: near };
  }
  const tflops = computeTflops(gpu, spec.precision);
  if (tflops === null) return { ok: false, field: 'precision', message: `${gpu.id} has no dense ${spec.precision.toUpperCase()} TFLOPS in the catalog` };
  const tp = Math.max(1, tensorParallel);
  // Tensor parallelism splits the attention heads between the GPUs: vLLM refuses a size that does not divide them
  // ("Total number of attention heads (32) must be divisible by tensor parallel size (3)", ModelConfig
  // .verify_with_parallel_config in vllm-project/vllm vllm/config.py at c0c2335).
  if (shape.attentionHeads % tp !== 0) {
    const sizes = divisors(shape.attentionHeads).filter((d) => d <= 16);
    return { ok: false, field: 'gpusPerReplica', message: `tensor parallelism over ${tp} GPUs cannot split the model's ${shape.attentionHeads} attention heads (vLLM refuses a size that does not divide them): use ${sizes.join(', ')} GPUs per replica` };
  }
  const link = tpLinkBytesPerSecond(gpu, tp);
  if (link === null) {
    return { ok: false, field: 'model', message: `${gpu.id} has no GPU-to-GPU interconnect in the catalog, so the all-reduces of tensor parallelism over ${tp} GPUs cannot be costed: use 1 GPU per replica or a GPU whose links are known` };
  }
  const kvElement = spec.kvCacheDtype === 'fp8' ? 1 : 2;
  const kvBytes = kvBytesPerToken(shape, kvElement);
  // The prefill pool of a disaggregated service does not speculate (it emits one token a prompt); its decode pool does.
  const speculative = spec.speculative === undefined || spec.disaggregated !== undefined ? null : speculativeOf(spec.speculative, shape, spec.precision, kvElement);
  // A proposer on the GPU (draft model, EAGLE/MTP head) holds its weights beside the target's, and its KV cache
  // grows with the target's, token for token (vLLM allocates the draft's layers from the same KV block pool).
  const proposer = speculative?.proposer ?? null;
  if (spec.lora !== undefined && shape.experts !== undefined) {
    return { ok: false, field: 'lora', message: 'LoRA adapters on a mixture-of-experts model are not modelled (which expert projections an adapter holds varies): use a dense model or remove llm.lora' };
  }
  // vLLM allocates the LoRA slots (max_loras stacked buffers, max_lora_rank wide) before it sizes the KV cache.
  const loraSlotBytes = spec.lora === undefined ? 0 : spec.lora.maxLoras * loraParameters(shape, spec.lora.maxLoraRank) * LORA_BYTES_PER_ELEMENT;
  const weightBytes = shape.parameters * WEIGHT_BYTES[spec.precision] + (proposer === null ? 0 : proposer.weightBytes) + loraSlotBytes;
  const kvBytesWithDraft = proposer === null ? kvBytes : kvBytes + proposer.kvBytesPerToken;
  const usable = tp * gpu.memoryGB * 1e9 * spec.gpuMemoryUtilization - tp * spec.activationReserveGB * 1e9;
  const kvSpace = usable - weightBytes;
  const gb = (b: number) => (b / 1e9).toFixed(1);
  if (usable <= 0) {
    // The activation reserve takes all the memory gpuMemoryUtilization leaves: "more than the -0.9 GB usable" said nothing.
    return {
      ok: false,
      field: 'model',
      message: `does not fit: gpuMemoryUtilization ${spec.gpuMemoryUtilization} leaves ${gb(gpu.memoryGB * 1e9 * spec.gpuMemoryUtilization)} GB of each ${gpu.id}'s ${gpu.memoryGB} GB, no more than the ${spec.activationReserveGB} GB held for activations: nothing is left for weights or the KV cache; raise gpuMemoryUtilization (vLLM's default is 0.9) or lower activationReserveGB`,
    };
  }
  if (kvSpace <= 0) {
    return {
      ok: false,
      field: 'model',
      message: `does not fit: ${gb(weightBytes)} GB of ${spec.precision} weights${proposer === null ? '' : ` (the ${speculative!.method === 'draft' ? 'draft model' : `${speculative!.method} head`}'s included)`} need more than the ${gb(usable)} GB usable on ${tp} × ${gpu.id} (${gpu.memoryGB} GB × ${spec.gpuMemoryUtilization} each, minus ${spec.activationReserveGB} GB activations); use more GPUs per replica, fp8/int4 weights or a larger GPU`,
    };
  }
  const eff = spec.efficiency ?? {};
  const model = costModelOf(shape, spec.precision, kvBytes, spec.routingImbalance);
  let lora: EngineLora | undefined;
  let loraHostCacheGB = 0;
  if (spec.lora !== undefined) {
    const l = spec.lora;
    const fileBytes = loraParameters(shape, l.rank) * LORA_BYTES_PER_ELEMENT;
    const pcie = gpu.interconnect?.pcieGBs ?? null;
    if (l.loadFromCpu === undefined && pcie === null) {
      return { ok: false, field: 'lora', message: `${gpu.id} has no PCIe figure in the catalog, so an adapter's copy into a GPU slot cannot be timed: give lora.loadFromCpu (ms)` };
    }
    lora = {
      adapters: l.adapters,
      zipf: l.popularity === 'uniform' ? 0 : l.popularity.zipf,
      baseShare: l.baseShare,
      maxLoras: l.maxLoras,
      maxCpuLoras: l.maxCpuLoras ?? l.maxLoras,
      cpuLoadSeconds: l.loadFromCpu === undefined ? fileBytes / ((pcie! * 1e9) / 2) : l.loadFromCpu / 1000,
      diskLoadSeconds: l.loadFromDisk === undefined ? fileBytes / LORA_DISK_BYTES_PER_SECOND : l.loadFromDisk / 1000,
      models: loraCostModels(model, loraParameters(shape, l.maxLoraRank), l.maxLoras),
      kernelFactor: 1 + (l.kernelOverhead ?? LORA_KERNEL_OVERHEAD),
    };
    // The host-memory cache holds up to maxCpuLoras adapter files (validate-scenario checks they fit the node).
    loraHostCacheGB = (Math.min(lora.adapters, lora.maxCpuLoras) * fileBytes) / 1e9;
  }
  return {
    ok: true,
    weightsGB: weightBytes / 1e9,
    loraHostCacheGB,
    kvGBPerReplica: kvSpace / 1e9,
    llm: {
      model,
      hardware: { flopsPerGpu: tflops * 1e12, bandwidthPerGpu: gpu.memBandwidthTBs * 1e12, tensorParallel: tp, linkBytesPerSecond: link },
      efficiency: {
        compute: eff.compute ?? DEFAULT_LLM_EFFICIENCY.compute,
        bandwidth: eff.bandwidth ?? DEFAULT_LLM_EFFICIENCY.bandwidth,
        stepOverheadSeconds: eff.stepOverhead === undefined ? DEFAULT_LLM_EFFICIENCY.stepOverheadSeconds : eff.stepOverhead / 1000,
        overlap: eff.overlap ?? DEFAULT_LLM_EFFICIENCY.overlap,
        requestOverheadSeconds: eff.requestOverhead === undefined ? DEFAULT_LLM_EFFICIENCY.requestOverheadSeconds : eff.requestOverhead / 1000,
        interconnect: eff.interconnect ?? DEFAULT_LLM_EFFICIENCY.interconnect,
        allReduceStepSeconds: eff.allReduceStep === undefined ? DEFAULT_LLM_EFFICIENCY.allReduceStepSeconds : eff.allReduceStep / 1000,
      },
      kvCapacityTokens: Math.floor(kvSpace / kvBytesWithDraft),
      maxBatchSize: spec.maxBatchSize,
      maxBatchedTokens: spec.maxBatchedTokens,
      chunkedPrefill: spec.chunkedPrefill,
      ...schedulerOf(spec.scheduler, spec.prefixCaching),
      inputTokens: tokenDistribution(spec.inputTokens),
      outputTokens: tokenDistribution(spec.outputTokens),
      prefix:
        spec.prefix === undefined && spec.sessions === undefined
          ? null
          : {
              templates: spec.prefix === undefined ? [] : 'templates' in spec.prefix ? spec.prefix.templates : [spec.prefix],
              sessionTurns: spec.sessions?.turns ?? 0,
              caching: spec.prefixCaching,
            },
      ...(speculative === null ? {} : { speculative }),
      ...(lora === undefined ? {} : { lora }),
    },
  };
}

/**
 * `llm.speculative` → the engine's: α (from acceptedLength by inverting E[T]) and the proposer's cost model: a
 * draft model at the target's precision; an EAGLE / MTP head as one decoder layer of the target's shape (dense,
 * the target's attention and MLP widths; a MoE target's one expert MLP) plus an LM head of the target's vocabulary
 * (llm/speculative.ts gives the sources); none for n-gram. The draft model is checked by the schema (known, same
 * vocabulary).
 */
function speculativeOf(s: LlmSpeculativeSpec, target: ModelShape, precision: LlmSpec['precision'], kvElement: number): EngineSpeculative {
  const acceptance = s.acceptance ?? acceptanceForLength(s.acceptedLength!, s.tokens);
  const base = { method: s.method, tokens: s.tokens, acceptance };
  switch (s.method) {
    case 'ngram':
      return { ...base, proposer: null };
    case 'draft': {
      const draft = knownModel(s.draftModel!)!;
      return { ...base, proposer: costModelOf(draft, precision, kvBytesPerToken(draft, kvElement), 1) };
    }
    case 'eagle':
    case 'mtp':
      return { ...base, proposer: costModelOf(headShape(target), precision, kvBytesPerToken({ ...target, layers: 1 }, kvElement), 1) };
  }
}

/** One dense decoder layer of the target's widths plus its LM head (vocab × hidden): the EAGLE / MTP proposer. */
export function headShape(t: ModelShape): ModelShape {
  const ffnSize = t.experts?.ffnSize ?? t.ffnSize;
  const layer = { layers: 1, hiddenSize: t.hiddenSize, attentionHeads: t.attentionHeads, kvHeads: t.kvHeads, headDim: t.headDim, ffnSize, vocabSize: t.vocabSize };
  // parametersOfShape counts an input embedding and an output head; the head reads only the output one (its
  // input embedding is a lookup of one row per token, not a weight read).
  const parameters = parametersOfShape(layer) - t.vocabSize * t.hiddenSize;
  return { ...layer, parameters, activeParameters: parameters };
}

/**
 * The one-direction bandwidth each GPU drives into its ring neighbour, bytes/s: half the bidirectional
 * per-GPU NVLink figure behind NVSwitch (or within a bridged pair at TP 2), else half the PCIe x16 link;
 * 0 at TP 1 (no all-reduce); null when the catalog does not know the GPU's links.
 */
export function tpLinkBytesPerSecond(gpu: GpuSpec, tp: number): number | null {
  if (tp <= 1) return 0;
  const ic = gpu.interconnect;
  if (ic === undefined) return null;
  const nvlink = gpu.nvlinkGBs ?? null;
  if (nvlink !== null && (ic.nvlink === 'nvswitch' || (ic.nvlink === 'bridge-pair' && tp === 2))) return (nvlink * 1e9) / 2;
  return ic.pcieGBs === null ? null : (ic.pcieGBs * 1e9) / 2;
}

/**
 * What the iteration model needs of a shape: FLOPs from the active parameters, memory from all of them
 * (a MoE model's experts are all resident), the attention width, and the experts' share of the weights.
 */
export function costModelOf(shape: ModelShape, precision: LlmSpec['precision'], kvBytes: number, routingImbalance: number): LlmCostModel {
  const bytes = WEIGHT_BYTES[precision];
  const width = shape.attentionHeads > 0 ? shape.attentionHeads * shape.headDim : shape.hiddenSize;
  const e = shape.experts;
  return {
    parameters: shape.activeParameters,
    layers: shape.layers,
    hiddenSize: shape.hiddenSize,
    ...(width === shape.hiddenSize ? {} : { attentionWidth: width }),
    weightBytes: shape.parameters * bytes,
    kvBytesPerToken: kvBytes,
    moe:
      e === undefined
        ? null
        : {
            experts: e.count,
            perToken: e.perToken,
            expertWeightBytes: expertParametersOfShape(shape) * bytes,
            activeExpertParameters: (expertParametersOfShape(shape) * e.perToken) / e.count,
            imbalance: routingImbalance,
          },
  };
}

function modelShape(model: LlmSpec['model']): ModelShape | undefined {
  if (typeof model === 'string') return knownModel(model);
  const base = { layers: model.layers, hiddenSize: model.hiddenSize, attentionHeads: model.attentionHeads ?? 0, kvHeads: model.kvHeads, headDim: model.headDim, ffnSize: model.ffnSize ?? 0, vocabSize: model.vocabSize ?? 0, ...(model.tiedEmbeddings === true ? { tiedEmbeddings: true } : {}), ...(model.experts ? { experts: model.experts } : {}) };
  const derivable = (model.ffnSize !== undefined || model.experts !== undefined) && model.vocabSize !== undefined;
  const parameters = model.parameters ?? (derivable ? parametersOfShape(base) : undefined);
  if (parameters === undefined) return undefined;
  // Given a total, a MoE model's active count is the total less the experts a token skips.
  const activeParameters = model.experts === undefined ? parameters : derivable && model.parameters === undefined ? activeParametersOfShape(base) : parameters - (expertParametersOfShape(base) * (model.experts.count - model.experts.perToken)) / model.experts.count;
  return { ...base, parameters, activeParameters };
}

/** `llm.scheduler` → the engine's; the default (steps 1, prefill mixed, KV reserved) is left out, so it runs the default path. */
function schedulerOf(s: LlmSpec['scheduler'], prefixCaching: boolean): { scheduler?: LlmScheduler } {
  if (s === undefined) return {};
  // Multi-step implies separate prefill (vLLM 0.6 refuses chunked prefill with it; the schema refuses `mixed`).
  const separatePrefill = s.prefill === undefined ? s.steps > 1 : s.prefill === 'separate';
  const paged = s.kvAllocation === 'paged';
  if (s.steps === 1 && !separatePrefill && !paged) return {};
  return { scheduler: { steps: s.steps, separatePrefill, ...(paged ? { kvAllocation: 'paged' as const, blockCaching: prefixCaching } : {}) } };
}

/** FP8 weights run FP8 tensor cores; int4 weights (W4A16) compute in 16-bit. */
function computeTflops(gpu: GpuSpec, precision: LlmSpec['precision']): number | null {
  if (precision === 'fp8') return gpu.fp8DenseTflops;
  return gpu.bf16DenseTflops ?? gpu.fp16DenseTflops;
}

function tokenDistribution(t: TokenLengthSpec): TokenDistribution {
  if (typeof t === 'number') return { kind: 'fixed', tokens: t };
  switch (t.distribution) {
    case 'fixed':
      return { kind: 'fixed', tokens: t.tokens };
    case 'uniform':
      return { kind: 'uniform', min: t.min, max: t.max };
    case 'lognormal':
      return { kind: 'lognormal', mu: Math.log(t.p50), sigma: t.p99 === t.p50 ? 0 : Math.log(t.p99 / t.p50) / Z99, max: t.max ?? 1_000_000 };
  }
}

/** The divisors of n, ascending. */
function divisors(n: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= n; d++) if (n % d === 0) out.push(d);
  return out;
}
