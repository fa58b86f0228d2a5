/**
 * Zod schema for `spec.cluster.autoscaler` (the cluster autoscaler's global flags) and
 * `spec.cluster.featureGates`. Defaults are cluster-autoscaler 1.34's flags (config/flags/flags.go) and
 * Kubernetes 1.34's feature gates; the node-group options stay on each pool (`nodePools[].clusterAutoscaler`).
 */
import * as z from 'zod';
import { EXPANDER_NAMES, type ExpanderName } from '../cluster/expander.ts';
import { DEFAULT_EXPENDABLE_PODS_PRIORITY_CUTOFF } from '../cluster/expendable.ts';
import { DEFAULT_NODE_GROUP_BACKOFF } from '../cluster/node-group-backoff.ts';
import { DEFAULT_HPA_CONFIGURABLE_TOLERANCE } from '../hpa/index.ts';
import { suggestNearest } from './suggest.ts';
import { durationSeconds } from './unit-fields.ts';

const HOUR = 3600;

/** `--expander`: one name or a comma-separated chain, e.g. `priority,least-waste`. */
export const expanderSchema = z
  .string()
  .describe(`--expander: one of ${EXPANDER_NAMES.join(', ')}, or a comma-separated chain tried in order (default least-waste)`)
  .transform((text, ctx): ExpanderName[] => {
    const names = text.split(',').map((n) => n.trim());
    const out: ExpanderName[] = [];
    for (const name of names) {
      if (!(EXPANDER_NAMES as readonly string[]).includes(name)) {
        const suggestion = suggestNearest(name, EXPANDER_NAMES);
        ctx.addIssue({ code: 'custom', input: text, message: `unknown expander "${name}"`, params: { expected: EXPANDER_NAMES.join(' | '), suggestion } });
        return z.NEVER;
      }
      if (out.includes(name as ExpanderName)) {
        ctx.addIssue({ code: 'custom', input: text, message: `expander "${name}" is given twice; each may appear once` });
        return z.NEVER;
      }
      if (out.at(-1) === 'random') {
        ctx.addIssue({ code: 'custom', input: text, message: `"${name}" comes after random, which always leaves one option: it would never be used` });
        return z.NEVER;
      }
      out.push(name as ExpanderName);
    }
    return out;
  });

/** The cluster autoscaler's global flags; unset `scanInterval` / `scaleDownDelayAfterAdd` come from the pools. */
export const clusterAutoscalerFlagsSchema = z.strictObject({
  expander: expanderSchema.default(['least-waste']),
  // At least 1 s, as in node-pool-schema.ts (a 1 ms scan of a 2-hour run took 105 s).
  scanInterval: durationSeconds('--scan-interval (default: the pools\' value, 10s; at least 1s)', { min: 1, max: HOUR }).optional(),
  scaleDownDelayAfterAdd: durationSeconds('--scale-down-delay-after-add (default: the pools\' value, 10m)', { min: 0, max: 24 * HOUR }).optional(),
  maxScaleDownParallelism: z.number().int().min(1).max(1000).default(10).describe('--max-scale-down-parallelism: nodes deleted at once (default 10)'),
  maxDrainParallelism: z.number().int().min(1).max(1000).default(1).describe('--max-drain-parallelism: nodes drained at once (default 1)'),
  unremovableNodeRecheckTimeout: durationSeconds('--unremovable-node-recheck-timeout (default 5m)', { min: 0, max: 24 * HOUR }).default(300),
  initialNodeGroupBackoffDuration: durationSeconds('--initial-node-group-backoff-duration (default 5m)', { min: 0, max: 24 * HOUR }).default(DEFAULT_NODE_GROUP_BACKOFF.initialSeconds),
  maxNodeGroupBackoffDuration: durationSeconds('--max-node-group-backoff-duration (default 30m)', { min: 0, max: 24 * HOUR }).default(DEFAULT_NODE_GROUP_BACKOFF.maxSeconds),
  nodeGroupBackoffResetTimeout: durationSeconds('--node-group-backoff-reset-timeout (default 3h)', { min: 0, max: 7 * 24 * HOUR }).default(DEFAULT_NODE_GROUP_BACKOFF.resetTimeoutSeconds),
  // A global flag upstream (AutoscalingOptions, not NodeGroupAutoscalingOptions), so here and not on the pools.
  expendablePodsPriorityCutoff: z
    .number()
    .int()
    .min(-2_147_483_648)
    .max(2_147_483_647)
    .default(DEFAULT_EXPENDABLE_PODS_PRIORITY_CUTOFF)
    .describe('--expendable-pods-priority-cutoff: pods of a lower priority never cause a scale-up, and scale-down ignores them: they do not count in utilization, need no place elsewhere and are not evicted, only lost with their node (default -10)'),
});

/** kube-controller-manager feature gates the simulator reads; defaults are Kubernetes 1.34's. */
export const featureGatesSchema = z.strictObject({
  HPAConfigurableTolerance: z
    .boolean()
    .default(DEFAULT_HPA_CONFIGURABLE_TOLERANCE)
    .describe('Honour hpa.behavior.*.tolerance (alpha and off in Kubernetes 1.33-1.34, beta and on from 1.35)'),
});

/** Parsed global cluster-autoscaler flags (seconds; expander as a chain). */
export type ClusterAutoscalerFlagsSpec = z.output<typeof clusterAutoscalerFlagsSchema>;
/** Parsed feature gates. */
export type FeatureGatesSpec = z.output<typeof featureGatesSchema>;
