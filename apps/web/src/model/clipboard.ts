/**
 * Copy, paste and duplicate on the canvas, as pure functions over the document. A clip holds the
 * selected services (with their load balancer and cache, which live inside the service) and node
 * pools as written, and their canvas positions (stored, or where the automatic layout put them). Pasting gives each a fresh name (`model-2`), points a
 * pasted service at the pasted copy of its pool when that pool was copied too (else at the same pool),
 * and places the copies 40 px down and right. The traffic source and the training job are one per
 * scenario, so they are not copied.
 */
import { freshName } from './fresh-name.ts';
import { asArray, asObject, getIn, isObject, setIn, type PlainObject } from './doc-path.ts';
import { listIds, serviceKey } from './node-ids.ts';
import { scenarioToGraph } from './scenario-to-graph.ts';

/** What Copy keeps. */
export interface Clip {
  services: { item: PlainObject; position: { x: number; y: number } | null }[];
  pools: { item: PlainObject; position: { x: number; y: number } | null }[];
  /** Selected components that cannot be copied (traffic, training), for the message. */
  skipped: string[];
}

/** How far a paste lands from the original, px. */
export const PASTE_OFFSET = 40;

/** Where a node is: its stored position, else where the automatic layout puts it. */
function positionOf(doc: PlainObject, laidOut: ReadonlyMap<string, { x: number; y: number }>, id: string): { x: number; y: number } | null {
  const p = getIn(doc, ['spec', 'canvas', 'nodes', id]);
  if (isObject(p) && typeof p.x === 'number' && typeof p.y === 'number') return { x: p.x, y: p.y };
  return laidOut.get(id) ?? null;
}

/** The clip of `selection` (node ids), or null when nothing copyable is selected. */
export function copySelection(doc: PlainObject, selection: readonly string[]): Clip | null {
  const spec = asObject(doc.spec);
  const services = asArray(spec.services);
  const pools = asArray(spec.nodePools);
  const serviceIds = listIds('service', services);
  const poolIds = listIds('pool', pools);
  const laidOut = new Map(scenarioToGraph(doc).nodes.map((n) => [n.id, n.position]));
  const position = (d: PlainObject, id: string) => positionOf(d, laidOut, id);
  const wanted = new Set<string>();
  const skipped: string[] = [];
  for (const id of selection) {
    // A load balancer or cache is part of its service: copying it copies the service.
    if (id.startsWith('lb:') || id.startsWith('cache:')) wanted.add(`service:${serviceKey(id)}`);
    else if (id === 'traffic' || id === 'training') skipped.push(id);
    else wanted.add(id);
  }
  const clip: Clip = {
    services: serviceIds.flatMap((id, i) => (wanted.has(id) ? [{ item: asObject(services[i]), position: position(doc, id) }] : [])),
    pools: poolIds.flatMap((id, j) => (wanted.has(id) ? [{ item: asObject(pools[j]), position: position(doc, id) }] : [])),
    skipped,
  };
  return clip.services.length + clip.pools.length === 0 ? null : clip;
}

const shifted = (p: { x: number; y: number } | null, by: number) => (p === null ? null : { x: p.x + by, y: p.y + by });

/** `doc` with the clip's components added under fresh names; `ids` are the new nodes (to select). */
export function pasteClip(doc: PlainObject, clip: Clip, offset = PASTE_OFFSET): { doc: PlainObject; ids: string[] } {
  let out = doc;
  const ids: string[] = [];
  const poolRename = new Map<string, string>();
  for (const { item, position: at } of clip.pools) {
    const pools = asArray(asObject(out.spec).nodePools);
    const base = typeof item.name === 'string' ? item.name : 'pool';
    const name = freshName(base, pools);
    poolRename.set(base, name);
    out = setIn(out, ['spec', 'nodePools', pools.length], { ...item, name });
    const id = `pool:${name}`;
    ids.push(id);
    const p = shifted(at, offset);
    if (p !== null) out = setIn(out, ['spec', 'canvas', 'nodes', id], p);
  }
  for (const { item, position: at } of clip.services) {
    const services = asArray(asObject(out.spec).services);
    const name = freshName(typeof item.name === 'string' ? item.name : 'service', services);
    const pool = typeof item.nodePool === 'string' ? (poolRename.get(item.nodePool) ?? item.nodePool) : item.nodePool;
    out = setIn(out, ['spec', 'services', services.length], { ...item, name, ...(pool === undefined ? {} : { nodePool: pool }) });
    const id = `service:${name}`;
    ids.push(id);
    const p = shifted(at, offset);
    if (p !== null) out = setIn(out, ['spec', 'canvas', 'nodes', id], p);
  }
  return { doc: out, ids };
}
