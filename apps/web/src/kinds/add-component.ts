/** Adding a component from the palette: its kind's defaults, placed by a drop or by the automatic layout. */
import { setIn, type PlainObject } from '../model/doc-path.ts';
import { kindModule, type ComponentKind } from './index.ts';
import type { Added } from './kind-module.ts';

/** True when the document already has the one component of a single kind. */
export function kindPresent(doc: PlainObject, kind: ComponentKind): boolean {
  return kindModule(kind).present?.(doc) ?? false;
}

/**
 * Adds a component of `kind`, pinned at `position` (a drop), or placed by the automatic layout
 * in its column when `position` is undefined (the keyboard path). A single kind already present
 * is left alone (null).
 */
export function addComponent(doc: PlainObject, kind: ComponentKind, position?: { x: number; y: number }): Added | null {
  const m = kindModule(kind);
  if (m.single && kindPresent(doc, kind)) return null;
  const added = m.add(doc);
  if (position === undefined) return added;
  return { doc: setIn(added.doc, ['spec', 'canvas', 'nodes', added.id], { x: Math.round(position.x), y: Math.round(position.y) }), id: added.id };
}
