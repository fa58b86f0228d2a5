/**
 * The traffic sources: `spec.traffic`, one source or a list, one node each (`traffic`, then `traffic:2`…). A
 * source's edge goes to the front of its target service (`target`, else the first service: an implicit edge that
 * cannot be deleted). The palette adds a source to a design without one, and a further one (an entry point of its own,
 * a batch job) makes `spec.traffic` a list; copy and paste duplicate a source. A list is written as a list, and an
 * entry that is not a source at all (a typo the inspector reports) is kept as written.
 */
import { asArray, asObject, getIn, isObject, setIn, type PlainObject } from '../../model/doc-path.ts';
import type { DesignNode } from '../../model/design-graph.ts';
import { callsOf } from '../../model/call-edges.ts';
import { TRAFFIC_ID } from '../../model/node-ids.ts';
import { formatCount } from '../../results/format.ts';
import type { Added, ComponentKindModule, DocWriter } from '../kind-module.ts';
import { cur, headline, seriesPoint } from '../status-lines.ts';
import { TRAFFIC_SECTIONS } from './traffic-sections.ts';
import { trafficSummary } from './traffic-summary.ts';

/** Renames the service each traffic source sends to (`traffic.target`, or each source's in a list). */
function renameTargets(doc: PlainObject, from: string, to: string): PlainObject {
  let out = doc;
  if (getIn(out, ['spec', 'traffic', 'target']) === from) out = setIn(out, ['spec', 'traffic', 'target'], to);
  asArray(getIn(out, ['spec', 'traffic'])).forEach((t, i) => {
    if (asObject(t).target === from) out = setIn(out, ['spec', 'traffic', i, 'target'], to);
  });
  return out;
}

/** The canvas id of source `i` of a list (0: the only or the first source). */
function trafficId(i: number): string {
  return i === 0 ? TRAFFIC_ID : `${TRAFFIC_ID}:${i + 1}`;
}

/**
 * What `spec.traffic` becomes, in order: each source node (`order` = its index in the document it was read from,
 * past the end for one added on the canvas), and each entry of a list that had no node because it is not a source
 * (kept as written). A source whose node was deleted is left out.
 */
function writtenSources(w: DocWriter): { node: DesignNode | null; raw: unknown }[] {
  const base = asObject(w.base.spec).traffic;
  const nodes = [...w.nodesOf('traffic')].sort((a, b) => a.data.order - b.data.order);
  if (!Array.isArray(base)) return nodes.slice(0, 1).map((node) => ({ node, raw: null }));
  const byOrder = new Map(nodes.map((n) => [n.data.order, n]));
  const out: { node: DesignNode | null; raw: unknown }[] = [];
  base.forEach((raw, i) => {
    const node = byOrder.get(i);
    if (node !== undefined) out.push({ node, raw });
    else if (!isObject(raw)) out.push({ node: null, raw });
  });
  for (const node of nodes) if (node.data.order >= base.length) out.push({ node, raw: null });
  return out;
}

/** A new source's defaults: a steady 100 req/s. */
const NEW_SOURCE: PlainObject = { profile: { type: 'constant', qps: 100 } };

/**
 * A service a new source should send to: the first entry point nothing reaches yet (no source sends to it and no
 * service calls it: the dashboards' API beside the SDK's), else none (the first service, the schema's default).
 */
function unreachedEntry(doc: PlainObject, sources: readonly unknown[]): string | undefined {
  const services = asArray(getIn(doc, ['spec', 'services'])).map(asObject);
  const first = services[0]?.name;
  const reached = new Set(sources.filter(isObject).map((t) => (typeof t.target === 'string' ? t.target : first)));
  const called = new Set(services.flatMap((s) => callsOf(s.calls).map((c) => c.call.to)));
  const name = services.map((s) => s.name).find((n) => typeof n === 'string' && !reached.has(n) && !called.has(n));
  return typeof name === 'string' ? name : undefined;
}

/** `doc` with `source` added as the last of its traffic sources (a single source becomes a list), and its node's id. */
function appendSource(doc: PlainObject, source: PlainObject): Added {
  const existing = asObject(doc.spec).traffic;
  if (existing === undefined) return { doc: setIn(doc, ['spec', 'traffic'], source), id: TRAFFIC_ID };
  const list = Array.isArray(existing) ? existing : [existing];
  return { doc: setIn(doc, ['spec', 'traffic'], [...list, source]), id: trafficId(list.length) };
}

export const trafficKind: ComponentKindModule = {
  kind: 'traffic',
  label: 'Traffic source',
  glyph: '⇢',
  description: 'Request rate over time (constant, ramp, spike, diurnal, points)',
  phrase: 'a traffic source',
  accent: '#1d4ed8',
  single: false,
  column: { order: 0, place: 'before-target' },
  feeds: ['service', 'loadBalancer', 'cache'],
  yamlBox: true,
  add: (doc) => {
    const existing = asObject(doc.spec).traffic;
    const target = existing === undefined ? undefined : unreachedEntry(doc, Array.isArray(existing) ? existing : [existing]);
    const added = appendSource(doc, target === undefined ? NEW_SOURCE : { ...NEW_SOURCE, target });
    return asObject(doc.spec).duration === undefined ? { ...added, doc: setIn(added.doc, ['spec', 'duration'], '1h') } : added;
  },
  issueScope: (node) => node.data.docPath,
  sections: TRAFFIC_SECTIONS,
  summary: trafficSummary,
  status: (result, index, ctx) => {
    const { ts, at, atSeconds, atEnd } = seriesPoint(result, index);
    // Each source's own offered rate (sim-core records it per source; the fleet's series is their sum).
    const k = typeof ctx.docPath?.[2] === 'number' ? ctx.docPath[2] : 0;
    const own = result.summary?.traffic[k]?.timeseries.offeredQps;
    return ts === null || own === undefined ? null : { lines: [headline(cur('offered', `${formatCount(at(own))} req/s`))], atSeconds, atEnd, failing: [] };
  },
  graph: {
    stage: 2,
    read: (r) => {
      const list: unknown[] = Array.isArray(r.spec.traffic) ? r.spec.traffic : [r.spec.traffic];
      list.forEach((traffic, i) => {
        if (!isObject(traffic)) return;
        const explicit = typeof traffic.target === 'string' ? r.services.findIndex((x) => asObject(x).name === traffic.target) : -1;
        const targetIndex = traffic.target === undefined ? (r.services.length > 0 ? 0 : -1) : explicit;
        const id = trafficId(i);
        r.addNode({ id, kind: 'traffic', docPath: Array.isArray(r.spec.traffic) ? ['spec', 'traffic', i] : ['spec', 'traffic'], fragment: traffic, order: i, row: Math.max(targetIndex, 0) });
        if (targetIndex >= 0) r.addEdge(id, r.front.get(r.serviceIds[targetIndex]!)!, traffic.target === undefined);
      });
    },
    write: (doc, w) => {
      const serviceNodes = w.nodesOf('service');
      const services = asArray(getIn(doc, ['spec', 'services'])).map(asObject);
      const source = (traffic: DesignNode): PlainObject => {
        const reached = w.wiring.serviceOf(w.wiring.next.get(traffic.id));
        const targetIndex = reached === undefined ? -1 : serviceNodes.indexOf(reached);
        const written = traffic.data.fragment.target;
        const dangling = written !== undefined && !services.some((x) => x.name === written);
        const target = targetIndex < 0 ? (dangling ? written : undefined) : services[targetIndex]!.name;
        // Traffic to the first service with no `target` in the fragment is the schema default: keep it unwritten.
        const keepDefault = targetIndex === 0 && written === undefined;
        return setIn({ ...traffic.data.fragment }, ['target'], keepDefault ? undefined : target);
      };
      const out = writtenSources(w).map((x) => (x.node === null ? x.raw : source(x.node)));
      if (!Array.isArray(asObject(w.base.spec).traffic)) return setIn(doc, ['spec', 'traffic'], out[0]);
      return setIn(doc, ['spec', 'traffic'], out.length > 0 ? out : undefined);
    },
    canvasId: (node, w) => trafficId(Math.max(0, writtenSources(w).findIndex((x) => x.node?.id === node.id))),
  },
  // A copy sends to the pasted copy of its target when that was copied too, else to the same service.
  copy: {
    as: 'entry',
    order: 2,
    paste: (doc, item, pasted) => {
      // A source with no `target` sends to the first service: pasted with a copy of that service, the copy sends to it.
      const sent = typeof item.target === 'string' ? item.target : asObject(asArray(getIn(doc, ['spec', 'services']))[0]).name;
      const r = appendSource(doc, setIn({ ...item }, ['target'], pasted('service', sent) ?? item.target));
      return { ...r, name: r.id };
    },
  },
  // Its `target` (each source's, in a list) names a service.
  follows: { service: renameTargets },
};
