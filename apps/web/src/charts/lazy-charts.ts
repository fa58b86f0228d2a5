// The charts module loads on demand: the canvas does not wait for the chart code. start-app.tsx starts
// loading it at once (preloadCharts); once it has arrived the charts render in the same pass as the
// result. React.lazy would suspend once anyway (its import() promise is new and pending on the first
// render), and React holds a Suspense fallback for at least 300 ms: the first chart came 0.5–0.9 s
// after the first numbers. `use` of a promise marked fulfilled (React's thenable convention) does not.
// Memoized: a result marked stale by an edit keeps its charts without redrawing them.
import { createElement, memo, use, type ComponentProps } from 'react';
import { tracked } from '../model/tracked-promise.ts';

type ChartsModule = typeof import('./ResultCharts.tsx');
type CompareModule = typeof import('./CompareCharts.tsx');

let charts: Promise<ChartsModule> | null = null;
let compare: Promise<CompareModule> | null = null;
const loadCharts = (): Promise<ChartsModule> => (charts ??= tracked(import('./ResultCharts.tsx')));
const loadCompare = (): Promise<CompareModule> => (compare ??= tracked(import('./CompareCharts.tsx')));

/** ResultCharts, loaded on first use (suspends until its chunk has arrived). */
export const LazyResultCharts = memo(function LazyResultCharts(props: ComponentProps<ChartsModule['default']>) {
  return createElement(use(loadCharts()).default, props);
});

/** CompareCharts (A and B overlaid), in the same chunk's code. */
export const LazyCompareCharts = memo(function LazyCompareCharts(props: ComponentProps<CompareModule['default']>) {
  return createElement(use(loadCompare()).default, props);
});

/** Starts loading the charts' chunk now, so the first result does not wait for it. */
export function preloadCharts(): void {
  void loadCharts().catch(() => undefined);
}
