/**
 * Zod schema for a service's PodDisruptionBudget (`spec.services[].disruptionBudget`): policy/v1
 * `PodDisruptionBudgetSpec` with exactly one of `maxUnavailable` and `minAvailable`, each an integer or a percentage
 * (kubernetes/kubernetes pkg/apis/policy/validation/validation.go `ValidatePodDisruptionBudgetSpec`: "minAvailable and
 * maxUnavailable cannot be both set"; `ValidatePositiveIntOrPercent` and `IsNotMoreThan100Percent` for each). The
 * selector is the service's own pods. The value is kept as written, so an export writes it back unchanged.
 */
import * as z from 'zod';
import { MAX_REPLICAS } from './limits.ts';

/** An int-or-string field of a PodDisruptionBudget: a pod count, or "N%" of the expected pods (0–100 %). */
const intOrPercent = (description: string) =>
  z
    .union([z.number().int().min(0).max(MAX_REPLICAS), z.string().regex(/^(100|[0-9]{1,2})%$/, 'must be a pod count like 1 or a percentage from "0%" to "100%"')])
    .describe(description);

/** `spec.services[].disruptionBudget`: one PodDisruptionBudget selecting the service's pods. */
export const disruptionBudgetSchema = z
  .strictObject({
    maxUnavailable: intOrPercent('Most of the service\'s pods that may be unavailable during a voluntary disruption (a drain): a count, or a percentage of spec.replicas rounded up').optional(),
    minAvailable: intOrPercent('Fewest of the service\'s pods that must stay Ready during a voluntary disruption: a count, or a percentage of spec.replicas rounded up').optional(),
  })
  .superRefine((b, ctx) => {
    const both = b.maxUnavailable !== undefined && b.minAvailable !== undefined;
    if (both || (b.maxUnavailable === undefined && b.minAvailable === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: both ? ['minAvailable'] : [],
        input: b,
        message: both ? 'give maxUnavailable or minAvailable, not both (policy/v1 refuses a PodDisruptionBudget with both)' : 'give maxUnavailable or minAvailable (a pod count like 1, or a percentage like "25%")',
      });
    }
  })
  .transform((b): { maxUnavailable: number | string } | { minAvailable: number | string } => (b.maxUnavailable !== undefined ? { maxUnavailable: b.maxUnavailable } : { minAvailable: b.minAvailable! }))
  .describe(
    'PodDisruptionBudget over the service\'s pods (policy/v1): give maxUnavailable or minAvailable, not both. A drain (cluster autoscaler scale-down, Karpenter consolidation or expiration) evicts a pod only while the budget allows a disruption; omit for no budget (every pod evicted at once)',
  );

/** A service's PodDisruptionBudget as written in the scenario. */
export type DisruptionBudgetSpec = z.output<typeof disruptionBudgetSchema>;
