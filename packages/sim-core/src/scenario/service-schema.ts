/** Zod schema for `spec.services[]`: replicas, routing, service-time distribution, batching, queue, start-up, HPA. */
import * as z from 'zod';
import { callsSchema } from './call-schema.ts';
import { disruptionBudgetSchema } from './disruption-budget-schema.ts';
import { podAnnotationsSchema } from './pod-annotations-schema.ts';
import { hpaMetricSource } from './hpa-metric-source.ts';
import { hpaSchema } from './hpa-schema.ts';
import { scalesToZero } from '../keda/scaled-object-controller.ts';
import { kedaSchema } from './keda-schema.ts';
import { knativeIssues, knativeSchema } from './knative-schema.ts';
import { llmSchema } from './llm-schema.ts';
import { KNOWN_MODELS, MODEL_ALIASES, knownModel } from '../llm/llm-models.ts';
import { suggestNearest } from './suggest.ts';
import {
  MAX_BATCH_SIZE,
  MAX_CONCURRENCY,
  MAX_CPUS_PER_REPLICA,
  MAX_QPS,
  MAX_EMPIRICAL_SAMPLES,
  MAX_GPUS_PER_REPLICA,
  MAX_LATENCY_MS,
  MAX_NODE_POOLS,
  MAX_PROFILE_POINTS,
  MAX_QUEUE_LENGTH,
  MAX_REPLICAS,
  MAX_STARTUP_GB,
  MAX_TERMINATION_GRACE_SECONDS,
} from './limits.ts';
import { lognormalFromP50P99, meanSeconds } from '../random/service-time.ts';
import { formatNumber } from './describe-value.ts';
import { comparedWithFields } from './zod-issues.ts';
import { DEFAULT_REGISTRY_MBPS } from './startup-throughputs.ts';
import { durationMs, durationSeconds, fraction } from './unit-fields.ts';
import { isWholeMilli, toMilli } from '../hpa/milli-quantity.ts';
import { DEFAULT_TERMINATION_GRACE_SECONDS } from '../engine/termination-grace.ts';

/**
 * Kubernetes-style names: an RFC 1123 label (lower-case letters, digits and dashes, starting and ending with a letter
 * or digit), what the API server asks of a namespace, and of a label value such as the `app` label `export k8s`
 * writes. `-api` or `api-` was accepted and exported as a Deployment `kubectl apply` refuses.
 */
export const NAME_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
/** A scenario, service or pool name (NAME_PATTERN, at most 63 characters like a DNS label). */
// The pattern takes the empty string: an empty name is min(1)'s one message ("must not be empty"), not that plus
// the pattern's for the same field (two lines for `name: ""`).
export const nameSchema = z
  .string()
  .min(1)
  .max(63)
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)?$/, { message: 'expected lower-case letters, digits and dashes, starting and ending with a letter or digit ([a-z0-9-]+, a DNS label)' });

const HOUR = 3600;
const ms = (description: string) => durationMs(description, { min: 0, max: MAX_LATENCY_MS, exclusiveMin: true });

/** Per-request service time, discriminated by `distribution`; all values in ms. */
export const latencySchema = z
  .discriminatedUnion('distribution', [
    // 0 is allowed here only: a constant 0 ms is a pure router (a gateway that only calls onward).
    z.strictObject({ distribution: z.literal('constant').describe('Every request takes `ms`'), ms: durationMs('Fixed service time, ms (0: no own work, a pure router that only makes its calls)', { min: 0, max: MAX_LATENCY_MS }) }),
    z.strictObject({ distribution: z.literal('exponential').describe('Memoryless, mean `meanMs`'), meanMs: ms('Mean service time, ms') }),
    z
      .strictObject({ distribution: z.literal('lognormal').describe('Log-normal fitted to the median and p99'), p50Ms: ms('Median service time, ms'), p99Ms: ms('99th-percentile service time, ms') })
      .superRefine((l, ctx) => {
        if (l.p99Ms < l.p50Ms) {
          ctx.addIssue({ code: 'custom', path: ['p99Ms'], input: l.p99Ms, message: `must be at least p50Ms (${l.p50Ms}), got ${l.p99Ms}`, params: { siblings: ['p50Ms'] } });
          return;
        }
        // The tail sets the mean: p50 1e-300 ms with p99 1 h fits σ ≈ 303 and an infinite mean, so every replica
        // soon holds a request that never ends. A mean past the per-request limit is a unit slip, as a value is.
        const meanMs = meanSeconds(lognormalFromP50P99(l.p50Ms / 1000, l.p99Ms / 1000)) * 1000;
        if (!(meanMs <= MAX_LATENCY_MS)) {
          // A denormal p50 (1e-320 ms) overflows the ratio itself: it is said as a bound, not as "Infinity".
          const ratio = l.p99Ms / l.p50Ms;
          const ratioText = Number.isFinite(ratio) ? `= ${formatNumber(Number(ratio.toPrecision(3)))}` : 'above 1e308';
          ctx.addIssue({ code: 'custom', path: ['p99Ms'], input: l.p99Ms, message: `with p50Ms ${l.p50Ms} the fitted log-normal's mean is ${Number.isFinite(meanMs) ? `${formatNumber(Number(meanMs.toPrecision(3)))} ms` : 'infinite'}, above the limit of ${formatNumber(MAX_LATENCY_MS)} ms per request (p99/p50 ${ratioText}: the tail is too heavy; check the units)`, params: { siblings: ['p50Ms'] } });
        }
      }),
    z.strictObject({
      distribution: z.literal('empirical').describe('Resampled from measured service times'),
      samplesMs: z.array(z.number().min(0).max(MAX_LATENCY_MS)).min(1).max(MAX_EMPIRICAL_SAMPLES).describe('Observed service times, ms; sampled uniformly'),
    }),
  ])
  .describe('Per-request service time of one replica');

const batchPoint = z.tuple([z.number().int().min(1).max(MAX_BATCH_SIZE), ms('Batch service time, ms')]);

/** Batch service time as a function of batch size: linear, or a table interpolated linearly. */
export const batchLatencySchema = z
  .union([
  z.strictObject({
    baseMs: durationMs('Fixed part of a batch service time, ms', { min: 0, max: MAX_LATENCY_MS }),
    perItemMs: durationMs('Added service time per request in the batch, ms', { min: 0, max: MAX_LATENCY_MS }),
  }),
  z.strictObject({
    points: z.array(batchPoint).min(1).max(MAX_PROFILE_POINTS).describe('[[batchSize, ms], ...], interpolated linearly'),
  }),
  ])
  .describe('Service time of a whole batch: { baseMs, perItemMs } or { points: [[batchSize, ms], ...] }');

/** Triton-style dynamic batching. */
export const batchingSchema = z.strictObject({
  maxBatchSize: z.number().int().min(1).max(MAX_BATCH_SIZE).describe('Largest batch'),
  maxQueueDelay: durationSeconds('Longest a request waits for a batch to fill', { min: 0, max: 60 }).default(0),
  batchLatency: batchLatencySchema,
  callsPerBatch: z
    .boolean()
    .default(false)
    .describe("Make the service's calls once per batch, not once per request (a queue consumer writing its batch as one INSERT): every request of the batch waits for them"),
});

/** Queue cap and queue-wait timeout (per replica; the balancer queue for shared-queue routing). */
export const queueSchema = z.strictObject({
  maxLength: z.number().int().min(0).max(MAX_QUEUE_LENGTH).optional().describe('Requests beyond this are dropped'),
  timeout: durationSeconds('Longest queue wait before a request times out', { min: 0, max: HOUR, exclusiveMin: true }).optional(),
});

// At least 1 MB/s: a slower registry or disk is a unit slip (KB/s), and 5e-324 made a start-up "weights ∞ s".
const mbps = (description: string) => z.number().min(1).max(1e6).describe(description);

/** Pod start-up stages: seconds each, or computed from sizes and throughputs (image, weights) when given. */
export const startupSchema = z
  .strictObject({
    imagePull: durationSeconds('Image pull time (or give image: {sizeGB} to compute it)', { min: 0, max: HOUR }).optional(),
    modelLoad: durationSeconds('Model weights load time (or give weights: {source} to compute it)', { min: 0, max: HOUR }).optional(),
    readiness: durationSeconds('Readiness-probe delay', { min: 0, max: HOUR }).default(0),
    image: z
      .strictObject({
        sizeGB: z.number().positive().max(MAX_STARTUP_GB).describe('Compressed image size, GB (decimal)'),
        registryMBps: mbps(`Effective pull bandwidth, MB/s: download and extract (default ${DEFAULT_REGISTRY_MBPS})`).default(DEFAULT_REGISTRY_MBPS),
      })
      .optional()
      .describe('Image pull = sizeGB ÷ registryMBps, skipped on a node that already has the image'),
    weights: z
      .strictObject({
        source: z.enum(['hub', 'persistentVolume', 'localNvme']).describe('Where the weights are read from: a model hub over the network, a persistent volume, or the node\'s local NVMe'),
        sizeGB: z.number().positive().max(MAX_STARTUP_GB).optional().describe('Weights, GB (decimal); default: the llm model\'s weights at its precision'),
        throughputMBps: mbps('Read throughput, MB/s (default by source: hub 171, persistentVolume 335, localNvme 892)').optional(),
      })
      .optional()
      .describe('Weight load = sizeGB ÷ throughput, for every new pod'),
    engineStart: durationSeconds('Inference engine start after the weights are in: CUDA graphs, compilation, warm-up (default 0)', { min: 0, max: HOUR }).default(0),
  })
  .superRefine((st, ctx) => {
    if (st.image !== undefined && st.imagePull !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['imagePull'], input: st.imagePull, message: 'give imagePull (seconds) or image (size and bandwidth), not both' });
    }
    if (st.weights !== undefined && st.modelLoad !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['modelLoad'], input: st.modelLoad, message: 'give modelLoad (seconds) or weights (source and size), not both' });
    }
  })
  .transform((st) => ({ ...st, imagePull: st.imagePull ?? 0, modelLoad: st.modelLoad ?? 0 }));

/** A response cache in front of the replicas: hits are answered at its latency and never reach a GPU. */
export const cacheSchema = z.strictObject({
  hitRatio: fraction('Share of requests the cache answers (0.3 or "30%")'),
  latency: durationMs('Latency of a cache hit, ms', { min: 0, max: MAX_LATENCY_MS }),
});

/** `spec.services[]`; `replicas` defaults to `hpa.minReplicas`, else 1. */
export const serviceSchema = z
  .strictObject({
    name: nameSchema.describe('Unique service name'),
    replicas: z.number().int().min(0).max(MAX_REPLICAS).optional().describe('Initial replicas (default hpa.minReplicas, else 1)'),
    gpusPerReplica: z.number().int().min(0).max(MAX_GPUS_PER_REPLICA).optional().describe('GPUs each replica requests (default 1; 0 when cpuPerReplica is given)'),
    cpuPerReplica: z.number().min(0).max(MAX_CPUS_PER_REPLICA).optional().describe('vCPUs each replica requests: a CPU service (on a CPU node pool when it has one); concurrency is its worker threads'),
    concurrency: z.number().int().min(1).max(MAX_CONCURRENCY).default(1).describe('Requests served at once per replica'),
    routing: z
      .enum(['least-outstanding', 'round-robin', 'random', 'shared-queue', 'prefix-aware'])
      .default('least-outstanding')
      .describe('Load-balancing policy; shared-queue is one FIFO at the balancer (M/M/c); prefix-aware (llm) sends a session or prompt template to the replica that cached it, least-outstanding when that replica is too loaded'),
    latency: latencySchema.optional(),
    llm: llmSchema.optional().describe('Token-level LLM serving (instead of latency): prefill/decode from the GPU, continuous batching, KV cache'),
    batching: batchingSchema.optional().describe('Dynamic batching (Triton-style); omit for one request at a time'),
    queue: queueSchema.optional().describe('Queue cap and timeout; omit for an unbounded queue'),
    startup: startupSchema.prefault({}).describe('Pod start-up stages before a new replica serves (default 0 each)'),
    nodePool: z
      .union([z.string(), z.array(z.string()).min(1).max(MAX_NODE_POOLS)])
      .optional()
      .describe('Node pool the replicas run on, or a list of pools any of which they may use (required when nodePools exist)'),
    hpa: hpaSchema.optional().describe('Horizontal Pod Autoscaler; omit for a fixed replica count'),
    keda: kedaSchema.optional().describe('KEDA ScaledObject: scales 0 ↔ 1 on its triggers (the hpa block is the HPA it drives for 1 ↔ N); requests at zero wait in its buffer or fail'),
    knative: knativeSchema
      .optional()
      .describe('Knative Pod Autoscaler (KPA): a Knative Service or KServe serverless revision, scaled on concurrency or rps with stable and panic windows, to zero and back through the activator (instead of hpa or keda)'),
    cache: cacheSchema.optional().describe('Response cache in front of the replicas'),
    team: nameSchema.optional().describe('Team (namespace, spec.teams) the replicas belong to: its GPU quota and showback'),
    priorityClass: nameSchema.optional().describe('PriorityClass of the replicas (spec.priorityClasses; default priority 0)'),
    disruptionBudget: disruptionBudgetSchema.optional(),
    podAnnotations: podAnnotationsSchema.optional(),
    terminationGracePeriod: durationSeconds(
      "The pod's terminationGracePeriodSeconds (default 30s, Kubernetes' default; max 1h): a terminating replica (scale-down, drain, eviction, spot notice) is killed this long after it leaves the endpoints, with whatever it still serves",
      { min: 0, max: MAX_TERMINATION_GRACE_SECONDS },
    ).default(DEFAULT_TERMINATION_GRACE_SECONDS),
    calls: callsSchema.optional(),
    releaseDuringCalls: z
      .boolean()
      .default(false)
      .describe('false: a replica\'s slot stays taken while a request waits on its calls (thread per request); true: it is freed (async server)'),
    rateLimit: z
      .strictObject({
        perSecond: z.number().positive().max(MAX_QPS).describe('Requests accepted per second (token bucket refill)'),
        burst: z.number().int().min(1).max(MAX_QPS).optional().describe('Bucket size: requests accepted at once after a quiet spell (default: one second of perSecond)'),
      })
      .optional()
      .describe('A rate limit in front of the service (an external API\'s quota): requests beyond it are refused'),
  })
  .superRefine((s, ctx) => {
    if (s.latency === undefined && s.llm === undefined) {
      ctx.addIssue({ code: 'custom', path: ['latency'], input: undefined, message: 'missing required field "latency" (or "llm" for token-level LLM serving)', params: { missing: true } });
    }
    if (s.latency !== undefined && s.llm !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['llm'], input: undefined, message: 'give either latency (per-request service time) or llm (token-level), not both' });
    }
    if (s.routing === 'shared-queue' && (s.llm !== undefined || s.batching !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['routing'],
        input: s.routing,
        message: `shared-queue routing feeds one request at a time to a free slot, but ${s.llm !== undefined ? 'an llm service batches continuously' : 'a batching service forms batches'} from its own queue: use least-outstanding (default), round-robin or random`,
      });
    }
    if (s.routing === 'prefix-aware' && (s.llm === undefined || (s.llm.prefix === undefined && s.llm.sessions === undefined))) {
      ctx.addIssue({
        code: 'custom',
        path: ['routing'],
        input: s.routing,
        message: 'prefix-aware routing follows shared prompt prefixes and sessions: give llm.prefix or llm.sessions, or use least-outstanding (default)',
      });
    }
    s.hpa?.metrics.forEach((m, i) => {
      const src = hpaMetricSource(m, s.routing);
      if (src === 'Pods' && m.type === 'queueLength' && s.routing === 'shared-queue') {
        ctx.addIssue({
          code: 'custom',
          path: ['hpa', 'metrics', i, 'source'],
          input: 'Pods',
          message: 'a shared queue is one queue at the balancer, not a per-pod sample: it reaches the HPA as an External metric (omit source, or write source: External)',
        });
      }
      if (src === 'Pods' && 'targetType' in m && m.targetType === 'Value') {
        ctx.addIssue({
          code: 'custom',
          path: ['hpa', 'metrics', i, 'targetType'],
          input: 'Value',
          message: 'a Pods metric takes an AverageValue target only (autoscaling/v2 PodsMetricSource): use source: External for a Value target',
        });
      }
    });
    // A token-level service is timed on its GPUs (tensor parallel over gpusPerReplica): with none it ran as one
    // GPU while its replicas requested none ("0 GPUs at peak" beside tokens served on an H100).
    if (s.llm !== undefined && (s.gpusPerReplica === 0 || (s.gpusPerReplica === undefined && s.cpuPerReplica !== undefined))) {
      const field = s.gpusPerReplica === 0 ? 'gpusPerReplica' : 'cpuPerReplica';
      ctx.addIssue({ code: 'custom', path: [field], input: s[field], message: `an llm service runs on GPUs (llm.gpu, tensor parallel over gpusPerReplica): ${field === 'gpusPerReplica' ? 'give gpusPerReplica of at least 1' : 'give gpusPerReplica instead of cpuPerReplica'}` });
    }
    // Kubernetes schedules CPU in whole millicores: kube-scheduler adds each pod's request as MilliValue(), rounded up
    // (kubernetes/kubernetes@00fdf757 pkg/scheduler/framework/types.go `(*Resource).Add`; kubernetes/apimachinery@eed236ce
    // pkg/api/resource/quantity.go `MilliValue`). 0.0001 packed 10,000 replicas per vCPU here, 1,000 in a cluster, and
    // `export k8s` wrote "0.0001", which imports back as 0.001. Refused rather than rounded: the figure simulated is
    // then the one deployed, and a round trip keeps it.
    if (s.cpuPerReplica !== undefined && !isWholeMilli(s.cpuPerReplica)) {
      const m = toMilli(s.cpuPerReplica);
      ctx.addIssue({ code: 'custom', path: ['cpuPerReplica'], input: s.cpuPerReplica, message: `Kubernetes counts a CPU request in whole millicores (kube-scheduler rounds up): ${formatNumber(s.cpuPerReplica)} CPUs is scheduled as ${m}m; give a multiple of 0.001, such as ${formatNumber(m / 1000)}` });
    }
    if (s.cpuPerReplica !== undefined && s.gpusPerReplica !== undefined && s.gpusPerReplica > 0) {
      ctx.addIssue({ code: 'custom', path: ['cpuPerReplica'], input: s.cpuPerReplica, message: 'a replica requests GPUs or is a CPU service: give gpusPerReplica or cpuPerReplica, not both' });
    }
    if (s.keda !== undefined && s.keda.minReplicaCount > 0 && s.hpa !== undefined && s.hpa.minReplicas !== s.keda.minReplicaCount) {
      ctx.addIssue({
        code: 'custom',
        path: ['hpa', 'minReplicas'],
        input: s.hpa.minReplicas,
        message: `KEDA sets the HPA's minReplicas to minReplicaCount when it is above 0 (GetHPAMinReplicas): write hpa.minReplicas: ${s.keda.minReplicaCount}`,
        params: comparedWithFields(['hpa', 'minReplicas'], [['keda', 'minReplicaCount']]),
      });
    }
    // The ScaledObject's triggers are the HPA's metrics (export k8s writes one per metric): KEDA's webhook refuses a
    // fallback when every trigger is cpu or memory (kedacore/keda@8b4f083 apis/keda/v1alpha1/scaledobject_types.go
    // CheckFallbackValid, called by scaledobject_webhook.go verifyFallback): their metrics never pass through KEDA.
    if (s.keda?.fallback !== undefined && s.hpa !== undefined && s.hpa.metrics.every((m) => m.type === 'cpuUtilization')) {
      ctx.addIssue({
        code: 'custom',
        path: ['keda', 'fallback'],
        input: undefined,
        message: 'KEDA refuses a fallback when every trigger is cpu or memory (CheckFallbackValid: "at least one trigger (that is not cpu or memory) has to have the `AverageValue` type"): the HPA reads CPU from metrics-server, not through KEDA. Add a metric KEDA serves (qpsPerReplica, concurrency, queueLength…) or remove fallback',
      });
    }
    if (s.startup.weights !== undefined && s.startup.weights.sizeGB === undefined && s.llm === undefined) {
      ctx.addIssue({ code: 'custom', path: ['startup', 'weights', 'sizeGB'], input: undefined, message: "give the weights' size in GB (it defaults to the llm model's weights only on an llm service)" });
    }
    if (s.keda !== undefined && s.keda.buffer !== undefined && !scalesToZero(s.keda)) {
      ctx.addIssue({
        code: 'custom',
        path: ['keda', 'buffer'],
        input: undefined,
        message: 'the buffer holds requests at zero replicas; with minReplicaCount above 0 (and no idleReplicaCount: 0) the service never scales to zero: remove it, or set minReplicaCount: 0 or idleReplicaCount: 0',
        params: comparedWithFields(['keda', 'buffer'], [['keda', 'minReplicaCount'], ['keda', 'idleReplicaCount']]),
      });
    }
    if (s.llm?.disaggregated !== undefined && (s.llm.prefix !== undefined || s.llm.sessions !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['llm', 'disaggregated'], input: undefined, message: 'disaggregated serving with prompt prefixes or sessions is not modelled yet (where a cached prefix lives between the two pools): remove llm.prefix/llm.sessions or llm.disaggregated' });
    }
    if (s.llm?.disaggregated !== undefined && s.keda !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['keda'], input: undefined, message: 'scale to zero of a disaggregated service is not modelled (two pools would have to wake together): remove keda or llm.disaggregated' });
    }
    if (s.llm?.lora !== undefined) {
      // The LoRA admission rule is ported on the reserved and paged admissions (engine/llm-executor.ts admitLora, admitPaged),
      // with cached prefixes keyed by adapter; these have admissions or costs of their own.
      const path = ['llm', 'lora'];
      if (s.llm.speculative !== undefined) ctx.addIssue({ code: 'custom', path, input: undefined, message: 'lora with speculative decoding is not modelled yet (the proposer would need its own adapter costs): remove llm.speculative or llm.lora' });
      if ((s.llm.scheduler?.steps ?? 1) > 1) ctx.addIssue({ code: 'custom', path, input: undefined, message: 'lora with multi-step scheduling (steps > 1) is not modelled yet: use steps 1 or remove llm.lora' });
      if (s.llm.disaggregated !== undefined) ctx.addIssue({ code: 'custom', path, input: undefined, message: 'lora with disaggregated serving is not modelled (both pools would hold the adapters): remove llm.disaggregated or llm.lora' });
    }
    if (s.llm?.scheduler?.kvAllocation === 'paged') {
      // Paged allocation (engine/paged-kv.ts) is ported where its rules are vLLM's own; these combinations would be guesswork.
      const path = ['llm', 'scheduler', 'kvAllocation'];
      if (s.llm.speculative !== undefined) {
        ctx.addIssue({ code: 'custom', path, input: 'paged', message: "kvAllocation paged with speculative decoding is not modelled (the executor draws a sequence's speculative steps ahead and keeps no per-step context, which block-by-block growth needs): use reserve or remove llm.speculative" });
      }
      if (s.llm.disaggregated !== undefined) {
        ctx.addIssue({ code: 'custom', path, input: 'paged', message: 'kvAllocation paged with disaggregated serving is not modelled (a decode replica has no prefill path to recompute a preempted sequence, which vLLM re-prefills or reloads through its KV connector): use reserve or remove llm.disaggregated' });
      }
    }
    const spec = s.llm?.speculative;
    if (spec !== undefined && s.llm!.scheduler !== undefined && s.llm!.scheduler.steps > 1) {
      // vLLM 0.6 refuses the pair: EngineArgs.create_engine_config raises "Speculative decoding is not supported with
      // multi-step (--num-scheduler-steps > 1)" (the error as a user's launch script quotes it; the vllm mirror is over the size limit here).
      ctx.addIssue({ code: 'custom', path: ['llm', 'scheduler', 'steps'], input: s.llm!.scheduler.steps, message: 'speculative decoding with multi-step rounds is not modelled (vLLM refuses the pair): use steps: 1 or remove llm.speculative' });
    }
    if (spec?.draftModel !== undefined) {
      const draft = knownModel(spec.draftModel);
      const target = s.llm!.model;
      const targetVocab = typeof target === 'string' ? knownModel(target)?.vocabSize : target.vocabSize;
      if (draft === undefined) {
        const known = [...Object.keys(KNOWN_MODELS), ...Object.keys(MODEL_ALIASES)];
        const near = suggestNearest(spec.draftModel, known);
        ctx.addIssue({ code: 'custom', path: ['llm', 'speculative', 'draftModel'], input: spec.draftModel, message: `unknown draft model "${spec.draftModel}": use one of ${Object.keys(KNOWN_MODELS).join(', ')}${near === undefined ? '' : ` (did you mean ${near}?)`}` });
      } else if (targetVocab !== undefined && draft.vocabSize !== targetVocab) {
        ctx.addIssue({ code: 'custom', path: ['llm', 'speculative', 'draftModel'], input: spec.draftModel, message: `the draft model's vocabulary (${draft.vocabSize} tokens) is not the target's (${targetVocab}): a draft must share the target's tokenizer for its tokens to be verified` });
      }
    }
    if (s.knative !== undefined) for (const i of knativeIssues(s.knative, s)) ctx.addIssue({ code: 'custom', ...i });
    if (s.llm?.disaggregated !== undefined && s.knative !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['knative'], input: undefined, message: 'scale to zero of a disaggregated service is not modelled (two pools would have to wake together): remove knative or llm.disaggregated' });
    }
    if (s.llm !== undefined && s.batching !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['batching'], input: undefined, message: 'an llm service batches continuously: use llm.maxBatchSize and llm.maxBatchedTokens instead of batching' });
    }
  })
  .transform((s) => ({ ...s, gpusPerReplica: s.gpusPerReplica ?? (s.cpuPerReplica !== undefined ? 0 : 1), replicas: s.replicas ?? (s.knative !== undefined ? s.knative.initialScale : (s.hpa?.minReplicas ?? 1)) }));

/** A parsed service-time distribution (ms). */
export type LatencySpec = z.output<typeof latencySchema>;
/** A parsed batching block. */
export type BatchingSpec = z.output<typeof batchingSchema>;
/** A parsed batch-latency model (ms). */
export type BatchLatencySpec = z.output<typeof batchLatencySchema>;
/** A parsed cache block (latency in ms). */
export type CacheSpec = z.output<typeof cacheSchema>;
/** A parsed queue block. */
export type QueueSpec = z.output<typeof queueSchema>;
/** Parsed start-up stages (seconds). */
export type StartupSpec = z.output<typeof startupSchema>;
/** A parsed service with defaults applied. */
export type ServiceSpec = z.output<typeof serviceSchema>;
