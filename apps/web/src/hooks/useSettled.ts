/**
 * True once `promise` has settled (at once when there is none): a part of the page that waits for
 * something else to be on screen first (App.tsx: the canvas, palette and inspector wait for the first result).
 */
import { useEffect, useState } from 'react';

/** Whether `promise` (fixed for the component's life) has settled; true from the first render when it is undefined. */
export function useSettled(promise: Promise<unknown> | undefined): boolean {
  const [settled, setSettled] = useState(promise === undefined);
  useEffect(() => {
    if (promise === undefined) return;
    let live = true;
    const done = () => {
      if (live) setSettled(true);
    };
    promise.then(done, done);
    return () => {
      live = false;
    };
  }, [promise]);
  return settled;
}
