/**
 * Positions for nodes the document does not place (`spec.canvas.nodes` has no entry): columns
 * follow the request path (traffic → cache → load balancer → service → node pool), one row per
 * service, so an imported file looks like the diagram one would draw. Columns no node uses are
 * skipped, so a plain traffic → service → pool design is not stretched across empty space. A service graph's
 * services are laid out in layers along their calls (call-layers.ts), and its node pools beside the deepest layer in
 * as many columns as make the whole graph fit the canvas largest.
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
export function createLayout(slots: readonly LayoutSlot[], layers: CallLayers | null = null): (node: LayoutSlot) => { x: number; y: number } {
  const present = new Set(slots.map((n) => n.kind));
  const columns = kindModules().filter((m) => m.column !== undefined);
  const place = new Map(columns.map((m) => [m.kind, m.column!.place]));
  columns.sort((a, b) => a.column!.order - b.column!.order);
  const used = columns.filter((m) => (present.has(m.kind) || m.column!.always === true) && m.column!.place !== 'row-below').map((m) => m.kind);
  // Kinds in a row below the graph (cluster jobs): as many a row as the graph has columns (at least 3), from the left,
  // starting at the row their nodes name (below every service and pool); a wider service graph gives the same count.
  const perRow = Math.max(3, used.length);
  const below = (n: LayoutSlot) => ({ x: (n.order % perRow) * COLUMN_WIDTH, y: (n.row + Math.floor(n.order / perRow)) * ROW_HEIGHT });
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
  // Pools claim their rows too: two can share a first user (a disaggregated service's prefill and decode pools).
  if (layers === null) return (n) => (place.get(n.kind) === 'row-below' ? below(n) : place.get(n.kind) === 'before-target' || place.get(n.kind) === 'after-layers' ? claim(col(n.kind) * COLUMN_WIDTH, n.row) : at(col(n.kind), n.row));
  // A layer spans the columns from the first after the sources' to the service's.
  const stride = col('service') - (place.get(used[0]!) === 'before-target' ? 1 : 0) + 1;
  // Room between layers for a call's label ("30%", "async") on a short edge between neighbours.
  const x = (kind: ComponentKind, layer: number) => col(kind) * COLUMN_WIDTH + layer * (stride * COLUMN_WIDTH + LAYER_GAP);
  const ofService = (row: number) => Number.isInteger(row) && row >= 0 && row < layers.row.length;
  // The services hold their rows, so that a source sending to a deeper service, which sits in the layer before it,
  // takes a free row there.
  layers.layer.forEach((l, i) => claim(x('service', l), layers.row[i]!));
  const after = slots.filter((n) => place.get(n.kind) === 'after-layers');
  const beside = besideLayers(after.length, layers, after.length > 0 ? x(after[0]!.kind, layers.deepest) : 0);
  return (n) => {
    // A pool's `row` is its first service's, a traffic source's its target's.
    const where = place.get(n.kind);
    if (where === 'row-below') return below(n);
    if (where === 'after-layers') {
      const x0 = x(n.kind, layers.deepest);
      const spot = beside.place(ofService(n.row) ? layers.row[n.row]! : n.order, (col, row) => !held.get(x0 + col * COLUMN_WIDTH)?.has(row));
      return claim(x0 + spot.column * COLUMN_WIDTH, spot.row);
    }
    if (!ofService(n.row)) return at(col(n.kind), n.row);
    const layer = layers.layer[n.row]!;
    if (where === 'before-target') return claim(layer === 0 ? x(n.kind, 0) : x('service', layer - 1), layers.row[n.row]!);
    if (n.kind === 'service' || n.attachedTo != null) return { x: x(n.kind, layer), y: layers.row[n.row]! * ROW_HEIGHT };
    return at(col(n.kind), n.row);
  };
}

/**
 * The canvas's usual shape (width ÷ height) inside its fit-view padding, with both side panels open: 726 × 319 px at a
 * 1440 × 900 window (2.3), 2.5 at 1280 × 720, 2.8 at 1920 × 1080. What a laid-out graph should fit.
 */
const CANVAS_ASPECT = 2.3;
/** A node's size at zoom 1 as the canvas draws it below 70% (name and headline figures), px: the laid-out graph's bounds. */
const NODE_WIDTH = 196;
const NODE_HEIGHT = 200;

/**
 * Where the nodes placed after the deepest layer (the node pools) go: in as many columns beside it as make the whole
 * graph fit the canvas largest. One column of five pools beside a graph three services tall made the graph five rows
 * tall, and the canvas drew it at a third of its size (the RAG design: four pools beside three rows, zoom 0.34). Each
 * node takes its own row (its first service's) in the first column where that row is free, else the nearest free row.
 */
function besideLayers(count: number, layers: CallLayers, left: number) {
  const serviceRows = Math.max(...layers.row) + 1;
  // The zoom at which the graph, `left` px plus the columns wide, fills a canvas one unit tall (relative figures).
  const fit = (columns: number) => {
    const rows = Math.max(serviceRows, Math.ceil(count / columns));
    return { rows, zoom: Math.min(CANVAS_ASPECT / (left + (columns - 1) * COLUMN_WIDTH + NODE_WIDTH), 1 / ((rows - 1) * ROW_HEIGHT + NODE_HEIGHT)) };
  };
  let columns = 1;
  for (let k = 2; k <= Math.max(1, count); k++) if (fit(k).zoom > fit(columns).zoom * 1.001) columns = k;
  const rows = fit(columns).rows;
  return {
    /** The column and row for a node that would sit at `want`, given which spots are free. */
    place(want: number, free: (column: number, row: number) => boolean): { column: number; row: number } {
      const row = Math.min(Math.max(0, want), rows - 1);
      for (let c = 0; c < columns; c++) if (free(c, row)) return { column: c, row };
      for (let d = 1; d < rows; d++) {
        for (const r of [row + d, row - d]) {
          if (r < 0 || r >= rows) continue;
          for (let c = 0; c < columns; c++) if (free(c, r)) return { column: c, row: r };
        }
      }
      // More nodes than spots (another kind took some): below the last row of the first column.
      return { column: 0, row: rows };
    },
  };
}
