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
/** A result (complete or a snapshot) was painted (afterNextPaint); `detail` = { run: runKey, progress }. */
export const RESULT_SHOWN_MARK = 'design-sim:result-shown';
/** The first chart with data was painted (once per page; set after the frame that shows it, afterNextPaint). */
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

interface PostTaskScheduler {
  postTask(task: () => void, options: { priority: 'user-blocking'; signal: AbortSignal }): Promise<void>;
}

/**
 * Runs `fn` right after the browser's next frame has been painted; returns a function that cancels it. The frame's
 * animation callback posts a task, which runs once that frame's style, layout and paint are done: at the
 * `user-blocking` priority where the Prioritized Task Scheduling API exists (Chromium), so that tasks already queued
 * (a worker's next message, timers) do not run first and delay the mark past the paint it stands for.
 */
export function afterNextPaint(fn: () => void): () => void {
  if (typeof requestAnimationFrame !== 'function') return () => undefined;
  const abort = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    const scheduler = (globalThis as { scheduler?: Partial<PostTaskScheduler> }).scheduler;
    if (typeof scheduler?.postTask === 'function') scheduler.postTask(fn, { priority: 'user-blocking', signal: abort.signal }).catch(() => undefined);
    else timer = setTimeout(fn, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    abort.abort();
  };
}
