/**
 * The design slice of the app store: the design's history (model/design-history.ts: undo/redo over
 * the pure design reducer) and what derives from its present state, computed once per change so
 * every view reads the same objects: the canvas graph, the document without `spec.canvas` (the
 * same object while only positions or notes change, so validation and runs stay put during a
 * drag) and the file name. Views subscribe through the selectors below to what they show: a node
 * dragged re-renders the canvas, not the results; a selection re-renders the canvas and the
 * inspector, not the toolbar.
 */
import type { StateCreator } from 'zustand';
import { canRedo, canUndo, createHistory, historyReducer, type DesignHistory, type HistoryAction } from '../model/design-history.ts';
import type { DesignGraph } from '../model/design-graph.ts';
import { initialDesignState } from '../model/design-reducer.ts';
import { asObject, type PlainObject } from '../model/doc-path.ts';
import { EDIT_MARK, mark } from '../model/perf-marks.ts';
import { scenarioToGraph } from '../model/scenario-to-graph.ts';
import { createSimDocMemo } from '../model/stable-sim-doc.ts';

/** The design state and its actions. */
export interface DesignSliceState {
  history: DesignHistory;
  /** The canvas graph of `history.present.doc`. */
  graph: DesignGraph;
  /** `history.present.doc` without `spec.canvas`: a new object only when something a run reads changed. */
  simDoc: PlainObject;
  /** Applies an edit, undo or redo (pure: `historyReducer`). */
  dispatch: (action: HistoryAction) => void;
  undo: () => void;
  redo: () => void;
}

/** The file name a design is validated and exported under: `<metadata.name>.yaml`. */
export function designFileName(doc: PlainObject): string {
  const name = asObject(doc.metadata).name;
  return `${typeof name === 'string' && /^[a-z0-9-]+$/.test(name) ? name : 'design'}.yaml`;
}

/** The design slice, starting from `doc` with nothing to undo. */
export function createDesignSlice(doc: PlainObject): StateCreator<DesignSliceState, [], [], DesignSliceState> {
  return (set, get) => {
    // The memo lives with the store: each app (and each test store) has its own.
    const simDocOf = createSimDocMemo();
    const derive = (history: DesignHistory, before: DesignSliceState | null) => {
      const present = history.present.doc;
      const same = before !== null && before.history.present.doc === present;
      return { history, graph: same ? before.graph : scenarioToGraph(present), simDoc: simDocOf(present) };
    };
    const dispatch = (action: HistoryAction) => {
      // Each edit is marked where it happens, so the e2e measures edit → updated numbers from the input.
      mark(EDIT_MARK, action.type);
      const s = get();
      const next = historyReducer(s.history, action);
      if (next !== s.history) set(derive(next, s));
    };
    return {
      ...derive(createHistory(initialDesignState(doc)), null),
      dispatch,
      undo: () => dispatch({ type: 'undo' }),
      redo: () => dispatch({ type: 'redo' }),
    };
  };
}

/** Selectors of the design slice (stable values, so a view re-renders only when its value changes). */
export const selectDoc = (s: DesignSliceState): PlainObject => s.history.present.doc;
export const selectSelection = (s: DesignSliceState): readonly string[] => s.history.present.selection;
export const selectGraph = (s: DesignSliceState): DesignGraph => s.graph;
export const selectSimDoc = (s: DesignSliceState): PlainObject => s.simDoc;
export const selectFileName = (s: DesignSliceState): string => designFileName(s.simDoc);
export const selectCanUndo = (s: DesignSliceState): boolean => canUndo(s.history);
export const selectCanRedo = (s: DesignSliceState): boolean => canRedo(s.history);
export const selectDispatch = (s: DesignSliceState): ((action: HistoryAction) => void) => s.dispatch;

/** The design's title as the toolbar shows it. */
export function selectTitle(s: DesignSliceState): string {
  const meta = asObject(s.simDoc.metadata);
  return String(meta.title ?? meta.name ?? 'design');
}
