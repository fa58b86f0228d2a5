/**
 * Positions for nodes the document does not place (`spec.canvas.nodes` has no entry): columns
 * follow the request path (traffic → cache → load balancer → service → node pool), one row per
 * service, so an imported file looks like the diagram one would draw. Columns no node uses are
 * skipped, so a plain traffic → service → pool design is not stretched across empty space.
 */
import { kindModules } from '../kinds/index.ts';
import type { ComponentKind } from './design-graph.ts';

/** Horizontal spacing between columns, px. */
export const COLUMN_WIDTH = 260;
/** Vertical spacing between rows, px: a service node with its status (figures at the cursor and over the run) is about 230 px tall. */
export const ROW_HEIGHT = 250;

/** A layout for the kinds present: `position(kind, row)`; each kind's module names its column. */
export function createLayout(present: ReadonlySet<ComponentKind>): (kind: ComponentKind, row: number) => { x: number; y: number } {
  const columns = kindModules().filter((m) => m.column !== undefined);
  columns.sort((a, b) => a.column!.order - b.column!.order);
  const used = columns.filter((m) => present.has(m.kind) || m.column!.always === true).map((m) => m.kind);
  return (kind, row) => {
    // Training and canvas-only components start in the first column.
    const col = Math.max(0, used.indexOf(kind));
    return { x: col * COLUMN_WIDTH, y: row * ROW_HEIGHT };
  };
}
