/**
 * Renaming a component renames what refers to it. Which field is a component's name, and what each
 * kind holds that names another (a service's `nodePool`, the traffic's `target`, calls' `to`, the
 * canvas ids of positions such as `cache:<service>`), is each kind's own (`naming`, `follows` in
 * kinds/<kind>/): this file only finds the kind renamed and asks every kind to follow.
 */
import type { PathSegment } from '@design-sim/sim-core';
import type { ComponentKind } from './design-graph.ts';
import type { PlainObject } from './doc-path.ts';
import { kindModules } from '../kinds/index.ts';

/** The kind whose component a `setField` at `path` renames (`[...list, i, 'name']`), or null. */
export function renamedKind(path: readonly PathSegment[]): ComponentKind | null {
  for (const m of kindModules()) {
    const list = m.naming?.list;
    if (list === undefined || path.length !== list.length + 2 || path.at(-1) !== 'name' || typeof path[list.length] !== 'number') continue;
    if (list.every((seg, k) => path[k] === seg)) return m.kind;
  }
  return null;
}

/** Applies to `doc` the references to a component of `kind` renamed from `from` to `to` (its name field is already set). */
export function renameComponent(doc: PlainObject, kind: ComponentKind, from: string, to: string): PlainObject {
  if (from === to) return doc;
  let out = doc;
  for (const m of kindModules()) {
    const follow = m.follows?.[kind];
    if (follow !== undefined) out = follow(out, from, to);
  }
  return out;
}
