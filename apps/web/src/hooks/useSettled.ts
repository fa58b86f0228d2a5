/**
 * True once `promise` has settled (at once when there is none): a part of the page that waits for
 * something else to be on screen first (App.tsx: the canvas, palette and inspector wait for the first result).
 */
import { startTransition, useEffect, useState } from 'react';

/** Whether `promise` (fixed for the component's life) has settled; true from the first render when it is undefined. */
export function useSettled(promise: Promise<unknown> | undefined): boolean {
  const [settled, setSettled] = useState(promise === undefined);
  useEffect(() => {
    if (promise === undefined) return;
    let live = true;
    // A transition: what waited (the canvas with every node of a large graph) renders in slices that yield to the
    // page between them, instead of one main-thread task (75 ms of thread time for the 100-models graph's canvas).
    const done = () => {
      if (live) startTransition(() => setSettled(true));
    };
    promise.then(done, done);
    return () => {
      live = false;
    };
  }, [promise]);
  return settled;
}
