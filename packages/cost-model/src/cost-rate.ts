/**
 * Money over time, for charts: what node time costs, and the hourly rate of a cost accrued over a
 * run's intervals. Kept here so every dollar in design-sim is computed in the cost model.
 */
import type { CostLine } from './fleet-cost.ts';
import { SECONDS_PER_HOUR } from './units.ts';

/** The unit of a line billed by the hour of the run itself, whatever the fleet does (a cluster's control plane). */
export const CLUSTER_HOUR = 'cluster-hour';

/** USD for `nodeSeconds` of node time at `usdPerHour` (an unknown price, null, adds 0: the bill lists it). */
export function nodeTimeUsd(nodeSeconds: number, usdPerHour: number | null): number {
  return usdPerHour === null ? 0 : (nodeSeconds * usdPerHour) / SECONDS_PER_HOUR;
}

/**
 * USD per hour in each interval of a cost accrued since t = 0: `accruedUsd[i]` at the end `t[i]` (s)
 * of interval i, the interval starting at `t[i - 1]` (0 for the first).
 */
export function hourlyRateUsd(t: ArrayLike<number>, accruedUsd: ArrayLike<number>): Float64Array {
  const out = new Float64Array(t.length);
  for (let i = 0; i < t.length; i++) {
    const dt = t[i]! - (i === 0 ? 0 : t[i - 1]!);
    const du = accruedUsd[i]! - (i === 0 ? 0 : accruedUsd[i - 1]!);
    out[i] = dt > 0 ? (du / dt) * SECONDS_PER_HOUR : 0;
  }
  return out;
}

/**
 * The bill accrued by each interval end `t[i]` (s since the run's start): the nodes' own accrual `nodesUsd[i]` (the
 * engine's `timeseries.costUsd`, priced node time) plus every line billed by the run's hours (control planes) in
 * proportion to the time elapsed, so an accrued-cost chart ends at the bill's total instead of below it by the control
 * plane (serving-autoscaling: $918.60 of nodes against $921.00 billed). `durationSeconds` is what the bill covers.
 */
export function accruedBillUsd(t: ArrayLike<number>, nodesUsd: ArrayLike<number>, lines: readonly CostLine[], durationSeconds: number): Float64Array {
  const timed = lines.reduce((sum, l) => sum + (l.unit === CLUSTER_HOUR ? (l.usd ?? 0) : 0), 0);
  const perSecond = durationSeconds > 0 ? timed / durationSeconds : 0;
  return Float64Array.from(nodesUsd, (usd, i) => usd + perSecond * t[i]!);
}
