import { createSimApi } from '@design-sim/sim-core';
import { describe, expect, it } from 'vitest';
import { smallDoc } from '../test-support/fixtures.ts';
import { copySelection, pasteClip } from './clipboard.ts';
import { createHistory, historyReducer } from './design-history.ts';
import { initialDesignState } from './design-reducer.ts';
import { getIn, setIn, type PlainObject } from './doc-path.ts';
import { addNote } from './canvas-notes.ts';
import { scenarioToGraph } from './scenario-to-graph.ts';
import { docToYaml } from './scenario-yaml.ts';

const base = (): PlainObject => {
  const d = smallDoc();
  return { ...d, spec: { ...(d.spec as PlainObject), canvas: { nodes: { 'service:model': { x: 300, y: 100 }, 'pool:gpu': { x: 600, y: 100 } } } } };
};

describe('copy, paste, duplicate', () => {
  it('a service, its pool and its traffic paste under fresh names, the copies pointing at the copies, 40 px off', () => {
    const doc = base();
    const clip = copySelection(doc, ['service:model', 'pool:gpu', 'traffic'])!;
    expect(clip.skipped).toEqual([]);
    const { doc: out, ids } = pasteClip(doc, clip);
    expect(ids).toEqual(['pool:gpu-2', 'service:model-2', 'traffic:2']);
    const spec = out.spec as { services: PlainObject[]; nodePools: PlainObject[]; traffic: PlainObject[]; canvas: { nodes: PlainObject } };
    // The one source became a list; the copy sends to the copied service (the original's target was the first service, implicitly).
    expect(spec.traffic).toEqual([(doc.spec as PlainObject).traffic, { ...((doc.spec as PlainObject).traffic as PlainObject), target: 'model-2' }]);
    expect(scenarioToGraph(out).edges.map((e) => `${e.source}>${e.target}`)).toEqual(expect.arrayContaining(['traffic>service:model', 'traffic:2>service:model-2']));
    expect(spec.services[1]).toEqual({ ...spec.services[0], name: 'model-2', nodePool: 'gpu-2' });
    expect(spec.nodePools[1]).toEqual({ ...spec.nodePools[0], name: 'gpu-2' });
    expect(spec.canvas.nodes['service:model-2']).toEqual({ x: 340, y: 140 });
    expect(spec.canvas.nodes['pool:gpu-2']).toEqual({ x: 640, y: 140 });
    // The copy is a valid design the simulator runs.
    expect(createSimApi().validate(docToYaml(out), 'x.yaml').ok).toBe(true);
  });

  it('a service alone keeps its pool; a load balancer or cache copies its service; nothing copyable gives null', () => {
    const doc = setIn(setIn(base(), ['spec', 'services', 0, 'routing'], 'round-robin'), ['spec', 'services', 0, 'cache'], { hitRatio: 0.5, latency: '2ms' });
    for (const part of ['lb:model', 'cache:model']) {
      const { doc: out, ids } = pasteClip(doc, copySelection(doc, [part])!);
      expect(ids).toEqual(['service:model-2']);
      expect((out.spec as { services: PlainObject[] }).services[1]).toEqual({ ...(doc.spec as { services: PlainObject[] }).services[0], name: 'model-2', nodePool: 'gpu' });
    }
    // Selecting a service and its parts copies the service once.
    expect(copySelection(doc, ['lb:model', 'service:model', 'cache:model'])!.entries).toHaveLength(1);
    // Without a stored position, the copy lands 40 px off where the automatic layout drew the original.
    const laidOut = scenarioToGraph(smallDoc()).nodes.find((n) => n.id === 'service:model')!.position;
    const pasted = pasteClip(smallDoc(), copySelection(smallDoc(), ['service:model'])!).doc;
    expect(getIn(pasted, ['spec', 'canvas', 'nodes', 'service:model-2'])).toEqual({ x: laidOut.x + 40, y: laidOut.y + 40 });
    // A source alone is duplicated to the same service (left implicit: the first service).
    const twice = pasteClip(doc, copySelection(doc, ['traffic'])!);
    expect(twice.ids).toEqual(['traffic:2']);
    expect(getIn(twice.doc, ['spec', 'traffic'])).toEqual([(doc.spec as PlainObject).traffic, (doc.spec as PlainObject).traffic]);
    expect(copySelection(doc, [])).toBeNull();
  });

  it('select all, then duplicate, is one undo step that selects the copies', () => {
    let h = createHistory(initialDesignState(base()));
    h = historyReducer(h, { type: 'selectAll' });
    expect(h.present.selection).toEqual(['service:model', 'pool:gpu', 'traffic']);
    expect(h.past).toHaveLength(0);
    h = historyReducer(h, { type: 'duplicate' });
    expect(h.present.selection).toEqual(['pool:gpu-2', 'service:model-2', 'traffic:2']);
    expect((h.present.doc.spec as { services: unknown[] }).services).toHaveLength(2);
    h = historyReducer(h, { type: 'undo' });
    expect((h.present.doc.spec as { services: unknown[] }).services).toHaveLength(1);
  });

  it('copies notes with the components, their text and kind, 40 px off', () => {
    const withNote = addNote(base(), 'sticky', { x: 10, y: 20 });
    const doc = setIn(withNote.doc, ['spec', 'canvas', 'notes', 'sticky-1', 'text'], 'Ask about peak QPS');
    const clip = copySelection(doc, [withNote.id, 'pool:gpu'])!;
    expect(clip.notes).toEqual([{ note: { kind: 'sticky', text: 'Ask about peak QPS' }, position: { x: 10, y: 20 } }]);
    const { doc: out, ids } = pasteClip(doc, clip);
    expect(ids).toEqual(['pool:gpu-2', 'note:sticky-2']);
    expect(getIn(out, ['spec', 'canvas', 'notes', 'sticky-2'])).toEqual({ kind: 'sticky', text: 'Ask about peak QPS' });
    expect(getIn(out, ['spec', 'canvas', 'nodes', 'note:sticky-2'])).toEqual({ x: 50, y: 60 });
    // A note alone is something to paste.
    expect(copySelection(doc, [withNote.id])?.notes).toHaveLength(1);
  });
});
