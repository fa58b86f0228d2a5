import { describe, expect, it } from 'vitest';
import { callLayers } from './call-layers.ts';

const svc = (name: string, ...to: (string | string[])[]) => ({ name, calls: to.map((t) => (Array.isArray(t) ? { parallel: t.map((x) => ({ to: x })) } : { to: t })) });

describe('callLayers', () => {
  it('has no layers when no service calls another (a self-call or an unknown name is no call)', () => {
    expect(callLayers([svc('a'), svc('b', 'b', 'nope')])).toBeNull();
  });

  it('puts each service one layer right of its deepest caller, rows in document order within a layer', () => {
    // api → (embed ∥ search) → llm; search → llm too; a second entry calls the cache.
    const layers = callLayers([svc('llm'), svc('api', ['embed', 'search'], 'llm'), svc('embed'), svc('search', 'llm'), svc('dash', 'cache'), svc('cache')])!;
    expect(layers.layer).toEqual([2, 0, 1, 1, 0, 1]);
    expect(layers.row).toEqual([0, 0, 0, 1, 1, 2]);
    expect(layers.deepest).toBe(2);
  });

  it('stays bounded on a cycle (asynchronous calls may form one)', () => {
    const layers = callLayers([svc('a', 'b'), svc('b', 'c'), svc('c', 'a')])!;
    expect(Math.max(...layers.layer)).toBeLessThan(3);
    expect(layers.layer.every((l) => Number.isInteger(l) && l >= 0)).toBe(true);
  });
});

describe('a service graph on the canvas', () => {
  it('reads left to right along the calls, with no two nodes on one spot, pools after the deepest layer', async () => {
    const { scenarioToGraph } = await import('./scenario-to-graph.ts');
    const doc = {
      apiVersion: 'design-sim/v1',
      kind: 'Scenario',
      metadata: { name: 'g' },
      spec: {
        traffic: [{ target: 'ingest', profile: { kind: 'constant', qps: 10 } }, { target: 'dash', profile: { kind: 'constant', qps: 10 } }],
        services: [
          { name: 'ingest', pool: 'app', calls: [{ to: 'writer', async: true }] },
          { name: 'dash', pool: 'app', cache: { hitRatio: 0.8 }, calls: [{ to: 'redis' }, { to: 'replica', probability: 0.3 }] },
          { name: 'redis', pool: 'data' },
          { name: 'replica', pool: 'data' },
          { name: 'primary', pool: 'data' },
          { name: 'writer', pool: 'app', cache: { hitRatio: 0.5 }, calls: [{ to: 'primary' }] },
        ],
        nodePools: [{ name: 'app' }, { name: 'data' }],
      },
    };
    const g = scenarioToGraph(doc);
    const at = new Map(g.nodes.map((n) => [n.id, n.position]));
    const spots = g.nodes.map((n) => `${n.position.x},${n.position.y}`);
    expect(new Set(spots).size).toBe(spots.length);
    const x = (name: string) => g.nodes.find((n) => n.data.kind === 'service' && (n.data.fragment as { name?: string }).name === name)!.position.x;
    expect(x('writer')).toBeGreaterThan(x('ingest'));
    expect(x('primary')).toBeGreaterThan(x('writer'));
    expect(x('redis')).toBe(x('replica'));
    const pools = g.nodes.filter((n) => n.data.kind === 'nodePool');
    for (const p of pools) expect(p.position.x).toBeGreaterThan(x('primary'));
    // Six services in three layers: the graph is at most three rows tall, not six.
    expect(Math.max(...[...at.values()].map((p) => p.y))).toBeLessThanOrEqual(2 * 250);
  });
});
