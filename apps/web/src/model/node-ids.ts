/**
 * Canvas node ids, named after the document so `spec.canvas.nodes` reads well in a file
 * (`service:model`, `pool:gpu`, `lb:model`). Ids stay unique even in a broken document
 * (two services with one name): the later one gets `#index`.
 */

/** Id of the traffic source node (a scenario has at most one). */
export const TRAFFIC_ID = 'traffic';
/** Id of the training-job node (a scenario has at most one). */
export const TRAINING_ID = 'training';

/** Allocates ids for one list (services, pools or jobs) in document order. */
export function listIds(prefix: 'service' | 'pool' | 'job', items: readonly unknown[]): string[] {
  const seen = new Set<string>();
  return items.map((item, i) => {
    const name = typeof item === 'object' && item !== null ? (item as { name?: unknown }).name : undefined;
    const base = typeof name === 'string' && name !== '' ? `${prefix}:${name}` : `${prefix}#${i}`;
    const id = seen.has(base) ? `${base}#${i}` : base;
    seen.add(id);
    return id;
  });
}

/** The id part after `service:`; load balancers and caches of a service reuse it. */
export function serviceKey(serviceId: string): string {
  return serviceId.slice(serviceId.indexOf(':') + 1);
}

/** Id of the load balancer attached to a service node. */
export function loadBalancerId(serviceId: string): string {
  return `lb:${serviceKey(serviceId)}`;
}

/** Id of the cache attached to a service node. */
export function cacheId(serviceId: string): string {
  return `cache:${serviceKey(serviceId)}`;
}

/** Id of a canvas-only component stored under `spec.canvas.detached[key]`. */
export function detachedId(key: string): string {
  return `detached:${key}`;
}

/** A key not yet used in `taken`: `lb-1`, `lb-2`, … */
export function freshKey(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${prefix}-${n}`)) return `${prefix}-${n}`;
}
