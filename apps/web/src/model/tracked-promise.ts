/**
 * A promise that, once fulfilled, carries its value where React's `use` reads it synchronously (React's
 * thenable convention: `status` and `value`). `use` of such a promise renders at once; of a new pending one it
 * suspends, and React holds a Suspense fallback for at least 300 ms (lazy-charts.ts, lazy-panes.ts).
 */
export function tracked<T>(p: Promise<T>): Promise<T> {
  void p.then(
    (value) => Object.assign(p, { status: 'fulfilled', value }),
    () => undefined,
  );
  return p;
}
