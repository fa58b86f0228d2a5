/**
 * Structural edits expressed on the graph (connect, remove), turned back into a document by
 * `graphToScenario`. Which connections mean something is a table, not a branch per kind.
 */
import { isCallEdge, newCallEdgeId } from './call-edges.ts';
import { edgeId, type ComponentKind, type DesignGraph, type DesignNode } from './design-graph.ts';

/** Whether a connection is allowed, and why not. */
export type ConnectCheck = { ok: true } | { ok: false; reason: string };

/** Which kinds each kind may feed. A balancer or cache must already sit in front of a service to receive traffic. */
const FEEDS: Readonly<Record<ComponentKind, readonly ComponentKind[]>> = {
  traffic: ['service', 'loadBalancer', 'cache'],
  cache: ['service', 'loadBalancer'],
  loadBalancer: ['service'],
  service: ['nodePool', 'service'],
  nodePool: [],
  training: [],
};

const LABEL: Readonly<Record<ComponentKind, string>> = {
  traffic: 'a traffic source',
  cache: 'a cache',
  loadBalancer: 'a load balancer',
  service: 'a model service',
  nodePool: 'a node pool',
  training: 'a training job',
};

/** True when the kind can start a connection at all (it has an output handle). */
export function hasOutput(kind: ComponentKind): boolean {
  return FEEDS[kind].length > 0;
}

/** True when some kind can connect into this one (it has an input handle). */
export function hasInput(kind: ComponentKind): boolean {
  return Object.values(FEEDS).some((targets) => targets.includes(kind));
}

/** Checks a connection from `source` to `target` (node ids). */
export function canConnect(graph: DesignGraph, source: string, target: string): ConnectCheck {
  const s = graph.nodes.find((n) => n.id === source);
  const t = graph.nodes.find((n) => n.id === target);
  if (s === undefined || t === undefined || source === target) return { ok: false, reason: 'pick two different components' };
  if (!FEEDS[s.data.kind].includes(t.data.kind)) {
    const allowed = FEEDS[s.data.kind].map((k) => LABEL[k]);
    const why = allowed.length === 0 ? `${LABEL[s.data.kind]} has no outgoing connections` : `${LABEL[s.data.kind]} connects to ${allowed.join(' or ')}`;
    return { ok: false, reason: `${why}, not to ${LABEL[t.data.kind]}` };
  }
  if ((t.data.kind === 'loadBalancer' || t.data.kind === 'cache') && t.data.attachedTo === null) {
    return { ok: false, reason: `connect ${LABEL[t.data.kind]} to a model service first` };
  }
  return { ok: true };
}

/** Adds the edge `source → target`, replacing the edges it supersedes (a node has one output; a service one balancer and one cache). */
export function connectNodes(graph: DesignGraph, source: string, target: string): DesignGraph {
  if (!canConnect(graph, source, target).ok) return graph;
  const kindOf = new Map(graph.nodes.map((n) => [n.id, n.data.kind]));
  const sKind = kindOf.get(source);
  // A service → service edge is a call: a service makes any number of calls besides its one pool edge.
  if (sKind === 'service' && kindOf.get(target) === 'service') {
    const id = newCallEdgeId(source, target);
    if (graph.edges.some((e) => e.id === id)) return graph;
    return { nodes: graph.nodes, edges: [...graph.edges, { id, source, target, data: { implicit: false, call: { ref: null, to: '' } } }] };
  }
  const edges = graph.edges.filter((e) => {
    if (e.source === source && !isCallEdge(e)) return false;
    // One balancer (or cache) per service: the one connected before is detached.
    if (e.target === target && (sKind === 'loadBalancer' || sKind === 'cache') && kindOf.get(e.source) === sKind) return false;
    return true;
  });
  edges.push({ id: edgeId(source, target), source, target, data: { implicit: false } });
  return { nodes: graph.nodes, edges };
}

const PASS_THROUGH: readonly ComponentKind[] = ['cache', 'loadBalancer'];

/**
 * Removes nodes (with the balancer and cache attached to a removed service) and edges; implicit
 * edges stay. Taking a cache or balancer out of a chain reconnects what fed it to what it fed, so
 * traffic keeps its service.
 */
export function removeFromGraph(graph: DesignGraph, nodeIds: readonly string[], edgeIds: readonly string[]): DesignGraph {
  const gone = new Set(nodeIds);
  for (const n of graph.nodes) if (n.data.attachedTo !== null && gone.has(n.data.attachedTo)) gone.add(n.id);
  const dropEdge = new Set(graph.edges.filter((e) => edgeIds.includes(e.id) && e.data?.implicit !== true).map((e) => e.id));
  const kindOf = new Map(graph.nodes.map((n) => [n.id, n.data.kind]));
  const bypass = new Map<string, string>();
  for (const e of graph.edges) {
    if (!PASS_THROUGH.includes(kindOf.get(e.source)!) || gone.has(e.target)) continue;
    if (gone.has(e.source) || dropEdge.has(e.id)) bypass.set(e.source, e.target);
  }
  const nodes: DesignNode[] = graph.nodes.filter((n) => !gone.has(n.id));
  const edges = [];
  for (const e of graph.edges) {
    if (dropEdge.has(e.id) || gone.has(e.source)) continue;
    let target = e.target;
    for (let hops = 0; bypass.has(target) && hops < 4; hops++) target = bypass.get(target)!;
    if (gone.has(target)) continue;
    // A call keeps its id (it names the call, not the nodes): its callee's cache or balancer went.
    edges.push(target === e.target ? e : { ...e, id: isCallEdge(e) ? e.id : edgeId(e.source, target), target });
  }
  return { nodes, edges };
}
