/**
 * Free-text and sticky notes, for whiteboard interviews: canvas-only, kept in `spec.canvas.notes`
 * (`{ <key>: { kind: text | sticky, text } }`) with their positions in `spec.canvas.nodes` beside the
 * components'. `spec.canvas` is free-form and ignored by the CLI and the simulation (the run text
 * drops it), so notes never change a result. Note text is shown as text, never as HTML.
 */
import type { Node } from '@xyflow/react';
import { asObject, getIn, isObject, setIn, type PlainObject } from './doc-path.ts';
import { freshKey } from './node-ids.ts';

/** A plain caption, or a coloured square. */
export type NoteKind = 'text' | 'sticky';

/** What a note node holds. */
export type NoteData = { kind: NoteKind; text: string; key: string };

/** A note on the canvas. */
export type NoteNode = Node<NoteData, 'note'>;

/** The id prefix of note nodes. */
export const NOTE_PREFIX = 'note:';

/** True for a note node's id. */
export const isNoteId = (id: string): boolean => id.startsWith(NOTE_PREFIX);

/** What a new note says. */
export const NOTE_PLACEHOLDER: Readonly<Record<NoteKind, string>> = { text: 'A note', sticky: 'Sticky note' };

const notesOf = (doc: PlainObject): PlainObject => asObject(getIn(doc, ['spec', 'canvas', 'notes']));

/** The notes of `doc` as canvas nodes; a note without a stored position goes top left, one under the other. */
export function noteNodes(doc: PlainObject): NoteNode[] {
  return Object.entries(notesOf(doc)).flatMap(([key, raw], k) => {
    if (!isObject(raw)) return [];
    const kind: NoteKind = raw.kind === 'text' ? 'text' : 'sticky';
    const p = getIn(doc, ['spec', 'canvas', 'nodes', `${NOTE_PREFIX}${key}`]);
    const position = isObject(p) && typeof p.x === 'number' && typeof p.y === 'number' ? { x: p.x, y: p.y } : { x: -260, y: k * 180 };
    return [{ id: `${NOTE_PREFIX}${key}`, type: 'note' as const, position, data: { kind, text: typeof raw.text === 'string' ? raw.text : '', key } }];
  });
}

/** `doc` with a new note (at `position`, or top left); its node id. */
export function addNote(doc: PlainObject, kind: NoteKind, position?: { x: number; y: number }): { doc: PlainObject; id: string } {
  const key = freshKey(kind, Object.keys(notesOf(doc)));
  let out = setIn(doc, ['spec', 'canvas', 'notes', key], { kind, text: NOTE_PLACEHOLDER[kind] });
  const id = `${NOTE_PREFIX}${key}`;
  if (position !== undefined) {
    // A second note added at the same spot goes under the first, so it never hides it.
    const taken = Object.values(asObject(getIn(doc, ['spec', 'canvas', 'nodes'])));
    let at = { x: Math.round(position.x), y: Math.round(position.y) };
    while (taken.some((t) => isObject(t) && t.x === at.x && t.y === at.y)) at = { x: at.x, y: at.y + 150 };
    out = setIn(out, ['spec', 'canvas', 'nodes', id], at);
  }
  return { doc: out, id };
}

/** `doc` without the notes among `ids` (and their positions). */
export function removeNotes(doc: PlainObject, ids: readonly string[]): PlainObject {
  let out = doc;
  for (const id of ids) {
    if (!isNoteId(id)) continue;
    out = setIn(out, ['spec', 'canvas', 'notes', id.slice(NOTE_PREFIX.length)], undefined);
    out = setIn(out, ['spec', 'canvas', 'nodes', id], undefined);
  }
  return out;
}

/** The path of a note's text (edited through `setField`, so typing coalesces into one undo step). */
export function noteTextPath(key: string): string[] {
  return ['spec', 'canvas', 'notes', key, 'text'];
}

/** `doc` with a copy of `note` (its `{ kind, text }`) under a fresh key, at `position` when given; its node id. */
export function pasteNote(doc: PlainObject, note: PlainObject, position: { x: number; y: number } | null): { doc: PlainObject; id: string } {
  const kind: NoteKind = note.kind === 'text' ? 'text' : 'sticky';
  const key = freshKey(kind, Object.keys(notesOf(doc)));
  const id = `${NOTE_PREFIX}${key}`;
  const out = setIn(doc, ['spec', 'canvas', 'notes', key], { ...note });
  return { doc: position === null ? out : setIn(out, ['spec', 'canvas', 'nodes', id], position), id };
}
