/**
 * Undo/redo as a history of design states around the pure reducer. A step is recorded when the
 * document changes; selection alone is not a step, a drag is one step (from where it started),
 * and consecutive edits of one field (typing "150" in a box) coalesce into one step.
 */
import { designReducer, isDragging, type DesignAction, type DesignState } from './design-reducer.ts';

/** Most undo steps kept. */
export const MAX_HISTORY = 100;

/** The history around a design state. */
export interface DesignHistory {
  past: DesignState[];
  present: DesignState;
  future: DesignState[];
  /** The coalesce key of the last recorded step, if any. */
  lastCoalesce: string | null;
  /** The state a drag in progress started from. */
  dragBase: DesignState | null;
}

/** Actions on the history: any design action, plus undo and redo. */
export type HistoryAction = DesignAction | { type: 'undo' } | { type: 'redo' };

/** A history holding one state. */
export function createHistory(present: DesignState): DesignHistory {
  return { past: [], present, future: [], lastCoalesce: null, dragBase: null };
}

function record(h: DesignHistory, base: DesignState, present: DesignState, coalesce: string | null): DesignHistory {
  const past = [...h.past, base].slice(-MAX_HISTORY);
  return { past, present, future: [], lastCoalesce: coalesce, dragBase: null };
}

/** The history reducer (pure). */
export function historyReducer(h: DesignHistory, action: HistoryAction): DesignHistory {
  if (action.type === 'undo') {
    const prev = h.past.at(-1);
    if (prev === undefined) return h;
    // Selection is not history: keep what the user has selected now.
    return { past: h.past.slice(0, -1), present: { ...prev, selection: h.present.selection }, future: [h.present, ...h.future], lastCoalesce: null, dragBase: null };
  }
  if (action.type === 'redo') {
    const [next, ...rest] = h.future;
    if (next === undefined) return h;
    return { past: [...h.past, h.present], present: { ...next, selection: h.present.selection }, future: rest, lastCoalesce: null, dragBase: null };
  }
  const present = designReducer(h.present, action);
  if (present === h.present) return h;
  if (present.doc === h.present.doc) return { ...h, present };
  if (isDragging(action)) return { ...h, present, dragBase: h.dragBase ?? h.present };
  if (h.dragBase !== null) return record(h, h.dragBase, present, null);
  const coalesce = action.type === 'setField' ? (action.coalesce ?? null) : null;
  if (coalesce !== null && coalesce === h.lastCoalesce) return { ...h, present, future: [] };
  return record(h, h.present, present, coalesce);
}

/** True when there is a step to undo. */
export function canUndo(h: DesignHistory): boolean {
  return h.past.length > 0;
}

/** True when there is a step to redo. */
export function canRedo(h: DesignHistory): boolean {
  return h.future.length > 0;
}
