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
/** Extra horizontal room between the layers of a service graph, px (call-layers.ts). */
export const LAYER_GAP = 110;
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
 * A layout for the kinds present; each kind's module names its column, and where it stands in a service graph
 * (`column.place`). With the `layers` of a service graph (call-layers.ts) each service moves right by its layer,
 * together with what stands in front of it (one layer spans the balancer, cache and service columns); a kind placed
 * `after-layers` (the node pools) follows the deepest layer, each at its first service's row, and one placed
 * `before-target` (a traffic source) keeps its column at its target's row, or, when its target is deeper, sits in the
 * layer before that target at a free row.
 */
export function createLayout(present: ReadonlySet<ComponentKind>, layers: CallLayers | null = null): (node: LayoutSlot) => { x: number; y: number } {
  const columns = kindModules().filter((m) => m.column !== undefined);
  const place = new Map(columns.map((m) => [m.kind, m.column!.place]));
  columns.sort((a, b) => a.column!.order - b.column!.order);
  const used = columns.filter((m) => present.has(m.kind) || m.column!.always === true).map((m) => m.kind);
  // Training and canvas-only components start in the first column.
  const col = (kind: ComponentKind) => Math.max(0, used.indexOf(kind));
  const at = (column: number, row: number) => ({ x: column * COLUMN_WIDTH, y: row * ROW_HEIGHT });
  // Rows held at each x: a traffic source or a pool takes its row there, else the next free one below (the returned
  // function places the nodes in the order it is called).
  const held = new Map<number, Set<number>>();
  const claim = (x: number, row: number) => {
    const rows = held.get(x) ?? held.set(x, new Set()).get(x)!;
    while (rows.has(row)) row++;
    rows.add(row);
    return { x, y: row * ROW_HEIGHT };
  };
  // Sources share their target's row: in one column they take free rows (two sources to one service).
  if (layers === null) return (n) => (place.get(n.kind) === 'before-target' ? claim(col(n.kind) * COLUMN_WIDTH, n.row) : at(col(n.kind), n.row));
  // A layer spans the columns from the first after the sources' to the service's.
  const stride = col('service') - (place.get(used[0]!) === 'before-target' ? 1 : 0) + 1;
  // Room between layers for a call's label ("30%", "async") on a short edge between neighbours.
  const x = (kind: ComponentKind, layer: number) => col(kind) * COLUMN_WIDTH + layer * (stride * COLUMN_WIDTH + LAYER_GAP);
  const ofService = (row: number) => Number.isInteger(row) && row >= 0 && row < layers.row.length;
  // The services hold their rows, so that a source sending to a deeper service, which sits in the layer before it,
  // takes a free row there.
  layers.layer.forEach((l, i) => claim(x('service', l), layers.row[i]!));
  return (n) => {
    // A pool's `row` is its first service's, a traffic source's its target's.
    const where = place.get(n.kind);
    if (where === 'after-layers') return claim(x(n.kind, layers.deepest), ofService(n.row) ? layers.row[n.row]! : n.order);
    if (!ofService(n.row)) return at(col(n.kind), n.row);
    const layer = layers.layer[n.row]!;
    if (where === 'before-target') return claim(layer === 0 ? x(n.kind, 0) : x('service', layer - 1), layers.row[n.row]!);
    if (n.kind === 'service' || n.attachedTo != null) return { x: x(n.kind, layer), y: layers.row[n.row]! * ROW_HEIGHT };
    return at(col(n.kind), n.row);
  };
}
