/**
 * What canvas nodes show besides their own data: validation issues and run status by node id.
 * A context, so the graph (derived from the document) does not change when a run finishes.
 */
import { createContext } from 'react';
import type { NodeStatus } from '../results/node-status.ts';

/** Per-node view state. */
export interface CanvasView {
  issues: ReadonlyMap<string, string[]>;
  status: ReadonlyMap<string, NodeStatus>;
  /** Why the shown run no longer describes the design (greyed, labelled "stale"), or null when it does. */
  stale: string | null;
  /** True while the shown result is a snapshot of a run still going (values move). */
  partial: boolean;
}

/** The canvas view context (empty by default). */
export const CanvasViewContext = createContext<CanvasView>({ issues: new Map(), status: new Map(), stale: null, partial: false });
