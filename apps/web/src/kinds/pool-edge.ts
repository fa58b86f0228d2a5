/**
 * A component's `nodePool` as its one output edge (a service's, a cluster job's): read, an edge to the pool it names;
 * written back, the pool its edge reaches. A `nodePool` naming no pool on the canvas is a typo the inspector shows, so
 * only a removed edge clears it.
 */
import { asArray, asObject, getIn, setIn, type PlainObject } from '../model/doc-path.ts';
import { edgeId } from '../model/design-graph.ts';
import type { DocWriter, GraphReader } from './kind-module.ts';

/** Draws the edge from node `id` to the pool its `fragment.nodePool` names, if the document has that pool. */
export function readPoolEdge(r: GraphReader, id: string, fragment: PlainObject): void {
  const poolIndex = r.pools.findIndex((p) => asObject(p).name === fragment.nodePool && fragment.nodePool !== undefined);
  if (poolIndex >= 0) r.addEdge(id, r.poolIds[poolIndex]!);
}

/** The pool a disaggregated LLM service decodes on, when it names one other than its own `nodePool`. */
export function decodePoolOf(fragment: PlainObject): unknown {
  const pool = getIn(fragment, ['llm', 'disaggregated', 'decode', 'nodePool']);
  return pool === fragment.nodePool ? undefined : pool;
}

/** The pools a component runs on, first its own: a pool is laid out at the row of its first user. */
export function poolsUsedBy(fragment: PlainObject): unknown[] {
  const decode = decodePoolOf(fragment);
  return decode === undefined ? [fragment.nodePool] : [fragment.nodePool, decode];
}

/**
 * Draws the edge from a disaggregated LLM service to its decode pool, if the document has that pool: without it the
 * pool stood alone below the graph, as if nothing ran on it. Read-only (the inspector's "Decode node pool" edits it).
 */
export function readDecodePoolEdge(r: GraphReader, id: string, fragment: PlainObject): void {
  const decode = decodePoolOf(fragment);
  const poolIndex = decode === undefined ? -1 : r.pools.findIndex((p) => asObject(p).name === decode);
  if (poolIndex < 0) return;
  const target = r.poolIds[poolIndex]!;
  r.addDataEdge({ id: edgeId(id, target), source: id, target, data: { implicit: true, decodePool: true }, deletable: false, label: 'decode' });
}

/** `doc` with every service's decode pool `from` renamed `to` (a pool's rename). */
export function renameDecodePool(doc: PlainObject, from: string, to: string): PlainObject {
  let out = doc;
  asArray(getIn(doc, ['spec', 'services'])).forEach((x, i) => {
    const path = ['spec', 'services', i, 'llm', 'disaggregated', 'decode', 'nodePool'];
    if (getIn(x, path.slice(3)) === from) out = setIn(out, path, to);
  });
  return out;
}

/** `fragment` with `nodePool` set to the pool node `id`'s edge reaches (removed when it reaches none), keeping a dangling name. */
export function writePoolEdge(fragment: PlainObject, id: string, w: DocWriter): PlainObject {
  const target = w.wiring.next.get(id);
  const pool = target?.data.kind === 'nodePool' ? target : undefined;
  const dangling = fragment.nodePool !== undefined && !w.nodesOf('nodePool').some((p) => p.data.fragment.name === fragment.nodePool);
  return pool !== undefined || !dangling ? setIn(fragment, ['nodePool'], pool?.data.fragment.name) : fragment;
}
