/**
 * Whether the design still fits the canvas's view. A design is fitted when it opens, on its nodes as they are
 * then; the run's status lines arrive later and make every node taller, and the bottom row ended cut off under
 * the results (the thread-pool cascade, the RAG pipeline and the experiment tracker at 1440×900). The canvas asks
 * this when node sizes change, and fits again while the user has not taken the view over.
 */

/** A rectangle in flow coordinates (React Flow's `getNodesBounds`). */
export interface FlowRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** React Flow's viewport: the screen position of the flow's origin and the zoom. */
export interface FlowViewport {
  x: number;
  y: number;
  zoom: number;
}

/**
 * True when some of `bounds`, drawn at `viewport`, lies outside the pane (`width` × `height` px) less `reserveRight`
 * px on the right (where the minimap sits). A pixel of slack absorbs rounding.
 */
export function overflowsPane(bounds: FlowRect, viewport: FlowViewport, pane: { width: number; height: number }, reserveRight = 0): boolean {
  if (pane.width <= 0 || pane.height <= 0 || bounds.width <= 0 || bounds.height <= 0) return false;
  const left = bounds.x * viewport.zoom + viewport.x;
  const top = bounds.y * viewport.zoom + viewport.y;
  const right = left + bounds.width * viewport.zoom;
  const bottom = top + bounds.height * viewport.zoom;
  const slack = 1;
  return left < -slack || top < -slack || right > pane.width - reserveRight + slack || bottom > pane.height + slack;
}
