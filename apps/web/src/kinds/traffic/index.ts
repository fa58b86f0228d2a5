/**
 * The traffic source: `spec.traffic` (or the first of a list of sources; the others are kept as
 * written). Its edge goes to the front of its target service (`traffic.target`, else the first
 * service, an implicit edge that cannot be deleted).
 */
import { asArray, asObject, getIn, isObject, setIn, type PlainObject } from '../../model/doc-path.ts';
import { TRAFFIC_ID } from '../../model/node-ids.ts';
import { formatCount } from '../../results/format.ts';
import type { ComponentKindModule } from '../kind-module.ts';
import { cur, seriesPoint } from '../status-lines.ts';
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

export const trafficKind: ComponentKindModule = {
  kind: 'traffic',
  label: 'Traffic source',
  glyph: '⇢',
  description: 'Request rate over time (constant, ramp, spike, diurnal, points)',
  phrase: 'a traffic source',
  accent: '#1d4ed8',
  single: true,
  column: { order: 0 },
  feeds: ['service', 'loadBalancer', 'cache'],
  yamlBox: true,
  add: (doc) => {
    let out = setIn(doc, ['spec', 'traffic'], { profile: { type: 'constant', qps: 100 } });
    if (asObject(doc.spec).duration === undefined) out = setIn(out, ['spec', 'duration'], '1h');
    return { doc: out, id: TRAFFIC_ID };
  },
  present: (doc) => isObject(asObject(doc.spec).traffic),
  issueScope: (node) => node.data.docPath,
  sections: TRAFFIC_SECTIONS,
  summary: trafficSummary,
  status: (result, index) => {
    const { ts, at, atSeconds, atEnd } = seriesPoint(result, index);
    return ts === null ? null : { lines: [cur('offered', `${formatCount(at(ts.offeredQps))} req/s`)], atSeconds, atEnd, failing: [] };
  },
  graph: {
    stage: 2,
    read: (r) => {
      // Several traffic sources: the canvas shows the first; the others are kept as written (write below).
      const first: unknown = Array.isArray(r.spec.traffic) ? r.spec.traffic[0] : r.spec.traffic;
      if (!isObject(first)) return;
      const traffic = first;
      const explicit = typeof traffic.target === 'string' ? r.services.findIndex((x) => asObject(x).name === traffic.target) : -1;
      const targetIndex = traffic.target === undefined ? (r.services.length > 0 ? 0 : -1) : explicit;
      r.addNode({ id: TRAFFIC_ID, kind: 'traffic', docPath: Array.isArray(r.spec.traffic) ? ['spec', 'traffic', 0] : ['spec', 'traffic'], fragment: traffic, order: 0, row: Math.max(targetIndex, 0) });
      if (targetIndex >= 0) r.addEdge(TRAFFIC_ID, r.front.get(r.serviceIds[targetIndex]!)!, traffic.target === undefined);
    },
    write: (doc, w) => {
      const baseSpec = asObject(w.base.spec);
      const traffic = w.nodesOf('traffic')[0];
      const serviceNodes = w.nodesOf('service');
      const services = asArray(getIn(doc, ['spec', 'services'])).map(asObject);
      // A list of sources: the canvas edits the first; the others stay as written.
      const otherSources: unknown[] = Array.isArray(baseSpec.traffic) ? baseSpec.traffic.slice(1) : [];
      if (traffic === undefined) return setIn(doc, ['spec', 'traffic'], otherSources.length > 0 ? otherSources : undefined);
      const reached = w.wiring.serviceOf(w.wiring.next.get(traffic.id));
      const targetIndex = reached === undefined ? -1 : serviceNodes.indexOf(reached);
      const written = traffic.data.fragment.target;
      const dangling = written !== undefined && !services.some((x) => x.name === written);
      const target = targetIndex < 0 ? (dangling ? written : undefined) : services[targetIndex]!.name;
      // Traffic to the first service with no `target` in the fragment is the schema default: keep it unwritten.
      const keepDefault = targetIndex === 0 && written === undefined;
      const first = setIn({ ...traffic.data.fragment }, ['target'], keepDefault ? undefined : target);
      return setIn(doc, ['spec', 'traffic'], Array.isArray(baseSpec.traffic) ? [first, ...otherSources] : first);
    },
    canvasId: () => TRAFFIC_ID,
  },
  // One per scenario: not copied. Its `target` (each source's, in a list) names a service.
  follows: { service: renameTargets },
};
