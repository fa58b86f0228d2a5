/**
 * The wall clock behind simulated time: time 0 is 00:00 UTC of the scenario's `spec.startDate`. Only what reads a
 * calendar needs it (Karpenter budget schedules); everything else measures simulated seconds from 0, and clock times
 * such as a diurnal `peakAt: "14:00"` are seconds after that same midnight.
 */

/** The day of time 0 when a scenario names none: a Monday, so a weekday schedule acts on day one. */
export const DEFAULT_START_DATE = '2024-01-01';

/** Unix seconds of 00:00 UTC on `date` (YYYY-MM-DD, a calendar day the schema checked). */
export function startEpochSeconds(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 1000;
}
