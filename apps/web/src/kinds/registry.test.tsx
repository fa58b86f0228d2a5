import { render, screen } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import { afterEach, describe, expect, it } from 'vitest';
import schemaText from '../../../../content/schema/scenario.schema.json?raw';
import { Inspector } from '../components/Inspector.tsx';
import { Palette } from '../components/Palette.tsx';
import { designReducer, initialDesignState } from '../model/design-reducer.ts';
import { asArray, asObject, getIn, setIn, type PlainObject } from '../model/doc-path.ts';
import { copySelection, pasteClip } from '../model/clipboard.ts';
import { freshName } from '../model/fresh-name.ts';
import { canConnect } from '../model/graph-edits.ts';
import { graphToScenario } from '../model/graph-to-scenario.ts';
import { field, type SectionDef } from '../model/inspector-fields.ts';
import { scenarioToGraph } from '../model/scenario-to-graph.ts';
import { schemaAt, type SchemaNode } from '../model/schema-help.ts';
import { nodeStatus } from '../results/node-status.ts';
import { runDoc, smallDoc } from '../test-support/fixtures.ts';
import { kindModule, kindModules, registerKind, type ComponentKind, type ComponentKindModule } from './index.ts';
import { listEntryCopy, renameCanvasId, renameField } from './list-entry.ts';

// Every member of ComponentKind, as the compiler checks it (a missing or extra key fails to compile).
const ALL: Record<ComponentKind, true> = { traffic: true, loadBalancer: true, cache: true, service: true, job: true, nodePool: true, training: true };

/** A design with one of every built-in kind: traffic → cache → balancer → service → pool, a cluster job on the pool, and a training job. */
function everyKindDoc(): PlainObject {
  let doc = smallDoc();
  doc = setIn(doc, ['spec', 'services', 0, 'routing'], 'round-robin');
  doc = setIn(doc, ['spec', 'services', 0, 'cache'], { hitRatio: 0.5, latency: '2ms' });
  doc = setIn(doc, ['spec', 'teams'], [{ name: 'research' }]);
  doc = setIn(doc, ['spec', 'jobs'], [{ name: 'train', team: 'research', nodePool: 'gpu', gpusPerPod: 1, duration: '5m' }]);
  return setIn(doc, ['spec', 'training'], { parameters: '7B', tokens: '2T', instance: 'aws/us-east-1/p5.48xlarge', nodes: 8, mfu: 0.4 });
}

/** The plain fields of a form, with their paths relative to the component. */
function plainFields(sections: readonly SectionDef[]): (string | number)[][] {
  return sections.flatMap((s) => s.items.filter((i) => i.kind === 'field').map((f) => [...s.key, ...f.key]));
}

describe('the kind registry', () => {
  it('has one module for every ComponentKind, in palette order, feeding only registered kinds', () => {
    expect(kindModules().map((m) => m.kind).sort()).toEqual(Object.keys(ALL).sort());
    for (const k of Object.keys(ALL) as ComponentKind[]) expect(kindModule(k).kind).toBe(k);
    for (const m of kindModules()) for (const f of m.feeds) expect(ALL[f]).toBe(true);
    expect(kindModules()[0]!.kind).toBe('traffic');
  });

  it("draws every kind of a design as a node, and each node's form names fields the scenario schema has", () => {
    const schema = JSON.parse(schemaText) as SchemaNode;
    const doc = everyKindDoc();
    const graph = scenarioToGraph(doc);
    expect(new Set(graph.nodes.map((n) => n.data.kind))).toEqual(new Set(Object.keys(ALL)));
    for (const n of graph.nodes) {
      const m = kindModule(n.data.kind);
      // A balancer's fragment is its service's `routing`: its fields sit on the service object.
      for (const path of plainFields(m.sections)) expect(schemaAt(schema, doc, [...n.data.docPath, ...path]), `${m.kind}: ${path.join('.')}`).toBeDefined();
    }
  });

  it('gives each node its live lines from its own module after a run', () => {
    const doc = smallDoc();
    const result = runDoc(doc);
    const ctx = { services: 1, pools: 1, fragment: { name: 'gpu' } };
    expect(nodeStatus('service', result, null, ctx)?.lines.map((l) => l.label)).toContain('availability');
    expect(nodeStatus('nodePool', result, null, ctx)?.lines.map((l) => l.label)).toContain('peak GPUs');
    expect(nodeStatus('traffic', result, 0, ctx)?.lines[0]?.value).toMatch(/req\/s$/);
    expect(nodeStatus('cache', result, null, ctx)).toBeNull();
    // Each node names one or two headline figures, all a zoomed-out canvas keeps of its state.
    const headlines = (kind: ComponentKind) => nodeStatus(kind, result, null, ctx)!.lines.filter((l) => l.headline).map((l) => l.label);
    expect([headlines('service'), headlines('nodePool'), headlines('traffic')]).toEqual([['replicas', 'p99'], ['nodes', '$/hour (average)'], ['offered']]);
  });
});

describe('a new kind is one module', () => {
  // A fake kind known to nothing but its own module: named entries of `spec.probes`, each watching a service by name.
  const PROBE = 'probe' as ComponentKind;
  const PROBES = ['spec', 'probes'] as const;
  const probeIds = (doc: PlainObject) => asArray(getIn(doc, [...PROBES])).map((p) => `probe:${String(asObject(p).name)}`);
  const probe: ComponentKindModule = {
    kind: PROBE,
    label: 'Probe',
    glyph: 'P',
    description: 'A fake kind for this test',
    phrase: 'a probe',
    accent: '#000000',
    single: false,
    feeds: ['service'],
    yamlBox: true,
    add: (doc) => {
      const probes = asArray(getIn(doc, [...PROBES]));
      const name = freshName('probe', probes);
      return { doc: setIn(doc, [...PROBES], [...probes, { name, every: '1m', watches: 'model' }]), id: `probe:${name}` };
    },
    issueScope: (node) => node.data.docPath,
    sections: [{ title: 'Probe', key: [], items: [field('every', 'Every')] }],
    summary: (f) => ({ title: String(f.name), detail: `every ${String(f.every)}` }),
    status: () => null,
    graph: {
      stage: 2,
      read: (r) => asArray(getIn(r.doc, [...PROBES])).forEach((p, i) => r.addNode({ id: probeIds(r.doc)[i]!, kind: PROBE, docPath: [...PROBES, i], fragment: asObject(p), order: i, row: i })),
      write: (doc, w) => {
        const probes = w.nodesOf(PROBE).map((n) => ({ ...n.data.fragment }));
        return setIn(doc, [...PROBES], probes.length > 0 ? probes : undefined);
      },
      canvasId: (node) => `probe:${String(node.data.fragment.name)}`,
    },
    // What makes it copyable and renameable, and what it names: all here.
    copy: listEntryCopy(PROBES, 'probe', 'probe', 2, (item, pasted) => ({ ...item, watches: pasted('service', item.watches) ?? item.watches })),
    naming: { list: PROBES },
    follows: { [PROBE]: renameCanvasId('probe'), service: renameField(PROBES, 'watches') },
  };
  let unregister: (() => void) | null = null;
  afterEach(() => {
    unregister?.();
    unregister = null;
  });

  it('appears in the palette, adds, draws, edits, connects and round-trips without any other file knowing it', () => {
    unregister = registerKind(probe);
    const { unmount } = render(
      <ReactFlowProvider>
        <Palette doc={smallDoc()} dispatch={() => undefined} />
      </ReactFlowProvider>,
    );
    expect(screen.getByTestId('palette-probe').textContent).toContain('Probe');
    unmount();

    let s = designReducer(initialDesignState(smallDoc()), { type: 'addComponent', kind: PROBE });
    expect(getIn(s.doc, ['spec', 'probes'])).toEqual([{ name: 'probe', every: '1m', watches: 'model' }]);
    expect(s.selection).toEqual(['probe:probe']);

    const graph = scenarioToGraph(s.doc);
    const node = graph.nodes.find((n) => n.id === 'probe:probe')!;
    expect(node.data.kind).toBe(PROBE);
    expect(probe.summary(node.data.fragment).detail).toBe('every 1m');
    expect(graphToScenario(graph, s.doc)).toEqual(s.doc);
    expect(canConnect(graph, 'probe:probe', 'pool:gpu')).toEqual({ ok: false, reason: 'a probe connects to a model service, not to a node pool' });

    render(<Inspector doc={s.doc} graph={graph} selection={['probe:probe']} errors={[]} dispatch={() => undefined} />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toContain('Probe');
    expect(document.querySelector('[data-field="spec.probes[0].every"]')).not.toBeNull();

    s = designReducer(s, { type: 'remove', nodeIds: ['probe:probe'], edgeIds: [] });
    expect(getIn(s.doc, ['spec', 'probes'])).toBeUndefined();
    expect(s.doc).toEqual(smallDoc());
  });

  it('copies, pastes and renames by its own module: a pasted probe watches the pasted service, a rename follows', () => {
    unregister = registerKind(probe);
    let s = designReducer(initialDesignState(smallDoc()), { type: 'addComponent', kind: PROBE });
    s = designReducer(s, { type: 'move', moves: [{ id: 'probe:probe', position: { x: 100, y: 200 } }], dragging: false });
    // Copy the probe alone: the copy watches the same service, 40 px off.
    s = designReducer(designReducer(s, { type: 'select', ids: ['probe:probe'] }), { type: 'duplicate' });
    expect(s.selection).toEqual(['probe:probe-2']);
    expect(getIn(s.doc, ['spec', 'probes', 1])).toEqual({ name: 'probe-2', every: '1m', watches: 'model' });
    expect(getIn(s.doc, ['spec', 'canvas', 'nodes', 'probe:probe-2'])).toEqual({ x: 140, y: 240 });
    // Copy it with the service it watches: the copy watches the copy.
    const clip = copySelection(s.doc, ['probe:probe', 'service:model'])!;
    expect(clip.entries.map((e) => e.kind)).toEqual(['service', PROBE]);
    const pasted = pasteClip(s.doc, clip);
    expect(pasted.ids).toEqual(['service:model-2', 'probe:probe-3']);
    expect(getIn(pasted.doc, ['spec', 'probes', 2])).toEqual({ name: 'probe-3', every: '1m', watches: 'model-2' });
    // Renaming the service renames what the probes watch; renaming a probe moves its stored position with it.
    s = designReducer(s, { type: 'setField', path: ['spec', 'services', 0, 'name'], value: 'llm' });
    expect(asArray(getIn(s.doc, ['spec', 'probes'])).map((p) => asObject(p).watches)).toEqual(['llm', 'llm']);
    s = designReducer(s, { type: 'setField', path: ['spec', 'probes', 0, 'name'], value: 'ping' });
    expect(getIn(s.doc, ['spec', 'canvas', 'nodes', 'probe:ping'])).toEqual({ x: 100, y: 200 });
    expect(getIn(s.doc, ['spec', 'canvas', 'nodes', 'probe:probe'])).toBeUndefined();
  });

  it('is gone again once unregistered', () => {
    unregister = registerKind(probe);
    unregister();
    unregister = null;
    expect(kindModules().some((m) => m.kind === PROBE)).toBe(false);
    expect(() => registerKind(kindModule('service'))).toThrow(/registered already/);
  });
});
