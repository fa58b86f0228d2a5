// The charts module loads on demand (React.lazy): the canvas does not wait for the chart code.
// Memoized: a result marked stale by an edit keeps its charts without redrawing them.
import { lazy, memo } from 'react';

/** Lazily loaded ResultCharts. */
export const LazyResultCharts = memo(lazy(() => import('./ResultCharts.tsx')));
