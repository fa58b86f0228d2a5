// The charts module loads on demand (React.lazy): the canvas does not wait for the chart code.
import { lazy } from 'react';

/** Lazily loaded ResultCharts. */
export const LazyResultCharts = lazy(() => import('./ResultCharts.tsx'));
