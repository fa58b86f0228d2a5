/**
 * The canvas's view, for the palette: fit it after a component was added, and where a screen point falls on
 * it. The palette and the canvas are not inside one React Flow provider: React Flow loads with the canvas's
 * chunk after the page's first result (lazy-panes.ts), so its provider wraps the canvas alone, and the canvas
 * puts its view in the slot the app shares through this context.
 */
import { createContext } from 'react';

/** What the palette asks of the canvas's view. */
export interface CanvasViewport {
  /** Fits the design in the view, animated (a component was just added in its column). */
  fit(): void;
  /** The flow position under a point of the screen (where a new note goes). */
  screenToFlowPosition(point: { x: number; y: number }): { x: number; y: number };
}

/** The canvas's view once it has mounted, else null. */
export interface CanvasViewportSlot {
  current: CanvasViewport | null;
}

/** A new empty slot (App makes one per app). */
export function canvasViewportSlot(): CanvasViewportSlot {
  return { current: null };
}

/** The app's slot; outside an app (a palette alone, in tests) an empty one. */
export const CanvasViewportContext = createContext<CanvasViewportSlot>(canvasViewportSlot());
