/**
 * Zod schema for a Karpenter NodePool (`spec.nodePools[].karpenter`), Karpenter's global batching settings
 * (`spec.cluster.karpenter`), a pool's capacity stock-outs (`spec.nodePools[].stockouts`) and its template changes
 * (`spec.nodePools[].rollouts`, karpenter/drift.ts).
 *
 * Defaults are upstream's, read at kubernetes-sigs/karpenter commit 2266468104f36373ed002241afaee2d3bbc26078:
 * - `pkg/apis/v1/nodepool.go` `Disruption`: `consolidateAfter` `+kubebuilder:default:="0s"`, `consolidationPolicy`
 *   `+kubebuilder:default:="WhenEmptyOrUnderutilized"`, `budgets` `+kubebuilder:default:={{nodes: "10%"}}`, the
 *   budget `nodes` pattern `^((100|[0-9]{1,2})%|[0-9]+)$`; `schedule` and `duration` as budget-schedule-schema.ts.
 * - `pkg/apis/v1/nodepool.go` `NodePoolSpec.Weight`: optional, 1–100 (karpenter/node-pool-order.ts reads it).
 * - `pkg/apis/v1/nodeclaim.go` `NodeClaimSpec.ExpireAfter` `+kubebuilder:default:="720h"`, pattern
 *   `^(([0-9]+(s|m|h))+|Never)$` (the NodePool's `template.spec.expireAfter`).
 * - `pkg/apis/v1/nodepool.go` `NodeClaimTemplateSpec.TerminationGracePeriod`: optional, no default (nil: a drain waits
 *   for ever; `scheduling/nodeclaimtemplate.go` `DefaultTerminationGracePeriod` is nil), pattern `^([0-9]+(s|m|h))+$`
 *   (0s allowed); karpenter/node-termination-grace.ts reads it.
 * - `pkg/operator/options/options.go`: `BATCH_IDLE_DURATION` 1s, `BATCH_MAX_DURATION` 10s.
 * docs/kubernetes-semantics.md §4 lists them with the rest of what the engine follows.
 */
import * as z from 'zod';
import { budgetDurationSchema, budgetScheduleSchema } from './budget-schedule-schema.ts';
import { durationSeconds } from './unit-fields.ts';
import { MAX_HORIZON_SECONDS } from './limits.ts';
import { DEFAULT_EXPIRE_AFTER_SECONDS } from '../karpenter/expiration.ts';
import { nodeAnnotationsSchema } from './pod-annotations-schema.ts';

const HOUR = 3600;

/** Capacity types a Karpenter NodePool may launch (`karpenter.sh/capacity-type`). */
export const CAPACITY_TYPES = ['spot', 'on-demand'] as const;
/** A capacity type. */
export type CapacityType = (typeof CAPACITY_TYPES)[number];

/** `consolidateAfter`: a duration, or `Never` (consolidation off). Output: seconds, or null for Never. */
const consolidateAfterSchema = z
  .union([z.literal('Never'), durationSeconds('Wait after the last pod event on a node before it may be consolidated (default 0s)', { min: 0, max: 7 * 24 * HOUR })])
  .describe('disruption.consolidateAfter: a duration after the last pod scheduled on or left the node, or Never to turn consolidation off (default 0s)')
  .transform((v): number | null => (v === 'Never' ? null : v));

/** `template.spec.expireAfter`: a duration, or `Never`. Output: seconds, or null for Never. */
const expireAfterSchema = z
  .union([z.literal('Never'), durationSeconds('Node lifetime from its launch', { min: 0, max: 10 * 365 * 24 * HOUR, exclusiveMin: true })])
  .describe(
    'template.spec.expireAfter: a node this old (from its launch) is deleted forcefully, whatever the disruption budgets say, and its pods go to new nodes; Never turns expiration off (default 720h)',
  )
  .transform((v): number | null => (v === 'Never' ? null : v));

/** A budget's `nodes`: "10%" (of the pool's nodes, rounded up) or a node count. */
const budgetNodesSchema = z
  .union([z.number().int().min(0).max(100_000), z.string().regex(/^((100|[0-9]{1,2})%|[0-9]+)$/, 'must be a percentage like "10%" or a node count like "5"')])
  .describe('Most nodes of the pool disrupted at once: "10%" of its nodes (rounded up) or a count')
  .transform((v): { percent: number } | { count: number } => {
    if (typeof v === 'number') return { count: v };
    return v.endsWith('%') ? { percent: Number(v.slice(0, -1)) } : { count: Number(v) };
  });

/** Reasons a budget may be limited to (`DisruptionReason`, the CRD's enum). Drifted applies once a pool has `rollouts`. */
export const DISRUPTION_REASONS = ['Empty', 'Underutilized', 'Drifted'] as const;

const reasonSchema = z.enum(DISRUPTION_REASONS);

const budgetSchema = z
  .strictObject({
    nodes: budgetNodesSchema.default({ percent: 10 }),
    reasons: z.array(reasonSchema).min(1).optional().describe('Disruption reasons this budget applies to (default: all)'),
    schedule: budgetScheduleSchema.optional(),
    duration: budgetDurationSchema.optional(),
  })
  .superRefine((b, ctx) => {
    // Disruption.Budgets XValidation `self.all(x, has(x.schedule) == has(x.duration))`.
    if ((b.schedule === undefined) !== (b.duration === undefined)) {
      const [given, missing] = b.schedule === undefined ? (['duration', 'schedule'] as const) : (['schedule', 'duration'] as const);
      ctx.addIssue({ code: 'custom', path: [given], input: b[given], message: `'schedule' must be set with 'duration': this budget has ${given} but no ${missing}` });
    }
  });

/** `spec.disruption` of a NodePool. */
export const karpenterDisruptionSchema = z.strictObject({
  consolidationPolicy: z
    .enum(['WhenEmpty', 'WhenEmptyOrUnderutilized'])
    .default('WhenEmptyOrUnderutilized')
    .describe('WhenEmpty deletes only nodes with no pods; WhenEmptyOrUnderutilized also deletes or replaces nodes whose pods fit elsewhere or on one cheaper node (default)'),
  consolidateAfter: consolidateAfterSchema.default(0),
  budgets: z.array(budgetSchema).min(1).max(50).default([{ nodes: { percent: 10 } }]).describe('Disruption budgets; the most restrictive that applies wins (default one budget of nodes "10%")'),
});

/** `spec.limits` of a NodePool, in the resources the simulator models. */
export const karpenterLimitsSchema = z.strictObject({
  gpus: z.number().int().min(0).max(1_000_000).optional().describe('limits["nvidia.com/gpu"]: GPUs of all the pool\'s nodes together (vCPUs on a CPU pool)'),
  nodes: z.number().int().min(0).max(10_000).optional().describe('limits.nodes: most nodes the pool may have'),
});

/** A Karpenter NodePool's template and disruption settings. */
export const karpenterNodePoolSchema = z.strictObject({
  instanceTypes: z
    .array(z.string().min(1))
    .min(1)
    .max(60)
    .describe('Catalog instance ids the pool may launch (node.kubernetes.io/instance-type In …); all must carry the same GPU model'),
  capacityTypes: z.array(z.enum(CAPACITY_TYPES)).min(1).default(['on-demand']).describe('karpenter.sh/capacity-type In …: spot is preferred whenever it is allowed and available (default on-demand)'),
  zones: z.array(z.string().min(1).max(40)).min(1).max(10).optional().describe('topology.kubernetes.io/zone In …; only needed for zone-scoped stock-outs (default one zone)'),
  limits: karpenterLimitsSchema.prefault({}).describe('Most capacity the pool may hold (default none beyond maxNodes)'),
  disruption: karpenterDisruptionSchema.prefault({}).describe('Consolidation policy, consolidateAfter and disruption budgets (Karpenter v1 defaults)'),
  expireAfter: expireAfterSchema.default(DEFAULT_EXPIRE_AFTER_SECONDS),
  nodeAnnotations: nodeAnnotationsSchema.optional(),
  terminationGracePeriod: durationSeconds(
    'template.spec.terminationGracePeriod: once a node is being deleted, pods whose PodDisruptionBudget blocks their eviction are deleted anyway, each early enough to get its own terminationGracePeriod before this deadline (default none: the drain waits for ever)',
    { min: 0, max: 10 * 365 * 24 * HOUR },
  ).optional(),
  // NodePoolSpec.Weight `+kubebuilder:validation:Minimum:=1`, `Maximum:=100`, optional (nil = 0 in `OrderByWeight`).
  weight: z
    .number()
    .int()
    .min(1)
    .max(100)
    .optional()
    .describe('spec.weight: NodePools are tried for a new node highest weight first (none = 0), equal weights by name in reverse alphabetical order'),
});

/** `spec.cluster.karpenter`: the Karpenter controller's global settings. */
export const karpenterSettingsSchema = z.strictObject({
  batchIdleDuration: durationSeconds('BATCH_IDLE_DURATION: a batch of pending pods closes after this long with no new one (default 1s)', { min: 0, max: HOUR, exclusiveMin: true }).default(1),
  batchMaxDuration: durationSeconds('BATCH_MAX_DURATION: a batch closes this long after it opened at most (default 10s)', { min: 0, max: HOUR, exclusiveMin: true }).default(10),
  spotToSpotConsolidation: z.boolean().default(false).describe('Feature gate SpotToSpotConsolidation: replace a spot node by a cheaper spot node (default false)'),
});

/** One window of insufficient capacity: launches of the matching offerings fail while it lasts. */
export const stockoutSchema = z
  .strictObject({
    instance: z.string().min(1).optional().describe('Catalog instance id that has no capacity (default: every instance type of the pool)'),
    capacityType: z.enum(CAPACITY_TYPES).optional().describe('Capacity type that has no capacity (default both)'),
    zone: z.string().min(1).max(40).optional().describe('Zone that has no capacity (default every zone); needs karpenter.zones'),
    from: durationSeconds('Start of the stock-out, from the start of the run', { min: 0, max: MAX_HORIZON_SECONDS }),
    duration: durationSeconds('How long launches fail', { min: 0, max: MAX_HORIZON_SECONDS, exclusiveMin: true }),
  })
  .describe('Insufficient capacity for a time: a launch of a matching offering fails');

/**
 * One NodePool template change during the run (`spec.nodePools[].rollouts[]`): the NodePool's static hash
 * (`karpenter.sh/nodepool-hash`) changes at `at`, so every NodeClaim created before it no longer matches
 * (nodeclaim/disruption/drift.go `areStaticFieldsDrifted`) and is Drifted (karpenter/drift.ts).
 */
export const rolloutSchema = z
  .strictObject({
    at: durationSeconds('When the NodePool template changes, from the start of the run', { min: 0, max: MAX_HORIZON_SECONDS }),
  })
  .describe('A NodePool template change (new AMI, image or template field): nodes launched before it drift');

/** Parsed Karpenter NodePool settings (seconds; consolidateAfter null = Never). */
export type KarpenterNodePoolSpec = z.output<typeof karpenterNodePoolSchema>;
/** Parsed Karpenter global settings (seconds). */
export type KarpenterSettingsSpec = z.output<typeof karpenterSettingsSchema>;
/** A parsed stock-out window (seconds). */
export type StockoutSpec = z.output<typeof stockoutSchema>;
/** A parsed disruption budget. */
export type KarpenterBudgetSpec = z.output<typeof budgetSchema>;
