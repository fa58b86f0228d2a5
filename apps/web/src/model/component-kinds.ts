/**
 * The palette: one entry per component kind with its label, a one-line description and how
 * adding it changes the document. Adding a kind touches this table (STYLE.md §5), not the canvas.
 */
import { DEFAULT_CACHE, CACHE_IN_SCHEMA } from './cache-mapping.ts';
import { asArray, asObject, getIn, isObject, setIn, type PlainObject } from './doc-path.ts';
import type { ComponentKind } from './design-graph.ts';
import { detachedId, freshKey, listIds, TRAFFIC_ID, TRAINING_ID } from './node-ids.ts';

/** Default instance for a new node pool: the one the reference examples use (aws g5.2xlarge, one A10G). */
export const DEFAULT_INSTANCE = 'aws/us-east-1/g5.2xlarge';

/** What the palette shows for a kind. */
export interface ComponentKindInfo {
  kind: ComponentKind;
  label: string;
  /** A short glyph for the node header (text, never HTML). */
  glyph: string;
  description: string;
  /** At most one per scenario. */
  single: boolean;
  /** True when the kind is kept in the file but not simulated yet. */
  notSimulated?: boolean;
}

/** The palette, in request-path order. */
export const COMPONENT_KINDS: readonly ComponentKindInfo[] = [
  { kind: 'traffic', label: 'Traffic source', glyph: '⇢', description: 'Request rate over time (constant, ramp, spike, diurnal, points)', single: true },
  { kind: 'loadBalancer', label: 'Load balancer', glyph: '⚖', description: 'Routing policy of the service it feeds', single: false },
  { kind: 'cache', label: 'Cache', glyph: '◎', description: 'Answers a share of requests at its own latency', single: false, ...(CACHE_IN_SCHEMA ? {} : { notSimulated: true }) },
  { kind: 'service', label: 'Model service', glyph: '▣', description: 'Replicas, latency, batching, queue, HPA', single: false },
  { kind: 'nodePool', label: 'Node pool', glyph: '▦', description: 'GPU instances, spot share, cluster autoscaler', single: false },
  { kind: 'training', label: 'Training job', glyph: '∑', description: 'Pre-training run: days and cost vs budget', single: true },
];

/** The palette entry of a kind. */
export function kindInfo(kind: ComponentKind): ComponentKindInfo {
  return COMPONENT_KINDS.find((k) => k.kind === kind)!;
}

/** A name not used by any item of `list`: `base`, `base-2`, … */
export function freshName(base: string, list: readonly unknown[]): string {
  const taken = new Set(list.map((x) => asObject(x).name));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

type Added = { doc: PlainObject; id: string };
type Adder = (doc: PlainObject) => Added;

const spec = (doc: PlainObject) => asObject(doc.spec);

const ADDERS: Readonly<Record<ComponentKind, Adder>> = {
  traffic: (doc) => {
    let out = setIn(doc, ['spec', 'traffic'], { profile: { type: 'constant', qps: 100 } });
    if (spec(doc).duration === undefined) out = setIn(out, ['spec', 'duration'], '1h');
    return { doc: out, id: TRAFFIC_ID };
  },
  service: (doc) => {
    const services = asArray(spec(doc).services);
    const pools = asArray(spec(doc).nodePools);
    // Healthy with the default traffic (100 req/s): 7 replicas × 20 req/s (50 ms each) = 140 req/s, 71% busy.
    const svc: PlainObject = { name: freshName('model', services), replicas: 7, latency: { distribution: 'constant', ms: 50 } };
    const firstPool = asObject(pools[0]).name;
    if (typeof firstPool === 'string') svc.nodePool = firstPool;
    let out = setIn(doc, ['spec', 'services'], [...services, svc]);
    if (spec(doc).duration === undefined) out = setIn(out, ['spec', 'duration'], '1h');
    return { doc: out, id: listIds('service', [...services, svc]).at(-1)! };
  },
  nodePool: (doc) => {
    const pools = asArray(spec(doc).nodePools);
    // Room for the default service's 7 one-GPU replicas from the start (one per single-GPU node), and headroom to 10.
    const pool: PlainObject = { name: freshName('gpu', pools), instance: DEFAULT_INSTANCE, minNodes: 7, maxNodes: 10 };
    let out = setIn(doc, ['spec', 'nodePools'], [...pools, pool]);
    // The schema requires a pool on every service once pools exist: the first pool takes the services that had none.
    if (pools.length === 0) {
      asArray(spec(doc).services).forEach((s, i) => {
        if (asObject(s).nodePool === undefined) out = setIn(out, ['spec', 'services', i, 'nodePool'], pool.name);
      });
    }
    return { doc: out, id: listIds('pool', [...pools, pool]).at(-1)! };
  },
  training: (doc) => ({
    // A 7B model on 2T tokens on 8 p5.48xlarge (64 H100) at 40% MFU: a starting point to edit, priced from the catalog.
    doc: setIn(doc, ['spec', 'training'], { parameters: '7B', tokens: '2T', instance: 'aws/us-east-1/p5.48xlarge', nodes: 8, mfu: 0.4 }),
    id: TRAINING_ID,
  }),
  loadBalancer: (doc) => addDetached(doc, 'loadBalancer', 'lb', { routing: 'least-outstanding' }),
  cache: (doc) => addDetached(doc, 'cache', 'cache', DEFAULT_CACHE),
};

function addDetached(doc: PlainObject, kind: ComponentKind, prefix: string, fields: PlainObject): Added {
  const existing = asObject(getIn(doc, ['spec', 'canvas', 'detached']));
  const key = freshKey(prefix, Object.keys(existing));
  return { doc: setIn(doc, ['spec', 'canvas', 'detached', key], { kind, ...fields }), id: detachedId(key) };
}

/** True when the document already has the one component of a single kind. */
export function kindPresent(doc: PlainObject, kind: ComponentKind): boolean {
  if (kind === 'traffic') return isObject(spec(doc).traffic);
  if (kind === 'training') return isObject(spec(doc).training);
  return false;
}

/**
 * Adds a component of `kind`, pinned at `position` (a drop), or placed by the automatic layout
 * in its column when `position` is undefined (the keyboard path). A single kind already present
 * is left alone (null).
 */
export function addComponent(doc: PlainObject, kind: ComponentKind, position?: { x: number; y: number }): Added | null {
  if (kindInfo(kind).single && kindPresent(doc, kind)) return null;
  const added = ADDERS[kind](doc);
  if (position === undefined) return added;
  return { doc: setIn(added.doc, ['spec', 'canvas', 'nodes', added.id], { x: Math.round(position.x), y: Math.round(position.y) }), id: added.id };
}
