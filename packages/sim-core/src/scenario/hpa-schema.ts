/**
 * Zod schema for `services[].hpa`: a HorizontalPodAutoscaler (autoscaling/v2) over one service.
 * `behavior` is the upstream HorizontalPodAutoscalerBehavior block verbatim, with field presence
 * preserved (omitted `behavior` selects the legacy controller path; `{}` selects the API
 * defaults, as pkg/apis/autoscaling/v2/defaults.go and horizontal.go `normalizeDesiredReplicas` do).
 */
import * as z from 'zod';
import type { HpaBehaviorInput } from '../hpa/hpa-behavior-input.ts';
import { MAX_CONCURRENCY, MAX_HPA_METRICS, MAX_QPS, MAX_QUEUE_LENGTH, MAX_REPLICAS, MAX_SCALING_POLICIES } from './limits.ts';
import { count, durationSeconds, fraction, percent } from './unit-fields.ts';

const HOUR = 3600;

// API validation limits: periodSeconds in (0, 1800], stabilizationWindowSeconds in [0, 3600]
// (pkg/apis/autoscaling/validation/validation.go `MaxPeriodSeconds`, `MaxStabilizationWindowSeconds`).
const scalingPolicySchema = z.strictObject({
  type: z.enum(['Pods', 'Percent']).describe('Pods: change by at most `value` pods; Percent: by `value`% of the period-start count'),
  value: z.number().int().positive().describe('Pods or percent allowed per period (> 0)'),
  periodSeconds: z.number().int().min(1).max(1800).describe('Length of the policy window in seconds (1-1800)'),
});

const scalingRulesSchema = z.strictObject({
  stabilizationWindowSeconds: z.number().int().min(0).max(3600).exactOptional().describe('Look-back window of recommendations, seconds (0-3600)'),
  selectPolicy: z.enum(['Max', 'Min', 'Disabled']).exactOptional().describe('Which policy wins when several apply'),
  policies: z.array(scalingPolicySchema).min(1).max(MAX_SCALING_POLICIES).exactOptional().describe('Rate limits; a list replaces the API defaults whole'),
  tolerance: z.number().min(0).exactOptional().describe('Per-direction tolerance (HPAConfigurableTolerance); unset = controller-wide value'),
});

/** The autoscaling/v2 behavior block; output is exactly `HpaBehaviorInput` with presence preserved. */
export const hpaBehaviorSchema: z.ZodType<HpaBehaviorInput, HpaBehaviorInput> = z
  .strictObject({
    scaleUp: scalingRulesSchema.exactOptional().describe('Scale-up rules; omitted fields take the API defaults'),
    scaleDown: scalingRulesSchema.exactOptional().describe('Scale-down rules; omitted fields take the API defaults'),
  })
  .describe('autoscaling/v2 HorizontalPodAutoscalerBehavior, verbatim. Omit for the legacy path; {} for the API defaults');

const window = (defaultSeconds: number) =>
  durationSeconds('Rate window of the metric (0 = last value)', { min: 0, max: HOUR }).default(defaultSeconds);
// At least 1 s (Prometheus's own floor in practice): a 1 ms scrape of a 2-hour run took 40 s and 188 MB.
const scrape = (defaultSeconds: number) =>
  durationSeconds('How often the metric is scraped (at least 1s)', { min: 1, max: HOUR }).default(defaultSeconds);

// Gauges a gateway or broker can report for the whole service may reach the HPA as an External metric
// (autoscaling/v2 ExternalMetricSource), with an AverageValue or a Value target; per-pod rates and
// utilizations stay Pods metrics (a PodsMetricSource takes an AverageValue target only).
const source = z
  .enum(['Pods', 'External'])
  .optional()
  .describe('Pods: one sample per pod; External: one number for the service (default External for queueLength on a shared-queue service, else Pods)');
const targetType = z
  .enum(['AverageValue', 'Value'])
  .default('AverageValue')
  .describe('AverageValue: target per replica; Value (External only): target for the whole service');

/** One HPA metric, discriminated by `type`; `target` is the desired average per replica (or the total, for an External Value target). */
export const hpaMetricSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('qpsPerReplica').describe('Requests per second per replica (Pods metric)'),
    target: count('Target requests/s per replica', { min: 0, max: MAX_QPS, exclusiveMin: true }),
    window: window(120),
    scrapeInterval: scrape(30),
  }),
  z.strictObject({
    type: z.literal('concurrency').describe('In-flight requests (waiting + in service) per replica'),
    source,
    targetType,
    target: z.number().positive().max(MAX_CONCURRENCY * MAX_REPLICAS).describe('Target in-flight requests per replica (or in total, with targetType Value)'),
    window: window(0),
    scrapeInterval: scrape(15),
  }),
  z.strictObject({
    type: z.literal('gpuUtilization').describe('GPU busy time per replica, in percent'),
    target: percent('Target GPU utilization per replica, in PERCENT (0-100, or "70%")', { min: 0, max: 100, exclusiveMin: true }),
    window: window(0),
    scrapeInterval: scrape(15),
  }),
  z.strictObject({
    type: z
      .literal('cpuUtilization')
      .describe('CPU use per replica in percent of its cpuPerReplica request (a Resource metric, as metrics-server reports it); the upstream CPU readiness rules apply'),
    target: percent('Target CPU utilization of the request, in PERCENT (0-100, or "70%")', { min: 0, max: 100, exclusiveMin: true }),
    window: window(0),
    scrapeInterval: scrape(15),
  }),
  z.strictObject({
    type: z.literal('kvCacheUtilization').describe('KV-cache use per replica, in percent (llm services)'),
    target: percent('Target KV-cache use per replica, in PERCENT (0-100, or "80%")', { min: 0, max: 100, exclusiveMin: true }),
    window: window(0),
    scrapeInterval: scrape(15),
  }),
  z.strictObject({
    type: z.literal('queueLength').describe('Queued requests per replica (a shared queue is External by default)'),
    source,
    targetType,
    target: z.number().positive().max(MAX_QUEUE_LENGTH).describe('Target queued requests per replica (or in total, with targetType Value)'),
    window: window(0),
    scrapeInterval: scrape(15),
  }),
]);

/** `services[].hpa`. */
export const hpaSchema = z
  .strictObject({
    minReplicas: z.number().int().min(1).max(MAX_REPLICAS).default(1).describe('Lower bound on replicas (default 1; 0 needs alpha HPAScaleToZero and is not modelled)'),
    maxReplicas: z.number().int().min(1).max(MAX_REPLICAS).describe('Upper bound on replicas'),
    // At least 1 s, as KEDA's pollingInterval: each sync is a controller step, and a 1 ms period was 7.2 million
    // of them in a 2-hour run (past 120 s of CPU at 2% simulated; docs/limits.md).
    syncPeriod: durationSeconds('Controller sync period (default 15s; at least 1s)', { min: 1, max: HOUR }).default(15),
    tolerance: fraction('Controller-wide tolerance band around ratio 1 (default 0.1)').default(0.1),
    metrics: z.array(hpaMetricSchema).min(1).max(MAX_HPA_METRICS).describe('Metrics; the HPA takes the max proposal'),
    behavior: hpaBehaviorSchema.optional(),
  })
  .superRefine((h, ctx) => {
    if (h.minReplicas > h.maxReplicas) {
      ctx.addIssue({ code: 'custom', path: ['maxReplicas'], input: h.maxReplicas, message: `must be at least minReplicas (${h.minReplicas}), got ${h.maxReplicas}`, params: { siblings: ['minReplicas'] } });
    }
  });

/** A parsed HPA metric; durations in seconds, gpuUtilization target in percent (0-100). */
export type HpaMetricSpec = z.output<typeof hpaMetricSchema>;
/** A parsed HPA; `behavior` is undefined when omitted and `{}` when written as `{}`. */
export type HpaSpec = z.output<typeof hpaSchema>;
