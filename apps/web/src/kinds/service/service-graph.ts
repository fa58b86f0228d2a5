/**
 * Services ↔ graph. Each `spec.services[i]` is a service node; its `nodePool` is its one output
 * edge (pool-edge.ts); its `calls` are call edges (service-calls.ts), drawn once what sits in front of each
 * service is known. Writing back: the fragment, its calls as the canvas edited them, and the pool
 * its edge reaches. A disaggregated LLM service's decode pool is a read-only edge (pool-edge.ts).
 */
import { editCalls, isCallEdge } from '../../model/call-edges.ts';
import { asObject, setIn } from '../../model/doc-path.ts';
import { listIds } from '../../model/node-ids.ts';
import type { DocWriter, KindMapping } from '../kind-module.ts';
import { readDecodePoolEdge, readPoolEdge, writePoolEdge } from '../pool-edge.ts';
import { readServiceCalls } from './service-calls.ts';

/**
 * Each service's `calls` after the canvas's edits: the call edges of the base document that the graph
 * lost are removed calls (deleted, or their callee deleted), and edges drawn since are new calls.
 */
function editedCalls(w: DocWriter): Map<string, { removed: Set<string>; added: string[] }> {
  const present = new Set(w.graph.edges.filter(isCallEdge).map((e) => e.id));
  const byId = new Map(w.graph.nodes.map((n) => [n.id, n]));
  const out = new Map<string, { removed: Set<string>; added: string[] }>();
  const entry = (id: string) => out.get(id) ?? out.set(id, { removed: new Set(), added: [] }).get(id)!;
  for (const e of w.baseGraph().edges) if (isCallEdge(e) && !present.has(e.id)) entry(e.source).removed.add(e.id);
  for (const e of w.graph.edges) {
    if (!isCallEdge(e) || e.data?.call?.ref !== null) continue;
    const name = w.wiring.serviceOf(byId.get(e.target))?.data.fragment.name;
    if (typeof name === 'string') entry(e.source).added.push(name);
  }
  return out;
}

export const serviceGraph: KindMapping = {
  stage: 0,
  read: (r) => {
    r.services.forEach((raw, i) => {
      const svc = asObject(raw);
      const id = r.serviceIds[i]!;
      r.addNode({ id, kind: 'service', docPath: ['spec', 'services', i], fragment: svc, order: i, row: i });
      r.front.set(id, id);
      readPoolEdge(r, id, svc);
      readDecodePoolEdge(r, id, svc);
    });
  },
  write: (doc, w) => {
    const serviceNodes = w.nodesOf('service');
    const calls = editedCalls(w);
    const services = serviceNodes.map((n) => {
      let s = { ...n.data.fragment };
      const edit = calls.get(n.id);
      if (edit !== undefined) s = setIn(s, ['calls'], editCalls(s.calls, edit.removed, n.id, edit.added));
      return writePoolEdge(s, n.id, w);
    });
    const ids = listIds('service', services);
    serviceNodes.forEach((n, i) => w.setNewId(n.id, ids[i]!));
    return setIn(doc, ['spec', 'services'], services.length > 0 || Array.isArray(asObject(w.base.spec).services) ? services : undefined);
  },
  readLinks: readServiceCalls,
  canvasId: (node, w) => w.newId(node.id),
};
