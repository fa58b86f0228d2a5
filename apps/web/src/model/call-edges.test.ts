import { createSimApi } from '@design-sim/sim-core';
import { describe, expect, it } from 'vitest';
import { callEdgeId } from './call-edges.ts';
import { designReducer, initialDesignState, type DesignState } from './design-reducer.ts';
import { asObject, getIn, type PlainObject } from './doc-path.ts';
import { canConnect } from './graph-edits.ts';
import { graphToScenario } from './graph-to-scenario.ts';
import { scenarioToGraph } from './scenario-to-graph.ts';
import { docToYaml } from './scenario-yaml.ts';

/** api → (30% cache-miss) db, then parallel search + rank, then a choice of two models, then an async audit event. */
function graphDoc(): PlainObject {
  const svc = (name: string, calls?: unknown[]) => ({ name, replicas: 2, latency: { distribution: 'constant', ms: 5 }, ...(calls ? { calls } : {}) });
  return {
    apiVersion: 'design-sim/v1',
    kind: 'Scenario',
    metadata: { name: 'graph' },
    spec: {
      duration: '2m',
      traffic: { target: 'api', profile: { type: 'constant', qps: 20 } },
      services: [
        svc('api', [
          { to: 'db', probability: 0.3, timeout: '200ms', retries: 2 },
          { parallel: [{ to: 'search' }, { to: 'rank' }] },
          { choice: [{ to: 'small', probability: 0.6 }, { to: 'large', probability: 0.4 }] },
          { to: 'audit', async: true },
        ]),
        svc('db'),
        svc('search'),
        svc('rank'),
        svc('small'),
        svc('large'),
        svc('audit'),
      ],
    },
  };
}

const callsOfApi = (s: DesignState): unknown => getIn(s.doc, ['spec', 'services', 0, 'calls']);

describe('calls between services on the canvas', () => {
  it('draws each call as an edge from the caller to the callee, labelled with what it does', () => {
    const g = scenarioToGraph(graphDoc());
    const calls = g.edges.filter((e) => e.data?.call !== undefined).map((e) => [e.id, e.target, e.label ?? '']);
    expect(calls).toEqual([
      ['call:service:api:0', 'service:db', '30% · timeout 200ms · 2 retries'],
      ['call:service:api:1.0', 'service:search', 'parallel'],
      ['call:service:api:1.1', 'service:rank', 'parallel'],
      ['call:service:api:2.0', 'service:small', 'choice 60%'],
      ['call:service:api:2.1', 'service:large', 'choice 40%'],
      ['call:service:api:3', 'service:audit', 'async'],
    ]);
    // The calls are data of the caller: the graph gives the same document back.
    expect(graphToScenario(g, graphDoc())).toEqual(graphDoc());
  });

  it('deleting a call edge removes that call; a group keeps its other branches; the last call removes the key', () => {
    let s = initialDesignState(graphDoc());
    s = designReducer(s, { type: 'remove', nodeIds: [], edgeIds: ['call:service:api:1.0'] });
    expect((callsOfApi(s) as unknown[])[1]).toEqual({ parallel: [{ to: 'rank' }] });
    s = designReducer(s, { type: 'remove', nodeIds: [], edgeIds: ['call:service:api:0', 'call:service:api:1.0', 'call:service:api:2.0', 'call:service:api:2.1', 'call:service:api:3'] });
    expect(callsOfApi(s)).toBeUndefined();
  });

  it('a new service → service edge appends a call; drawing it twice adds one', () => {
    let s = initialDesignState(graphDoc());
    expect(canConnect(scenarioToGraph(s.doc), 'service:db', 'service:audit')).toEqual({ ok: true });
    s = designReducer(s, { type: 'connect', source: 'service:db', target: 'service:audit' });
    expect(getIn(s.doc, ['spec', 'services', 1, 'calls'])).toEqual([{ to: 'audit' }]);
    expect(scenarioToGraph(s.doc).edges.some((e) => e.id === callEdgeId('service:db', { step: 0, index: null, group: 'single' }))).toBe(true);
    // A service still has one pool: connecting a pool keeps its calls.
    const withPool = designReducer(s, { type: 'addComponent', kind: 'nodePool' });
    const pool = scenarioToGraph(withPool.doc).nodes.find((n) => n.data.kind === 'nodePool')!;
    const pooled = designReducer(withPool, { type: 'connect', source: 'service:db', target: pool.id });
    expect(getIn(pooled.doc, ['spec', 'services', 1, 'calls'])).toEqual([{ to: 'audit' }]);
    expect(getIn(pooled.doc, ['spec', 'services', 1, 'nodePool'])).toBe(pool.data.fragment.name);
  });

  it('deleting a callee removes the calls to it; renaming one renames them', () => {
    let s = initialDesignState(graphDoc());
    s = designReducer(s, { type: 'setField', path: ['spec', 'services', 2, 'name'], value: 'vector-search' });
    expect((callsOfApi(s) as unknown[])[1]).toEqual({ parallel: [{ to: 'vector-search' }, { to: 'rank' }] });
    s = designReducer(s, { type: 'remove', nodeIds: ['service:db'], edgeIds: [] });
    expect((callsOfApi(s) as unknown[]).length).toBe(3);
    expect(JSON.stringify(callsOfApi(s))).not.toContain('"db"');
  });

  it('keeps a call whose callee does not exist yet (the issue is shown at its field, not dropped)', () => {
    const doc = graphDoc();
    (doc.spec as { services: { calls?: unknown[] }[] }).services[0]!.calls!.push({ to: 'typo' });
    const s = designReducer(initialDesignState(doc), { type: 'remove', nodeIds: [], edgeIds: ['call:service:api:3'] });
    expect(callsOfApi(s)).toEqual([...(graphDoc().spec as { services: { calls: unknown[] }[] }).services[0]!.calls.slice(0, 3), { to: 'typo' }]);
  });

  it('a removed cache in front of a callee keeps the call', () => {
    let s = initialDesignState(graphDoc());
    s = designReducer(s, { type: 'setField', path: ['spec', 'services', 1, 'cache'], value: { hitRatio: 0.5, latency: '1ms' } });
    const g = scenarioToGraph(s.doc);
    expect(g.edges.find((e) => e.id === 'call:service:api:0')!.target).toBe('cache:db');
    s = designReducer(s, { type: 'remove', nodeIds: ['cache:db'], edgeIds: [] });
    expect(asObject((callsOfApi(s) as unknown[])[0]).to).toBe('db');
  });

  it('the design drawn on the canvas runs: the calls reach their services', () => {
    const r = createSimApi().run(docToYaml(graphDoc()), 'graph.yaml');
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
    const served = (name: string) => r.result.services![name]!.requests.served;
    expect(served('search')).toBe(served('rank'));
    expect(served('small') + served('large')).toBe(served('api'));
    expect(served('db') / served('api')).toBeGreaterThan(0.2);
    expect(served('db') / served('api')).toBeLessThan(0.4);
  });
});
