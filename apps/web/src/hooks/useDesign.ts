/**
 * The design as React state: the history reducer over the document, plus what derives from it
 * (the canvas graph, the validation). Three lines over the pure model, TanStack-style.
 */
import { useCallback, useMemo, useReducer, useState } from 'react';
import { canRedo, canUndo, createHistory, historyReducer, type HistoryAction } from '../model/design-history.ts';
import { initialDesignState } from '../model/design-reducer.ts';
import type { PlainObject } from '../model/doc-path.ts';
import { asObject } from '../model/doc-path.ts';
import { scenarioToGraph } from '../model/scenario-to-graph.ts';
import { createSimDocMemo } from '../model/stable-sim-doc.ts';
import { EDIT_MARK, mark } from '../model/perf-marks.ts';
import type { Validator } from '../worker/validation-client.ts';
import { useValidation } from './useValidation.ts';

/** The file name a design is validated and exported under: `<metadata.name>.yaml`. */
export function designFileName(doc: PlainObject): string {
  const name = asObject(doc.metadata).name;
  return `${typeof name === 'string' && /^[a-z0-9-]+$/.test(name) ? name : 'design'}.yaml`;
}

/** The design state and its derived views; `validator` checks the design text (a worker in the app). */
export function useDesign(initialDoc: PlainObject, validator: Validator) {
  const [history, reduce] = useReducer(historyReducer, initialDoc, (d: PlainObject) => createHistory(initialDesignState(d)));
  // Each edit is marked where it happens, so the e2e measures edit → updated numbers from the input.
  const dispatch = useCallback((action: HistoryAction) => {
    mark(EDIT_MARK, action.type);
    reduce(action);
  }, []);
  const [simDocOf] = useState(createSimDocMemo);
  const { doc, selection } = history.present;
  const simDoc = simDocOf(doc);
  const fileName = designFileName(doc);
  const validation = useValidation(simDoc, fileName, validator);
  const graph = useMemo(() => scenarioToGraph(doc), [doc]);
  return {
    doc,
    selection,
    graph,
    validation,
    fileName,
    dispatch,
    canUndo: canUndo(history),
    canRedo: canRedo(history),
  };
}

/** What `useDesign` returns. */
export type Design = ReturnType<typeof useDesign>;
