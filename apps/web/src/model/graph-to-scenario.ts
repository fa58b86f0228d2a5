/**
 * Canvas graph → document (pure), the inverse of `scenarioToGraph`. Structure comes from the
 * edges: a load balancer connected to a service sets that service's `routing`, a cache
 * connected to it (directly or through its balancer) becomes its cache, an edge from a service to
 * a pool sets `nodePool`, the traffic edge sets `traffic.target`; call edges removed or drawn
 * remove or append the caller's `calls`. Unconnected balancers and
 * caches are kept in `spec.canvas.detached`; pinned positions in `spec.canvas.nodes`. Everything
 * else is copied from `base`, in its key order, so a file that went through the canvas reads the
 * same as before.
 */
import { writeCaches } from './cache-mapping.ts';
import { editCalls, isCallEdge } from './call-edges.ts';
import { asObject, getIn, isObject, setIn, type PlainObject } from './doc-path.ts';
import type { DesignGraph, DesignNode } from './design-graph.ts';
import { cacheId, detachedId, freshKey, listIds, loadBalancerId, TRAFFIC_ID, TRAINING_ID } from './node-ids.ts';
import { scenarioToGraph } from './scenario-to-graph.ts';

/** Sets `key` on a copy of `obj` (in place if present, appended otherwise) or deletes it for undefined. */
function withKey(obj: PlainObject, key: string, value: unknown): PlainObject {
  return setIn(obj, [key], value);
}

function byOrder(a: DesignNode, b: DesignNode): number {
  return a.data.order - b.data.order;
}

interface Wiring {
  /** Service node id → attached balancer node. */
  balancer: Map<string, DesignNode>;
  /** Service node id → attached cache node. */
  cache: Map<string, DesignNode>;
  /** Service node id → pool node. */
  pool: Map<string, DesignNode>;
  /** Service node the traffic goes to, if connected. */
  trafficTarget: DesignNode | undefined;
  /** The service a node's requests reach (the node itself, or through its cache and balancer). */
  serviceOf: (node: DesignNode | undefined) => DesignNode | undefined;
}

/**
 * Each service's `calls` after the canvas's edits: the call edges of `base` that the graph lost are
 * removed calls (deleted, or their callee deleted), and edges drawn since are new calls.
 */
function editedCalls(graph: DesignGraph, base: PlainObject, w: Wiring): Map<string, { removed: Set<string>; added: string[] }> {
  const present = new Set(graph.edges.filter(isCallEdge).map((e) => e.id));
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const out = new Map<string, { removed: Set<string>; added: string[] }>();
  const entry = (id: string) => out.get(id) ?? out.set(id, { removed: new Set(), added: [] }).get(id)!;
  for (const e of scenarioToGraph(base).edges) if (isCallEdge(e) && !present.has(e.id)) entry(e.source).removed.add(e.id);
  for (const e of graph.edges) {
    if (!isCallEdge(e) || e.data?.call?.ref !== null) continue;
    const name = w.serviceOf(byId.get(e.target))?.data.fragment.name;
    if (typeof name === 'string') entry(e.source).added.push(name);
  }
  return out;
}

/** Resolves the edges into attachments: a node chain ends at a service node. */
function wiring(graph: DesignGraph): Wiring {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const next = new Map<string, DesignNode>();
  for (const e of graph.edges) {
    const target = byId.get(e.target);
    // Calls are the fragments' own data (call-edges.ts), not wiring: a service's one output is its pool.
    if (target !== undefined && byId.has(e.source) && !isCallEdge(e)) next.set(e.source, target);
  }
  /** Follows cache → balancer → service; undefined when the chain does not reach a service. */
  const serviceOf = (node: DesignNode | undefined, hops = 0): DesignNode | undefined => {
    if (node === undefined || hops > 3) return undefined;
    if (node.data.kind === 'service') return node;
    if (node.data.kind !== 'cache' && node.data.kind !== 'loadBalancer' && node.data.kind !== 'traffic') return undefined;
    return serviceOf(next.get(node.id), hops + 1);
  };
  const w: Wiring = { balancer: new Map(), cache: new Map(), pool: new Map(), trafficTarget: undefined, serviceOf };
  for (const n of graph.nodes) {
    const target = next.get(n.id);
    if (n.data.kind === 'service' && target?.data.kind === 'nodePool') w.pool.set(n.id, target);
    if (n.data.kind === 'loadBalancer' && target?.data.kind === 'service') w.balancer.set(target.id, n);
    if (n.data.kind === 'traffic') w.trafficTarget = serviceOf(target);
  }
  // Caches second: a cache in front of a balancer belongs to the balancer's service.
  for (const n of graph.nodes) {
    if (n.data.kind !== 'cache') continue;
    const target = next.get(n.id);
    const svc = target?.data.kind === 'loadBalancer' ? next.get(target.id) : target;
    if (svc?.data.kind === 'service') w.cache.set(svc.id, n);
  }
  return w;
}

/** The document for `graph`; `base` supplies metadata, settings and key order. */
export function graphToScenario(graph: DesignGraph, base: PlainObject): PlainObject {
  const w = wiring(graph);
  const kind = (k: DesignNode['data']['kind']) => graph.nodes.filter((n) => n.data.kind === k).sort(byOrder);
  const serviceNodes = kind('service');
  const poolNodes = kind('nodePool');
  const traffic = graph.nodes.find((n) => n.data.kind === 'traffic');
  const training = graph.nodes.find((n) => n.data.kind === 'training');
  const baseSpec = asObject(base.spec);

  const calls = editedCalls(graph, base, w);
  const services = serviceNodes.map((n) => {
    let s = { ...n.data.fragment };
    const edit = calls.get(n.id);
    if (edit !== undefined) s = withKey(s, 'calls', editCalls(s.calls, edit.removed, n.id, edit.added));
    const lb = w.balancer.get(n.id);
    s = withKey(s, 'routing', lb?.data.fragment.routing);
    const pool = w.pool.get(n.id);
    // A nodePool naming no pool on the canvas is a typo the inspector shows; only a removed edge clears it.
    const dangling = s.nodePool !== undefined && !poolNodes.some((p) => p.data.fragment.name === s.nodePool);
    if (pool !== undefined || !dangling) s = withKey(s, 'nodePool', pool?.data.fragment.name);
    return s;
  });
  const pools = poolNodes.map((n) => ({ ...n.data.fragment }));

  let spec: PlainObject = baseSpec;
  // A list of sources: the canvas edits the first; the others stay as written.
  const otherSources: unknown[] = Array.isArray(baseSpec.traffic) ? baseSpec.traffic.slice(1) : [];
  if (traffic === undefined) spec = withKey(spec, 'traffic', otherSources.length > 0 ? otherSources : undefined);
  else {
    const targetIndex = w.trafficTarget === undefined ? -1 : serviceNodes.indexOf(w.trafficTarget);
    const written = traffic.data.fragment.target;
    const dangling = written !== undefined && !services.some((s) => s.name === written);
    const target = targetIndex < 0 ? (dangling ? written : undefined) : services[targetIndex]!.name;
    // Traffic to the first service with no `target` in the fragment is the schema default: keep it unwritten.
    const keepDefault = targetIndex === 0 && traffic.data.fragment.target === undefined;
    const first = withKey({ ...traffic.data.fragment }, 'target', keepDefault ? undefined : target);
    spec = withKey(spec, 'traffic', Array.isArray(baseSpec.traffic) ? [first, ...otherSources] : first);
  }
  spec = withKey(spec, 'services', services.length > 0 || Array.isArray(baseSpec.services) ? services : undefined);
  spec = withKey(spec, 'nodePools', pools.length > 0 || Array.isArray(baseSpec.nodePools) ? pools : undefined);
  spec = withKey(spec, 'training', training === undefined ? undefined : { ...training.data.fragment });

  let doc = withKey(base, 'spec', spec);
  const cacheByIndex = new Map<number, PlainObject>();
  serviceNodes.forEach((n, i) => {
    const c = w.cache.get(n.id);
    if (c !== undefined) cacheByIndex.set(i, stripKind(c.data.fragment));
  });
  doc = writeCaches(doc, services, cacheByIndex);
  return withCanvas(doc, graph, w, services, base);
}

function stripKind(fields: PlainObject): PlainObject {
  const { kind: _kind, ...rest } = fields;
  return rest;
}

/** Writes `spec.canvas`: detached components and pinned positions under the ids the new document will have. */
function withCanvas(doc: PlainObject, graph: DesignGraph, w: Wiring, services: readonly PlainObject[], base: PlainObject): PlainObject {
  const serviceNodes = graph.nodes.filter((n) => n.data.kind === 'service').sort(byOrder);
  const newServiceIds = listIds('service', services);
  const serviceIdMap = new Map(serviceNodes.map((n, i) => [n.id, newServiceIds[i]!]));
  const poolNodes = graph.nodes.filter((n) => n.data.kind === 'nodePool').sort(byOrder);
  const newPoolIds = listIds('pool', poolNodes.map((n) => n.data.fragment));
  const poolIdMap = new Map(poolNodes.map((n, j) => [n.id, newPoolIds[j]!]));
  const attachedBalancers = new Map([...w.balancer].map(([svc, lb]) => [lb.id, svc]));
  const attachedCaches = new Map([...w.cache].map(([svc, c]) => [c.id, svc]));

  const detached: PlainObject = {};
  const usedKeys = graph.nodes.map((n) => n.data.detachedKey).filter((k): k is string => k !== null);
  // Positions the base document stores for no node of its own (a service whose name is being fixed,
  // a duplicate name) are kept as they are: only removing a node removes its position.
  const positions: PlainObject = {};
  const baseIds = new Set(scenarioToGraph(base).nodes.map((n) => n.id));
  for (const [id, p] of Object.entries(asObject(getIn(base, ['spec', 'canvas', 'nodes'])))) if (!baseIds.has(id)) positions[id] = p;
  for (const n of graph.nodes) {
    let id: string;
    const k = n.data.kind;
    if (k === 'service') id = serviceIdMap.get(n.id)!;
    else if (k === 'nodePool') id = poolIdMap.get(n.id)!;
    else if (k === 'traffic') id = TRAFFIC_ID;
    else if (k === 'training') id = TRAINING_ID;
    else {
      const svc = k === 'loadBalancer' ? attachedBalancers.get(n.id) : attachedCaches.get(n.id);
      if (svc !== undefined) id = k === 'loadBalancer' ? loadBalancerId(serviceIdMap.get(svc)!) : cacheId(serviceIdMap.get(svc)!);
      else {
        const key = n.data.detachedKey ?? freshKey(k === 'loadBalancer' ? 'lb' : 'cache', [...usedKeys, ...Object.keys(detached)]);
        detached[key] = { kind: k, ...stripKind(n.data.fragment) };
        id = detachedId(key);
      }
    }
    if (n.data.pinned) positions[id] = { x: n.position.x, y: n.position.y };
  }

  const spec = asObject(doc.spec);
  const hadCanvas = isObject(spec.canvas);
  let canvas = asObject(spec.canvas);
  canvas = withKey(canvas, 'nodes', Object.keys(positions).length > 0 ? positions : undefined);
  canvas = withKey(canvas, 'detached', Object.keys(detached).length > 0 ? detached : undefined);
  const keep = hadCanvas || Object.keys(canvas).length > 0;
  return setIn(doc, ['spec', 'canvas'], keep ? canvas : undefined);
}

/** The pinned position stored for `id`, if any (for tests and the layout). */
export function storedPositionOf(doc: PlainObject, id: string): unknown {
  return getIn(doc, ['spec', 'canvas', 'nodes', id]);
}
