/**
 * Copy, paste and duplicate on the canvas, as pure functions over the document. How a component is
 * copied is its kind's (`copy` in kinds/<kind>/): as its own document entry (a service, a node
 * pool), as part of the component it is attached to (a balancer or cache lives inside its service),
 * or not at all (the training job is one per scenario). Notes are copied
 * too. A clip keeps the entries as written and their canvas positions (stored, or where the
 * automatic layout put them). Pasting gives each a fresh name (`model-2`), lets a copy point at
 * the copies pasted with it (a service at the pasted copy of its pool, else at the same pool), and
 * places the copies 40 px down and right.
 */
import { kindModule } from '../kinds/index.ts';
import type { KindEntryCopy } from '../kinds/kind-module.ts';
import { isNoteId, noteNodes, pasteNote } from './canvas-notes.ts';
import type { ComponentKind } from './design-graph.ts';
import { asObject, getIn, setIn, type PlainObject } from './doc-path.ts';
import { scenarioToGraph } from './scenario-to-graph.ts';

type Point = { x: number; y: number };

/** What Copy keeps. */
export interface Clip {
  /** Components, each its kind's document entry, in document order. */
  entries: { kind: ComponentKind; item: PlainObject; position: Point | null }[];
  /** Notes, each its `{ kind, text }`. */
  notes: { note: PlainObject; position: Point | null }[];
  /** Selected components that are not copied, with why (for the message). */
  skipped: { id: string; why: string }[];
}

/** How far a paste lands from the original, px. */
export const PASTE_OFFSET = 40;

/** The clip of `selection` (node ids), or null when nothing copyable is selected. */
export function copySelection(doc: PlainObject, selection: readonly string[]): Clip | null {
  const graph = scenarioToGraph(doc);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const wanted = new Set<string>();
  const skipped: Clip['skipped'] = [];
  for (const id of selection) {
    const node = byId.get(id);
    if (node === undefined) continue;
    const m = kindModule(node.data.kind);
    if (m.copy === undefined) skipped.push({ id, why: m.single ? 'one per scenario' : 'not copyable' });
    else if (m.copy.as === 'entry') wanted.add(id);
    // Part of the component it is attached to: that one is copied (a detached one has nothing to copy with).
    else if (node.data.attachedTo !== null) wanted.add(node.data.attachedTo);
    else skipped.push({ id, why: 'not connected' });
  }
  // A node's position is its stored one, else where the automatic layout drew it.
  const entries = graph.nodes.filter((n) => wanted.has(n.id)).map((n) => ({ kind: n.data.kind, item: n.data.fragment, position: n.position }));
  const chosen = new Set(selection.filter(isNoteId));
  const notes = noteNodes(doc)
    .filter((n) => chosen.has(n.id))
    .map((n) => ({ note: asObject(getIn(doc, ['spec', 'canvas', 'notes', n.data.key])), position: n.position }));
  return entries.length + notes.length === 0 ? null : { entries, notes, skipped };
}

const shifted = (p: Point | null, by: number) => (p === null ? null : { x: p.x + by, y: p.y + by });

function entryCopy(kind: ComponentKind): KindEntryCopy | null {
  const copy = kindModule(kind).copy;
  return copy?.as === 'entry' ? copy : null;
}

/** The names given to the copies pasted so far, by kind: old name → new name. */
type Pasted = Map<ComponentKind, Map<unknown, string>>;

/** `doc` with the clip's components and notes added under fresh names; `ids` are the new nodes (to select). */
export function pasteClip(doc: PlainObject, clip: Clip, offset = PASTE_OFFSET): { doc: PlainObject; ids: string[] } {
  let out = doc;
  const ids: string[] = [];
  const pasted: Pasted = new Map();
  const nameOf = (kind: ComponentKind, name: unknown) => pasted.get(kind)?.get(name);
  // Kinds others name go first (a pool before the services that run on it); document order within a kind.
  const order = (kind: ComponentKind) => entryCopy(kind)?.order ?? 0;
  const entries = clip.entries.map((e, k) => ({ e, k })).sort((a, b) => order(a.e.kind) - order(b.e.kind) || a.k - b.k);
  for (const { e } of entries) {
    const copy = entryCopy(e.kind);
    // A clip from a kind since unregistered (a test's) is skipped.
    if (copy === null) continue;
    const r = copy.paste(out, e.item, nameOf);
    out = r.doc;
    (pasted.get(e.kind) ?? pasted.set(e.kind, new Map()).get(e.kind)!).set(e.item.name, r.name);
    ids.push(r.id);
    const p = shifted(e.position, offset);
    if (p !== null) out = setIn(out, ['spec', 'canvas', 'nodes', r.id], p);
  }
  for (const n of clip.notes) {
    const r = pasteNote(out, n.note, shifted(n.position, offset));
    out = r.doc;
    ids.push(r.id);
  }
  return { doc: out, ids };
}
