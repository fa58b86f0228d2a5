/**
 * The inspector's forms, as data: for each component kind, the sections and fields it edits,
 * keyed by their path inside the component's document object. Placeholders show the schema
 * default (an empty box means "default"). Fields not listed here are still editable through the
 * component's YAML box; validation is always sim-core's.
 */
import { KNOWN_MODELS, type PathSegment } from '@design-sim/sim-core';
import type { PlainObject } from './doc-path.ts';
import type { ComponentKind } from './design-graph.ts';

/** How a field is edited. `value` boxes accept numbers or unit strings (`2h`, `50ms`, `10K`, `50%`). */
export type FieldInput = 'value' | 'text' | 'select' | 'checkbox' | 'instance' | 'gpu' | 'lines' | 'pairs' | 'numbers' | 'claims' | 'model';

/** One field. */
export interface FieldDef {
  kind: 'field';
  key: PathSegment[];
  label: string;
  input: FieldInput;
  options?: readonly string[];
  placeholder?: string;
  help?: string;
}

/** A sub-object whose fields depend on a discriminator (`latency.distribution`, `profile.type`). */
export interface VariantDef {
  kind: 'variant';
  key: PathSegment[];
  discriminator: string;
  label: string;
  variants: Readonly<Record<string, { defaults: PlainObject; fields: FieldDef[] }>>;
  /** Hidden when this sibling key is present (a service with `llm` has no `latency`). */
  hiddenWhen?: string;
}

/**
 * A choice between mutually exclusive keys of the component (a service's `latency` or `llm`):
 * choosing a mode removes the other modes' keys and starts its own from `create`.
 */
export interface ModeDef {
  kind: 'mode';
  label: string;
  /** Option label → the key it owns and the value that key starts with. */
  modes: Readonly<Record<string, { key: string; create: PlainObject }>>;
}

/** A list of variant items (HPA metrics). */
export interface ListDef {
  kind: 'list';
  key: PathSegment[];
  label: string;
  item: VariantDef;
  /** The item added by "+". */
  create: PlainObject;
}

/** A titled group of fields; `optional` sections can be added and removed as a whole. */
export interface SectionDef {
  title: string;
  /** Path of the section's object (relative to the component), or [] for the component itself. */
  key: PathSegment[];
  optional?: { create: PlainObject };
  /** Shown only while its object exists, with no Add/Remove (a mode of the parent owns it). */
  whenPresent?: boolean;
  items: (FieldDef | VariantDef | ListDef | ModeDef)[];
}

const f = (key: PathSegment | PathSegment[], label: string, input: FieldInput = 'value', extra: Partial<FieldDef> = {}): FieldDef => ({
  kind: 'field',
  key: Array.isArray(key) ? key : [key],
  label,
  input,
  ...extra,
});

const PROFILE: VariantDef = {
  kind: 'variant',
  key: ['profile'],
  discriminator: 'type',
  label: 'Profile',
  variants: {
    constant: { defaults: { type: 'constant', qps: 100 }, fields: [f('qps', 'Requests/s')] },
    step: { defaults: { type: 'step', from: 100, to: 500, at: '30m' }, fields: [f('from', 'From (req/s)'), f('to', 'To (req/s)'), f('at', 'At', 'value', { help: 'time, e.g. 30m' })] },
    ramp: {
      defaults: { type: 'ramp', from: 100, to: 1000, start: '30m', end: '1h30m' },
      fields: [f('from', 'From (req/s)'), f('to', 'To (req/s)'), f('start', 'Ramp starts'), f('end', 'Ramp ends')],
    },
    spike: {
      defaults: { type: 'spike', base: 100, peak: 1000, at: '1h', duration: '10m' },
      fields: [f('base', 'Base (req/s)'), f('peak', 'Peak (req/s)'), f('at', 'At'), f('duration', 'Holds for'), f('rampUp', 'Ramp up', 'value', { placeholder: '0' }), f('rampDown', 'Ramp down', 'value', { placeholder: '0' })],
    },
    diurnal: {
      defaults: { type: 'diurnal', min: 100, max: 1000, peakAt: '14:00' },
      fields: [f('min', 'Trough (req/s)'), f('max', 'Peak (req/s)'), f('peakAt', 'Peak at', 'value', { placeholder: '14:00' }), f('period', 'Period', 'value', { placeholder: '24h' })],
    },
    points: {
      defaults: { type: 'points', points: [[0, 100], ['1h', 1000]] },
      fields: [f('points', 'Points (time, req/s per line)', 'pairs', { help: 'piecewise linear, flat after the last point' })],
    },
  },
};

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
export const KNOWN_LLM_MODELS: readonly string[] = Object.keys(KNOWN_MODELS);

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

const PROVISIONING: VariantDef = {
  kind: 'variant',
  key: [],
  discriminator: 'distribution',
  label: 'Distribution',
  variants: {
    lognormal: { defaults: { distribution: 'lognormal', p50: '4m', p95: '10m' }, fields: [f('p50', 'p50'), f('p95', 'p95')] },
    constant: { defaults: { distribution: 'constant', value: '4m' }, fields: [f('value', 'Time')] },
  },
};

const ROUTING = ['least-outstanding', 'round-robin', 'random', 'shared-queue'] as const;

/** The sections of each kind's form. */
/** A call between services (a selected call edge): its fields inside the caller's `calls`. */
export const CALL_SECTIONS: readonly SectionDef[] = [
  {
    title: 'Call',
    key: [],
    items: [
      f('to', 'Calls service', 'text'),
      f('probability', 'Probability', 'value', { placeholder: '1' }),
      f('async', 'Async (fire and forget)', 'checkbox'),
      f('timeout', 'Timeout', 'value', { placeholder: 'none' }),
      f('retries', 'Retries', 'value', { placeholder: '0' }),
      f('connections', 'Connection pool per caller replica', 'value', { placeholder: 'no limit' }),
    ],
  },
  { title: 'Retry back-off', key: ['backoff'], optional: { create: { base: '25ms' } }, items: [f('base', 'Base'), f('max', 'Max', 'value', { placeholder: '10 × base' }), f('jitter', 'Full jitter', 'checkbox')] },
];

export const INSPECTOR_SECTIONS: Readonly<Record<ComponentKind, readonly SectionDef[]>> = {
  traffic: [{ title: 'Traffic', key: [], items: [f('arrivals', 'Arrivals', 'select', { options: ['poisson', 'uniform'], placeholder: 'poisson' }), PROFILE] }],
  loadBalancer: [{ title: 'Load balancer', key: [], items: [f('routing', 'Routing', 'select', { options: ROUTING, help: 'shared-queue = one FIFO at the balancer (M/M/c)' })] }],
  cache: [{ title: 'Cache', key: [], items: [f('hitRatio', 'Hit ratio', 'value', { help: '0.3 or 30%' }), f('latency', 'Hit latency', 'value', { help: 'e.g. 2ms' })] }],
  service: [
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
        f('gpuMemoryUtilization', 'GPU memory share', 'value', { placeholder: '0.9' }),
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
  ],
  nodePool: [
    {
      title: 'Node pool',
      key: [],
      items: [
        f('name', 'Name', 'text'),
        f('provisioner', 'Provisioner', 'select', { options: ['cluster-autoscaler', 'karpenter'], placeholder: 'cluster-autoscaler' }),
        f('instance', 'Instance', 'instance'),
        f('minNodes', 'Min nodes', 'value', { placeholder: '0' }),
        f('maxNodes', 'Max nodes'),
        f('initialNodes', 'Initial nodes', 'value', { placeholder: 'minNodes' }),
        f('spotShare', 'Spot share', 'value', { placeholder: '0', help: '0.5 or 50%' }),
        f('purchase', 'Non-spot pricing', 'select', { options: ['on-demand', 'commit1y', 'commit3y'], placeholder: 'on-demand' }),
      ],
    },
    { title: 'Provisioning time', key: ['provisioning'], optional: { create: { distribution: 'lognormal', p50: '4m', p95: '10m' } }, items: [{ ...PROVISIONING }] },
    {
      title: 'Cluster autoscaler',
      key: ['clusterAutoscaler'],
      optional: { create: {} },
      items: [
        f('scanInterval', 'Scan interval', 'value', { placeholder: '10s' }),
        f('scaleDownUnneededTime', 'Scale-down unneeded', 'value', { placeholder: '10m' }),
        f('scaleDownDelayAfterAdd', 'Scale-down delay after add', 'value', { placeholder: '10m' }),
        f('scaleDownUtilizationThreshold', 'Utilization threshold', 'value', { placeholder: '0.5' }),
        f('maxNodeProvisionTime', 'Max provision time', 'value', { placeholder: '15m' }),
        f('enabled', 'Enabled', 'checkbox'),
      ],
    },
    { title: 'Spot interruptions', key: ['spot'], optional: { create: { interruptionsPerNodeHour: 0.005 } }, items: [f('interruptionsPerNodeHour', 'Per node-hour'), f('notice', 'Notice', 'value', { placeholder: 'by cloud' })] },
    {
      title: 'Karpenter NodePool',
      key: ['karpenter'],
      optional: { create: { instanceTypes: ['aws/us-east-1/g5.xlarge', 'aws/us-east-1/g5.2xlarge'], capacityTypes: ['spot', 'on-demand'] } },
      items: [
        f('instanceTypes', 'Instance types (one per line)', 'lines'),
        f('capacityTypes', 'Capacity types (one per line)', 'lines', { placeholder: 'on-demand' }),
        f(['limits', 'gpus'], 'Limit: GPUs', 'value', { placeholder: 'none' }),
        f(['limits', 'nodes'], 'Limit: nodes', 'value', { placeholder: 'none' }),
        f(['disruption', 'consolidationPolicy'], 'Consolidation policy', 'select', { options: ['WhenEmpty', 'WhenEmptyOrUnderutilized'], placeholder: 'WhenEmptyOrUnderutilized' }),
        f(['disruption', 'consolidateAfter'], 'Consolidate after', 'value', { placeholder: '0s' }),
      ],
    },
  ],
  training: [
    {
      title: 'Training job',
      key: [],
      items: [
        f('parameters', 'Parameters', 'value', { help: '7e9 or 7B' }),
        f('tokens', 'Tokens', 'value', { help: '2e12 or 2T' }),
        f('instance', 'Instance', 'instance', { help: 'with nodes; or use GPU + GPUs' }),
        f('nodes', 'Nodes'),
        f('gpu', 'GPU', 'gpu'),
        f('gpus', 'GPUs'),
        f('pricePerGpuHour', '$ per GPU-hour'),
        f('purchase', 'Pricing', 'select', { options: ['on-demand', 'spot', 'commit1y', 'commit3y'], placeholder: 'on-demand' }),
        f('mfu', 'MFU', 'value', { help: '0.4 or 40%' }),
        f('precision', 'Precision', 'select', { options: ['bf16', 'fp8'], placeholder: 'bf16' }),
        f('interruptionsPerNodeHour', 'Interruptions / node-h'),
        f('budgetUsd', 'Budget (USD)'),
        f('zeroStage', 'ZeRO stage', 'value', { placeholder: '3', help: '0 none … 3 full shard (FSDP)' }),
        f('activationGBPerGpu', 'Activations (GB/GPU)', 'value', { placeholder: '0' }),
      ],
    },
    { title: 'Checkpointing', key: ['checkpoint'], optional: { create: { every: '1h', save: '3m', restart: '10m' } }, items: [f('every', 'Every'), f('save', 'Save time', 'value', { placeholder: '0' }), f('restart', 'Restart time', 'value', { placeholder: '0' })] },
  ],
};

/** The scenario-wide form (nothing selected), relative to the document root. */
export const SCENARIO_SECTIONS: readonly SectionDef[] = [
  { title: 'Scenario', key: ['metadata'], items: [f('name', 'Name', 'text'), f('title', 'Title', 'text')] },
  {
    title: 'Run',
    key: ['spec'],
    items: [
      f('duration', 'Duration', 'value', { help: 'e.g. 2h, 24h (max 7d)' }),
      f('warmup', 'Warm-up', 'value', { placeholder: '0' }),
      f('seed', 'Seed', 'value', { placeholder: '1' }),
      f('interval', 'Chart interval', 'value', { placeholder: '60s' }),
      f('catalogDate', 'Catalog date', 'text', { placeholder: 'latest', help: 'YYYY-MM-DD: prices in force that day' }),
    ],
  },
  { title: 'Cluster', key: ['spec', 'cluster'], optional: { create: { controlPlane: 'eks' } }, items: [f('controlPlane', 'Control plane', 'select', { options: ['gke', 'eks', 'aks', 'none'] }), f('clusters', 'Clusters', 'value', { placeholder: '1' })] },
  { title: 'Expectations', key: ['spec'], items: [f('expect', 'One per line: metric op value', 'lines', { help: 'e.g. latency.p99 < 100ms' })] },
  { title: 'Your estimates (claims)', key: ['spec'], items: [f('claims', 'One per line: metric: value', 'claims', { help: 'graded against the run' })] },
];
