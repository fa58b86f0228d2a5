/**
 * Money over time, for charts: what node time costs, and the hourly rate of a cost accrued over a
 * run's intervals. Kept here so every dollar in design-sim is computed in the cost model.
 */
import { SECONDS_PER_HOUR } from './units.ts';

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
