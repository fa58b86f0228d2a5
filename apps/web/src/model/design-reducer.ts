/**
 * The design's state and its pure reducer. Every edit is an action (data), so undo/redo, tests
 * and autosave need nothing else. The document is the scenario as written (units as strings,
 * defaults omitted), so exporting it gives back a file the CLI runs unchanged.
 */
import type { PathSegment } from '@design-sim/sim-core';
import type { EdgeChange, NodeChange } from '@xyflow/react';
import { addNote, isNoteId, noteNodes, removeNotes, type NoteKind } from './canvas-notes.ts';
import { copySelection, pasteClip, type Clip } from './clipboard.ts';
import { addComponent } from '../kinds/add-component.ts';
import { getIn, setIn, type PlainObject } from './doc-path.ts';
import type { ComponentKind, DesignEdge, DesignNode } from './design-graph.ts';
import { connectNodes, removeFromGraph } from './graph-edits.ts';
import { graphToScenario } from './graph-to-scenario.ts';
import { renameComponent, renamedKind } from './rename.ts';
import { scenarioToGraph } from './scenario-to-graph.ts';

/** The editor state: the scenario document (positions inside `spec.canvas`) and the selected node/edge ids. */
export interface DesignState {
  doc: PlainObject;
  selection: string[];
}

/** Every edit the canvas, the inspector and the menus can make. */
export type DesignAction =
  | { type: 'load'; doc: PlainObject }
  /** Sets (or, with `undefined`, removes) one value; `coalesce` merges consecutive edits of one field into one undo step. */
  | { type: 'setField'; path: PathSegment[]; value: unknown; coalesce?: string }
  /** Sets several values at once, one undo step (a design picked from the optimizer's frontier). */
  | { type: 'setFields'; edits: { path: PathSegment[]; value: unknown }[] }
  /** Adds a component; without `position` the automatic layout places it. */
  | { type: 'addComponent'; kind: ComponentKind; position?: { x: number; y: number } }
  | { type: 'connect'; source: string; target: string }
  | { type: 'remove'; nodeIds: string[]; edgeIds: string[] }
  | { type: 'removeSelection' }
  /** Node moves; `dragging` marks intermediate positions (one undo step per drag). */
  | { type: 'move'; moves: { id: string; position: { x: number; y: number } }[]; dragging: boolean }
  | { type: 'select'; ids: string[] }
  /** Adds a text or sticky note (canvas-only) and selects it. */
  | { type: 'addNote'; kind: NoteKind; position?: { x: number; y: number } }
  /** Selects every node on the canvas. */
  | { type: 'selectAll' }
  /** Adds copies of a clip's components (fresh names, offset positions) and selects them. */
  | { type: 'paste'; clip: Clip }
  /** Copies the selection and pastes it at once (one undo step). */
  | { type: 'duplicate' }
  /** React Flow's node changes (position, select, remove), the xyflow way (`applyNodeChanges`). */
  | { type: 'nodeChanges'; changes: NodeChange<DesignNode>[] }
  /** React Flow's edge changes (select, remove). */
  | { type: 'edgeChanges'; changes: EdgeChange<DesignEdge>[] };

/** A fresh state for a document. */
export function initialDesignState(doc: PlainObject): DesignState {
  return { doc, selection: [] };
}

function withDoc(state: DesignState, doc: PlainObject): DesignState {
  return doc === state.doc ? state : { ...state, doc };
}

function setField(doc: PlainObject, path: PathSegment[], value: unknown): PlainObject {
  const before = getIn(doc, path);
  let out = setIn(doc, path, value);
  const kind = renamedKind(path);
  if (kind !== null && typeof before === 'string' && typeof value === 'string' && before !== value) out = renameComponent(out, kind, before, value);
  return out;
}

function move(doc: PlainObject, moves: { id: string; position: { x: number; y: number } }[]): PlainObject {
  let out = doc;
  for (const m of moves) out = setIn(out, ['spec', 'canvas', 'nodes', m.id], { x: Math.round(m.position.x), y: Math.round(m.position.y) });
  return out;
}

function selectionAfter(selection: string[], id: string, selected: boolean): string[] {
  if (selected) return selection.includes(id) ? selection : [...selection, id];
  return selection.includes(id) ? selection.filter((x) => x !== id) : selection;
}

function applyEdgeChanges(state: DesignState, changes: EdgeChange<DesignEdge>[]): DesignState {
  let selection = state.selection;
  const removed: string[] = [];
  for (const c of changes) {
    if (c.type === 'select') selection = selectionAfter(selection, c.id, c.selected);
    else if (c.type === 'remove') removed.push(c.id);
  }
  let next = selection === state.selection ? state : { ...state, selection };
  if (removed.length > 0) next = designReducer(next, { type: 'remove', nodeIds: [], edgeIds: removed });
  return next;
}

function applyNodeChanges(state: DesignState, changes: NodeChange<DesignNode>[]): DesignState {
  let next = state;
  const moves: { id: string; position: { x: number; y: number } }[] = [];
  const removed: string[] = [];
  let selection = state.selection;
  for (const c of changes) {
    if (c.type === 'position' && c.position !== undefined) {
      moves.push({ id: c.id, position: c.position });
    } else if (c.type === 'select') {
      selection = selectionAfter(selection, c.id, c.selected);
    } else if (c.type === 'remove') removed.push(c.id);
  }
  if (selection !== state.selection) next = { ...next, selection };
  if (moves.length > 0) next = withDoc(next, move(next.doc, moves));
  if (removed.length > 0) next = designReducer(next, { type: 'remove', nodeIds: removed, edgeIds: [] });
  return next;
}

/** The pure reducer. Unknown or meaningless actions return the same state object. */
export function designReducer(state: DesignState, action: DesignAction): DesignState {
  switch (action.type) {
    case 'load':
      return { doc: action.doc, selection: [] };
    case 'setField':
      return withDoc(state, setField(state.doc, action.path, action.value));
    case 'setFields':
      return withDoc(state, action.edits.reduce((doc, e) => setField(doc, e.path, e.value), state.doc));
    case 'addComponent': {
      const added = addComponent(state.doc, action.kind, action.position);
      return added === null ? state : { doc: added.doc, selection: [added.id] };
    }
    case 'connect':
      return withDoc(state, graphToScenario(connectNodes(scenarioToGraph(state.doc), action.source, action.target), state.doc));
    case 'addNote': {
      const added = addNote(state.doc, action.kind, action.position);
      return { doc: added.doc, selection: [added.id] };
    }
    case 'remove': {
      if (action.nodeIds.length === 0 && action.edgeIds.length === 0) return state;
      const notes = action.nodeIds.filter(isNoteId);
      const components = action.nodeIds.filter((id) => !isNoteId(id));
      const withoutNotes = removeNotes(state.doc, notes);
      const doc = components.length === 0 && action.edgeIds.length === 0 ? withoutNotes : graphToScenario(removeFromGraph(scenarioToGraph(withoutNotes), components, action.edgeIds), withoutNotes);
      const gone = new Set([...action.nodeIds, ...action.edgeIds]);
      return { doc, selection: state.selection.filter((id) => !gone.has(id)) };
    }
    case 'removeSelection': {
      const graph = scenarioToGraph(state.doc);
      const nodeIds = state.selection.filter((id) => isNoteId(id) || graph.nodes.some((n) => n.id === id));
      const edgeIds = state.selection.filter((id) => graph.edges.some((e) => e.id === id));
      return designReducer(state, { type: 'remove', nodeIds, edgeIds });
    }
    case 'move':
      return withDoc(state, move(state.doc, action.moves));
    case 'select':
      return sameIds(state.selection, action.ids) ? state : { ...state, selection: action.ids };
    case 'selectAll':
      return designReducer(state, { type: 'select', ids: [...scenarioToGraph(state.doc).nodes, ...noteNodes(state.doc)].map((n) => n.id) });
    case 'paste': {
      const pasted = pasteClip(state.doc, action.clip);
      return pasted.ids.length === 0 ? state : { doc: pasted.doc, selection: pasted.ids };
    }
    case 'duplicate': {
      const clip = copySelection(state.doc, state.selection);
      return clip === null ? state : designReducer(state, { type: 'paste', clip });
    }
    case 'nodeChanges':
      return applyNodeChanges(state, action.changes);
    case 'edgeChanges':
      return applyEdgeChanges(state, action.changes);
  }
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** True when the action is an intermediate drag position (the history keeps one step per drag). */
export function isDragging(action: DesignAction): boolean {
  if (action.type === 'move') return action.dragging;
  if (action.type === 'nodeChanges') return action.changes.some((c) => c.type === 'position' && c.dragging === true);
  return false;
}
