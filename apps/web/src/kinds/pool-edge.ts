/**
 * A component's `nodePool` as its one output edge (a service's, a cluster job's): read, an edge to the pool it names;
 * written back, the pool its edge reaches. A `nodePool` naming no pool on the canvas is a typo the inspector shows, so
 * only a removed edge clears it.
 */
import { asObject, setIn, type PlainObject } from '../model/doc-path.ts';
import type { DocWriter, GraphReader } from './kind-module.ts';

/** Draws the edge from node `id` to the pool its `fragment.nodePool` names, if the document has that pool. */
export function readPoolEdge(r: GraphReader, id: string, fragment: PlainObject): void {
  const poolIndex = r.pools.findIndex((p) => asObject(p).name === fragment.nodePool && fragment.nodePool !== undefined);
  if (poolIndex >= 0) r.addEdge(id, r.poolIds[poolIndex]!);
}

/** `fragment` with `nodePool` set to the pool node `id`'s edge reaches (removed when it reaches none), keeping a dangling name. */
export function writePoolEdge(fragment: PlainObject, id: string, w: DocWriter): PlainObject {
  const target = w.wiring.next.get(id);
  const pool = target?.data.kind === 'nodePool' ? target : undefined;
  const dangling = fragment.nodePool !== undefined && !w.nodesOf('nodePool').some((p) => p.data.fragment.name === fragment.nodePool);
  return pool !== undefined || !dangling ? setIn(fragment, ['nodePool'], pool?.data.fragment.name) : fragment;
}
