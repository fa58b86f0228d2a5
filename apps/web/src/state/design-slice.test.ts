import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { autosaveDesign } from '../hooks/useAutosave.ts';
import { AUTOSAVE_KEY } from '../model/autosave-key.ts';
import { getIn } from '../model/doc-path.ts';
import { smallDoc } from '../test-support/fixtures.ts';
import { createAppStore } from './app-store.ts';
import { selectCanRedo, selectCanUndo, selectDoc, selectFileName, selectGraph, selectSelection, selectSimDoc, selectTitle } from './design-slice.ts';

const qps = ['spec', 'traffic', 'profile', 'qps'];
const drag = (x: number, dragging: boolean) => ({ type: 'move' as const, moves: [{ id: 'traffic', position: { x, y: 0 } }], dragging });

/** Records each selected value a subscriber would see change, as a view using that selector re-renders. */
function watch<T>(store: ReturnType<typeof createAppStore>, select: (s: ReturnType<ReturnType<typeof createAppStore>['getState']>) => T): T[] {
  const seen: T[] = [];
  let last = select(store.getState());
  store.subscribe((s) => {
    const v = select(s);
    if (!Object.is(v, last)) seen.push((last = v));
  });
  return seen;
}

describe('the design slice of the app store', () => {
  it('starts from the design with nothing to undo, and derives its graph, file name and title', () => {
    const store = createAppStore(null, smallDoc());
    const s = store.getState();
    expect(selectDoc(s)).toEqual(smallDoc());
    expect(selectSelection(s)).toEqual([]);
    expect([selectCanUndo(s), selectCanRedo(s)]).toEqual([false, false]);
    expect(selectGraph(s).nodes.map((n) => n.id).sort()).toEqual(['pool:gpu', 'service:model', 'traffic']);
    expect([selectFileName(s), selectTitle(s)]).toEqual(['small.yaml', 'Small test design']);
  });

  it('undoes and redoes through its actions as the history reducer does, typing into a field being one step', () => {
    const store = createAppStore(null, smallDoc());
    const { dispatch } = store.getState();
    for (const v of [1, 12, 120]) dispatch({ type: 'setField', path: qps, value: v, coalesce: 'qps' });
    dispatch({ type: 'setField', path: ['spec', 'seed'], value: 9 });
    expect(getIn(selectDoc(store.getState()), qps)).toBe(120);
    store.getState().undo();
    expect(getIn(selectDoc(store.getState()), ['spec', 'seed'])).toBe(7);
    store.getState().undo();
    expect(getIn(selectDoc(store.getState()), qps)).toBe(50);
    expect(selectCanUndo(store.getState())).toBe(false);
    store.getState().redo();
    expect(getIn(selectDoc(store.getState()), qps)).toBe(120);
    expect(selectCanRedo(store.getState())).toBe(true);
    // A new edit drops what could be redone.
    dispatch({ type: 'setField', path: qps, value: 70 });
    expect(selectCanRedo(store.getState())).toBe(false);
  });

  it('records a drag as one step and keeps the selection across undo', () => {
    const store = createAppStore(null, smallDoc());
    const { dispatch } = store.getState();
    dispatch(drag(1, true));
    dispatch(drag(2, true));
    dispatch(drag(3, false));
    dispatch({ type: 'select', ids: ['traffic'] });
    store.getState().undo();
    expect(getIn(selectDoc(store.getState()), ['spec', 'canvas'])).toBeUndefined();
    expect(selectSelection(store.getState())).toEqual(['traffic']);
    expect(selectCanUndo(store.getState())).toBe(false);
  });

  it('a view subscribed to what a run reads sees no change for a drag, a selection or a note', () => {
    const store = createAppStore(null, smallDoc());
    const simDocs = watch(store, selectSimDoc);
    const graphs = watch(store, selectGraph);
    const docs = watch(store, selectDoc);
    const undoable = watch(store, selectCanUndo);
    const { dispatch } = store.getState();
    dispatch(drag(5, true));
    dispatch(drag(6, false));
    dispatch({ type: 'select', ids: ['service:model'] });
    dispatch({ type: 'addNote', kind: 'sticky' });
    expect(simDocs).toHaveLength(0);
    // The canvas follows the drag (a new graph per position), the toolbar's Undo turned on once.
    expect(graphs.length).toBeGreaterThanOrEqual(2);
    expect(undoable).toEqual([true]);
    // A selection changes neither the document nor the graph.
    const graphCount = graphs.length;
    const docCount = docs.length;
    dispatch({ type: 'select', ids: [] });
    expect([graphs.length, docs.length]).toEqual([graphCount, docCount]);
    // A field a run reads does change it, once.
    dispatch({ type: 'setField', path: qps, value: 80 });
    expect(simDocs).toHaveLength(1);
    expect(getIn(simDocs[0]!, qps)).toBe(80);
    expect(getIn(simDocs[0]!, ['spec', 'canvas'])).toBeUndefined();
  });

  it('an action that changes nothing notifies no one', () => {
    const store = createAppStore(null, smallDoc());
    const calls = vi.fn();
    store.subscribe(calls);
    store.getState().undo();
    store.getState().dispatch({ type: 'select', ids: [] });
    store.getState().dispatch({ type: 'paste', clip: { entries: [], notes: [], skipped: [] } });
    expect(calls).not.toHaveBeenCalled();
  });
});

describe('autosave of the design slice', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    localStorage.clear();
  });
  afterEach(() => vi.useRealTimers());

  it('saves the opened design, then each edit 0.5 s after the last one, and not for a selection', () => {
    const store = createAppStore(null, smallDoc());
    const stop = autosaveDesign(store, 500);
    vi.advanceTimersByTime(500);
    expect(JSON.parse(localStorage.getItem(AUTOSAVE_KEY)!)).toEqual(smallDoc());
    store.getState().dispatch({ type: 'setField', path: qps, value: 80 });
    vi.advanceTimersByTime(300);
    store.getState().dispatch({ type: 'setField', path: qps, value: 90 });
    vi.advanceTimersByTime(300);
    expect(getIn(JSON.parse(localStorage.getItem(AUTOSAVE_KEY)!), qps)).toBe(50);
    vi.advanceTimersByTime(200);
    expect(getIn(JSON.parse(localStorage.getItem(AUTOSAVE_KEY)!), qps)).toBe(90);
    localStorage.clear();
    store.getState().dispatch({ type: 'select', ids: ['traffic'] });
    vi.advanceTimersByTime(1000);
    expect(localStorage.getItem(AUTOSAVE_KEY)).toBeNull();
    // Stopped (the app unmounted), an edit is not saved.
    stop();
    store.getState().dispatch({ type: 'setField', path: qps, value: 10 });
    vi.advanceTimersByTime(1000);
    expect(localStorage.getItem(AUTOSAVE_KEY)).toBeNull();
  });
});
