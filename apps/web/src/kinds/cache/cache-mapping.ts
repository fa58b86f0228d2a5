/**
 * Where a cache node lives in the document. The lead is adding `services[].cache: { hitRatio,
 * latency }` to the schema and engine; until sim-core accepts it, a cache is kept under
 * `metadata.annotations["design-sim/cache"][<service name>]` (free-form, ignored by the CLI) and
 * the canvas marks it "not simulated yet". The switch is detected at load time from the schema
 * itself, so no code changes here when the field lands.
 */
import { serviceSchema, type PathSegment } from '@design-sim/sim-core';
import { asObject, getIn, isObject, setIn, type PlainObject } from '../../model/doc-path.ts';

/** Annotation key that holds caches while the schema has no `services[].cache`. */
export const CACHE_ANNOTATION = 'design-sim/cache';

/** True when sim-core's service schema accepts a `cache` block (then the engine simulates it). */
export const CACHE_IN_SCHEMA: boolean = serviceSchema.safeParse({
  name: 'probe',
  latency: { distribution: 'constant', ms: 1 },
  cache: { hitRatio: 0.5, latency: 1 },
}).success;

/** Fields of a new cache: half the requests answered in 2 ms. */
export const DEFAULT_CACHE: PlainObject = { hitRatio: 0.5, latency: '2ms' };

/** Document path of the cache of `services[index]` (named `name`). */
export function cachePath(index: number, name: string): PathSegment[] {
  return CACHE_IN_SCHEMA ? ['spec', 'services', index, 'cache'] : ['metadata', 'annotations', CACHE_ANNOTATION, name];
}

/** The cache fields of `services[index]`, or null when it has none. */
export function readCache(doc: PlainObject, index: number, name: string): PlainObject | null {
  const v = getIn(doc, cachePath(index, name));
  return isObject(v) ? v : null;
}

/** Rewrites every cache: `byService` maps a service index to its cache fields (absent = no cache). */
export function writeCaches(doc: PlainObject, services: readonly PlainObject[], byService: ReadonlyMap<number, PlainObject>): PlainObject {
  if (CACHE_IN_SCHEMA) {
    let out = doc;
    services.forEach((_s, i) => {
      out = setIn(out, ['spec', 'services', i, 'cache'], byService.get(i));
    });
    return out;
  }
  const annotations = asObject(getIn(doc, ['metadata', 'annotations']));
  const entries: PlainObject = {};
  services.forEach((s, i) => {
    const fields = byService.get(i);
    if (fields !== undefined) entries[typeof s.name === 'string' ? s.name : `#${i}`] = fields;
  });
  const hadAnnotations = isObject(getIn(doc, ['metadata', 'annotations']));
  let out = setIn(doc, ['metadata', 'annotations', CACHE_ANNOTATION], Object.keys(entries).length > 0 ? entries : undefined);
  // Do not leave an empty `annotations: {}` behind that the source file never had.
  const after = asObject(getIn(out, ['metadata', 'annotations']));
  if (Object.keys(after).length === 0 && (!hadAnnotations || Object.keys(annotations).length === 1)) out = setIn(out, ['metadata', 'annotations'], undefined);
  return out;
}
