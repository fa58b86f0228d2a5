/** The model service's inspector form: replicas, the latency model (per-request or token-level LLM, its speculative decoding and disaggregation), queue, start-up, batching, HPA and KEDA. */
import { KNOWN_MODELS } from '@design-sim/sim-core';
import type { PlainObject } from '../../model/doc-path.ts';
import { field as f, type ModeDef, type SectionDef, type VariantDef } from '../../model/inspector-fields.ts';

const LATENCY: VariantDef = {
  kind: 'variant',
  key: ['latency'],
  discriminator: 'distribution',
  label: 'Service time',
  hiddenWhen: 'llm',
  variants: {
    constant: { defaults: { distribution: 'constant', ms: 50 }, fields: [f('ms', 'Time (ms)')] },
    exponential: { defaults: { distribution: 'exponential', meanMs: 50 }, fields: [f('meanMs', 'Mean (ms)')] },
    lognormal: { defaults: { distribution: 'lognormal', p50Ms: 50, p99Ms: 150 }, fields: [f('p50Ms', 'p50 (ms)'), f('p99Ms', 'p99 (ms)')] },
    empirical: { defaults: { distribution: 'empirical', samplesMs: [40, 50, 60] }, fields: [f('samplesMs', 'Samples (ms)', 'numbers')] },
  },
};

/** The model names sim-core knows (its `llm-models.ts`, one source; aliases such as `llama-3-70b` are accepted too). */
const KNOWN_LLM_MODELS: readonly string[] = Object.keys(KNOWN_MODELS);

/** What a service becomes when switched to token-level LLM serving (sim-core's own example lengths). */
const LLM_CREATE: PlainObject = { model: 'llama-3.1-8b', precision: 'bf16', inputTokens: 512, outputTokens: 256 };

const LATENCY_MODEL: ModeDef = {
  kind: 'mode',
  label: 'Latency model',
  modes: {
    'per-request latency': { key: 'latency', create: { distribution: 'constant', ms: 50 } },
    'LLM (token-level)': { key: 'llm', create: LLM_CREATE },
  },
};

const metricFields = (window: string, scrape: string) => [f('target', 'Target'), f('window', 'Window', 'value', { placeholder: window }), f('scrapeInterval', 'Scrape every', 'value', { placeholder: scrape })];

const HPA_METRIC: VariantDef = {
  kind: 'variant',
  key: [],
  discriminator: 'type',
  label: 'Metric',
  variants: {
    qpsPerReplica: { defaults: { type: 'qpsPerReplica', target: 15 }, fields: metricFields('2m', '30s') },
    concurrency: { defaults: { type: 'concurrency', target: 1 }, fields: metricFields('0', '15s') },
    gpuUtilization: { defaults: { type: 'gpuUtilization', target: 70 }, fields: metricFields('0', '15s') },
    cpuUtilization: { defaults: { type: 'cpuUtilization', target: 60 }, fields: metricFields('0', '15s') },
    queueLength: { defaults: { type: 'queueLength', target: 2 }, fields: metricFields('0', '15s') },
    kvCacheUtilization: { defaults: { type: 'kvCacheUtilization', target: 70 }, fields: metricFields('0', '15s') },
  },
};

/** A KEDA trigger (what KEDA polls to decide 0 ↔ 1). */
const KEDA_TRIGGER: VariantDef = {
  kind: 'variant',
  key: [],
  discriminator: 'type',
  label: 'Trigger',
  variants: {
    requestRate: { defaults: { type: 'requestRate' }, fields: [f('activationThreshold', 'Activation threshold (req/s)', 'value', { placeholder: '0' }), f('window', 'Window', 'value', { placeholder: '1m' })] },
    pendingRequests: { defaults: { type: 'pendingRequests' }, fields: [f('activationThreshold', 'Activation threshold (requests)', 'value', { placeholder: '0' })] },
    prometheus: {
      defaults: { type: 'prometheus', metric: 'queueLength' },
      fields: [f('metric', 'Metric', 'select', { options: ['queueLength', 'concurrency', 'qpsPerReplica'] }), f('activationThreshold', 'Activation threshold', 'value', { placeholder: '0' }), f('window', 'Window', 'value', { placeholder: '2m' })],
    },
  },
};

/** The service form. */
export const SERVICE_SECTIONS: readonly SectionDef[] = [
    {
      title: 'Service',
      key: [],
      items: [
        f('name', 'Name', 'text'),
        f('replicas', 'Replicas', 'value', { placeholder: 'hpa.minReplicas or 1' }),
        f('gpusPerReplica', 'GPUs per replica', 'value', { placeholder: '1' }),
        f('concurrency', 'Concurrency', 'value', { placeholder: '1', help: 'requests served at once per replica' }),
        LATENCY_MODEL,
        LATENCY,
      ],
    },
    {
      title: 'LLM serving (token-level)',
      key: ['llm'],
      whenPresent: true,
      items: [
        f('model', 'Model', 'model', { options: KNOWN_LLM_MODELS, help: 'or a custom shape via Edit as YAML' }),
        f('precision', 'Precision', 'select', { options: ['bf16', 'fp16', 'fp8', 'int4'], placeholder: 'bf16', help: 'weights; int4 computes in 16-bit' }),
        f('kvCacheDtype', 'KV-cache dtype', 'select', { options: ['bf16', 'fp16', 'fp8'], placeholder: 'bf16' }),
        f('gpu', 'GPU', 'gpu', { help: "default: the node pool's GPU" }),
        f('inputTokens', 'Input tokens', 'value', { help: 'a number (replaces a distribution); distributions via Edit as YAML' }),
        f('outputTokens', 'Output tokens', 'value', { help: 'a number (replaces a distribution); distributions via Edit as YAML' }),
        f('maxBatchSize', 'Max batch size', 'value', { placeholder: '256', help: 'sequences per batch (vLLM max_num_seqs)' }),
        f('maxBatchedTokens', 'Max batched tokens', 'value', { placeholder: '8192', help: 'tokens per iteration' }),
        f('chunkedPrefill', 'Chunked prefill', 'checkbox'),
        f(['scheduler', 'steps'], 'Scheduler steps', 'value', { placeholder: '1', help: "decode iterations per scheduling round (vLLM 0.6's --num-scheduler-steps)" }),
        f(['scheduler', 'prefill'], 'Prefill batches', 'select', { options: ['mixed', 'separate'], placeholder: 'mixed', help: 'separate: a prefill batch runs alone, decodes wait (vLLM 0.6, SGLang 0.3); default separate when steps > 1' }),
        f('gpuMemoryUtilization', 'GPU memory share', 'value', { placeholder: '0.9' }),
      ],
    },
    {
      // Help under each field is the schema's description (llm-schema.ts llmSpeculativeSchema).
      title: 'Speculative decoding',
      key: ['llm', 'speculative'],
      optional: { create: { method: 'eagle', tokens: 3, acceptedLength: 2 } },
      items: [
        f('method', 'Proposer', 'select', { options: ['eagle', 'draft', 'ngram', 'mtp'] }),
        f('tokens', 'Draft tokens (k)', 'value'),
        f('acceptedLength', 'Accepted length', 'value'),
        f('acceptance', 'Acceptance α', 'value'),
        f('draftModel', 'Draft model', 'model', { options: KNOWN_LLM_MODELS }),
      ],
    },
    {
      title: 'Disaggregated decode pool',
      key: ['llm', 'disaggregated'],
      optional: { create: { decode: { replicas: 1 }, kvTransfer: { link: 'infiniband' } } },
      items: [
        f(['decode', 'nodePool'], 'Decode node pool', 'text', { help: 'the service itself prefills; decode runs as <name>-decode on this pool' }),
        f(['decode', 'gpu'], 'Decode GPU', 'gpu', { help: "default: the decode pool's GPU" }),
        f(['decode', 'replicas'], 'Decode replicas', 'value', { placeholder: '1' }),
        f(['decode', 'gpusPerReplica'], 'Decode GPUs per replica', 'value', { placeholder: '1' }),
        f(['kvTransfer', 'link'], 'KV-cache link', 'select', { options: ['nvlink', 'infiniband', 'ethernet'] }),
        f(['kvTransfer', 'gbps'], 'Link Gb/s', 'value', { placeholder: 'catalog figure' }),
      ],
    },
    { title: 'Queue', key: ['queue'], optional: { create: { timeout: '2s' } }, items: [f('maxLength', 'Max length'), f('timeout', 'Timeout')] },
    { title: 'Start-up', key: ['startup'], optional: { create: { imagePull: '45s', modelLoad: '60s' } }, items: [f('imagePull', 'Image pull', 'value', { placeholder: '0' }), f('modelLoad', 'Model load', 'value', { placeholder: '0' }), f('readiness', 'Readiness', 'value', { placeholder: '0' })] },
    {
      title: 'Dynamic batching',
      key: ['batching'],
      optional: { create: { maxBatchSize: 8, maxQueueDelay: '5ms', batchLatency: { baseMs: 30, perItemMs: 5 } } },
      items: [f('maxBatchSize', 'Max batch size'), f('maxQueueDelay', 'Max queue delay', 'value', { placeholder: '0' }), f(['batchLatency', 'baseMs'], 'Batch base (ms)'), f(['batchLatency', 'perItemMs'], 'Per item (ms)')],
    },
    {
      title: 'Autoscaler (HPA)',
      key: ['hpa'],
      optional: { create: { minReplicas: 2, maxReplicas: 20, metrics: [{ type: 'qpsPerReplica', target: 15 }] } },
      items: [
        f('minReplicas', 'Min replicas', 'value', { placeholder: '1' }),
        f('maxReplicas', 'Max replicas'),
        f('syncPeriod', 'Sync period', 'value', { placeholder: '15s' }),
        f('tolerance', 'Tolerance', 'value', { placeholder: '0.1' }),
        { kind: 'list', key: ['metrics'], label: 'Metrics', item: HPA_METRIC, create: { type: 'qpsPerReplica', target: 15 } },
      ],
    },
    {
      title: 'Scale to zero (KEDA)',
      key: ['keda'],
      optional: { create: { triggers: [{ type: 'requestRate' }], buffer: { timeout: '5m' } } },
      items: [
        f('minReplicaCount', 'Min replicas (0 = scale to zero)', 'value', { placeholder: '0' }),
        f('pollingInterval', 'Polling interval', 'value', { placeholder: '30s' }),
        f('cooldownPeriod', 'Cool-down period', 'value', { placeholder: '300s' }),
        f(['buffer', 'capacity'], 'Buffer: most waiting', 'value', { placeholder: 'unlimited' }),
        f(['buffer', 'timeout'], 'Buffer: timeout', 'value', { placeholder: 'none' }),
        { kind: 'list', key: ['triggers'], label: 'Triggers', item: KEDA_TRIGGER, create: { type: 'requestRate' } },
      ],
    },
    {
      title: 'Autoscaler (Knative KPA)',
      key: ['knative'],
      optional: { create: { metric: 'concurrency', target: 10 } },
      items: [
        f('metric', 'Metric', 'select', { options: ['concurrency', 'rps'], placeholder: 'concurrency' }),
        f('target', 'Target per pod', 'value', { placeholder: '100' }),
        f('targetUtilizationPercentage', 'Target utilization %', 'value', { placeholder: '70' }),
        f('minScale', 'Min scale (0 = scale to zero)', 'value', { placeholder: '0' }),
        f('maxScale', 'Max scale (0 = no limit)', 'value', { placeholder: '0' }),
        f('stableWindow', 'Stable window', 'value', { placeholder: '60s' }),
        f('panicThresholdPercentage', 'Panic threshold %', 'value', { placeholder: '200' }),
        f('scaleToZeroGracePeriod', 'Scale-to-zero grace period', 'value', { placeholder: '30s' }),
      ],
    }
];
