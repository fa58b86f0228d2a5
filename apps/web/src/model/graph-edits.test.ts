import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smallDoc } from '../test-support/fixtures.ts';
import { designReducer, initialDesignState, type DesignAction } from './design-reducer.ts';
import { canConnect, hasInput, hasOutput } from './graph-edits.ts';
import { graphToScenario } from './graph-to-scenario.ts';
import { scenarioToGraph } from './scenario-to-graph.ts';

describe('connections', () => {
  const graph = scenarioToGraph(designReducer(initialDesignState(smallDoc()), { type: 'addComponent', kind: 'loadBalancer', position: { x: 0, y: 0 } }).doc);

  it('allows the request path and explains what it refuses', () => {
    expect(canConnect(graph, 'service:model', 'pool:gpu')).toEqual({ ok: true });
    expect(canConnect(graph, 'detached:lb-1', 'service:model')).toEqual({ ok: true });
    expect(canConnect(graph, 'pool:gpu', 'service:model')).toEqual({ ok: false, reason: 'a node pool has no outgoing connections, not to a model service' });
    expect(canConnect(graph, 'traffic', 'pool:gpu')).toEqual({ ok: false, reason: 'a traffic source connects to a model service or a load balancer or a cache, not to a node pool' });
    expect(canConnect(graph, 'traffic', 'detached:lb-1')).toEqual({ ok: false, reason: 'connect a load balancer to a model service first' });
    expect(canConnect(graph, 'traffic', 'traffic').ok).toBe(false);
  });

  it('gives handles only where connections can go', () => {
    expect([hasInput('traffic'), hasOutput('traffic')]).toEqual([false, true]);
    expect([hasInput('nodePool'), hasOutput('nodePool')]).toEqual([true, false]);
    expect([hasInput('training'), hasOutput('training')]).toEqual([false, false]);
  });
});

describe('property: any sequence of edits leaves a document the canvas round-trips', () => {
  const kinds = ['traffic', 'cache', 'loadBalancer', 'service', 'job', 'nodePool', 'training'] as const;
  const action = fc.oneof(
    fc.record({ type: fc.constant('addComponent' as const), kind: fc.constantFrom(...kinds), position: fc.option(fc.record({ x: fc.integer({ min: -500, max: 500 }), y: fc.integer({ min: -500, max: 500 }) }), { nil: undefined }) }),
    fc.record({ type: fc.constant('connectAny' as const), a: fc.nat(), b: fc.nat() }),
    fc.record({ type: fc.constant('removeAny' as const), a: fc.nat(), edge: fc.boolean() }),
    fc.record({ type: fc.constant('renameAny' as const), a: fc.nat(), name: fc.constantFrom('x', 'y', 'model', 'gpu') }),
  );

  it('holds for random edit sequences', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 14 }), (steps) => {
        let s = initialDesignState(smallDoc());
        for (const step of steps) {
          const g = scenarioToGraph(s.doc);
          let a: DesignAction | null = null;
          if (step.type === 'addComponent') a = step.position === undefined ? { type: 'addComponent', kind: step.kind } : { type: 'addComponent', kind: step.kind, position: step.position };
          else if (step.type === 'connectAny' && g.nodes.length > 1) a = { type: 'connect', source: g.nodes[step.a % g.nodes.length]!.id, target: g.nodes[step.b % g.nodes.length]!.id };
          else if (step.type === 'removeAny' && step.edge && g.edges.length > 0) a = { type: 'remove', nodeIds: [], edgeIds: [g.edges[step.a % g.edges.length]!.id] };
          else if (step.type === 'removeAny' && g.nodes.length > 0) a = { type: 'remove', nodeIds: [g.nodes[step.a % g.nodes.length]!.id], edgeIds: [] };
          else if (step.type === 'renameAny') {
            const list = step.a % 2 === 0 ? 'services' : 'nodePools';
            const items = (s.doc.spec as Record<string, unknown[]>)[list] ?? [];
            if (items.length > 0) a = { type: 'setField', path: ['spec', list, step.a % items.length, 'name'], value: step.name };
          }
          if (a !== null) s = designReducer(s, a);
          const graph = scenarioToGraph(s.doc);
          expect(graphToScenario(graph, s.doc)).toEqual(s.doc);
          expect(new Set(graph.nodes.map((n) => n.id)).size).toBe(graph.nodes.length);
        }
      }),
      { numRuns: 150 },
    );
  });
});
