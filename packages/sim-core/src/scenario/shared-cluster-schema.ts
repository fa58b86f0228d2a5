/**
 * Zod schemas for a cluster shared by teams: `spec.priorityClasses` (scheduling.k8s.io/v1 PriorityClass),
 * `spec.teams` (a namespace each, with a ResourceQuota on `requests.nvidia.com/gpu`), `spec.jobs` (training
 * and batch jobs queued on the same pools as the services) and `nodePools[].mig` (MIG partitions as the
 * pool's schedulable units). Services join a team and a priority class with `team` and `priorityClass`.
 */
import * as z from 'zod';
import { MAX_HORIZON_SECONDS, MAX_NODES, MIN_CHECKPOINT_EVERY_SECONDS } from './limits.ts';
import { podAnnotationsSchema } from './pod-annotations-schema.ts';
import { nameSchema } from './service-schema.ts';
import { durationSeconds } from './unit-fields.ts';

/** `spec.priorityClasses[]`: a name, a value (higher = more important) and whether its pods may preempt. */
export const priorityClassSchema = z.strictObject({
  name: nameSchema.describe('PriorityClass name'),
  value: z.number().int().min(-2_147_483_648).max(1_000_000_000).describe('Priority (higher schedules first and may preempt lower); user classes are at most 1e9 upstream'),
  preemptionPolicy: z.enum(['PreemptLowerPriority', 'Never']).default('PreemptLowerPriority').describe('Never: queued ahead of lower priorities but never evicts them'),
});

const quotaUnits = z.number().int().min(0).max(1_000_000);

/**
 * `spec.teams[].kueue`: the team's jobs go through a Kueue ClusterQueue (kueue.x-k8s.io/v1beta2, one resource
 * `nvidia.com/gpu` in one flavor). Defaults are the CRD's (kubernetes-sigs/kueue @ff69552e,
 * apis/kueue/v1beta2/clusterqueue_types.go): queueingStrategy BestEffortFIFO, preemption Never/Never, no limits.
 */
export const kueueQueueSchema = z
  .strictObject({
    nominalQuota: quotaUnits.describe("ClusterQueue nominalQuota of nvidia.com/gpu (the pool's units: MIG slices on a MIG pool): guaranteed to the team, lent to the cohort while unused"),
    cohort: nameSchema.optional().describe('Cohort (spec.cohortName): ClusterQueues with the same cohort borrow each other\'s unused quota; omit for none'),
    borrowingLimit: quotaUnits.optional().describe('Most it may borrow above nominalQuota from the cohort (default: no limit); needs a cohort'),
    lendingLimit: quotaUnits.optional().describe('Most of its unused nominalQuota others in the cohort may borrow (default: all of it); needs a cohort, at most nominalQuota'),
    preemption: z
      .strictObject({
        reclaimWithinCohort: z.enum(['Never', 'LowerPriority', 'Any']).default('Never').describe('Evict workloads of cohort queues that borrow, to get back this queue\'s nominal quota: Never, of lower priority, or Any'),
        withinClusterQueue: z.enum(['Never', 'LowerPriority', 'LowerOrNewerEqualPriority']).default('Never').describe('Evict this queue\'s own admitted workloads for a pending one that fits nominal quota: Never, of lower priority, or lower or (equal and newer)'),
      })
      .default({ reclaimWithinCohort: 'Never', withinClusterQueue: 'Never' })
      .describe('ClusterQueue spec.preemption (classical preemption; borrowWithinCohort and fair sharing are not modelled)'),
    queueingStrategy: z.enum(['BestEffortFIFO', 'StrictFIFO']).default('BestEffortFIFO').describe('StrictFIFO: a head that does not fit blocks the queue; BestEffortFIFO: later workloads that fit go ahead'),
  })
  .superRefine((k, ctx) => {
    for (const f of ['borrowingLimit', 'lendingLimit'] as const) {
      if (k[f] !== undefined && k.cohort === undefined) ctx.addIssue({ code: 'custom', path: [f], input: k[f], message: `${f} without a cohort: Kueue requires spec.cohortName when ${f} is set (add kueue.cohort, or remove ${f})` });
    }
    if (k.lendingLimit !== undefined && k.lendingLimit > k.nominalQuota) ctx.addIssue({ code: 'custom', path: ['lendingLimit'], input: k.lendingLimit, message: `lendingLimit ${k.lendingLimit} is above nominalQuota ${k.nominalQuota}: a queue lends at most its nominal quota (expected at most ${k.nominalQuota})`, params: { siblings: ['nominalQuota'] } });
  });

/** `spec.teams[]`: a namespace and its GPU ResourceQuota (hard `requests.nvidia.com/gpu`), or its Kueue ClusterQueue. */
export const teamSchema = z.strictObject({
  name: nameSchema.describe('Team (namespace) name'),
  gpuQuota: quotaUnits.optional().describe('ResourceQuota hard requests.nvidia.com/gpu (in the pool\'s units: MIG slices on a MIG pool); omit for none'),
  kueue: kueueQueueSchema.optional().describe('Admit the team\'s jobs by a Kueue ClusterQueue (quota, cohort borrowing, preemption) instead of the ResourceQuota; serving pods are not Kueue-managed'),
});

/** `spec.jobs[]`: a training or batch job, submitted once or `count` times `every` apart. */
export const jobSchema = z
  .strictObject({
    name: nameSchema.describe('Job name'),
    team: nameSchema.describe('Team (namespace) it runs in'),
    nodePool: nameSchema.describe('Node pool its pods run on'),
    pods: z.number().int().min(1).max(MAX_NODES).default(1).describe('Pods (workers) of the job'),
    gpusPerPod: z.number().int().min(1).max(1_000).describe('GPUs (or MIG slices on a MIG pool) each pod requests'),
    duration: durationSeconds('Run time once running (a gang: all pods; otherwise each pod)', { min: 0, max: MAX_HORIZON_SECONDS, exclusiveMin: true }),
    gang: z.boolean().default(true).describe('All pods start together or none (coscheduling); false = each pod on its own'),
    priorityClass: nameSchema.optional().describe('PriorityClass of its pods (default priority 0)'),
    at: durationSeconds('First submission (default 0)', { min: 0, max: MAX_HORIZON_SECONDS }).default(0),
    count: z.number().int().min(1).max(10_000).default(1).describe('How many times it is submitted'),
    every: durationSeconds('Time between submissions (with count > 1)', { min: 0, max: MAX_HORIZON_SECONDS, exclusiveMin: true }).optional(),
    // At least MIN_CHECKPOINT_EVERY_SECONDS: 5e-324 (legal when only > 0 was asked) overflowed work ÷ checkpoint, so a
    // preempted pod kept infinite work, finished at once and lost "−∞ GPU-hours" (JSON null).
    checkpoint: durationSeconds('A preempted job resumes from its last checkpoint, taken this often (at least 1s; default: restarts from the start)', { min: MIN_CHECKPOINT_EVERY_SECONDS, max: MAX_HORIZON_SECONDS }).optional(),
    podAnnotations: podAnnotationsSchema.optional().describe(
      'Annotations of the job\'s pod template, as for a service: karpenter.sh/do-not-disrupt "true" keeps Karpenter from disrupting a node while a pod of the job runs there (an expiring node waits for it, or for the NodePool\'s terminationGracePeriod); cluster-autoscaler.kubernetes.io/safe-to-evict "false" keeps its node from scale-down',
    ),
  })
  .superRefine((j, ctx) => {
    if (j.count > 1 && j.every === undefined) ctx.addIssue({ code: 'custom', path: ['every'], input: undefined, message: 'missing required field "every" (count > 1 submits the job again every so often)' });
  });

/** `nodePools[].mig`: every GPU of the pool partitioned into one MIG profile (mig-parted's all-<profile> configs). */
export const migSchema = z.strictObject({
  profile: z.string().min(1).max(20).describe('MIG profile, e.g. 1g.10gb (A100/H100 80GB), 1g.5gb (A100 40GB), 1g.18gb (H200): the pool schedules by these slices'),
});

/** Parsed priority class. */
export type PriorityClassSpec = z.output<typeof priorityClassSchema>;
/** Parsed Kueue ClusterQueue of a team. */
export type KueueQueueSpec = z.output<typeof kueueQueueSchema>;
/** Parsed team. */
export type TeamSpec = z.output<typeof teamSchema>;
/** Parsed job (seconds). */
export type JobSpec = z.output<typeof jobSchema>;
