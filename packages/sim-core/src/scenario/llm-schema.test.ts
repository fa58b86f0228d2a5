import { describe, expect, it } from 'vitest';
import { tokenLengthSchema } from './llm-schema.ts';
import * as costModel from '@design-sim/cost-model';
import { formatIssue } from './scenario-issue.ts';
import { parseOk, report } from './scenario-test-builders.ts';
import { validateScenarioReferences } from './validate-scenario.ts';

const issues = (value: unknown) => {
  const r = tokenLengthSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('tokenLengthSchema: a lognormal length', () => {
  it('takes a cap at or above the median, and none', () => {
    expect(issues({ distribution: 'lognormal', p50: 100, p99: 800, max: 100 })).toEqual([]);
    expect(issues({ distribution: 'lognormal', p50: 100, p99: 800, max: 500 })).toEqual([]);
    expect(issues({ distribution: 'lognormal', p50: 100, p99: 800 })).toEqual([]);
  });

  it('refuses a cap below the median, which ran as a fixed length of the cap without a word', () => {
    expect(issues({ distribution: 'lognormal', p50: 100, p99: 200, max: 50 })).toEqual([
      'max: max (the cap) must be at least p50: below the median it would cut most lengths to max; write a fixed length instead',
    ]);
  });
});

describe('token lengths: a bound already refused is not compared again', () => {
  it('a median past its limit is one line, not also "p99 must be at least p50" and "max must be at least p50"', () => {
    // Found by the CLI fuzzer: inputTokens.p50 = 2^53 printed three errors, two of them about p99 and max,
    // which were right as written.
    const llm = (inputTokens: string) =>
      report(`apiVersion: design-sim/v1\nkind: Scenario\nmetadata: { name: tokens }\nspec:\n  duration: 10m\n  traffic: { profile: { type: constant, qps: 1 } }\n  services:\n    - name: llm\n      llm: { model: llama-3.1-8b, gpu: h100-sxm-80gb, outputTokens: 100, inputTokens: ${inputTokens} }\n`);
    expect(llm('{ distribution: lognormal, p50: 9007199254740992, p99: 2000, max: 4000 }')).toBe('examples/bad.yaml:9:119 spec.services[0].llm.inputTokens.p50: must be at most 1,000,000, got 9,007,199,254,740,992');
    expect(llm('{ distribution: uniform, min: 1e308, max: 10 }')).toBe('examples/bad.yaml:9:117 spec.services[0].llm.inputTokens.min: must be at most 1,000,000, got 1e308');
  });
});

describe('llm.disaggregated.kvTransfer', () => {
  it('refuses a link slower than 1 Gb/s or 1% of its rate: gbps 1e-320 made every transfer infinite', () => {
    // Found by the CLI fuzzer: content/qwen3-moe-prefill-h100-decode-l40s.yaml with gbps: 1e-320 served nothing and
    // reported "KV transfer ethernet at 1.25e-321 GB/s · mean Infinity min per request".
    const kv = (transfer: string) =>
      report(`apiVersion: design-sim/v1\nkind: Scenario\nmetadata: { name: kv }\nspec:\n  duration: 10m\n  traffic: { profile: { type: constant, qps: 1 } }\n  services:\n    - name: chat\n      llm: { model: llama-3.1-8b, gpu: h100-sxm-80gb, inputTokens: 100, outputTokens: 100, disaggregated: { decode: {}, kvTransfer: ${transfer} } }\n`);
    expect(kv('{ link: ethernet, gbps: 1e-320 }')).toBe('examples/bad.yaml:9:157 spec.services[0].llm.disaggregated.kvTransfer.gbps: must be at least 1, got 1e-320');
    expect(kv('{ link: ethernet, efficiency: 0.001 }')).toBe('examples/bad.yaml:9:163 spec.services[0].llm.disaggregated.kvTransfer.efficiency: must be at least 1%, got 0.001');
    expect(kv('{ link: ethernet, gbps: 1, efficiency: 1% }')).toBe('ok');
  });
});

describe('an llm service requests GPUs', () => {
  it('refuses gpusPerReplica 0 and a CPU replica, at the field', () => {
    // Found by the CLI fuzzer: gpusPerReplica: 0 without node pools served tokens timed on one H100 and reported "0 GPUs at peak".
    const llm = (request: string) =>
      report(`apiVersion: design-sim/v1\nkind: Scenario\nmetadata: { name: gpus }\nspec:\n  duration: 10m\n  traffic: { profile: { type: constant, qps: 1 } }\n  services:\n    - name: llm\n      ${request}\n      llm: { model: llama-3.1-8b, gpu: h100-sxm-80gb, inputTokens: 100, outputTokens: 100 }\n`);
    expect(llm('gpusPerReplica: 0')).toBe('examples/bad.yaml:9:23 spec.services[0].gpusPerReplica: an llm service runs on GPUs (llm.gpu, tensor parallel over gpusPerReplica): give gpusPerReplica of at least 1');
    expect(llm('cpuPerReplica: 4')).toBe('examples/bad.yaml:9:22 spec.services[0].cpuPerReplica: an llm service runs on GPUs (llm.gpu, tensor parallel over gpusPerReplica): give gpusPerReplica instead of cpuPerReplica');
    expect(llm('gpusPerReplica: 1')).toBe('ok');
  });
});

/** A one-service llm scenario whose `llm:` block ends with `extra` (lines from 21 on), parsed; its issue lines. */
function speculative(extra: string, llm = 'model: llama-3.1-8b'): string {
  return report(speculative.text(extra, llm));
}
speculative.text = (extra: string, llm: string): string =>
  `apiVersion: design-sim/v1
kind: Scenario
metadata:
  name: spec
spec:
  duration: 10m
  traffic:
    arrivals: poisson
    profile: { type: constant, qps: 1 }
  services:
    - name: llm
      replicas: 1
      llm:
        ${llm}
        gpu: h100-sxm-80gb
        inputTokens: 100
        outputTokens: 100
${extra}`;

describe('llm.speculative', () => {
  it('takes an acceptance rate or a mean accepted length', () => {
    expect(speculative('        speculative: { method: eagle, tokens: 3, acceptance: 0.7 }\n')).toBe('ok');
    expect(speculative('        speculative: { method: ngram, tokens: 5, acceptedLength: 2.1 }\n')).toBe('ok');
    expect(speculative('        speculative: { method: draft, tokens: 4, acceptance: 70%, draftModel: llama-3.1-8b }\n', 'model: llama-3.1-70b')).toBe('ok');
  });

  it('refuses both or neither, an impossible length, an acceptance of 1, and a draft without its model, each at its field', () => {
    expect(speculative('        speculative: { method: eagle, tokens: 3, acceptance: 0.7, acceptedLength: 2 }\n')).toMatchInlineSnapshot(`"examples/bad.yaml:18:83 spec.services[0].llm.speculative.acceptedLength: give exactly one of acceptance (α, per draft token) and acceptedLength (mean tokens per step)"`);
    expect(speculative('        speculative: { method: eagle, tokens: 3 }\n')).toMatchInlineSnapshot(`"examples/bad.yaml:18:22 spec.services[0].llm.speculative: give exactly one of acceptance (α, per draft token) and acceptedLength (mean tokens per step)"`);
    expect(speculative('        speculative: { method: eagle, tokens: 3, acceptedLength: 4 }\n')).toMatchInlineSnapshot(`"examples/bad.yaml:18:66 spec.services[0].llm.speculative.acceptedLength: must be below tokens + 1 = 4 (a step yields at most the 3 drafts and the verifier's own token, and not always all of them)"`);
    expect(speculative('        speculative: { method: mtp, tokens: 1, acceptance: 1 }\n')).toMatchInlineSnapshot(`"examples/bad.yaml:18:60 spec.services[0].llm.speculative.acceptance: must be below 1 (every draft accepted would make speculation free); use acceptedLength for a measured mean"`);
    expect(speculative('        speculative: { method: draft, tokens: 4, acceptance: 0.6 }\n')).toMatchInlineSnapshot(`"examples/bad.yaml:18:9 spec.services[0].llm.speculative.draftModel: method draft needs draftModel: the smaller model that proposes, e.g. llama-3.1-8b for a 70B target"`);
    expect(speculative('        speculative: { method: eagle, tokens: 3, acceptance: 0.6, draftModel: llama-3.1-8b }\n')).toMatchInlineSnapshot(`"examples/bad.yaml:18:79 spec.services[0].llm.speculative.draftModel: draftModel is for method draft; eagle proposes without one: remove it or use method: draft"`);
    expect(speculative('        speculative: { method: eagle, tokens: 17, acceptance: 0.6 }\n')).toMatchInlineSnapshot(`"examples/bad.yaml:18:47 spec.services[0].llm.speculative.tokens: must be at most 16, got 17"`);
    // Not also "acceptedLength: must be below tokens + 1 = 1" against the tokens just refused.
    expect(speculative('        speculative: { method: eagle, tokens: 0, acceptedLength: 2 }\n')).toMatchInlineSnapshot(`"examples/bad.yaml:18:47 spec.services[0].llm.speculative.tokens: must be at least 1, got 0"`);
  });

  it('refuses an unknown draft model, one of another vocabulary, and multi-step rounds', () => {
    expect(speculative('        speculative: { method: draft, tokens: 4, acceptance: 0.6, draftModel: lama-3.1-8b }\n', 'model: llama-3.1-70b')).toMatchInlineSnapshot(`"examples/bad.yaml:18:79 spec.services[0].llm.speculative.draftModel: unknown draft model "lama-3.1-8b": use one of llama-3.1-8b, llama-3.1-70b, llama-3.3-70b, llama-2-70b, llama-3.2-1b, mixtral-8x7b, qwen3-30b-a3b (did you mean llama-3.1-8b?)"`);
    expect(speculative('        speculative: { method: draft, tokens: 4, acceptance: 0.6, draftModel: llama-3.1-8b }\n', 'model: llama-2-70b')).toMatchInlineSnapshot(`"examples/bad.yaml:18:79 spec.services[0].llm.speculative.draftModel: the draft model's vocabulary (128256 tokens) is not the target's (32000): a draft must share the target's tokenizer for its tokens to be verified"`);
    expect(speculative('        scheduler: { steps: 4 }\n        speculative: { method: ngram, tokens: 4, acceptance: 0.6 }\n')).toMatchInlineSnapshot(`"examples/bad.yaml:18:29 spec.services[0].llm.scheduler.steps: speculative decoding with multi-step rounds is not modelled (vLLM refuses the pair): use steps: 1 or remove llm.speculative"`);
  });
});

describe('a custom llm.model shape', () => {
  /** A one-service scenario whose llm.model is `model` (line 9), parsed and checked; its issue lines. */
  const shape = (model: string) =>
    report(`apiVersion: design-sim/v1\nkind: Scenario\nmetadata: { name: shape }\nspec:\n  duration: 10m\n  traffic: { profile: { type: constant, qps: 1 } }\n  services:\n    - name: llm\n      llm: { gpu: h100-sxm-80gb, inputTokens: 100, outputTokens: 100, model: ${model} }\n`);

  it('that lacks several fields is one line at the model naming them all, with the config.json keys to read', () => {
    // Was one line per field ("missing required field "hiddenSize"", then kvHeads, then headDim), all at the same place.
    expect(shape('{ layers: 32 }')).toMatchInlineSnapshot(`"examples/bad.yaml:9:78 spec.services[0].llm.model: a model shape needs hiddenSize, kvHeads, headDim and parameters (or ffnSize and vocabSize to derive it): from its config.json, hidden_size, num_key_value_heads, head_dim, intermediate_size and vocab_size"`);
  });

  it('with neither parameters nor what derives them is refused at the model, not reported as an unknown model', () => {
    // Was 'unknown model "[object Object]": its shape is not known to design-sim …' with a list of known names.
    expect(shape('{ layers: 32, hiddenSize: 4096, kvHeads: 8, headDim: 128, ffnSize: 14336 }')).toMatchInlineSnapshot(`"examples/bad.yaml:9:78 spec.services[0].llm.model: a model shape needs parameters (or vocabSize to derive it): from its config.json, vocab_size"`);
    expect(shape('{ layers: 32, hiddenSize: 4096, kvHeads: 8, headDim: 128, ffnSize: 14336, vocabSize: 128256 }')).toBe('ok');
    expect(shape('{ layers: 32, hiddenSize: 4096, kvHeads: 8, headDim: 128, parameters: 8B }')).toBe('ok');
    expect(shape('{ layers: 48, hiddenSize: 2048, kvHeads: 4, headDim: 128, vocabSize: 151936, experts: { count: 128, perToken: 8, ffnSize: 768 } }')).toBe('ok');
  });

  it('refuses parameters below the attention projections the shape holds (weights of no bytes fit any GPU and take no time)', () => {
    // Left by the second hostile-input campaign: parameters 1 and 1e-300 ran. Llama 3.1 8B's K and V projections alone:
    // 32 × 4096 × 2 × 8 × 128 = 268,435,456; with its 32 query heads' Q and O, 32 × 4096 × (2 × 8 + 2 × 32) × 128 = 1.342e9.
    expect(shape('{ layers: 32, hiddenSize: 4096, kvHeads: 8, headDim: 128, parameters: 1 }')).toMatchInlineSnapshot(`"examples/bad.yaml:9:148 spec.services[0].llm.model.parameters: must be at least the attention projections the shape holds, layers × hiddenSize × 2 × kvHeads × headDim = 268,435,456: got 1 (a unit slip? write 8e9 or "8B")"`);
    expect(shape('{ layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8, headDim: 128, parameters: 1e9 }')).toMatchInlineSnapshot(`"examples/bad.yaml:9:168 spec.services[0].llm.model.parameters: must be at least the attention projections the shape holds, layers × hiddenSize × (2 × kvHeads + 2 × attentionHeads) × headDim = 1,342,177,280: got 1000000000 (a unit slip? write 8e9 or "8B")"`);
    expect(shape('{ layers: 32, hiddenSize: 4096, kvHeads: 8, headDim: 128, parameters: 268435456 }')).toBe('ok');
    expect(shape('{ layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8, headDim: 128, parameters: 8B }')).toBe('ok');
  });

  it('refuses key/value heads that do not divide the query heads (grouped-query attention), at kvHeads', () => {
    // Found by the CLI fuzzer: kvHeads 64 with 32 attention heads, and 7 with 32, were sized and timed as written.
    expect(shape('{ layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 7, headDim: 128, parameters: 8B }')).toMatchInlineSnapshot(`"examples/bad.yaml:9:139 spec.services[0].llm.model.kvHeads: must divide attentionHeads (32): each key/value head serves a whole number of query heads (grouped-query attention), got 7"`);
    expect(shape('{ layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 64, headDim: 128, parameters: 8B }')).toMatchInlineSnapshot(`"examples/bad.yaml:9:139 spec.services[0].llm.model.kvHeads: must divide attentionHeads (32): each key/value head serves a whole number of query heads (grouped-query attention), got 64"`);
    expect(shape('{ layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 32, headDim: 128, parameters: 8B }')).toBe('ok');
    // A value refused on its own is one line: the union branch's issues are focused like the top level's.
    expect(shape('{ layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 0, headDim: 128, parameters: 8B }')).toMatchInlineSnapshot(`"examples/bad.yaml:9:139 spec.services[0].llm.model.kvHeads: must be at least 1, got 0"`);
    expect(shape('{ layers: 1e308, hiddenSize: 4096, kvHeads: 8, headDim: 128, parameters: 8B }')).toMatchInlineSnapshot(`"examples/bad.yaml:9:88 spec.services[0].llm.model.layers: must be at most 1,000, got 1e308"`);
    // A bad head count is its own line, not also compared with.
    expect(shape('{ layers: 32, hiddenSize: 4096, attentionHeads: 0, kvHeads: 7, headDim: 128, parameters: 8B }')).toMatchInlineSnapshot(`"examples/bad.yaml:9:126 spec.services[0].llm.model.attentionHeads: must be at least 1, got 0"`);
  });
});

describe('llm.efficiency', () => {
  it('refuses a fraction of a peak below 1%: compute 5e-324 made every iteration infinite and the run served nothing', () => {
    // Found by the CLI fuzzer (content/llama3-8b-trace-replay-azure.yaml with efficiency.compute: 5e-324).
    const eff = (efficiency: string) =>
      report(`apiVersion: design-sim/v1\nkind: Scenario\nmetadata: { name: eff }\nspec:\n  duration: 10m\n  traffic: { profile: { type: constant, qps: 1 } }\n  services:\n    - name: llm\n      llm: { model: llama-3.1-8b, gpu: h100-sxm-80gb, inputTokens: 100, outputTokens: 100, efficiency: ${efficiency} }\n`);
    expect(eff('{ compute: 5e-324 }')).toMatchInlineSnapshot(`"examples/bad.yaml:9:115 spec.services[0].llm.efficiency.compute: must be at least 1%, got 5e-324"`);
    expect(eff('{ bandwidth: 0.001 }')).toMatchInlineSnapshot(`"examples/bad.yaml:9:117 spec.services[0].llm.efficiency.bandwidth: must be at least 1%, got 0.001"`);
    expect(eff('{ interconnect: 0.5% }')).toMatchInlineSnapshot(`"examples/bad.yaml:9:120 spec.services[0].llm.efficiency.interconnect: must be at least 1%, got "0.5%""`);
    expect(eff('{ compute: 1%, bandwidth: 0.01, interconnect: 1% }')).toBe('ok');
  });
});

describe('llm.scheduler.kvAllocation paged: refused where the port would be guesswork (engine/paged-kv.ts)', () => {
  const paged = '        scheduler: { kvAllocation: paged }\n';
  it('takes paged alone, with multi-step rounds and with separate prefill', () => {
    expect(speculative(paged)).toBe('ok');
    expect(speculative('        scheduler: { steps: 8, kvAllocation: paged }\n')).toBe('ok');
    expect(speculative('        scheduler: { prefill: separate, kvAllocation: paged }\n')).toBe('ok');
  });

  it('takes paged with prompt templates and sessions (the prefix cache in blocks: engine/free-block-queue.ts)', () => {
    expect(speculative(`${paged}        sessions: { turns: 3 }\n`)).toBe('ok');
    expect(speculative(`${paged}        prefix: { tokens: 1000, share: 1 }\n`)).toBe('ok');
  });

  it('refuses speculative decoding and disaggregated serving, at kvAllocation', () => {
    expect(speculative(`${paged}        speculative: { method: ngram, tokens: 4, acceptance: 0.6 }\n`)).toMatchInlineSnapshot(`"examples/bad.yaml:18:36 spec.services[0].llm.scheduler.kvAllocation: kvAllocation paged with speculative decoding is not modelled (the executor draws a sequence's speculative steps ahead and keeps no per-step context, which block-by-block growth needs): use reserve or remove llm.speculative"`);
    expect(speculative(`${paged}        disaggregated: { decode: {}, kvTransfer: { link: nvlink } }\n`)).toMatchInlineSnapshot(`"examples/bad.yaml:18:36 spec.services[0].llm.scheduler.kvAllocation: kvAllocation paged with disaggregated serving is not modelled (a decode replica has no prefill path to recompute a preempted sequence, which vLLM re-prefills or reloads through its KV connector): use reserve or remove llm.disaggregated"`);
  });
});

describe('llm.lora', () => {
  it("refuses a host-memory adapter cache larger than the node's memory, at maxCpuLoras (409 adapters of 83.9 MB fit in 32 GiB, 410 do not)", () => {
    // Llama 3.1 8B, rank 16 on every linear projection: 41,943,040 parameters × 2 bytes = 83,886,080 bytes an adapter
    // (llm/lora-cost.ts); a g6e.xlarge has 32 GiB = 34,359,738,368 bytes (catalog), which holds 409.6 of them.
    const onNode = (cpuLoras: number) => {
      const text = speculative
        .text(`        lora: { adapters: 1000, maxLoras: 8, maxCpuLoras: ${cpuLoras} }\n`, 'model: llama-3.1-8b')
        .replace('        gpu: h100-sxm-80gb\n', '')
        .replace('      replicas: 1\n', '      replicas: 1\n      nodePool: gpu\n')
        .concat('  nodePools:\n    - { name: gpu, instance: aws/us-east-1/g6e.xlarge, minNodes: 1, maxNodes: 1 }\n');
      return validateScenarioReferences(parseOk(text).scenario, costModel).map(formatIssue);
    };
    expect(onNode(409)).toEqual([]);
    // It ran: 100,000 adapters (8.4 TB) "held" on a 32 GiB node passed.
    expect(onNode(410)).toEqual([
      ' spec.services[0].llm.lora.maxCpuLoras: does not fit in host memory: a replica keeps up to 410 adapters in host memory (max_cpu_loras), 34.4 GB, more than a node of pool "gpu" has (aws/us-east-1/g6e.xlarge: 32 GiB = 34.4 GB); lower maxCpuLoras (at most about 409 fit, the adapters alone) or use nodes with more memory',
    ]);
  });

  it("takes vLLM's flags with their defaults, Zipf or uniform popularity, and maxLoras above the adapters", () => {
    expect(speculative('        lora: { adapters: 100 }\n')).toBe('ok');
    expect(speculative('        lora: { adapters: 100, popularity: { zipf: 1.0 }, rank: 8, maxLoraRank: 64, maxLoras: 4, maxCpuLoras: 32, loadFromCpu: 3ms, loadFromDisk: 80ms }\n')).toBe('ok');
    expect(speculative('        lora: { adapters: 2, maxLoras: 8 }\n')).toBe('ok');
  });

  it('refuses maxLoras below 1, a rank above maxLoraRank, a rank vLLM does not offer, and maxCpuLoras below maxLoras, each at its field', () => {
    expect(speculative('        lora: { adapters: 100, maxLoras: 0 }\n')).toMatchInlineSnapshot(`"examples/bad.yaml:18:42 spec.services[0].llm.lora.maxLoras: must be at least 1, got 0"`);
    expect(speculative('        lora: { adapters: 100, rank: 32 }\n')).toMatchInlineSnapshot(`"examples/bad.yaml:18:38 spec.services[0].llm.lora.rank: rank 32 is above maxLoraRank 16: vLLM refuses to load such an adapter; raise maxLoraRank (one of 1, 8, 16, 32, 64, 128, 256, 320, 512)"`);
    expect(speculative('        lora: { adapters: 100, maxLoraRank: 24 }\n')).toMatchInlineSnapshot(`"examples/bad.yaml:18:45 spec.services[0].llm.lora.maxLoraRank: expected one of 1 | 8 | 16 | 32 | 64 | 128 | 256 | 320 | 512, got 24"`);
    expect(speculative('        lora: { adapters: 100, maxLoras: 8, maxCpuLoras: 4 }\n')).toMatchInlineSnapshot(`"examples/bad.yaml:18:58 spec.services[0].llm.lora.maxCpuLoras: must be at least maxLoras (8): vLLM refuses max_cpu_loras < max_loras, since every adapter in a GPU slot is also held in host memory"`);
    expect(speculative('        lora: { adapters: 0 }\n')).toMatchInlineSnapshot(`"examples/bad.yaml:18:27 spec.services[0].llm.lora.adapters: must be at least 1, got 0"`);
  });

  it('takes paged KV, prompt templates and sessions (cached blocks keyed by adapter), and a base-model share', () => {
    expect(speculative('        scheduler: { kvAllocation: paged }\n        lora: { adapters: 10 }\n')).toBe('ok');
    expect(speculative('        scheduler: { kvAllocation: paged }\n        prefix: { tokens: 1000, share: 0.5 }\n        sessions: { turns: 3 }\n        lora: { adapters: 10, maxLoras: 4 }\n')).toBe('ok');
    expect(speculative('        prefix: { tokens: 1000, share: 0.5 }\n        lora: { adapters: 10, baseShare: 20% }\n')).toBe('ok');
    expect(speculative('        lora: { adapters: 10, baseShare: 1.5 }\n')).toMatchInlineSnapshot(`"examples/bad.yaml:18:42 spec.services[0].llm.lora.baseShare: expected a fraction between 0 and 1 or a percentage like "50%", got 1.5 (did you mean "1.5%"?)"`);
  });

  it('refuses the serving paths its admission rule is not ported on, and a mixture-of-experts model', () => {
    expect(speculative('        speculative: { method: eagle, tokens: 3, acceptance: 0.7 }\n        lora: { adapters: 10 }\n')).toMatchInlineSnapshot(`"examples/bad.yaml:19:15 spec.services[0].llm.lora: lora with speculative decoding is not modelled yet (the proposer would need its own adapter costs): remove llm.speculative or llm.lora"`);
    expect(speculative('        scheduler: { steps: 4 }\n        lora: { adapters: 10 }\n')).toMatchInlineSnapshot(`"examples/bad.yaml:19:15 spec.services[0].llm.lora: lora with multi-step scheduling (steps > 1) is not modelled yet: use steps 1 or remove llm.lora"`);
    const moe = parseOk(speculative.text('        lora: { adapters: 10 }\n', 'model: mixtral-8x7b'));
    expect(validateScenarioReferences(moe.scenario, costModel).map(formatIssue)).toMatchInlineSnapshot(`
      [
        " spec.services[0].llm.lora: LoRA adapters on a mixture-of-experts model are not modelled (which expert projections an adapter holds varies): use a dense model or remove llm.lora",
      ]
    `);
  });
});
