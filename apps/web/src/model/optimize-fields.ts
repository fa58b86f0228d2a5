/**
 * What the Optimize panel can vary: the fields of the design that size it (a service's replicas,
 * concurrency and HPA bounds and target, a pool's instance type, node bounds and spot share), each with
 * its path, its current value and a default range. The same paths `design-sim optimize --vary` takes;
 * sim-core's buildSearchSpace decides which are searched by bisection.
 */
import { formatPath, type PathSegment } from '@design-sim/sim-core';
import { asArray, asObject, type PlainObject } from './doc-path.ts';

/** How a field's values are entered: whole numbers, fractions (0–1), any number, or catalog instances. */
export type OptimizeFieldKind = 'integer' | 'fraction' | 'number' | 'instance';

/** One field the panel offers. */
export interface OptimizeField {
  /** The full path as text (`spec.services[0].replicas`): the row's id and `best.values` key. */
  id: string;
  path: PathSegment[];
  /** Component and field: `model · replicas`. */
  label: string;
  /** The canvas node it belongs to (`service:model`, `pool:gpu`), to list the selected node's first. */
  nodeId: string;
  kind: OptimizeFieldKind;
  /** The value in the design, or the schema default when the field is omitted. */
  current: unknown;
}

const field = (path: PathSegment[], component: string, name: string, nodeId: string, kind: OptimizeFieldKind, current: unknown): OptimizeField => ({
  id: formatPath(path),
  path,
  label: `${component} · ${name}`,
  nodeId,
  kind,
  current,
});

/** The fields of `doc` that the panel can vary, services first, in document order. */
export function optimizeFields(doc: PlainObject): OptimizeField[] {
  const spec = asObject(doc.spec);
  const out: OptimizeField[] = [];
  asArray(spec.services).forEach((raw, i) => {
    const s = asObject(raw);
    const name = typeof s.name === 'string' ? s.name : `service ${i}`;
    const node = `service:${name}`;
    const at = (...rest: PathSegment[]): PathSegment[] => ['spec', 'services', i, ...rest];
    out.push(field(at('replicas'), name, 'replicas', node, 'integer', s.replicas ?? 1));
    out.push(field(at('concurrency'), name, 'concurrency', node, 'integer', s.concurrency ?? 1));
    const hpa = asObject(s.hpa);
    if (s.hpa !== undefined) {
      out.push(field(at('hpa', 'minReplicas'), name, 'hpa.minReplicas', node, 'integer', hpa.minReplicas ?? 1));
      out.push(field(at('hpa', 'maxReplicas'), name, 'hpa.maxReplicas', node, 'integer', hpa.maxReplicas));
      asArray(hpa.metrics).forEach((m, k) => {
        const target = asObject(m).target;
        // Targets written with a unit (`500m`, `60%`) are edited in the YAML; plain numbers vary here.
        if (typeof target === 'number') out.push(field(at('hpa', 'metrics', k, 'target'), name, `hpa.metrics[${k}].target (${String(asObject(m).type)})`, node, 'number', target));
      });
    }
  });
  asArray(spec.nodePools).forEach((raw, j) => {
    const p = asObject(raw);
    const name = typeof p.name === 'string' ? p.name : `pool ${j}`;
    const node = `pool:${name}`;
    const at = (...rest: PathSegment[]): PathSegment[] => ['spec', 'nodePools', j, ...rest];
    out.push(field(at('instance'), name, 'instance', node, 'instance', p.instance));
    out.push(field(at('minNodes'), name, 'minNodes', node, 'integer', p.minNodes ?? 0));
    out.push(field(at('maxNodes'), name, 'maxNodes', node, 'integer', p.maxNodes));
    if (typeof p.spotShare === 'number' || p.spotShare === undefined) out.push(field(at('spotShare'), name, 'spotShare', node, 'fraction', p.spotShare ?? 0));
  });
  return out;
}

/** A starting range for a field: 1 to three times its value for counts, 0–1 by quarters for a share. */
export function defaultRange(f: OptimizeField): { from: string; to: string; step: string } {
  const c = typeof f.current === 'number' && Number.isFinite(f.current) ? f.current : 1;
  if (f.kind === 'fraction') return { from: '0', to: '1', step: '0.25' };
  if (f.kind === 'integer') return { from: '1', to: String(Math.max(4, Math.ceil(c * 3))), step: '1' };
  return { from: String(Number((c / 2).toPrecision(3))), to: String(Number((c * 2).toPrecision(3))), step: String(Number((c / 4).toPrecision(3))) };
}
