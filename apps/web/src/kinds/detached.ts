/** Components kept only on the canvas until connected: `spec.canvas.detached[key]` holds their kind and fields. */
import { getIn, setIn, type PlainObject } from '../model/doc-path.ts';
import type { ComponentKind, DesignNode } from '../model/design-graph.ts';
import { detachedId, freshKey } from '../model/node-ids.ts';
import type { Added, DocWriter } from './kind-module.ts';

/** Adds a detached component of `kind` with `fields` under a fresh `<prefix>-N` key. */
export function addDetached(doc: PlainObject, kind: ComponentKind, prefix: string, fields: PlainObject): Added {
  const existing = getIn(doc, ['spec', 'canvas', 'detached']);
  const key = freshKey(prefix, Object.keys(typeof existing === 'object' && existing !== null ? existing : {}));
  return { doc: setIn(doc, ['spec', 'canvas', 'detached', key], { kind, ...fields }), id: detachedId(key) };
}

/** The fields of a detached entry without its `kind` tag. */
export function stripKind(fields: PlainObject): PlainObject {
  const { kind: _kind, ...rest } = fields;
  return rest;
}

/**
 * Service node id → the node of `kind` wired in front of it: directly, or through a load balancer (a
 * cache may sit in front of a service's balancer). A service has at most one of each.
 */
export function attachedTo(w: DocWriter, kind: ComponentKind): Map<string, DesignNode> {
  const out = new Map<string, DesignNode>();
  for (const n of w.graph.nodes) {
    if (n.data.kind !== kind) continue;
    const target = w.wiring.next.get(n.id);
    const svc = target?.data.kind === 'loadBalancer' && kind !== 'loadBalancer' ? w.wiring.next.get(target.id) : target;
    if (svc?.data.kind === 'service') out.set(svc.id, n);
  }
  return out;
}
