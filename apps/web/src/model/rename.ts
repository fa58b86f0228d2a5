/**
 * Renaming a service or a pool renames what refers to it: `traffic.target`, calls' `to`, services'
 * `nodePool`, the cache annotation, and the canvas ids of the positions (`service:<name>`).
 */
import { renameCallee } from './call-edges.ts';
import { asArray, asObject, getIn, isObject, setIn, type PlainObject } from './doc-path.ts';

function renameKey(obj: PlainObject, from: string, to: string): PlainObject {
  if (!(from in obj) || from === to) return obj;
  // Rebuild to keep the key's place in the order.
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k === from ? to : k, v]));
}

function renamePositions(doc: PlainObject, pairs: readonly [string, string][]): PlainObject {
  const nodes = getIn(doc, ['spec', 'canvas', 'nodes']);
  if (!isObject(nodes)) return doc;
  let out = nodes;
  for (const [from, to] of pairs) out = renameKey(out, from, to);
  return out === nodes ? doc : setIn(doc, ['spec', 'canvas', 'nodes'], out);
}

/** Applies the references of a service renamed from `from` to `to` (the name field itself is already set). */
export function renameService(doc: PlainObject, from: string, to: string): PlainObject {
  let out = doc;
  if (getIn(out, ['spec', 'traffic', 'target']) === from) out = setIn(out, ['spec', 'traffic', 'target'], to);
  asArray(getIn(out, ['spec', 'traffic'])).forEach((t, i) => {
    if (asObject(t).target === from) out = setIn(out, ['spec', 'traffic', i, 'target'], to);
  });
  asArray(getIn(out, ['spec', 'services'])).forEach((s, i) => {
    const calls = asObject(s).calls;
    const renamed = renameCallee(calls, from, to);
    if (renamed !== calls) out = setIn(out, ['spec', 'services', i, 'calls'], renamed);
  });
  return renamePositions(out, [
    [`service:${from}`, `service:${to}`],
    [`lb:${from}`, `lb:${to}`],
    [`cache:${from}`, `cache:${to}`],
  ]);
}

/** Applies the references of a pool renamed from `from` to `to`. */
export function renamePool(doc: PlainObject, from: string, to: string): PlainObject {
  let out = doc;
  asArray(getIn(out, ['spec', 'services'])).forEach((s, i) => {
    if (asObject(s).nodePool === from) out = setIn(out, ['spec', 'services', i, 'nodePool'], to);
  });
  return renamePositions(out, [[`pool:${from}`, `pool:${to}`]]);
}
