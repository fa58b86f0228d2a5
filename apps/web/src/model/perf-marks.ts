/**
 * The app's performance marks (User Timing), read by the browser e2e to measure what a user waits
 * for, and visible in any profiler. Times are ms since navigation start.
 */

/** A run was started (useSimulation). */
export const RUN_START_MARK = 'design-sim:run-start';
/** A run finished (its complete result arrived). */
export const RUN_END_MARK = 'design-sim:run-end';
/** The design was edited (any change dispatched to the design reducer). */
export const EDIT_MARK = 'design-sim:edit';
/** A result (complete or a snapshot) arrived from the worker; `detail` = { run: runId, progress }. */
export const RESULT_RECEIVED_MARK = 'design-sim:result-received';
/** A result (complete or a snapshot) was rendered; `detail` = { run: runKey, progress }. */
export const RESULT_SHOWN_MARK = 'design-sim:result-shown';
/** The first chart with data was rendered (once per page). */
export const FIRST_CHART_MARK = 'design-sim:first-chart';

/** Sets a mark where the User Timing API exists (not in every test environment). */
export function mark(name: string, detail?: unknown): void {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(name, detail === undefined ? undefined : { detail });
}

/** Sets `name` only if it was never set on this page. */
export function markOnce(name: string): void {
  if (typeof performance === 'undefined' || typeof performance.getEntriesByName !== 'function') return;
  if (performance.getEntriesByName(name).length === 0) mark(name);
}
