/**
 * Canvas graph → document (pure), the inverse of `scenarioToGraph`. Structure comes from the
 * edges, and each kind writes its own nodes back (kinds/<kind>/, `graph.write`) in the stages it
 * reads them: a service's fragment, its calls and its pool edge; then a connected balancer's
 * `routing`, a connected cache, the pools; then the traffic's target and the training job.
 * Unconnected components are kept in `spec.canvas.detached`; pinned positions in
 * `spec.canvas.nodes`. Everything else is copied from `base`, in its key order, so a file that went
 * through the canvas reads the same as before.
 */
import { asObject, getIn, isObject, setIn, type PlainObject } from './doc-path.ts';
import type { ComponentKind, DesignGraph, DesignNode } from './design-graph.ts';
import { graphWiring } from './graph-wiring.ts';
import { detachedId, freshKey } from './node-ids.ts';
import { scenarioToGraph } from './scenario-to-graph.ts';
import { kindModule, kindModules } from '../kinds/index.ts';
import { stripKind } from '../kinds/detached.ts';
import type { DocWriter } from '../kinds/kind-module.ts';

function byOrder(a: DesignNode, b: DesignNode): number {
  return a.data.order - b.data.order;
}

/** The document for `graph`; `base` supplies metadata, settings and key order. */
export function graphToScenario(graph: DesignGraph, base: PlainObject): PlainObject {
  let baseGraph: DesignGraph | undefined;
  const newIds = new Map<string, string>();
  const w: DocWriter = {
    graph,
    base,
    baseGraph: () => (baseGraph ??= scenarioToGraph(base)),
    wiring: graphWiring(graph),
    nodesOf: (kind: ComponentKind) => graph.nodes.filter((n) => n.data.kind === kind).sort(byOrder),
    setNewId: (oldId, newId) => newIds.set(oldId, newId),
    newId: (oldId) => newIds.get(oldId) ?? oldId,
  };
  let doc = setIn(base, ['spec'], asObject(base.spec));
  const modules = kindModules();
  for (const stage of [0, 1, 2] as const) for (const m of modules) if (m.graph.stage === stage) doc = m.graph.write(doc, w);
  return withCanvas(doc, w);
}

/** Writes `spec.canvas`: detached components and pinned positions under the ids the new document will have. */
function withCanvas(doc: PlainObject, w: DocWriter): PlainObject {
  const { graph, base } = w;
  const detached: PlainObject = {};
  const usedKeys = graph.nodes.map((n) => n.data.detachedKey).filter((k): k is string => k !== null);
  // Positions the base document stores for no node of its own (a service whose name is being fixed,
  // a duplicate name) are kept as they are: only removing a node removes its position.
  const positions: PlainObject = {};
  const baseIds = new Set(w.baseGraph().nodes.map((n) => n.id));
  for (const [id, p] of Object.entries(asObject(getIn(base, ['spec', 'canvas', 'nodes'])))) if (!baseIds.has(id)) positions[id] = p;
  for (const n of graph.nodes) {
    const m = kindModule(n.data.kind);
    let id = m.graph.canvasId(n, w);
    if (id === null) {
      const key = n.data.detachedKey ?? freshKey(m.detachable?.prefix ?? n.data.kind, [...usedKeys, ...Object.keys(detached)]);
      detached[key] = { kind: n.data.kind, ...stripKind(n.data.fragment) };
      id = detachedId(key);
    }
    if (n.data.pinned) positions[id] = { x: n.position.x, y: n.position.y };
  }

  const spec = asObject(doc.spec);
  const hadCanvas = isObject(spec.canvas);
  let canvas = asObject(spec.canvas);
  canvas = setIn(canvas, ['nodes'], Object.keys(positions).length > 0 ? positions : undefined);
  canvas = setIn(canvas, ['detached'], Object.keys(detached).length > 0 ? detached : undefined);
  const keep = hadCanvas || Object.keys(canvas).length > 0;
  return setIn(doc, ['spec', 'canvas'], keep ? canvas : undefined);
}

/** The pinned position stored for `id`, if any (for tests and the layout). */
export function storedPositionOf(doc: PlainObject, id: string): unknown {
  return getIn(doc, ['spec', 'canvas', 'nodes', id]);
}
