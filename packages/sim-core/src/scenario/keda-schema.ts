/**
 * Zod schema for `services[].keda`: a KEDA ScaledObject over the service, field names as in
 * keda.sh/v1alpha1 ScaledObject (`minReplicaCount`, `idleReplicaCount`, `pollingInterval`, `cooldownPeriod`,
 * `initialCooldownPeriod`, `triggers[].activationThreshold`). KEDA owns 0 ↔ 1; the service's `hpa` block is
 * the HPA KEDA creates for 1 ↔ N (its minReplicas is max(minReplicaCount, 1), as `GetHPAMinReplicas` sets it).
 * `buffer` is where requests wait while there is no ready replica: the KEDA HTTP add-on interceptor
 * (`coldStart.maxPendingRequests`, readiness timeout) or Knative's activator. Defaults: KEDA's
 * (apis/keda/v1alpha1, pkg/scaling/executor/scale_executor.go at kedacore/keda@8b4f083c).
 */
import * as z from 'zod';
import { MAX_KEDA_TRIGGERS, MAX_QPS, MAX_QUEUE_LENGTH, MAX_REPLICAS } from './limits.ts';
import { durationSeconds } from './unit-fields.ts';

const HOUR = 3600;
const activationThreshold = z
  .number()
  .min(0)
  .max(MAX_QPS)
  .default(0)
  .describe('The trigger is active when its value is strictly above this (default 0: any request activates)');

/** One trigger: what KEDA polls to decide 0 ↔ 1. */
export const kedaTriggerSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('requestRate').describe('Requests per second arriving at the service, counted at the interceptor (waiting at zero included), over a sliding window (KEDA HTTP add-on requestRate)'),
    activationThreshold,
    window: durationSeconds('Sliding window of the rate (HTTP add-on default 1m, granularity 1 s)', { min: 1, max: HOUR }).default(60),
  }),
  z.strictObject({
    type: z.literal('pendingRequests').describe('Requests in flight at the service right now, counted at the interceptor: waiting at zero, queued and in service (KEDA HTTP add-on concurrency)'),
    activationThreshold,
  }),
  z.strictObject({
    type: z.literal('prometheus').describe("A Prometheus query over the replicas' own series: it reads 0 when no replica runs, so it cannot wake a service at zero on its own"),
    metric: z
      .enum(['queueLength', 'concurrency', 'qpsPerReplica'])
      .describe('queueLength: requests queued on the replicas (vllm:num_requests_waiting); concurrency: queued + in service; qpsPerReplica: completions per second summed over replicas'),
    activationThreshold,
    window: durationSeconds('Rate window for qpsPerReplica (Prometheus rate())', { min: 1, max: HOUR }).default(120),
  }),
]);

/** Where requests wait while no replica is ready; without it they fail at once (an HTTP 503). */
export const kedaBufferSchema = z.strictObject({
  capacity: z
    .number()
    .int()
    .min(1)
    .max(MAX_QUEUE_LENGTH)
    .optional()
    .describe('Most requests held while no replica is ready; more are refused (HTTP add-on coldStart.maxPendingRequests; default unlimited, as its 0)'),
  timeout: durationSeconds('Longest a request waits for a ready replica before it fails (HTTP add-on readiness timeout; default: no limit)', { min: 0, max: 24 * HOUR, exclusiveMin: true }).optional(),
});

/**
 * `keda.fallback` (apis/keda/v1alpha1/scaledobject_types.go `Fallback`): once a trigger's metric has failed more than
 * `failureThreshold` reads in a row, KEDA answers for it as if `replicas` were wanted (pkg/fallback/fallback.go
 * `GetMetricsWithFallback`, `doFallback`). `behavior: scalingModifiers` is left out: design-sim has no scaling
 * modifiers.
 */
export const kedaFallbackSchema = z.strictObject({
  failureThreshold: z
    .number()
    .int()
    .min(0)
    .max(2_147_483_647)
    .describe('Failed reads of a trigger in a row (KEDA polls and the HPA\'s reads both count) after which the fallback answers: it answers from the next one, the (failureThreshold + 1)th'),
  replicas: z.number().int().min(0).max(MAX_REPLICAS).describe('Replicas the fallback asks for (the HPA reads replicas × the metric\'s target per replica)'),
  behavior: z
    .enum(['static', 'currentReplicas', 'currentReplicasIfHigher', 'currentReplicasIfLower'])
    .default('static')
    .describe('static (default): `replicas`; currentReplicas: keep the Deployment\'s replicas; currentReplicasIfHigher: the larger of the two; currentReplicasIfLower: the smaller'),
});

/** `services[].keda`; idleReplicaCount below minReplicaCount as apis/keda/v1alpha1 `CheckReplicaCountBoundsAreValid` requires. */
export const kedaSchema = z
  .strictObject({
    minReplicaCount: z.number().int().min(0).max(MAX_REPLICAS).default(0).describe('Replicas when no trigger is active (default 0: scale to zero)'),
    idleReplicaCount: z
      .number()
      .int()
      .min(0)
      .max(MAX_REPLICAS)
      .optional()
      .describe(
        'Replicas while no trigger is active, after cooldownPeriod (must be below minReplicaCount; when a trigger is active again, minReplicaCount). Upstream supports only 0: the HPA pulls any other value back up to minReplicaCount. Default: not set',
      ),
    pollingInterval: durationSeconds('How often KEDA checks the triggers (default 30s)', { min: 1, max: HOUR }).default(30),
    cooldownPeriod: durationSeconds('Inactive this long after the last active poll before scaling to zero, or to idleReplicaCount (default 300s)', { min: 0, max: 24 * HOUR }).default(300),
    initialCooldownPeriod: durationSeconds('Before any poll was active: this long after creation (default 0s)', { min: 0, max: 24 * HOUR }).default(0),
    triggers: z.array(kedaTriggerSchema).min(1).max(MAX_KEDA_TRIGGERS).describe('Triggers; the object is active when any one is'),
    buffer: kedaBufferSchema.optional().describe('Requests arriving with no ready replica wait here (interceptor / activator); omit and they fail'),
    fallback: kedaFallbackSchema
      .optional()
      .describe('What KEDA answers while a trigger\'s metric cannot be read (spec.faults kind metrics): after failureThreshold failures, replicas (or the current count); omit and the HPA keeps its scale while the reads fail'),
  })
  .superRefine((k, ctx) => {
    if (k.idleReplicaCount !== undefined && k.idleReplicaCount >= k.minReplicaCount) {
      ctx.addIssue({
        code: 'custom',
        path: ['idleReplicaCount'],
        input: k.idleReplicaCount,
        message: `must be less than minReplicaCount (${k.minReplicaCount}), got ${k.idleReplicaCount} (CheckReplicaCountBoundsAreValid)${k.minReplicaCount === 0 ? ': with minReplicaCount 0 the service already scales to zero, remove idleReplicaCount' : ''}`,
        params: { siblings: ['minReplicaCount'] },
      });
    }
  });

/** A parsed `keda` block (seconds). */
export type KedaSpec = z.output<typeof kedaSchema>;
/** A parsed `keda.fallback`. */
export type KedaFallbackSpec = z.output<typeof kedaFallbackSchema>;
/** A parsed KEDA trigger. */
export type KedaTriggerSpec = z.output<typeof kedaTriggerSchema>;
