/**
 * Where a graph's edges lead, for `graphToScenario`: each node's one output (calls are the
 * fragments' own data, not wiring), and the service a chain of nodes ends at. Services are the hub
 * every request path ends at; a node whose kind feeds nothing ends no path.
 */
import { isCallEdge } from './call-edges.ts';
import type { DesignGraph, DesignNode } from './design-graph.ts';
import { kindModule } from '../kinds/index.ts';
import type { Wiring } from '../kinds/kind-module.ts';

/** The wiring of `graph`. */
export function graphWiring(graph: DesignGraph): Wiring {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const next = new Map<string, DesignNode>();
  for (const e of graph.edges) {
    const target = byId.get(e.target);
    if (target !== undefined && byId.has(e.source) && !isCallEdge(e) && e.data?.decodePool !== true) next.set(e.source, target);
  }
  /** Follows cache → balancer → service; undefined when the chain does not reach a service. */
  const serviceOf = (node: DesignNode | undefined, hops = 0): DesignNode | undefined => {
    if (node === undefined || hops > 3) return undefined;
    if (node.data.kind === 'service') return node;
    if (kindModule(node.data.kind).feeds.length === 0) return undefined;
    return serviceOf(next.get(node.id), hops + 1);
  };
  return { next, serviceOf };
}
