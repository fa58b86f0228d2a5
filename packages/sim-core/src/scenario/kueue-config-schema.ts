/**
 * `spec.cluster.kueue`: Kueue's manager configuration (config.kueue.x-k8s.io/v1beta2 `Configuration`), global upstream
 * so global here. Only `waitForPodsReady` is modelled. Defaults are upstream's at kubernetes-sigs/kueue
 * @ff69552e79ad21652c36caa97038382e55625cf7 (apis/config/v1beta2/defaults.go `SetDefaults_Configuration`: timeout 30m,
 * recoveryTimeout = timeout, blockAdmission false, timestamp Eviction, backoffBaseSeconds 60, backoffMaxSeconds 3600,
 * backoffLimitCount none); bounds are pkg/config/validation.go `validateWaitForPodsReady`'s (none negative).
 */
import * as z from 'zod';
import { MAX_HORIZON_SECONDS } from './limits.ts';
import { durationSeconds } from './unit-fields.ts';

const INT32_MAX = 2_147_483_647;

/** `waitForPodsReady.requeuingStrategy`. */
export const requeuingStrategySchema = z.strictObject({
  timestamp: z.enum(['Eviction', 'Creation']).default('Eviction').describe('Queue order of a workload requeued after a PodsReady timeout: from its eviction (Eviction, the default: behind the others) or its creation (Creation: back in its place)'),
  backoffLimitCount: z.number().int().min(0).max(INT32_MAX).optional().describe('Requeues after a PodsReady timeout before the workload is deactivated (its Job stays suspended); default: requeued for ever'),
  backoffBaseSeconds: z.number().int().min(0).max(INT32_MAX).default(60).describe('Seconds before the first requeue; the n-th waits base × 2^(n−1) (plus up to 0.01% jitter), at most backoffMaxSeconds (default 60)'),
  backoffMaxSeconds: z.number().int().min(0).max(INT32_MAX).default(3600).describe('Most seconds a requeue waits (default 3600; 0 = no cap)'),
});

/** `waitForPodsReady`: evict and requeue an admitted workload whose pods are not all ready in time. */
export const waitForPodsReadySchema = z.strictObject({
  // At least 1 s, as every control loop here (docs/limits.md): upstream takes any duration above 0, and 1e-300 s
  // (with no requeue backoff) evicted and readmitted a workload for ever at one instant.
  timeout: durationSeconds('How long an admitted workload may wait for all its pods to be ready before it is evicted (quota released, pods deleted) and requeued (default 30m; at least 1s)', { min: 1, max: MAX_HORIZON_SECONDS }).default(1800),
  recoveryTimeout: durationSeconds('How long a running workload that lost a pod may wait for its replacement before it is evicted the same way (default: timeout; 0s: never)', { min: 0, max: MAX_HORIZON_SECONDS }).optional(),
  blockAdmission: z.boolean().default(false).describe('Admit no workload, in any ClusterQueue, while an admitted one is waiting for its pods to be ready (sequential admission; default false)'),
  requeuingStrategy: requeuingStrategySchema.prefault({}).describe('How an evicted workload is requeued: queue order, backoff, limit'),
});

/** `spec.cluster.kueue`. */
export const kueueSettingsSchema = z.strictObject({
  waitForPodsReady: waitForPodsReadySchema.optional().describe("Kueue's waitForPodsReady for the teams with kueue: all-or-nothing with a timeout; omit for none"),
});

/** Parsed `spec.cluster.kueue` (seconds). */
export type KueueSettingsSpec = z.output<typeof kueueSettingsSchema>;
/** Parsed `waitForPodsReady` (seconds). */
export type WaitForPodsReadySpec = z.output<typeof waitForPodsReadySchema>;
