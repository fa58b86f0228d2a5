/**
 * Progress callbacks cross the worker boundary as messages: forward only changes of at least
 * `step` (and the end), so a 7-day run at 10 s resolution sends ~100 messages, not 60,000.
 */

/** Wraps `onProgress` to forward at most one call per `step` of progress (fraction 0..1). */
export function throttleProgress(onProgress: (fraction: number) => void, step = 0.01): (fraction: number) => void {
  let last = -Infinity;
  return (fraction) => {
    if (fraction - last >= step || (fraction >= 1 && last < 1)) {
      last = fraction;
      onProgress(fraction);
    }
  };
}
