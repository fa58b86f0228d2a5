import { describe, expect, it } from 'vitest';
import { smallDoc } from '../test-support/fixtures.ts';
import { canRedo, canUndo, createHistory, historyReducer, MAX_HISTORY, type HistoryAction } from './design-history.ts';
import { initialDesignState } from './design-reducer.ts';
import { getIn } from './doc-path.ts';

const run = (...actions: HistoryAction[]) => actions.reduce(historyReducer, createHistory(initialDesignState(smallDoc())));
const qps = ['spec', 'traffic', 'profile', 'qps'];

describe('design history (undo/redo)', () => {
  it('undoes and redoes document edits', () => {
    const h = run({ type: 'setField', path: qps, value: 80 }, { type: 'setField', path: qps, value: 90 });
    expect(getIn(h.present.doc, qps)).toBe(90);
    const u = historyReducer(h, { type: 'undo' });
    expect(getIn(u.present.doc, qps)).toBe(80);
    const uu = historyReducer(u, { type: 'undo' });
    expect(getIn(uu.present.doc, qps)).toBe(50);
    expect(canUndo(uu)).toBe(false);
    const r = historyReducer(uu, { type: 'redo' });
    expect(getIn(r.present.doc, qps)).toBe(80);
    expect(canRedo(historyReducer(r, { type: 'setField', path: qps, value: 1 }))).toBe(false);
  });

  it('coalesces typing into one field into one step', () => {
    const h = run({ type: 'setField', path: qps, value: 1, coalesce: 'q' }, { type: 'setField', path: qps, value: 12, coalesce: 'q' }, { type: 'setField', path: qps, value: 120, coalesce: 'q' });
    expect(h.past).toHaveLength(1);
    expect(getIn(historyReducer(h, { type: 'undo' }).present.doc, qps)).toBe(50);
  });

  it('records a drag as one step from where it started', () => {
    const drag = (x: number, dragging: boolean): HistoryAction => ({ type: 'move', moves: [{ id: 'traffic', position: { x, y: 0 } }], dragging });
    const h = run(drag(1, true), drag(2, true), drag(3, false));
    expect(h.past).toHaveLength(1);
    expect(getIn(h.present.doc, ['spec', 'canvas', 'nodes', 'traffic'])).toEqual({ x: 3, y: 0 });
    expect(getIn(historyReducer(h, { type: 'undo' }).present.doc, ['spec', 'canvas'])).toBeUndefined();
  });

  it('does not record selection, and keeps the current selection across undo', () => {
    const h = run({ type: 'setField', path: qps, value: 70 }, { type: 'select', ids: ['traffic'] });
    expect(h.past).toHaveLength(1);
    expect(historyReducer(h, { type: 'undo' }).present.selection).toEqual(['traffic']);
  });

  it('keeps at most MAX_HISTORY steps', () => {
    const actions = Array.from({ length: MAX_HISTORY + 20 }, (_v, i): HistoryAction => ({ type: 'setField', path: qps, value: i + 1 }));
    expect(run(...actions).past).toHaveLength(MAX_HISTORY);
  });
});

describe('several fields at once', () => {
  it('is one undo step (a design picked from the optimizer)', () => {
    const start = createHistory(initialDesignState(smallDoc()));
    const h = historyReducer(start, { type: 'setFields', edits: [{ path: ['spec', 'services', 0, 'replicas'], value: 9 }, { path: ['spec', 'nodePools', 0, 'minNodes'], value: 9 }] });
    expect(h.present.doc.spec).toMatchObject({ services: [{ replicas: 9 }], nodePools: [{ minNodes: 9, maxNodes: 10 }] });
    const undone = historyReducer(h, { type: 'undo' });
    expect(undone.present.doc).toBe(start.present.doc);
    expect(canUndo(undone)).toBe(false);
  });
});
