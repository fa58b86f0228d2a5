/**
 * Immutable reads and writes into the scenario document (plain YAML data) by path. Writes keep
 * key order (an existing key is replaced in place, a new one is appended) so an exported file
 * reads like the one that was imported, and `undefined` deletes a key (the schema default applies).
 */
import type { PathSegment } from '@design-sim/sim-core';

/** A JSON-like object as YAML parses it. */
export type PlainObject = Record<string, unknown>;

/** True for a plain object (not an array, not null). */
export function isObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at `value`, or an empty one: documents can hold anything, readers must not crash. */
export function asObject(value: unknown): PlainObject {
  return isObject(value) ? value : {};
}

/** The array at `value`, or an empty one. */
export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The value at `path`, or undefined where the path leaves the document. */
export function getIn(root: unknown, path: readonly PathSegment[]): unknown {
  let node = root;
  for (const seg of path) {
    if (typeof seg === 'number') node = Array.isArray(node) ? node[seg] : undefined;
    else node = isObject(node) ? node[seg] : undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

function setChild(container: unknown, seg: PathSegment, value: unknown): unknown {
  if (typeof seg === 'number') {
    const arr = Array.isArray(container) ? [...container] : [];
    if (value === undefined) arr.splice(seg, 1);
    else arr[seg] = value;
    return arr;
  }
  const obj = isObject(container) ? container : {};
  if (value === undefined) {
    if (!(seg in obj)) return obj;
    const { [seg]: _removed, ...rest } = obj;
    return rest;
  }
  return { ...obj, [seg]: value };
}

/**
 * A copy of `root` with `value` at `path`; missing containers are created (an array where the next
 * segment is a number). `undefined` removes the key or the list item. Unchanged branches are shared.
 */
export function setIn<T>(root: T, path: readonly PathSegment[], value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path as [PathSegment, ...PathSegment[]];
  const child = typeof head === 'number' ? (Array.isArray(root) ? root[head] : undefined) : isObject(root) ? root[head] : undefined;
  if (rest.length > 0 && value === undefined && child === undefined) return root;
  const next = rest.length === 0 ? value : setIn(child, rest, value);
  if (next === child && (value !== undefined || child !== undefined)) return root;
  return setChild(root, head, next) as T;
}
