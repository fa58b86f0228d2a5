/**
 * Karpenter disruption budgets, a port of kubernetes-sigs/karpenter at commit 2266468104f36373ed002241afaee2d3bbc26078:
 * - pkg/apis/v1/nodepool.go `Budget.IsActive`: a budget with no schedule is always active; one with a schedule is
 *   active at `now` when the schedule's next hit after `now − duration` is not after `now`, i.e. during
 *   [hit, hit + duration) for any hit (UTC, cron-schedule.ts). At hit + duration exactly it is inactive again.
 * - `Budget.GetAllowedDisruptions`: an inactive budget allows MaxInt32 (so it never is the minimum); an active one
 *   scales a percentage by the pool's node count rounded UP (`intstr.GetScaledValueFromIntOrPercent(…, roundUp=true)`),
 *   a count is taken as is; a schedule robfig/cron cannot parse fails closed (0, with an error).
 * - `NodePool.GetAllowedDisruptionsByReason`: the minimum over the budgets that list the reason or list none
 *   (MaxInt32 when none applies); `MustGetAllowedDisruptions` turns any budget's error into 0 for the whole pool,
 *   whatever the reasons of the budget that erred.
 * - pkg/controllers/disruption/helpers.go `BuildDisruptionBudgetMapping`: the total counts initialized nodes only;
 *   nodes NotReady or already being disrupted are subtracted, floored at 0.
 */
import { scaledPercent } from '../cluster/int-or-percent.ts';
import type { EngineBudgetSchedule, EngineDisruptionBudget } from '../engine/engine-config.ts';
import { nextActivation } from './cron-schedule.ts';

/** A disruption reason budgets may name. */
export type DisruptionReason = 'Empty' | 'Underutilized' | 'Drifted';

const MAX_INT32 = 2_147_483_647;

/** `Budget.IsActive` at wall-clock `nowSeconds` (Unix s, UTC); null when the schedule is invalid (an error upstream). */
export function isBudgetActive(schedule: EngineBudgetSchedule | null, nowSeconds: number): boolean | null {
  if (schedule === null) return true;
  if (schedule.cron === null) return null;
  const nowMs = nowSeconds * 1000;
  // checkPoint := now − duration; nextHit := schedule.Next(checkPoint); active = !nextHit.After(now). A schedule that
  // never fires gives Go's zero time, which is not after now: active.
  const next = nextActivation(schedule.cron, nowMs - schedule.durationSeconds * 1000);
  return next === null || next <= nowMs;
}

/**
 * `MustGetAllowedDisruptions`: nodes the budgets allow to be disrupted at once for `reason`, at wall-clock
 * `nowSeconds` (Unix s, UTC).
 */
export function allowedByBudgets(budgets: readonly EngineDisruptionBudget[], numNodes: number, reason: DisruptionReason, nowSeconds: number): number {
  let allowed = MAX_INT32;
  for (const b of budgets) {
    const active = isBudgetActive(b.schedule, nowSeconds);
    // Any budget's error fails the whole pool closed, whichever reasons it lists.
    if (active === null) return 0;
    if (!active) continue;
    if (b.reasons !== null && !b.reasons.includes(reason)) continue;
    const value = b.percent !== null ? scaledPercent(b.percent, numNodes, true) : (b.count ?? 0);
    allowed = Math.min(allowed, value);
  }
  return allowed;
}

/** `BuildDisruptionBudgetMapping` for one pool: allowed minus nodes already disrupting, at least 0. */
export function disruptionsLeft(budgets: readonly EngineDisruptionBudget[], numNodes: number, disrupting: number, reason: DisruptionReason, nowSeconds: number): number {
  return Math.max(0, allowedByBudgets(budgets, numNodes, reason, nowSeconds) - disrupting);
}
