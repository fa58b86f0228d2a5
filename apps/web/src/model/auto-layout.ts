/**
 * Positions for nodes the document does not place (`spec.canvas.nodes` has no entry): columns
 * follow the request path (traffic → cache → load balancer → service → node pool), one row per
 * service, so an imported file looks like the diagram one would draw. Columns no node uses are
 * skipped, so a plain traffic → service → pool design is not stretched across empty space. A service graph's
 * services are laid out in layers along their calls (call-layers.ts).
 */
import { kindModules } from '../kinds/index.ts';
import type { CallLayers } from './call-layers.ts';
import type { ComponentKind } from './design-graph.ts';

/** Horizontal spacing between columns, px. */
export const COLUMN_WIDTH = 260;
/** Vertical spacing between rows, px: a service node with its status (figures at the cursor and over the run) is about 230 px tall. */
export const ROW_HEIGHT = 250;

/** What the layout needs of a node: its kind, its row (a service's index for the nodes of a service), its order. */
export interface LayoutSlot {
  kind: ComponentKind;
  row: number;
  order: number;
  /** The service a cache or balancer stands in front of. */
  attachedTo?: string | null;
}

/**
 * A layout for the kinds present; each kind's module names its column. With the `layers` of a service graph
 * (call-layers.ts) each service moves right by its layer, together with what stands in front of it (one layer spans
 * the balancer, cache and service columns), the node pools follow the deepest layer, each at its first service's row
 * or the next free one (the returned function places the nodes in the order it is called), and a traffic source keeps
 * its column at its target's row.
 */
export function createLayout(present: ReadonlySet<ComponentKind>, layers: CallLayers | null = null): (node: LayoutSlot) => { x: number; y: number } {
  const columns = kindModules().filter((m) => m.column !== undefined);
  columns.sort((a, b) => a.column!.order - b.column!.order);
  const used = columns.filter((m) => present.has(m.kind) || m.column!.always === true).map((m) => m.kind);
  // Training and canvas-only components start in the first column.
  const col = (kind: ComponentKind) => Math.max(0, used.indexOf(kind));
  const at = (column: number, row: number) => ({ x: column * COLUMN_WIDTH, y: row * ROW_HEIGHT });
  if (layers === null) return (n) => at(col(n.kind), n.row);
  const stride = col('service') - (used[0] === 'traffic' ? 1 : 0) + 1;
  const ofService = (row: number) => Number.isInteger(row) && row >= 0 && row < layers.row.length;
  // A pool goes at the row of its first service (its `row`), else at the next free row below.
  const poolRows = new Set<number>();
  const poolRow = (n: LayoutSlot) => {
    let row = ofService(n.row) ? layers.row[n.row]! : n.order;
    while (poolRows.has(row)) row++;
    poolRows.add(row);
    return row;
  };
  return (n) => {
    if (n.kind === 'nodePool') return at(col(n.kind) + layers.deepest * stride, poolRow(n));
    if (!ofService(n.row)) return at(col(n.kind), n.row);
    if (n.kind === 'traffic') return at(col(n.kind), layers.row[n.row]!);
    if (n.kind === 'service' || n.attachedTo != null) return at(col(n.kind) + layers.layer[n.row]! * stride, layers.row[n.row]!);
    return at(col(n.kind), n.row);
  };
}
