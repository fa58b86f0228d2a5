/**
 * Karpenter disruption budgets, a port of kubernetes-sigs/karpenter at commit 2266468104f36373ed002241afaee2d3bbc26078:
 * - pkg/apis/v1/nodepool.go `Budget.GetAllowedDisruptions`: a percentage is scaled by the pool's node count and
 *   rounded UP (`intstr.GetScaledValueFromIntOrPercent(…, roundUp=true)`), a count is taken as is; schedules are
 *   not modelled (every budget is always active).
 * - `NodePool.GetAllowedDisruptionsByReason`: the minimum over the budgets that list the reason or list none
 *   (MaxInt32 when none applies).
 * - pkg/controllers/disruption/helpers.go `BuildDisruptionBudgetMapping`: the total counts initialized nodes only;
 *   nodes NotReady or already being disrupted are subtracted, floored at 0.
 */
import type { EngineDisruptionBudget } from '../engine/engine-config.ts';

/** A disruption reason budgets may name. */
export type DisruptionReason = 'Empty' | 'Underutilized';

const MAX_INT32 = 2_147_483_647;

/** `GetAllowedDisruptionsByReason`: nodes the budgets allow to be disrupted at once for `reason`. */
export function allowedByBudgets(budgets: readonly EngineDisruptionBudget[], numNodes: number, reason: DisruptionReason): number {
  let allowed = MAX_INT32;
  for (const b of budgets) {
    if (b.reasons !== null && !b.reasons.includes(reason)) continue;
    const value = b.percent !== null ? Math.ceil((b.percent * numNodes) / 100) : (b.count ?? 0);
    allowed = Math.min(allowed, value);
  }
  return allowed;
}

/** `BuildDisruptionBudgetMapping` for one pool: allowed minus nodes already disrupting, at least 0. */
export function disruptionsLeft(budgets: readonly EngineDisruptionBudget[], numNodes: number, disrupting: number, reason: DisruptionReason): number {
  return Math.max(0, allowedByBudgets(budgets, numNodes, reason) - disrupting);
}
