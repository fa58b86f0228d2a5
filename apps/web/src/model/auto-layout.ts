/**
 * Positions for nodes the document does not place (`spec.canvas.nodes` has no entry): columns
 * follow the request path (traffic → cache → load balancer → service → node pool), one row per
 * service, so an imported file looks like the diagram one would draw. Columns no node uses are
 * skipped, so a plain traffic → service → pool design is not stretched across empty space.
 */
import type { ComponentKind } from './design-graph.ts';

/** Horizontal spacing between columns, px. */
export const COLUMN_WIDTH = 260;
/** Vertical spacing between rows, px: a service node with its status (figures at the cursor and over the run) is about 230 px tall. */
export const ROW_HEIGHT = 250;

const ORDER: readonly ComponentKind[] = ['traffic', 'cache', 'loadBalancer', 'service', 'nodePool'];

/** A layout for the kinds present: `position(kind, row)`. */
export function createLayout(present: ReadonlySet<ComponentKind>): (kind: ComponentKind, row: number) => { x: number; y: number } {
  const used = ORDER.filter((k) => present.has(k) || k === 'service');
  return (kind, row) => {
    // Training and canvas-only components start in the first column.
    const col = Math.max(0, used.indexOf(kind));
    return { x: col * COLUMN_WIDTH, y: row * ROW_HEIGHT };
  };
}
