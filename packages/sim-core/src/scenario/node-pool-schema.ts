/** Zod schema for `spec.nodePools[]`: instance type, size bounds, spot share, provisioning, cluster autoscaler. */
import { z } from 'zod';
import { MAX_NODES } from './limits.ts';
import { nameSchema } from './service-schema.ts';
import { durationSeconds, fraction } from './unit-fields.ts';
import { formatDuration } from './units.ts';
import { nodeFailuresSchema, spotWavesSchema } from './failure-schema.ts';
import { migSchema } from './shared-cluster-schema.ts';

const HOUR = 3600;

/** Time from a scale-up decision to a Ready node, discriminated by `distribution`; seconds. */
export const provisioningSchema = z.discriminatedUnion('distribution', [
  z
    .strictObject({
      distribution: z.literal('lognormal').describe('Log-normal fitted to the median and p95'),
      p50: durationSeconds('Median provisioning time', { min: 0, max: 2 * HOUR, exclusiveMin: true }),
      p95: durationSeconds('95th-percentile provisioning time', { min: 0, max: 2 * HOUR, exclusiveMin: true }),
    })
    .superRefine((p, ctx) => {
      if (p.p95 < p.p50) ctx.addIssue({ code: 'custom', path: ['p95'], input: p.p95, message: `must be at least p50 (${formatDuration(p.p50)}), got ${formatDuration(p.p95)}` });
    }),
  z.strictObject({
    distribution: z.literal('constant').describe('Always `value`'),
    value: durationSeconds('Fixed provisioning time', { min: 0, max: 2 * HOUR }),
  }),
]);

// Defaults are the cluster-autoscaler 1.34 flag defaults (config/flags/flags.go). The node-group options
// (unneeded time, utilization threshold, max provision time) are per pool upstream too; scanInterval and
// scaleDownDelayAfterAdd are global flags, kept here for older scenarios: autoscaled pools must agree on them
// unless spec.cluster.autoscaler sets them.
/** Cluster-autoscaler settings for one pool; every field defaults to the upstream flag. */
export const clusterAutoscalerSchema = z.strictObject({
  scanInterval: durationSeconds('--scan-interval, a global flag (default 10s; see spec.cluster.autoscaler)', { min: 0, max: HOUR, exclusiveMin: true }).default(10),
  scaleDownUnneededTime: durationSeconds('--scale-down-unneeded-time (default 10m)', { min: 0, max: 24 * HOUR }).default(600),
  scaleDownDelayAfterAdd: durationSeconds('--scale-down-delay-after-add, a global flag (default 10m; see spec.cluster.autoscaler)', { min: 0, max: 24 * HOUR }).default(600),
  scaleDownUtilizationThreshold: fraction('--scale-down-(gpu-)utilization-threshold (default 0.5)').default(0.5),
  maxNodeProvisionTime: durationSeconds('--max-node-provision-time (default 15m)', { min: 0, max: 24 * HOUR, exclusiveMin: true }).default(900),
  priority: z.number().int().min(-100_000).max(100_000).optional().describe('Priority for the priority expander (higher wins); unset = not listed'),
  enabled: z.boolean().default(true).describe('false pins the pool at its initial size'),
});

/** Spot interruption model for the pool's spot share. */
export const spotSchema = z.strictObject({
  interruptionsPerNodeHour: z.number().min(0).max(10).describe('Poisson interruption rate per spot node-hour'),
  notice: durationSeconds('Warning before the VM dies (default by cloud: AWS 2m, GCP/Azure 30s)', { min: 0, max: HOUR }).optional(),
  waves: spotWavesSchema.optional().describe('Reclaim events that take a share of the spot nodes at once, besides the independent interruptions'),
  fallback: z
    .enum(['none', 'on-demand'])
    .default('none')
    .describe('While spot capacity is out after a wave: on-demand = new nodes come up on-demand; none = spot requests fail (the autoscaler times out and backs off)'),
});

// Notice periods: AWS 2 min; GCP and Azure 30 s (docs/kubernetes-semantics.md §6). Unknown clouds get AWS's.
const SPOT_NOTICE_BY_CLOUD: Readonly<Record<string, number>> = { aws: 120, gcp: 30, azure: 30 };

/** The cloud prefix of a catalog instance id (`aws/us-east-1/g5.2xlarge` → `aws`). */
export function cloudOf(instanceId: string): string {
  return instanceId.split('/')[0] ?? '';
}

/** `spec.nodePools[]`; `initialNodes` defaults to `minNodes` and `spot.notice` to the cloud's notice. */
export const nodePoolSchema = z
  .strictObject({
    name: nameSchema.describe('Unique pool name'),
    instance: z.string().min(1).describe('Catalog instance id, e.g. aws/us-east-1/g5.2xlarge'),
    minNodes: z.number().int().min(0).max(MAX_NODES).default(0).describe('Smallest pool size'),
    maxNodes: z.number().int().min(1).max(MAX_NODES).describe('Largest pool size'),
    initialNodes: z.number().int().min(0).max(MAX_NODES).optional().describe('Nodes at t=0 (default minNodes)'),
    spotShare: fraction('Share of nodes that are spot (0.5 or "50%")').default(0),
    purchase: z.enum(['on-demand', 'commit1y', 'commit3y']).default('on-demand').describe('Pricing of the non-spot share'),
    provisioning: provisioningSchema.optional().describe('Scale-up decision to node Ready; omitted = the engine default for GPU nodes'),
    provisioningFailure: fraction('Probability that a requested node never becomes Ready (stockout, boot or driver failure; default 0)').default(0),
    clusterAutoscaler: clusterAutoscalerSchema.prefault({}).describe('Cluster-autoscaler flags for this pool (upstream defaults)'),
    spot: spotSchema.optional().describe('Spot interruptions of the spot share'),
    failures: nodeFailuresSchema.optional().describe('Node hardware failures (rate per node- or GPU-hour, repair time); omit for none'),
    zone: z.string().min(1).max(63).optional().describe('Availability zone, for spec.faults entries that take down a zone'),
    mig: migSchema.optional().describe('Every GPU partitioned into one MIG profile: the pool schedules by slices (gpusPerReplica and jobs count slices)'),
  })
  .superRefine((p, ctx) => {
    if (p.minNodes > p.maxNodes) {
      ctx.addIssue({ code: 'custom', path: ['maxNodes'], input: p.maxNodes, message: `must be at least minNodes (${p.minNodes}), got ${p.maxNodes}` });
    }
    if (p.initialNodes !== undefined && (p.initialNodes < p.minNodes || p.initialNodes > p.maxNodes)) {
      ctx.addIssue({ code: 'custom', path: ['initialNodes'], input: p.initialNodes, message: `must be between minNodes (${p.minNodes}) and maxNodes (${p.maxNodes}), got ${p.initialNodes}` });
    }
  })
  .transform(({ spot, ...p }) => ({
    ...p,
    initialNodes: p.initialNodes ?? p.minNodes,
    ...(spot === undefined ? {} : { spot: { ...spot, notice: spot.notice ?? SPOT_NOTICE_BY_CLOUD[cloudOf(p.instance)] ?? 120 } }),
  }));

/** Parsed provisioning-time distribution (seconds). */
export type ProvisioningSpec = z.output<typeof provisioningSchema>;
/** Parsed cluster-autoscaler settings (seconds, fraction). */
export type ClusterAutoscalerSpec = z.output<typeof clusterAutoscalerSchema>;
/** A parsed node pool with defaults applied. */
export type NodePoolSpec = z.output<typeof nodePoolSchema>;
