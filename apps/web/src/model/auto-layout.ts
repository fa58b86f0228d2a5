/**
 * Positions for nodes the document does not place (`spec.canvas.nodes` has no entry): columns
 * follow the request path (traffic → cache → load balancer → service → node pool), one row per
 * service, so an imported file looks like the diagram one would draw.
 */
import type { ComponentKind } from './design-graph.ts';

/** Horizontal spacing between columns, px. */
export const COLUMN_WIDTH = 250;
/** Vertical spacing between rows, px. */
export const ROW_HEIGHT = 170;

const COLUMN: Readonly<Record<ComponentKind, number>> = { traffic: 0, cache: 1, loadBalancer: 2, service: 3, nodePool: 4, training: 0 };

/** Position of a node of `kind` in `row`. */
export function layoutPosition(kind: ComponentKind, row: number): { x: number; y: number } {
  return { x: COLUMN[kind] * COLUMN_WIDTH, y: row * ROW_HEIGHT };
}
