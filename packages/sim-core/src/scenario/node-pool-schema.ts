/** Zod schema for `spec.nodePools[]`: instance type, size bounds, spot share, provisioning, cluster autoscaler. */
import * as z from 'zod';
import { freeText } from './free-text.ts';
import { MAX_NODES } from './limits.ts';
import { nameSchema } from './service-schema.ts';
import { durationSeconds, fraction } from './unit-fields.ts';
import { formatDuration } from './units.ts';
import { nodeFailuresSchema, spotWavesSchema } from './failure-schema.ts';
import { migSchema } from './shared-cluster-schema.ts';
import { karpenterNodePoolSchema, rolloutSchema, stockoutSchema } from './karpenter-schema.ts';
import { comparedWithFields } from './zod-issues.ts';

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
      if (p.p95 < p.p50) ctx.addIssue({ code: 'custom', path: ['p95'], input: p.p95, message: `must be at least p50 (${formatDuration(p.p50)}), got ${formatDuration(p.p95)}`, params: { siblings: ['p50'] } });
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
  // At least 1 s: each scan walks the pool's nodes and pending pods, and a 1 ms scan of a 2-hour run took 105 s.
  scanInterval: durationSeconds('--scan-interval, a global flag (default 10s, at least 1s; see spec.cluster.autoscaler)', { min: 1, max: HOUR }).default(10),
  scaleDownUnneededTime: durationSeconds('--scale-down-unneeded-time (default 10m)', { min: 0, max: 24 * HOUR }).default(600),
  scaleDownUnreadyTime: durationSeconds('--scale-down-unready-time: how long an unready (failed) node must be unneeded before it is removed (default 20m)', { min: 0, max: 24 * HOUR }).default(1200),
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
    instance: z.string().min(1).optional().describe('Catalog instance id, e.g. aws/us-east-1/g5.2xlarge (a Karpenter pool: the type of its initial nodes, default its first instance type)'),
    provisioner: z.enum(['cluster-autoscaler', 'karpenter']).default('cluster-autoscaler').describe('What adds and removes nodes: the cluster autoscaler (a node group of one instance type, default) or Karpenter (a NodePool of several)'),
    minNodes: z.number().int().min(0).max(MAX_NODES).default(0).describe('Smallest pool size'),
    maxNodes: z.number().int().min(1).max(MAX_NODES).optional().describe('Largest pool size (a Karpenter pool: default karpenter.limits.nodes, else no limit)'),
    initialNodes: z.number().int().min(0).max(MAX_NODES).optional().describe('Nodes at t=0 (default minNodes)'),
    spotShare: fraction('Share of nodes that are spot (0.5 or "50%")').default(0),
    purchase: z.enum(['on-demand', 'commit1y', 'commit3y']).default('on-demand').describe('Pricing of the non-spot share'),
    provisioning: provisioningSchema.optional().describe('Scale-up decision to node Ready; omitted = the engine default for GPU nodes'),
    provisioningFailure: fraction('Probability that a requested node never becomes Ready (stockout, boot or driver failure; default 0)').default(0),
    clusterAutoscaler: clusterAutoscalerSchema.prefault({}).describe('Cluster-autoscaler flags for this pool (upstream defaults)'),
    spot: spotSchema.optional().describe('Spot interruptions of the spot share (a Karpenter pool: of its spot nodes)'),
    karpenter: karpenterNodePoolSchema.optional().describe('The Karpenter NodePool (provisioner: karpenter): instance types, capacity types, limits, disruption'),
    stockouts: z.array(stockoutSchema).max(100).default([]).describe('Windows of insufficient capacity: Karpenter falls back to its next offering, a cluster-autoscaler node group fails and backs off'),
    rollouts: z
      .array(rolloutSchema)
      .min(1)
      .max(100)
      .optional()
      .describe(
        'NodePool template changes (a new AMI, image or template field) during the run, a Karpenter pool only: every node launched before one is Drifted from then on and replaced by the disruption controller, one command at a time within the Drifted budgets',
      ),
    failures: nodeFailuresSchema.optional().describe('Node hardware failures (rate per node- or GPU-hour, repair time); omit for none'),
    zone: freeText(63, 1).optional().describe('Availability zone, for spec.faults entries that take down a zone'),
    mig: migSchema.optional().describe('Every GPU partitioned into one MIG profile: the pool schedules by slices (gpusPerReplica and jobs count slices)'),
  })
  .superRefine((p, ctx) => {
    const maxNodes = maxNodesOf(p);
    // A Karpenter pool's minNodes is refused by checkProvisioner (it keeps no minimum): not compared again.
    const minNodes = p.provisioner === 'karpenter' ? 0 : p.minNodes;
    const ceiling = p.maxNodes === undefined && p.karpenter?.limits.nodes !== undefined ? LIMIT_NODES : [];
    if (minNodes > maxNodes) {
      ctx.addIssue({ code: 'custom', path: ['maxNodes'], input: p.maxNodes, message: `must be at least minNodes (${minNodes}), got ${maxNodes}`, params: comparedWithFields(['maxNodes'], [['minNodes'], ...ceiling]) });
    }
    if (p.initialNodes !== undefined && (p.initialNodes < minNodes || p.initialNodes > maxNodes)) {
      ctx.addIssue({ code: 'custom', path: ['initialNodes'], input: p.initialNodes, message: `must be between minNodes (${minNodes}) and maxNodes (${maxNodes}), got ${p.initialNodes}`, params: comparedWithFields(['initialNodes'], [['minNodes'], ['maxNodes'], ...ceiling]) });
    }
    checkProvisioner(p, ctx);
  })
  .transform(({ spot, ...p }) => {
    const instance = p.instance ?? p.karpenter?.instanceTypes[0] ?? '';
    return {
      ...p,
      instance,
      maxNodes: maxNodesOf(p),
      initialNodes: p.initialNodes ?? p.minNodes,
      ...(spot === undefined ? {} : { spot: { ...spot, notice: spot.notice ?? SPOT_NOTICE_BY_CLOUD[cloudOf(instance)] ?? 120 } }),
    };
  });

type PoolDraft = {
  provisioner: 'cluster-autoscaler' | 'karpenter';
  instance?: string | undefined;
  maxNodes?: number | undefined;
  minNodes: number;
  spotShare: number;
  karpenter?: z.output<typeof karpenterNodePoolSchema> | undefined;
  stockouts: z.output<typeof stockoutSchema>[];
  rollouts?: z.output<typeof rolloutSchema>[] | undefined;
};

/** Where a Karpenter pool's ceiling is read from (maxNodesOf): a bound compared with it is dropped when it is refused (limits.nodes: -1). */
const LIMIT_NODES = [['karpenter', 'limits', 'nodes']];

// A Karpenter pool has no node-group size: its ceiling is limits.nodes (or the simulator's MAX_NODES).
export function maxNodesOf(p: Pick<PoolDraft, 'maxNodes' | 'karpenter' | 'provisioner'>): number {
  return p.maxNodes ?? p.karpenter?.limits.nodes ?? (p.provisioner === 'karpenter' ? MAX_NODES : 1);
}

// What each provisioner needs and refuses; every issue names the field to change.
function checkProvisioner(p: PoolDraft, ctx: z.core.$RefinementCtx<unknown>): void {
  // `compared`: the pool's fields a check reads besides its own (paths from the pool), so that it is dropped when one of
  // those is refused on its own (instanceTypes: [] also gave "instance: must be one of karpenter.instanceTypes ()").
  const issue = (path: (string | number)[], message: string, compared: (string | number)[][] = []): void =>
    void ctx.addIssue({ code: 'custom', path, input: undefined, message, ...(compared.length > 0 ? { params: comparedWithFields(path, compared) } : {}) });
  if (p.provisioner === 'cluster-autoscaler') {
    // A karpenter block without `provisioner: karpenter` is one mistake: instance and maxNodes, which a node group
    // needs, are not missing from the Karpenter pool it was meant to be.
    if (p.karpenter !== undefined) return issue(['karpenter'], 'karpenter settings need provisioner: karpenter');
    if (p.instance === undefined) issue(['instance'], 'missing required field "instance"');
    if (p.maxNodes === undefined) issue(['maxNodes'], 'missing required field "maxNodes"');
    // kubernetes/autoscaler has no drift: a node group's nodes are replaced by the cloud provider's own rolling update
    // (an ASG instance refresh, a GKE surge upgrade, an AKS node-image upgrade), outside the autoscaler.
    if (p.rollouts !== undefined)
      issue(
        ['rollouts'],
        'the cluster autoscaler has no drift: a node group\'s nodes are replaced by the cloud provider\'s rolling update (ASG instance refresh, GKE surge upgrade, AKS node-image upgrade), which design-sim does not model; use provisioner: karpenter, or spec.faults to take nodes down',
      );
    p.stockouts.forEach((s, i) => {
      if (s.zone !== undefined) issue(['stockouts', i, 'zone'], 'a cluster-autoscaler node group lives in one zone here: give no zone');
      if (s.instance !== undefined && p.instance !== undefined && s.instance !== p.instance) issue(['stockouts', i, 'instance'], `the pool's only instance type is ${p.instance}`);
    });
    return;
  }
  const k = p.karpenter;
  if (k === undefined) return issue(['karpenter'], 'provisioner: karpenter needs a karpenter block with instanceTypes');
  if (p.minNodes > 0) issue(['minNodes'], 'Karpenter keeps no minimum pool size (pods, not pools, hold nodes up): use initialNodes');
  if (p.spotShare > 0) issue(['spotShare'], 'a Karpenter pool has no spot share: list spot in karpenter.capacityTypes');
  if (p.instance !== undefined && !k.instanceTypes.includes(p.instance)) issue(['instance'], `must be one of karpenter.instanceTypes (${k.instanceTypes.join(', ')})`, [['karpenter', 'instanceTypes']]);
  // Each list is one NodePool requirement's values (`… In [a, b]`), a set: a repeat is a copy-paste slip, and
  // a repeated zone or capacity type was accepted silently as one more offering to try (hostile-input campaign 3).
  for (const field of ['instanceTypes', 'capacityTypes', 'zones'] as const) {
    const seen = new Set<string>();
    (k[field] ?? []).forEach((t, i) => {
      if (seen.has(t)) issue(['karpenter', field, i], `${t} is listed twice`);
      seen.add(t);
    });
  }
  p.stockouts.forEach((s, i) => {
    if (s.instance !== undefined && !k.instanceTypes.includes(s.instance)) issue(['stockouts', i, 'instance'], `not one of karpenter.instanceTypes (${k.instanceTypes.join(', ')})`, [['karpenter', 'instanceTypes']]);
    if (s.capacityType !== undefined && !k.capacityTypes.includes(s.capacityType)) issue(['stockouts', i, 'capacityType'], `the pool launches only ${k.capacityTypes.join(', ')}`, [['karpenter', 'capacityTypes']]);
    if (s.zone !== undefined && !(k.zones ?? []).includes(s.zone)) issue(['stockouts', i, 'zone'], k.zones === undefined ? 'a zone-scoped stock-out needs karpenter.zones' : `not one of karpenter.zones (${k.zones.join(', ')})`, [['karpenter', 'zones']]);
  });
}

/** Parsed provisioning-time distribution (seconds). */
export type ProvisioningSpec = z.output<typeof provisioningSchema>;
/** Parsed cluster-autoscaler settings (seconds, fraction). */
export type ClusterAutoscalerSpec = z.output<typeof clusterAutoscalerSchema>;
/** A parsed node pool with defaults applied. */
export type NodePoolSpec = z.output<typeof nodePoolSchema>;
