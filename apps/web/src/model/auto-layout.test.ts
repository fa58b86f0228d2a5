import { describe, expect, it } from 'vitest';
import { COLUMN_WIDTH, ROW_HEIGHT } from './auto-layout.ts';
import { scenarioToGraph } from './scenario-to-graph.ts';

/** A design document of `services` on `pools`, traffic entering at the first service. */
function design(services: { name: string; nodePool: string; calls?: unknown[] }[], pools: string[]) {
  return {
    apiVersion: 'design-sim/v1',
    kind: 'Scenario',
    metadata: { name: 'layout' },
    spec: { traffic: { target: services[0]!.name, profile: { type: 'constant', qps: 3 } }, services, nodePools: pools.map((name) => ({ name })) },
  };
}

/** The RAG design's shape (content/rag-llama3-8b.yaml): an api calling three services, each on its own pool. */
function rag(extraPools = 0) {
  return design(
    [
      { name: 'rag-api', nodePool: 'cpu', calls: [{ to: 'embed' }, { to: 'vector-search' }, { to: 'llm' }] },
      { name: 'embed', nodePool: 'embed' },
      { name: 'vector-search', nodePool: 'search' },
      { name: 'llm', nodePool: 'gpu' },
    ],
    ['cpu', 'search', 'embed', 'gpu', ...Array.from({ length: extraPools }, (_, i) => `spare-${i}`)],
  );
}

const at = (doc: object, kind: string, name: string) => scenarioToGraph(doc as never).nodes.find((n) => n.data.kind === kind && (n.data.fragment as { name?: string }).name === name)!.position;

describe('automatic layout of node pools beside a service graph', () => {
  it('keeps four pools within the three rows of the services, each on its first service\'s row, in a second column', () => {
    const doc = rag();
    const nodes = scenarioToGraph(doc as never).nodes;
    // Three services in layer 1 (rows 0–2): one column of four pools made the graph four rows tall.
    expect(Math.max(...nodes.map((n) => n.position.y))).toBe(2 * ROW_HEIGHT);
    for (const [pool, service] of [['cpu', 'rag-api'], ['search', 'vector-search'], ['embed', 'embed'], ['gpu', 'llm']] as const) {
      expect(at(doc, 'nodePool', pool).y).toBe(at(doc, 'service', service).y);
    }
    // cpu and embed both want row 0: the second takes the next column.
    expect(at(doc, 'nodePool', 'embed').x).toBe(at(doc, 'nodePool', 'cpu').x + COLUMN_WIDTH);
    const spots = nodes.map((n) => `${n.position.x},${n.position.y}`);
    expect(new Set(spots).size).toBe(spots.length);
  });

  it('stays one column when a second would not let the graph fit larger', () => {
    // One pool per row: nothing to gain from a second column.
    const doc = rag();
    doc.spec.nodePools = doc.spec.nodePools.filter((p) => p.name !== 'cpu');
    doc.spec.services[0]!.nodePool = 'embed';
    const xs = new Set(scenarioToGraph(doc as never).nodes.filter((n) => n.data.kind === 'nodePool').map((n) => n.position.x));
    expect(xs.size).toBe(1);
  });

  it('stays one column when the graph is already wide (content/100-models-graph.yaml\'s shape)', () => {
    // gateway → models-head | models-tail → model-store: three layers, two rows; three pools. The pool column is at
    // x = 2 × 260 + 2 × 370 = 1,260. One column: 3 rows, min(2.3 / 1,456, 1 / 700) = 1/700; two columns: 2 rows but
    // 2.3 / 1,716 = 1/746. A second column would draw the graph smaller (0.432 against 0.458 in the browser).
    const doc = design(
      [
        { name: 'gateway', nodePool: 'cpu', calls: [{ choice: [{ to: 'models-head', probability: 0.8 }, { to: 'models-tail', probability: 0.2 }] }] },
        { name: 'models-head', nodePool: 'gpu-head', calls: [{ to: 'model-store', probability: 0.05 }] },
        { name: 'models-tail', nodePool: 'gpu-tail', calls: [{ to: 'model-store' }] },
        { name: 'model-store', nodePool: 'cpu' },
      ],
      ['cpu', 'gpu-head', 'gpu-tail'],
    );
    const pools = scenarioToGraph(doc as never).nodes.filter((n) => n.data.kind === 'nodePool');
    expect(new Set(pools.map((n) => n.position.x)).size).toBe(1);
    // The deepest layer (2) starts at the service column (260) plus two layers of 260 + 110.
    expect(at(doc, 'service', 'model-store').x).toBe(COLUMN_WIDTH + 2 * (COLUMN_WIDTH + 110));
  });

  it('chooses the number of columns that fits the canvas largest: eight pools beside three rows take three columns', () => {
    // The pools' column starts at x = 890 (traffic, then the api's layer of 260 px + 110 px gap, then the pool column
    // at 2 × 260). At the canvas's 2.3 : 1 shape, k columns of max(3, ⌈8/k⌉) rows fit at zoom
    // min(2.3 / (890 + 260(k − 1) + 196), 1 / (250(rows − 1) + 200)): k = 1 → 1/1950, k = 2 → 1/950, k = 3 → 1/700,
    // k = 4 → 2.3/1866 = 1/811. Three columns of three rows win.
    const doc = rag(4);
    const pools = scenarioToGraph(doc as never).nodes.filter((n) => n.data.kind === 'nodePool');
    const spots = pools.map((n) => `${n.position.x},${n.position.y}`);
    expect(new Set(spots).size).toBe(8);
    expect(new Set(pools.map((n) => n.position.x)).size).toBe(3);
    expect(Math.max(...pools.map((n) => n.position.y))).toBe(2 * ROW_HEIGHT);
  });
});
