// The charts module loads on demand (React.lazy): the canvas does not wait for the chart code.
// Memoized: a result marked stale by an edit keeps its charts without redrawing them.
import { lazy, memo } from 'react';

const load = () => import('./ResultCharts.tsx');

/** Lazily loaded ResultCharts. */
export const LazyResultCharts = memo(lazy(load));

/** Lazily loaded CompareCharts (A and B overlaid), in the same chunk's code. */
export const LazyCompareCharts = memo(lazy(() => import('./CompareCharts.tsx')));

/** Starts loading the charts' chunk now (after the first render), so the first result does not wait for it. */
export function preloadCharts(): void {
  void load().catch(() => undefined);
}
