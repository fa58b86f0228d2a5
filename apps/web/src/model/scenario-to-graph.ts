/**
 * Document → canvas graph (pure). The scenario is the source of truth; the graph is a view:
 * `spec.traffic` is the traffic node, each `spec.services[i]` a service node (its explicit
 * `routing` a load-balancer node in front of it, its cache a cache node), each
 * `spec.nodePools[j]` a pool node, each of a service's `calls` an edge to the callee (call-edges.ts), `spec.training` the training node, and components not yet
 * connected live in `spec.canvas.detached`. Positions come from `spec.canvas.nodes`, else from
 * the automatic layout. `graphToScenario` is the inverse (round-trip tested).
 */
import type { PathSegment } from '@design-sim/sim-core';
import { createLayout } from './auto-layout.ts';
import { cachePath, readCache } from './cache-mapping.ts';
import { callEdges } from './call-edges.ts';
import { asArray, asObject, getIn, isObject, type PlainObject } from './doc-path.ts';
import { edgeId, type ComponentKind, type DesignEdge, type DesignGraph, type DesignNode } from './design-graph.ts';
import { cacheId, detachedId, listIds, loadBalancerId, TRAFFIC_ID, TRAINING_ID } from './node-ids.ts';

/** Kinds that may be stored detached on the canvas. */
export const DETACHABLE_KINDS: readonly ComponentKind[] = ['loadBalancer', 'cache'];

function storedPosition(doc: PlainObject, id: string): { x: number; y: number } | null {
  const p = getIn(doc, ['spec', 'canvas', 'nodes', id]);
  if (!isObject(p)) return null;
  const { x, y } = p;
  return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y) ? { x, y } : null;
}

interface NodeSpec {
  id: string;
  kind: ComponentKind;
  docPath: PathSegment[];
  fragment: PlainObject;
  order: number;
  row: number;
  attachedTo?: string | null;
  detachedKey?: string | null;
}

type Layout = (kind: ComponentKind, row: number) => { x: number; y: number };

function makeNode(doc: PlainObject, n: NodeSpec, layout: Layout): DesignNode {
  const stored = storedPosition(doc, n.id);
  return {
    id: n.id,
    type: 'design',
    position: stored ?? layout(n.kind, n.row),
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

function edge(source: string, target: string, implicit = false): DesignEdge {
  return { id: edgeId(source, target), source, target, data: { implicit }, deletable: !implicit };
}

/** The canvas graph of a scenario document. Never throws, whatever the document holds. */
export function scenarioToGraph(doc: PlainObject): DesignGraph {
  const spec = asObject(doc.spec);
  const services = asArray(spec.services);
  const pools = asArray(spec.nodePools);
  const serviceIds = listIds('service', services);
  const poolIds = listIds('pool', pools);
  const specs: NodeSpec[] = [];
  const edges: DesignEdge[] = [];
  /** The node that receives a service's requests first: its cache, else its balancer, else itself. */
  const front = new Map<string, string>();

  services.forEach((raw, i) => {
    const svc = asObject(raw);
    const id = serviceIds[i]!;
    const path: PathSegment[] = ['spec', 'services', i];
    specs.push({ id, kind: 'service', docPath: path, fragment: svc, order: i, row: i });
    let head = id;
    if (svc.routing !== undefined) {
      const lb = loadBalancerId(id);
      specs.push({ id: lb, kind: 'loadBalancer', docPath: path, fragment: { routing: svc.routing }, order: i, row: i, attachedTo: id });
      edges.push(edge(lb, head));
      head = lb;
    }
    const name = typeof svc.name === 'string' ? svc.name : `#${i}`;
    const cache = readCache(doc, i, name);
    if (cache !== null) {
      const c = cacheId(id);
      specs.push({ id: c, kind: 'cache', docPath: cachePath(i, name), fragment: cache, order: i, row: i, attachedTo: id });
      edges.push(edge(c, head));
      head = c;
    }
    front.set(id, head);
    const poolIndex = pools.findIndex((p) => asObject(p).name === svc.nodePool && svc.nodePool !== undefined);
    if (poolIndex >= 0) edges.push(edge(id, poolIds[poolIndex]!));
  });

  // Calls between services: drawn once every service's front node is known.
  edges.push(...callEdges(services, serviceIds, front));

  pools.forEach((raw, j) => {
    const firstUser = services.findIndex((s) => asObject(s).nodePool === asObject(raw).name);
    specs.push({ id: poolIds[j]!, kind: 'nodePool', docPath: ['spec', 'nodePools', j], fragment: asObject(raw), order: j, row: firstUser >= 0 ? firstUser : services.length + j });
  });

  // Several traffic sources: the canvas shows the first; the others are kept as written (graph-to-scenario).
  const firstTraffic: unknown = Array.isArray(spec.traffic) ? spec.traffic[0] : spec.traffic;
  if (isObject(firstTraffic)) {
    const traffic = firstTraffic;
    const explicit = typeof traffic.target === 'string' ? services.findIndex((s) => asObject(s).name === traffic.target) : -1;
    const targetIndex = traffic.target === undefined ? (services.length > 0 ? 0 : -1) : explicit;
    specs.push({ id: TRAFFIC_ID, kind: 'traffic', docPath: Array.isArray(spec.traffic) ? ['spec', 'traffic', 0] : ['spec', 'traffic'], fragment: traffic, order: 0, row: Math.max(targetIndex, 0) });
    if (targetIndex >= 0) edges.push(edge(TRAFFIC_ID, front.get(serviceIds[targetIndex]!)!, traffic.target === undefined));
  }

  if (isObject(spec.training)) {
    const row = Math.max(services.length, pools.length) + (services.length > 0 ? 0.6 : 0);
    specs.push({ id: TRAINING_ID, kind: 'training', docPath: ['spec', 'training'], fragment: spec.training, order: 0, row });
  }

  const detached = asObject(getIn(spec, ['canvas', 'detached']));
  Object.entries(detached).forEach(([key, raw], k) => {
    const fields = asObject(raw);
    const kind = DETACHABLE_KINDS.find((x) => x === fields.kind);
    if (kind === undefined) return;
    const row = Math.max(services.length, pools.length) + 1.2 + k * 0.7;
    specs.push({ id: detachedId(key), kind, docPath: ['spec', 'canvas', 'detached', key], fragment: fields, order: k, row, detachedKey: key });
  });

  const layout = createLayout(new Set(specs.filter((n) => n.detachedKey == null).map((n) => n.kind)));
  return { nodes: specs.map((n) => makeNode(doc, n, layout)), edges };
}
