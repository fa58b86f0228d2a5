/** Components kept only on the canvas until connected: `spec.canvas.detached[key]` holds their kind and fields. */
import { getIn, setIn, type PlainObject } from '../model/doc-path.ts';
import type { ComponentKind } from '../model/design-graph.ts';
import { detachedId, freshKey } from '../model/node-ids.ts';
import type { Added } from './kind-module.ts';

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
