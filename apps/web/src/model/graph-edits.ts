/**
 * Structural edits expressed on the graph (connect, remove), turned back into a document by
 * `graphToScenario`. Which connections mean something is each kind's `feeds` (kinds/<kind>/), not
 * a branch per kind.
 */
import { isCallEdge, newCallEdgeId } from './call-edges.ts';
import { edgeId, type ComponentKind, type DesignGraph, type DesignNode } from './design-graph.ts';
import { kindModule, kindModules } from '../kinds/index.ts';

const feeds = (kind: ComponentKind) => kindModule(kind).feeds;
const phrase = (kind: ComponentKind) => kindModule(kind).phrase;

/** Whether a connection is allowed, and why not. */
export type ConnectCheck = { ok: true } | { ok: false; reason: string };

/** True when the kind can start a connection at all (it has an output handle). */
export function hasOutput(kind: ComponentKind): boolean {
  return feeds(kind).length > 0;
}

/** True when some kind can connect into this one (it has an input handle). */
export function hasInput(kind: ComponentKind): boolean {
  return kindModules().some((m) => m.feeds.includes(kind));
}

/** Checks a connection from `source` to `target` (node ids). */
export function canConnect(graph: DesignGraph, source: string, target: string): ConnectCheck {
  const s = graph.nodes.find((n) => n.id === source);
  const t = graph.nodes.find((n) => n.id === target);
  if (s === undefined || t === undefined || source === target) return { ok: false, reason: 'pick two different components' };
  if (!feeds(s.data.kind).includes(t.data.kind)) {
    const allowed = feeds(s.data.kind).map(phrase);
    const why = allowed.length === 0 ? `${phrase(s.data.kind)} has no outgoing connections` : `${phrase(s.data.kind)} connects to ${allowed.join(' or ')}`;
    return { ok: false, reason: `${why}, not to ${phrase(t.data.kind)}` };
  }
  // What passes requests on must already sit in front of a service to receive any.
  if (kindModule(t.data.kind).passThrough === true && t.data.attachedTo === null) {
    return { ok: false, reason: `connect ${phrase(t.data.kind)} to a model service first` };
  }
  return { ok: true };
}

/** Adds the edge `source → target`, replacing the edges it supersedes (a node has one output; a service one balancer and one cache). */
export function connectNodes(graph: DesignGraph, source: string, target: string): DesignGraph {
  if (!canConnect(graph, source, target).ok) return graph;
  const kindOf = new Map(graph.nodes.map((n) => [n.id, n.data.kind]));
  const sKind = kindOf.get(source);
  // A service → service edge is a call: a service makes any number of calls besides its one pool edge.
  if (sKind !== undefined && kindModule(sKind).callsOwnKind === true && kindOf.get(target) === sKind) {
    const id = newCallEdgeId(source, target);
    if (graph.edges.some((e) => e.id === id)) return graph;
    return { nodes: graph.nodes, edges: [...graph.edges, { id, source, target, data: { implicit: false, call: { ref: null, to: '' } } }] };
  }
  const edges = graph.edges.filter((e) => {
    if (e.source === source && !isCallEdge(e)) return false;
    // One balancer (or cache) per service: the one connected before is detached.
    if (e.target === target && sKind !== undefined && kindModule(sKind).passThrough === true && kindOf.get(e.source) === sKind) return false;
    return true;
  });
  edges.push({ id: edgeId(source, target), source, target, data: { implicit: false } });
  return { nodes: graph.nodes, edges };
}

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
    const kind = kindOf.get(e.source);
    if (kind === undefined || kindModule(kind).passThrough !== true || gone.has(e.target)) continue;
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
