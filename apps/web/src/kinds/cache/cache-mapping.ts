/**
 * Where a cache node lives in the document: `spec.services[i].cache` (hit ratio and latency), the block
 * the engine simulates in front of that service's replicas.
 */
import type { PathSegment } from '@design-sim/sim-core';
import { getIn, isObject, setIn, type PlainObject } from '../../model/doc-path.ts';

/** Fields of a new cache: half the requests answered in 2 ms. */
export const DEFAULT_CACHE: PlainObject = { hitRatio: 0.5, latency: '2ms' };

/** Document path of the cache of `services[index]`. */
export function cachePath(index: number): PathSegment[] {
  return ['spec', 'services', index, 'cache'];
}

/** The cache fields of `services[index]`, or null when it has none. */
export function readCache(doc: PlainObject, index: number): PlainObject | null {
  const v = getIn(doc, cachePath(index));
  return isObject(v) ? v : null;
}

/** Rewrites every cache: `byService` maps a service index to its cache fields (absent = no cache). */
export function writeCaches(doc: PlainObject, services: readonly PlainObject[], byService: ReadonlyMap<number, PlainObject>): PlainObject {
  let out = doc;
  services.forEach((_s, i) => {
    out = setIn(out, cachePath(i), byService.get(i));
  });
  return out;
}
