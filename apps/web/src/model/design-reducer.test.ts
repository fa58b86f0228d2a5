import { describe, expect, it } from 'vitest';
import { smallDoc } from '../test-support/fixtures.ts';
import { designReducer, initialDesignState, type DesignAction, type DesignState } from './design-reducer.ts';
import { getIn } from './doc-path.ts';
import { graphToScenario } from './graph-to-scenario.ts';
import { scenarioToGraph } from './scenario-to-graph.ts';
import { validateDesign } from './validate-design.ts';

const apply = (state: DesignState, ...actions: DesignAction[]) => actions.reduce(designReducer, state);
const ids = (s: DesignState) => scenarioToGraph(s.doc).nodes.map((n) => n.id);
const edges = (s: DesignState) => scenarioToGraph(s.doc).edges.map((e) => e.id);

describe('design reducer', () => {
  it('adds components from the palette, pinned where they were dropped, and selects them', () => {
    const s = apply(initialDesignState(smallDoc()), { type: 'addComponent', kind: 'service', position: { x: 10.4, y: 20.6 } });
    expect(getIn(s.doc, ['spec', 'services', 1])).toEqual({ name: 'model-2', replicas: 7, latency: { distribution: 'constant', ms: 50 }, nodePool: 'gpu' });
    expect(getIn(s.doc, ['spec', 'canvas', 'nodes', 'service:model-2'])).toEqual({ x: 10, y: 21 });
    expect(s.selection).toEqual(['service:model-2']);
    expect(validateDesign(s.doc, 'x.yaml').errors).toEqual([]);
  });

  it('adds without a position through the automatic layout (the keyboard path); a second traffic source, not a second training job', () => {
    const base = initialDesignState(smallDoc());
    const s = designReducer(base, { type: 'addComponent', kind: 'nodePool' });
    expect(getIn(s.doc, ['spec', 'nodePools', 1, 'name'])).toBe('gpu-2');
    expect(getIn(s.doc, ['spec', 'canvas'])).toBeUndefined();
    const two = designReducer(base, { type: 'addComponent', kind: 'traffic' });
    expect(getIn(two.doc, ['spec', 'traffic', 1])).toEqual({ profile: { type: 'constant', qps: 100 } });
    expect(two.selection).toEqual(['traffic:2']);
    const trained = designReducer(base, { type: 'addComponent', kind: 'training' });
    expect(designReducer(trained, { type: 'addComponent', kind: 'training' })).toBe(trained);
  });

  it('builds a valid design from nothing: pool, service (joins the pool), traffic, training', () => {
    const empty = { apiVersion: 'design-sim/v1', kind: 'Scenario', metadata: { name: 'new' }, spec: {} };
    const s = apply(initialDesignState(empty), { type: 'addComponent', kind: 'service' }, { type: 'addComponent', kind: 'nodePool' }, { type: 'addComponent', kind: 'traffic' }, { type: 'addComponent', kind: 'training' });
    expect(getIn(s.doc, ['spec', 'services', 0, 'nodePool'])).toBe('gpu');
    expect(getIn(s.doc, ['spec', 'duration'])).toBe('1h');
    expect(ids(s).sort()).toEqual(['pool:gpu', 'service:model', 'traffic', 'training']);
    expect(validateDesign(s.doc, 'new.yaml').errors).toEqual([]);
  });

  it('adds a cluster job on the first pool, with a team when the design has none, valid as added; it draws an edge to its pool', () => {
    const s = apply(initialDesignState(smallDoc()), { type: 'addComponent', kind: 'job' });
    expect(getIn(s.doc, ['spec', 'teams'])).toEqual([{ name: 'research' }]);
    // g5.2xlarge has one GPU: the new job's pod takes the whole node.
    expect(getIn(s.doc, ['spec', 'jobs'])).toEqual([{ name: 'train', team: 'research', pods: 1, gpusPerPod: 1, duration: '2h', nodePool: 'gpu' }]);
    expect(s.selection).toEqual(['job:train']);
    expect(scenarioToGraph(s.doc).edges.some((e) => e.source === 'job:train' && e.target === 'pool:gpu')).toBe(true);
    expect(graphToScenario(scenarioToGraph(s.doc), s.doc)).toEqual(s.doc);
    expect(validateDesign(s.doc, 'job.yaml').errors).toEqual([]);
    // A second one joins the same team under a fresh name.
    const two = apply(s, { type: 'addComponent', kind: 'job' });
    expect(getIn(two.doc, ['spec', 'jobs', 1, 'name'])).toBe('train-2');
    expect(getIn(two.doc, ['spec', 'teams'])).toEqual([{ name: 'research' }]);
  });

  it('connects a dropped load balancer to a service: its routing becomes the service routing', () => {
    let s = apply(initialDesignState(smallDoc()), { type: 'addComponent', kind: 'loadBalancer', position: { x: 0, y: 300 } });
    expect(ids(s)).toContain('detached:lb-1');
    s = apply(s, { type: 'setField', path: ['spec', 'canvas', 'detached', 'lb-1', 'routing'], value: 'round-robin' }, { type: 'connect', source: 'detached:lb-1', target: 'service:model' });
    expect(getIn(s.doc, ['spec', 'services', 0, 'routing'])).toBe('round-robin');
    expect(getIn(s.doc, ['spec', 'canvas', 'detached'])).toBeUndefined();
    // The position moves with the node to its new id.
    expect(getIn(s.doc, ['spec', 'canvas', 'nodes', 'lb:model'])).toEqual({ x: 0, y: 300 });
    expect(edges(s)).toEqual(expect.arrayContaining(['lb:model->service:model', 'traffic->lb:model', 'service:model->pool:gpu']));
  });

  it('removing a balancer in front of a service keeps the traffic on that service and drops the routing', () => {
    const doc = smallDoc();
    const s0 = apply(initialDesignState(doc), { type: 'setField', path: ['spec', 'services', 0, 'routing'], value: 'random' }, { type: 'setField', path: ['spec', 'traffic', 'target'], value: 'model' });
    const s = designReducer(s0, { type: 'remove', nodeIds: ['lb:model'], edgeIds: [] });
    expect(getIn(s.doc, ['spec', 'services', 0, 'routing'])).toBeUndefined();
    expect(getIn(s.doc, ['spec', 'traffic', 'target'])).toBe('model');
  });

  it('disconnecting a service from its pool clears nodePool (and validation then asks for one)', () => {
    const s = designReducer(initialDesignState(smallDoc()), { type: 'remove', nodeIds: [], edgeIds: ['service:model->pool:gpu'] });
    expect(getIn(s.doc, ['spec', 'services', 0, 'nodePool'])).toBeUndefined();
    const errors = validateDesign(s.doc, 'x.yaml').errors;
    expect(errors.map((e) => e.path)).toContain('spec.services[0].nodePool');
  });

  it('removing a service removes what hangs off it; the implicit traffic edge cannot be deleted', () => {
    const base = apply(initialDesignState(smallDoc()), { type: 'addComponent', kind: 'cache', position: { x: 0, y: 0 } }, { type: 'connect', source: 'detached:cache-1', target: 'service:model' });
    expect(getIn(base.doc, ['spec', 'services', 0, 'cache'])).toEqual({ hitRatio: 0.5, latency: '2ms' });
    const kept = designReducer(base, { type: 'remove', nodeIds: [], edgeIds: ['traffic->cache:model'] });
    expect(kept.doc).toEqual(base.doc);
    const s = designReducer(base, { type: 'remove', nodeIds: ['service:model'], edgeIds: [] });
    expect(getIn(s.doc, ['spec', 'services'])).toEqual([]);
    expect(ids(s).sort()).toEqual(['pool:gpu', 'traffic']);
  });

  it('renaming a service or a pool renames its references and canvas positions', () => {
    let s = apply(
      initialDesignState(smallDoc()),
      { type: 'setField', path: ['spec', 'traffic', 'target'], value: 'model' },
      { type: 'move', moves: [{ id: 'service:model', position: { x: 5, y: 6 } }], dragging: false },
    );
    s = designReducer(s, { type: 'setField', path: ['spec', 'services', 0, 'name'], value: 'llm' });
    expect(getIn(s.doc, ['spec', 'traffic', 'target'])).toBe('llm');
    expect(getIn(s.doc, ['spec', 'canvas', 'nodes'])).toEqual({ 'service:llm': { x: 5, y: 6 } });
    s = designReducer(s, { type: 'setField', path: ['spec', 'nodePools', 0, 'name'], value: 'a100' });
    expect(getIn(s.doc, ['spec', 'services', 0, 'nodePool'])).toBe('a100');
    expect(validateDesign(s.doc, 'x.yaml').errors).toEqual([]);
  });

  it('keeps positions the document holds for no node (a duplicate name being fixed), so the canvas still round-trips', () => {
    // Found by the property test in graph-edits.test.ts (fast-check seed 2111176097).
    const s = apply(
      initialDesignState(smallDoc()),
      { type: 'setField', path: ['spec', 'services', 0, 'name'], value: 'x' },
      { type: 'addComponent', kind: 'service' },
      { type: 'addComponent', kind: 'loadBalancer', position: { x: 0, y: 0 } },
      { type: 'connect', source: 'detached:lb-1', target: 'service:model' },
      { type: 'setField', path: ['spec', 'services', 0, 'name'], value: 'model' },
    );
    expect(ids(s)).toEqual(expect.arrayContaining(['service:model', 'service:model#1', 'lb:model#1']));
    expect(graphToScenario(scenarioToGraph(s.doc), s.doc)).toEqual(s.doc);
    expect(validateDesign(s.doc, 'x.yaml').errors.map((e) => e.message)).toContain('duplicate name "model" (already used by services[0])');
  });

  it("applies React Flow's node and edge changes as data: select, move, remove", () => {
    let s = designReducer(initialDesignState(smallDoc()), { type: 'nodeChanges', changes: [{ type: 'select', id: 'service:model', selected: true }] });
    expect(s.selection).toEqual(['service:model']);
    s = designReducer(s, { type: 'nodeChanges', changes: [{ type: 'position', id: 'pool:gpu', position: { x: 1, y: 2 }, dragging: true }] });
    expect(getIn(s.doc, ['spec', 'canvas', 'nodes', 'pool:gpu'])).toEqual({ x: 1, y: 2 });
    s = designReducer(s, { type: 'edgeChanges', changes: [{ type: 'select', id: 'service:model->pool:gpu', selected: true }] });
    expect(s.selection).toEqual(['service:model', 'service:model->pool:gpu']);
    s = designReducer(s, { type: 'removeSelection' });
    expect(ids(s)).not.toContain('service:model');
    expect(s.selection).toEqual([]);
    s = designReducer(s, { type: 'nodeChanges', changes: [{ type: 'remove', id: 'traffic' }] });
    expect(getIn(s.doc, ['spec', 'traffic'])).toBeUndefined();
  });

  it('returns the same state for actions that change nothing', () => {
    const s = initialDesignState(smallDoc());
    expect(designReducer(s, { type: 'select', ids: [] })).toBe(s);
    expect(designReducer(s, { type: 'remove', nodeIds: [], edgeIds: [] })).toBe(s);
    expect(designReducer(s, { type: 'connect', source: 'pool:gpu', target: 'traffic' })).toEqual(s);
  });
});
