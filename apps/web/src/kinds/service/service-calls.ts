/**
 * Services call services (`spec.services[i].calls`): the service kind's part in call edges
 * (model/call-edges.ts has the format of a `calls` list). Drawn once every service's front node
 * (its cache, else its balancer, else itself) is known; a rename of a service renames the calls to it.
 */
import { callEdges, renameCallee } from '../../model/call-edges.ts';
import { asArray, asObject, getIn, setIn, type PlainObject } from '../../model/doc-path.ts';
import type { GraphReader } from '../kind-module.ts';

/** Adds an edge for each call between the services of the document. */
export function readServiceCalls(r: GraphReader): void {
  const callers = r.services.map((raw, i) => ({ id: r.serviceIds[i]!, name: asObject(raw).name, calls: asObject(raw).calls }));
  for (const e of callEdges(callers, r.front)) r.addDataEdge(e);
}

/** Renames the callee `from` to `to` in every service's calls. */
export function renameCallers(doc: PlainObject, from: string, to: string): PlainObject {
  let out = doc;
  asArray(getIn(out, ['spec', 'services'])).forEach((s, i) => {
    const calls = asObject(s).calls;
    const renamed = renameCallee(calls, from, to);
    if (renamed !== calls) out = setIn(out, ['spec', 'services', i, 'calls'], renamed);
  });
  return out;
}
