/**
 * A value that follows `value` `frames` animation frames later (at once when `immediate` or
 * `frames` is 0): spreads the redraw of several charts over successive frames, so no single
 * main-thread task renders and paints them all.
 */
import { useEffect, useState } from 'react';

/** Calls `done` `frames` animation frames from now (at least one); returns what cancels it. */
function afterFrames(frames: number, done: () => void): () => void {
  let left = frames;
  let id = 0;
  const step = () => {
    left -= 1;
    if (left <= 0) done();
    else id = requestAnimationFrame(step);
  };
  id = requestAnimationFrame(step);
  return () => cancelAnimationFrame(id);
}

/** `value`, `frames` animation frames late (a newer value restarts the wait). */
export function useStaggered<T>(value: T, frames: number, immediate: boolean): T {
  const [shown, setShown] = useState(value);
  const direct = immediate || frames <= 0;
  useEffect(() => {
    // Kept in step while direct, so a later staggered value starts from the latest one shown.
    if (direct) return setShown(value);
    return afterFrames(frames, () => setShown(value));
  }, [value, frames, direct]);
  return direct ? value : shown;
}

/** False for the first `frames` animation frames after mount (true at once when `frames` is 0), then true for good. */
export function useAfterFrames(frames: number): boolean {
  const [after, setAfter] = useState(frames <= 0);
  useEffect(() => {
    if (after) return;
    return afterFrames(frames, () => setAfter(true));
  }, [after, frames]);
  return after;
}
