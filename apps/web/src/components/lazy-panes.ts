/**
 * The panes' chunk (panes.ts), loaded on demand: the page's first screen is the results panel and its first
 * chart, which wait for none of it. React Flow, the canvas, the inspector and the dialogs were a third of the
 * page's code compiled and evaluated before the app could take over the first run (docs/performance.md,
 * "sixth pass"). start-app.tsx loads the chunk once the first result is on screen, and App renders the panes
 * (empty panels of their size until then) when it has arrived; a view rendered before that suspends until it does.
 */
import { createElement, use, type ComponentProps } from 'react';
import { tracked } from '../model/tracked-promise.ts';

type PanesModule = typeof import('./panes.ts');

let panes: Promise<PanesModule> | null = null;

/** The panes' chunk, loading from the first call on. */
export function loadPanes(): Promise<PanesModule> {
  return (panes ??= tracked(import('./panes.ts')));
}

// Each suspends until the chunk has arrived, then renders the pane of that name.
type Props<K extends keyof PanesModule> = ComponentProps<PanesModule[K]>;
export const LazyCanvasPane = (props: Props<'CanvasPane'>) => createElement(use(loadPanes()).CanvasPane, props);
export const LazyPalettePane = () => createElement(use(loadPanes()).PalettePane);
export const LazyInspectorPane = (props: Props<'InspectorPane'>) => createElement(use(loadPanes()).InspectorPane, props);
export const LazyAppDialogs = (props: Props<'AppDialogs'>) => createElement(use(loadPanes()).AppDialogs, props);
export const LazyComparePanel = (props: Props<'ComparePanel'>) => createElement(use(loadPanes()).ComparePanel, props);
export const LazyPracticePanel = (props: Props<'PracticePanel'>) => createElement(use(loadPanes()).PracticePanel, props);
