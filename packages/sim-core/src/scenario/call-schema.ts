/** Zod schema for `services[].calls` (what a service does after its own work) and `spec.network`. */
import * as z from 'zod';
import { MAX_CALL_STEPS, MAX_CONNECTIONS, MAX_LATENCY_MS, MAX_PARALLEL_CALLS, MAX_RETRIES } from './limits.ts';
import { durationSeconds, fraction } from './unit-fields.ts';
import { formatDuration } from './units.ts';

const HOUR = 3600;

/** Retry back-off. Defaults are Envoy's route retry policy (base 25 ms, max 10 × base, full jitter): docs/scenario-format.md. */
export const backoffSchema = z.strictObject({
  base: durationSeconds('Back-off base interval: retry n waits up to (2^n − 1) × base', { min: 0, max: HOUR }).default(0.025),
  max: durationSeconds('Longest back-off (default 10 × base)', { min: 0, max: HOUR }).optional(),
  jitter: z.boolean().default(true).describe('Full jitter: wait a uniform fraction of the bound (false: the bound itself)'),
}).superRefine((b, ctx) => {
  // Envoy refuses it too: max_interval "must be greater than or equal to the base_interval if set"
  // (https://envoyproxy.io/docs/envoy/v1.31.3/api-v3/config/core/v3/backoff.proto, read 2026-12-03).
  if (b.max !== undefined && b.max < b.base) {
    ctx.addIssue({ code: 'custom', path: ['max'], input: b.max, message: `must be at least base (${formatDuration(b.base)}), got ${formatDuration(b.max)}`, params: { siblings: ['base'] } });
  }
});

/** One call to another service. */
export const callSchema = z.strictObject({
  to: z.string().min(1).describe('Service called'),
  probability: fraction('Share of requests that make this call (0.3 or "30%"), decided per request').default(1),
  async: z.boolean().default(false).describe('Fire-and-forget (enqueue an event): the caller does not wait for the reply'),
  timeout: durationSeconds('The caller gives up after this long (from sending the call)', { min: 0, max: HOUR, exclusiveMin: true }).optional(),
  retries: z.number().int().min(0).max(MAX_RETRIES).default(0).describe('Attempts after the first when the call fails or times out'),
  connections: z
    .number()
    .int()
    .min(1)
    .max(MAX_CONNECTIONS)
    .optional()
    .describe("Connection pool per caller replica: at most this many of these calls in flight from each replica; more wait for a free connection (the timeout covers the wait)"),
  backoff: backoffSchema.prefault({}).describe('Wait before each retry (default: Envoy\'s 25 ms base, full jitter)'),
});

/**
 * A step: one call; a group of calls made in parallel that ends when every one has replied (fork-join);
 * or a choice of one call among several (a router: each request makes at most one, picked by probability).
 */
export const stepSchema = z.union([
  callSchema,
  z.strictObject({
    parallel: z.array(callSchema).min(1).max(MAX_PARALLEL_CALLS).describe('Calls made at once; the step ends when all have replied'),
  }),
  z
    .strictObject({
      choice: z
        .array(callSchema)
        .min(1)
        .max(MAX_PARALLEL_CALLS)
        .describe('One call per request, picked by its probability (they sum to at most 1; the rest makes none): a router to one of several services'),
    })
    .superRefine((s, ctx) => {
      const sum = s.choice.reduce((a, c) => a + c.probability, 0);
      if (sum > 1 + 1e-9) ctx.addIssue({ code: 'custom', path: ['choice'], input: sum, message: `the probabilities of a choice sum to ${Number(sum.toFixed(6))}: they must sum to at most 1 (each request makes one call)` });
    }),
]);

/** `services[].calls`: steps run in order after the service's own work. */
export const callsSchema = z.array(stepSchema).max(MAX_CALL_STEPS).describe('Calls made after the service\'s own work, in order: { to, probability, async, timeout, retries } or { parallel: [calls] }');

/**
 * Network time per call. The default, 0.25 ms each way, is a round trip of 0.5 ms inside one availability
 * zone: docs/scenario-format.md cites the measurement it comes from.
 */
export const networkSchema = z.strictObject({
  sameZone: durationSeconds('Time added to each call and to its reply, one way, inside a zone', { min: 0, max: MAX_LATENCY_MS / 1000 }).default(0.00025),
});

export type CallSpec = z.output<typeof callSchema>;
export type StepSpec = z.output<typeof stepSchema>;
