/**
 * What kinds kept as named entries of a list (`spec.services`, `spec.nodePools`) share: pasting a
 * copy under a fresh name, and renaming the canvas id derived from a name (`pool:gpu`), which
 * `spec.canvas.nodes` keys positions by.
 */
import type { PathSegment } from '@design-sim/sim-core';
import { asArray, getIn, isObject, setIn, type PlainObject } from '../model/doc-path.ts';
import { freshName } from '../model/fresh-name.ts';
import type { KindEntryCopy, RenameFollower } from './kind-module.ts';

/**
 * Copy and paste of an entry of the list at `list`, drawn as `<prefix>:<name>`; a copy of an entry
 * with no name is named after `fallback`. `refs` points the copy's references at pasted neighbours.
 */
export function listEntryCopy(list: readonly PathSegment[], prefix: string, fallback: string, order: number, refs?: (item: PlainObject, pasted: Parameters<KindEntryCopy['paste']>[2]) => PlainObject): KindEntryCopy {
  return {
    as: 'entry',
    order,
    paste: (doc, item, pasted) => {
      const items = asArray(getIn(doc, list));
      const name = freshName(typeof item.name === 'string' ? item.name : fallback, items);
      const copy = { ...(refs === undefined ? item : refs(item, pasted)), name };
      return { doc: setIn(doc, [...list, items.length], copy), id: `${prefix}:${name}`, name };
    },
  };
}

function renameKey(obj: PlainObject, from: string, to: string): PlainObject {
  if (!(from in obj) || from === to) return obj;
  // Rebuild to keep the key's place in the order.
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k === from ? to : k, v]));
}

/** Renames the stored position of the node `<prefix>:<name>` with its name. */
export function renameCanvasId(prefix: string): RenameFollower {
  return (doc, from, to) => {
    const nodes = getIn(doc, ['spec', 'canvas', 'nodes']);
    if (!isObject(nodes)) return doc;
    const out = renameKey(nodes, `${prefix}:${from}`, `${prefix}:${to}`);
    return out === nodes ? doc : setIn(doc, ['spec', 'canvas', 'nodes'], out);
  };
}

/** Sets `field` of every entry of the list at `list` that names `from` to `to` (a service's `nodePool`). */
export function renameField(list: readonly PathSegment[], field: string): RenameFollower {
  return (doc, from, to) => {
    let out = doc;
    asArray(getIn(doc, list)).forEach((x, i) => {
      if (isObject(x) && x[field] === from) out = setIn(out, [...list, i, field], to);
    });
    return out;
  };
}
