import { describe, expect, it } from 'vitest';
import { createSimApi } from '@design-sim/sim-core';
import { getIn } from '../../model/doc-path.ts';
import { graphToScenario } from '../../model/graph-to-scenario.ts';
import { docToYaml } from '../../model/scenario-yaml.ts';
import { addComponent } from '../add-component.ts';
import { scenarioToGraph } from '../../model/scenario-to-graph.ts';

const doc = (traffic: unknown, canvas?: unknown) => ({
  apiVersion: 'design-sim/v1',
  kind: 'Scenario',
  metadata: { name: 'two-sources' },
  spec: {
    duration: '1h',
    traffic,
    services: [
      { name: 'ingest', nodePool: 'app', calls: [{ to: 'db' }] },
      { name: 'dash', nodePool: 'app', calls: [{ to: 'db' }] },
      { name: 'db', nodePool: 'app' },
    ],
    nodePools: [{ name: 'app', instance: 'aws/us-east-1/m6i.xlarge' }],
    ...(canvas === undefined ? {} : { canvas }),
  },
});
const ingest = { target: 'ingest', profile: { type: 'constant', qps: 100 } };
const dash = { target: 'dash', profile: { type: 'constant', qps: 20 } };

describe('several traffic sources on the canvas', () => {
  it('draws one node per source, each with its edge to its own target, on rows of their own', () => {
    const g = scenarioToGraph(doc([ingest, dash]));
    const sources = g.nodes.filter((n) => n.data.kind === 'traffic');
    expect(sources.map((n) => [n.id, n.data.docPath])).toEqual([
      ['traffic', ['spec', 'traffic', 0]],
      ['traffic:2', ['spec', 'traffic', 1]],
    ]);
    expect(g.edges.filter((e) => e.source.startsWith('traffic')).map((e) => [e.source, e.target])).toEqual([
      ['traffic', 'service:ingest'],
      ['traffic:2', 'service:dash'],
    ]);
    expect(sources[0]!.position).not.toEqual(sources[1]!.position);
    // Two sources to one service do not sit on each other either.
    const same = scenarioToGraph(doc([ingest, { ...dash, target: 'ingest' }])).nodes.filter((n) => n.data.kind === 'traffic');
    expect(same[0]!.position).not.toEqual(same[1]!.position);
  });

  it('puts a source that sends to a deeper service in the layer before it, clear of the services there', () => {
    const g = scenarioToGraph(doc([ingest, { ...dash, target: 'db' }]));
    const at = (id: string) => g.nodes.find((n) => n.id === id)!.position;
    // ingest and dash call db: db is one layer right; the second source stands in ingest's column, below both callers.
    expect(at('traffic:2').x).toBe(at('service:ingest').x);
    expect(at('traffic:2').x).toBeLessThan(at('service:db').x);
    expect(at('traffic:2').y).toBeGreaterThan(Math.max(at('service:ingest').y, at('service:dash').y));
  });

  it('writes the list back unchanged, drops a source whose node is deleted, and keeps an entry that is not a source', () => {
    const base = doc([ingest, 'not a source', dash]);
    const g = scenarioToGraph(base);
    expect(graphToScenario(g, base)).toEqual(base);
    const without = { ...g, nodes: g.nodes.filter((n) => n.id !== 'traffic'), edges: g.edges.filter((e) => e.source !== 'traffic') };
    expect((graphToScenario(without, base).spec as { traffic: unknown }).traffic).toEqual(['not a source', dash]);
  });

  it('keeps a moved source where it was put, under the id it has in the new document', () => {
    const base = doc([ingest, dash], { nodes: { 'traffic:2': { x: -400, y: 500 } } });
    const g = scenarioToGraph(base);
    expect(g.nodes.find((n) => n.id === 'traffic:2')!.position).toEqual({ x: -400, y: 500 });
    // The first source deleted: the second is now the first, `traffic`, and keeps its place.
    const without = { ...g, nodes: g.nodes.filter((n) => n.id !== 'traffic'), edges: g.edges.filter((e) => e.source !== 'traffic') };
    const out = graphToScenario(without, base) as { spec: { traffic: unknown; canvas: { nodes: Record<string, unknown> } } };
    expect(out.spec.traffic).toEqual([dash]);
    expect(out.spec.canvas.nodes).toEqual({ traffic: { x: -400, y: 500 } });
  });

  it('the palette adds a further source: to the entry point nothing reaches yet, else to the first service', () => {
    const one = doc(ingest);
    const added = addComponent(one, 'traffic')!;
    expect(added.id).toBe('traffic:2');
    // One source became a list; `db` is called by both services, so `dash` is the entry point left without traffic.
    expect(getIn(added.doc, ['spec', 'traffic'])).toEqual([ingest, { profile: { type: 'constant', qps: 100 }, target: 'dash' }]);
    expect(scenarioToGraph(added.doc).edges.some((e) => e.source === 'traffic:2' && e.target === 'service:dash')).toBe(true);
    // The schema accepts the list (this fixture's services lack their latency: only traffic issues matter here).
    const checked = createSimApi().validate(docToYaml(added.doc), 'x.yaml');
    expect(checked.ok ? [] : checked.issues.filter((i) => i.path.startsWith('spec.traffic'))).toEqual([]);
    // Every entry point reached: the third source is left to the schema's default (the first service).
    const third = addComponent(added.doc, 'traffic')!;
    expect(third.id).toBe('traffic:3');
    expect(getIn(third.doc, ['spec', 'traffic', 2])).toEqual({ profile: { type: 'constant', qps: 100 } });
    // A service reached only through a choice or a parallel group is not an entry point.
    const grouped = { ...one, spec: { ...one.spec, services: [one.spec.services[0], { name: 'dash', nodePool: 'app', calls: [{ to: 'db' }] }, { name: 'db', nodePool: 'app' }, { name: 'gw', nodePool: 'app', calls: [{ choice: [{ to: 'dash', probability: 0.5 }] }] }] } };
    expect(getIn(addComponent(grouped, 'traffic')!.doc, ['spec', 'traffic', 1, 'target'])).toBe('gw');
    // A design without traffic gets a single source, not a list.
    const none = addComponent(doc(undefined), 'traffic')!;
    expect([none.id, getIn(none.doc, ['spec', 'traffic'])]).toEqual(['traffic', { profile: { type: 'constant', qps: 100 } }]);
  });
});
