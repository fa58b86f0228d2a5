/**
 * A promise that settles once the page has shown its first result (`design-sim:result-shown`), or its
 * first run ended without one (`design-sim:run-end`: a refused design), or after a fallback delay.
 * Work the first result does not need — the validation worker, the spare simulator worker — waits for it:
 * on a 2-core machine each one's code load (hundreds of ms of compiling) otherwise competes with the
 * first run and the first render for the cores (docs/performance.md, "Streaming results").
 */
import { RESULT_SHOWN_MARK, RUN_END_MARK } from '../model/perf-marks.ts';

/** After this long the deferred work starts anyway (a page that never shows a result still validates). */
export const FIRST_RESULT_FALLBACK_MS = 4000;

let gate: Promise<void> | null = null;

/** Settles when the first result is on screen (or the first run ended, or after `FIRST_RESULT_FALLBACK_MS`). */
export function afterFirstResult(): Promise<void> {
  gate ??= new Promise<void>((resolve) => {
    // Without User Timing observers (unit tests), nothing is deferred.
    if (typeof PerformanceObserver === 'undefined' || typeof performance?.getEntriesByName !== 'function') return resolve();
    const seen = () => performance.getEntriesByName(RESULT_SHOWN_MARK).length > 0 || performance.getEntriesByName(RUN_END_MARK).length > 0;
    if (seen()) return resolve();
    let timer = 0;
    const observer = new PerformanceObserver(() => {
      if (!seen()) return;
      done();
    });
    const done = () => {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    };
    observer.observe({ type: 'mark' });
    timer = window.setTimeout(done, FIRST_RESULT_FALLBACK_MS);
  });
  return gate;
}

let rest: Promise<void> = Promise.resolve();
let screen: Promise<void> | null = null;

/**
 * Registers the rest of the first screen, loaded once the first result is on screen (start-app.tsx: the chunk of
 * the canvas, palette and inspector, lazy-panes.ts).
 */
export function firstScreenAlso(p: Promise<unknown>): void {
  // A failed load opens the gate too (the work behind it must not wait forever).
  rest = p.then(
    () => undefined,
    () => undefined,
  );
}

/**
 * Settles once the first result is on screen and then the rest of the first screen (`firstScreenAlso`) has
 * loaded, or failed to. The validation worker, the spare simulator workers, the scenario parser and the brief's
 * Markdown wait for it: started with the first result, they held the canvas back by half a second at load 3–5
 * (docs/performance.md, "sixth pass"), and no edit, which is what they serve, can come before the canvas and the inspector.
 */
export function afterFirstScreen(): Promise<void> {
  return (screen ??= afterFirstResult().then(() => rest));
}
