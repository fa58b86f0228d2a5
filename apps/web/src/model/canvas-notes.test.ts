import { createSimApi } from '@design-sim/sim-core';
import { describe, expect, it } from 'vitest';
import { smallDoc } from '../test-support/fixtures.ts';
import { noteNodes } from './canvas-notes.ts';
import { createHistory, historyReducer, type HistoryAction } from './design-history.ts';
import { initialDesignState } from './design-reducer.ts';
import { getIn } from './doc-path.ts';
import { docToYaml, withoutCanvas } from './scenario-yaml.ts';

const run = (...actions: HistoryAction[]) => actions.reduce(historyReducer, createHistory(initialDesignState(smallDoc())));

describe('text and sticky notes', () => {
  it('live in spec.canvas.notes with their position beside the components’, and are selected when added', () => {
    const h = run({ type: 'addNote', kind: 'sticky', position: { x: 10.4, y: -20 } }, { type: 'addNote', kind: 'text' });
    expect(getIn(h.present.doc, ['spec', 'canvas', 'notes'])).toEqual({ 'sticky-1': { kind: 'sticky', text: 'Sticky note' }, 'text-1': { kind: 'text', text: 'A note' } });
    expect(getIn(h.present.doc, ['spec', 'canvas', 'nodes', 'note:sticky-1'])).toEqual({ x: 10, y: -20 });
    expect(h.present.selection).toEqual(['note:text-1']);
    const twice = run({ type: 'addNote', kind: 'text', position: { x: 5, y: 5 } }, { type: 'addNote', kind: 'text', position: { x: 5, y: 5 } });
    expect(getIn(twice.present.doc, ['spec', 'canvas', 'nodes'])).toEqual({ 'note:text-1': { x: 5, y: 5 }, 'note:text-2': { x: 5, y: 155 } });
    expect(noteNodes(h.present.doc).map((n) => [n.id, n.type, n.data.kind, n.position])).toEqual([
      ['note:sticky-1', 'note', 'sticky', { x: 10, y: -20 }],
      ['note:text-1', 'note', 'text', { x: -260, y: 180 }],
    ]);
  });

  it('typing is one undo step; select all takes notes; Delete removes a note and its position; removing a component keeps notes', () => {
    const path = ['spec', 'canvas', 'notes', 'sticky-1', 'text'];
    let h = run({ type: 'addNote', kind: 'sticky', position: { x: 0, y: 0 } });
    h = ['W', 'Wh', 'Why 7?'].reduce((acc, v) => historyReducer(acc, { type: 'setField', path, value: v, coalesce: 'note:sticky-1' }), h);
    expect(getIn(h.present.doc, path)).toBe('Why 7?');
    expect(getIn(historyReducer(h, { type: 'undo' }).present.doc, path)).toBe('Sticky note');
    h = historyReducer(h, { type: 'selectAll' });
    expect(h.present.selection).toContain('note:sticky-1');
    const noService = historyReducer(h, { type: 'remove', nodeIds: ['service:model'], edgeIds: [] });
    expect(getIn(noService.present.doc, path)).toBe('Why 7?');
    h = historyReducer(h, { type: 'select', ids: ['note:sticky-1'] });
    h = historyReducer(h, { type: 'removeSelection' });
    expect(getIn(h.present.doc, ['spec', 'canvas', 'notes'])).toEqual({});
    expect(getIn(h.present.doc, ['spec', 'canvas', 'nodes', 'note:sticky-1'])).toBeUndefined();
    expect((h.present.doc.spec as { services: unknown[] }).services).toHaveLength(1);
  });

  it('the CLI reads a file with notes and the run is the same as without them', () => {
    const doc = run({ type: 'addNote', kind: 'sticky' }).present.doc;
    const api = createSimApi();
    const withNotes = api.run(docToYaml(doc), 'notes.yaml');
    const without = api.run(docToYaml(withoutCanvas(doc)), 'notes.yaml');
    if (!withNotes.ok || !without.ok) throw new Error('expected both to run');
    expect(withNotes.result.summary).toEqual(without.result.summary);
  });
});
