/**
 * Zod schema for `services[].knative`: the Knative Pod Autoscaler (KPA) over the service, as a Knative Service or
 * KServe serverless InferenceService runs it. The keys are the revision's `autoscaling.knative.dev/*` annotations in
 * camelCase (`metric`, `target`, `target-utilization-percentage`, `min-scale`, `max-scale`, `initial-scale`,
 * `activation-scale`, `scale-down-delay`, `window` as `stableWindow`, `panic-window-percentage`,
 * `panic-threshold-percentage`, `target-burst-capacity`, `scale-to-zero-pod-retention-period`), plus the revision's
 * `containerConcurrency` and the cluster-wide `config-autoscaler` keys a revision cannot override
 * (`max-scale-up-rate`, `max-scale-down-rate`, `scale-to-zero-grace-period`, `enable-scale-to-zero`,
 * `allow-zero-initial-scale`). Defaults and bounds are upstream's: knative/serving@98e5ef90
 * pkg/autoscaler/config/config.go `defaultConfig` and `validate`, pkg/apis/autoscaling/annotation_validation.go.
 * Bounds that depend on two keys (min ≤ max, activation-scale within them) are checked in `knativeIssues`.
 */
import * as z from 'zod';
import { MAX_QPS, MAX_REPLICAS } from './limits.ts';
import { kedaBufferSchema } from './keda-schema.ts';
import { durationSeconds } from './unit-fields.ts';
import { comparedWithFields } from './zod-issues.ts';

const HOUR = 3600;

/** `services[].knative`. */
export const knativeSchema = z.strictObject({
  metric: z.enum(['concurrency', 'rps']).default('concurrency').describe('autoscaling.knative.dev/metric: concurrency (default: requests in flight per pod, averaged over each second by the queue-proxy) or rps (requests per second per pod)'),
  target: z
    .number()
    .min(0.01)
    .max(MAX_QPS)
    .optional()
    .describe('autoscaling.knative.dev/target: the metric per pod at 100% utilization (default: containerConcurrency, or 100 when it is 0, for concurrency; 200 for rps; TargetMin 0.01). With containerConcurrency set, the smaller of the two'),
  metricAggregationAlgorithm: z
    .enum(['linear', 'weighted-exponential'])
    .default('linear')
    .describe('autoscaling.knative.dev/metric-aggregation-algorithm: linear (default: the plain average of the window) or weighted-exponential (the newest second weighs most: 0.2 for a 60 s window, 0.785 for a 6 s one)'),
  targetUtilizationPercentage: z
    .number()
    .min(1)
    .max(100)
    .default(70)
    .describe('autoscaling.knative.dev/target-utilization-percentage: the share of target the KPA aims for (default 70, container-concurrency-target-percentage; 1 to 100)'),
  containerConcurrency: z
    .number()
    .int()
    .min(0)
    .max(MAX_REPLICAS)
    .default(0)
    .describe("The revision's containerConcurrency: 0 (default) for no hard limit, else the queue-proxy's limit, which must equal the service's concurrency (its slots per replica)"),
  minScale: z.number().int().min(0).max(MAX_REPLICAS).default(0).describe('autoscaling.knative.dev/min-scale: fewest replicas (default 0: scale to zero)'),
  maxScale: z.number().int().min(0).max(MAX_REPLICAS).default(0).describe('autoscaling.knative.dev/max-scale: most replicas (default 0: no limit)'),
  initialScale: z
    .number()
    .int()
    .min(0)
    .max(MAX_REPLICAS)
    .default(1)
    .describe('autoscaling.knative.dev/initial-scale: replicas the revision starts with, held until reached (default 1; 0 only with allowZeroInitialScale)'),
  allowZeroInitialScale: z.boolean().default(false).describe('config-autoscaler allow-zero-initial-scale (default false)'),
  activationScale: z
    .number()
    .int()
    .min(2)
    .max(MAX_REPLICAS)
    .optional()
    .describe('autoscaling.knative.dev/activation-scale: the fewest replicas whenever the KPA wants any (from zero it scales straight to this); at least 2, within min/max-scale. Default: not set'),
  scaleDownDelay: durationSeconds('autoscaling.knative.dev/scale-down-delay: a scale-down applies only after the lower count has been wanted this long (the largest count of the window wins; default 0s, at most 1h, whole seconds)', { min: 0, max: HOUR, integer: true }).default(0),
  stableWindow: durationSeconds('autoscaling.knative.dev/window: the stable window the metric is averaged over (default 60s, 6s to 1h, whole seconds)', { min: 6, max: HOUR, integer: true }).default(60),
  panicWindowPercentage: z
    .number()
    .min(1)
    .max(100)
    .default(10)
    .describe('autoscaling.knative.dev/panic-window-percentage: the panic window as a percentage of the stable window (default 10: 6 s of 60 s; 1 to 100)'),
  panicThresholdPercentage: z
    .number()
    .min(110)
    .max(1000)
    .default(200)
    .describe('autoscaling.knative.dev/panic-threshold-percentage: panic when the panic window wants this percentage of the ready pods (default 200; 110 to 1000)'),
  targetBurstCapacity: z
    .number()
    .min(-1)
    .max(MAX_QPS)
    .default(211)
    .describe('autoscaling.knative.dev/target-burst-capacity: spare requests the revision should absorb; below it the activator stays in the path (default 211; 0: only at zero; -1: always). Reported, not routed through: see docs/fidelity.md'),
  maxScaleUpRate: z.number().gt(1).max(1e6).default(1000).describe('config-autoscaler max-scale-up-rate: at most ceil(rate × ready pods) per decision (default 1000; above 1)'),
  maxScaleDownRate: z.number().gt(1).max(1e6).default(2).describe('config-autoscaler max-scale-down-rate: at least floor(ready pods ÷ rate) per decision (default 2: halve at most; above 1)'),
  enableScaleToZero: z.boolean().default(true).describe('config-autoscaler enable-scale-to-zero (default true): false keeps at least 1 replica'),
  scaleToZeroGracePeriod: durationSeconds('config-autoscaler scale-to-zero-grace-period: the activator must have been in the path this long before the last replica goes (default 30s; above 0)', { min: 0, max: HOUR, exclusiveMin: true }).default(30),
  scaleToZeroPodRetentionPeriod: durationSeconds('autoscaling.knative.dev/scale-to-zero-pod-retention-period: the last replica stays this long after the revision went idle (default 0s, at most 1h)', { min: 0, max: HOUR }).default(0),
  buffer: kedaBufferSchema.optional().describe("The activator's hold on requests while no replica is ready: capacity and timeout (default: unlimited, no timeout)"),
});

/** A parsed `knative` block (seconds, percentages as written). */
export type KnativeSpec = z.output<typeof knativeSchema>;

/**
 * One cross-field problem of a `knative` block: the path under the service, the message, and the fields it was
 * compared with (paths under the service, as `comparedWithFields` takes them), so that it is dropped when one of those
 * is refused on its own: `minScale: 1e308` also gave "maxScale (2) must be at least minScale (1e+308)".
 */
export interface KnativeIssue {
  path: (string | number)[];
  input: unknown;
  message: string;
  params?: ReturnType<typeof comparedWithFields>;
}

/**
 * What annotation_validation.go `validateMinMaxScale` and `validateInitialScale` refuse, and the service fields the
 * KPA owns (`replicas`: the Deployment starts at initial-scale, so only that value; `concurrency`: containerConcurrency is the
 * queue-proxy's limit). Paths are relative to the service.
 */
export function knativeIssues(k: KnativeSpec, service: { replicas?: number | undefined; concurrency: number; hpa?: unknown; keda?: unknown }): KnativeIssue[] {
  const out: KnativeIssue[] = [];
  if (service.hpa !== undefined) out.push({ path: ['knative'], input: undefined, message: 'a service has one autoscaler: the KPA (knative) or an HPA (hpa), not both (a revision\'s autoscaling.knative.dev/class is kpa or hpa): remove one' });
  if (service.keda !== undefined) out.push({ path: ['knative'], input: undefined, message: 'a service has one autoscaler: the KPA (knative) or a KEDA ScaledObject (keda), not both: remove one' });
  // A Deployment read back (import k8s) carries its replicas: the KPA created it at initial-scale.
  if (service.replicas !== undefined && service.replicas !== k.initialScale) out.push({ path: ['replicas'], input: service.replicas, message: `the KPA starts the revision's Deployment at initialScale (${k.initialScale}): remove replicas, or set knative.initialScale: ${service.replicas}`, params: comparedWithFields(['replicas'], [['knative', 'initialScale']]) });
  if (k.maxScale !== 0 && k.maxScale < k.minScale) out.push({ path: ['knative', 'maxScale'], input: k.maxScale, message: `maxScale (${k.maxScale}) must be at least minScale (${k.minScale}), or 0 for no limit (validateMinMaxScale)`, params: comparedWithFields(['knative', 'maxScale'], [['knative', 'minScale']]) });
  if (k.activationScale !== undefined) {
    if (k.activationScale < k.minScale) out.push({ path: ['knative', 'activationScale'], input: k.activationScale, message: `activationScale (${k.activationScale}) must be at least minScale (${k.minScale}) (validateMinMaxScale)`, params: comparedWithFields(['knative', 'activationScale'], [['knative', 'minScale']]) });
    if (k.maxScale !== 0 && k.activationScale > k.maxScale) out.push({ path: ['knative', 'activationScale'], input: k.activationScale, message: `activationScale (${k.activationScale}) must be at most maxScale (${k.maxScale}) (validateMinMaxScale)`, params: comparedWithFields(['knative', 'activationScale'], [['knative', 'maxScale']]) });
  }
  if (k.initialScale === 0 && !k.allowZeroInitialScale) out.push({ path: ['knative', 'initialScale'], input: 0, message: 'initialScale 0 is not allowed by the cluster (validateInitialScale: "=0 not allowed by cluster"): set allowZeroInitialScale: true, or start at 1', params: comparedWithFields(['knative', 'initialScale'], [['knative', 'allowZeroInitialScale']]) });
  if (k.containerConcurrency !== 0 && k.containerConcurrency !== service.concurrency) {
    out.push({ path: ['knative', 'containerConcurrency'], input: k.containerConcurrency, message: `containerConcurrency is the queue-proxy's limit of requests served at once, which is the service's concurrency (${service.concurrency}): write ${service.concurrency}, or 0 for no hard limit`, params: comparedWithFields(['knative', 'containerConcurrency'], [['concurrency']]) });
  }
  return out;
}
