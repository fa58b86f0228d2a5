/**
 * Document → canvas graph (pure). The scenario is the source of truth; the graph is a view. Each
 * kind reads its own nodes (kinds/<kind>/, `graph.read`), in stages: the services first, then what
 * attaches to them (balancers, caches, pools), then the links between a kind's own nodes (`readLinks`:
 * the services' calls), then what
 * needs the services' front nodes (traffic) or comes last (training). Components not yet connected
 * live in `spec.canvas.detached`. Positions come from `spec.canvas.nodes`, else from the automatic
 * layout. `graphToScenario` is the inverse (round-trip tested).
 */
import { createLayout, type LayoutSlot } from './auto-layout.ts';
import { callLayers } from './call-layers.ts';
import { asArray, asObject, getIn, isObject, type PlainObject } from './doc-path.ts';
import { edgeId, type DesignEdge, type DesignGraph, type DesignNode } from './design-graph.ts';
import { detachedId, listIds } from './node-ids.ts';
import { kindModules } from '../kinds/index.ts';
import type { GraphReader, NodeSpec } from '../kinds/kind-module.ts';

function storedPosition(doc: PlainObject, id: string): { x: number; y: number } | null {
  const p = getIn(doc, ['spec', 'canvas', 'nodes', id]);
  if (!isObject(p)) return null;
  const { x, y } = p;
  return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y) ? { x, y } : null;
}

type Layout = (node: LayoutSlot) => { x: number; y: number };

function makeNode(doc: PlainObject, n: NodeSpec, layout: Layout): DesignNode {
  const stored = storedPosition(doc, n.id);
  return {
    id: n.id,
    type: 'design',
    position: stored ?? layout(n),
    data: {
      kind: n.kind,
      docPath: n.docPath,
      fragment: n.fragment,
      order: n.order,
      pinned: stored !== null,
      attachedTo: n.attachedTo ?? null,
      detachedKey: n.detachedKey ?? null,
    },
  };
}

/** The canvas graph of a scenario document. Never throws, whatever the document holds. */
export function scenarioToGraph(doc: PlainObject): DesignGraph {
  const spec = asObject(doc.spec);
  const services = asArray(spec.services);
  const pools = asArray(spec.nodePools);
  const specs: NodeSpec[] = [];
  const edges: DesignEdge[] = [];
  const r: GraphReader = {
    doc,
    spec,
    services,
    serviceIds: listIds('service', services),
    pools,
    poolIds: listIds('pool', pools),
    front: new Map(),
    addNode: (node, after) => {
      const at = after === undefined ? -1 : specs.findIndex((n) => n.id === after);
      if (at < 0) specs.push(node);
      else specs.splice(at + 1, 0, node);
    },
    addEdge: (source, target, implicit = false) => {
      edges.push({ id: edgeId(source, target), source, target, data: { implicit }, deletable: !implicit });
    },
    addDataEdge: (edge) => {
      edges.push(edge);
    },
  };
  const modules = kindModules();
  for (const stage of [0, 1, 2] as const) {
    // Links between a kind's own nodes (calls between services): drawn once every front node is known.
    if (stage === 2) for (const m of modules) m.graph.readLinks?.(r);
    for (const m of modules) if (m.graph.stage === stage) m.graph.read(r);
  }

  // Components kept on the canvas until connected, after everything else.
  const detached = asObject(getIn(spec, ['canvas', 'detached']));
  Object.entries(detached).forEach(([key, raw], k) => {
    const fields = asObject(raw);
    const m = modules.find((x) => x.detachable !== undefined && x.kind === fields.kind);
    if (m === undefined) return;
    const row = Math.max(services.length, pools.length) + 1.2 + k * 0.7;
    specs.push({ id: detachedId(key), kind: m.kind, docPath: ['spec', 'canvas', 'detached', key], fragment: fields, order: k, row, detachedKey: key });
  });

  const layout = createLayout(specs.filter((n) => n.detachedKey == null), callLayers(services));
  return { nodes: specs.map((n) => makeNode(doc, n, layout)), edges };
}
