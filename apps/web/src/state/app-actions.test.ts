import { beforeEach, describe, expect, it } from 'vitest';
import { getIn, setIn, type PlainObject } from '../model/doc-path.ts';
import { readRecent } from '../model/recent-designs.ts';
import { smallDoc } from '../test-support/fixtures.ts';
import { createAppActions } from './app-actions.ts';
import { createAppStore } from './app-store.ts';
import { selectCanUndo, selectDoc, selectSelection } from './design-slice.ts';

/** The actions over a fresh store holding `doc` with `selection` selected. */
function setup(doc: PlainObject = smallDoc(), selection: string[] = []) {
  const store = createAppStore(null, doc);
  store.getState().dispatch({ type: 'select', ids: selection });
  const actions = createAppActions(store, () => new Date('2026-12-03T09:00:00Z'));
  const doc_ = () => selectDoc(store.getState());
  return { store, doc: doc_, actions };
}

describe('the app actions', () => {
  beforeEach(() => localStorage.clear());

  it('loading another design keeps the old one in Recent designs and offers it back in the notice', () => {
    const { store, doc, actions } = setup();
    store.getState().setCursor(30);
    const next = setIn(smallDoc(), ['metadata', 'name'], 'other');
    actions.load(next, { kind: 'info', title: 'Opened other.yaml', lines: [] });
    expect(doc()).toBe(next);
    // Loading is one undo step: Ctrl+Z brings the replaced design back too.
    expect(selectCanUndo(store.getState())).toBe(true);
    expect(store.getState()).toMatchObject({ loads: 1, cursor: null, notice: { title: 'Opened other.yaml', restore: { label: 'Bring back the previous design', doc: smallDoc() } } });
    expect(readRecent().map((r) => r.title)).toEqual(['Small test design']);
  });

  it('loading the same design again offers nothing back and keeps no copy', () => {
    const { store, actions } = setup();
    actions.load(smallDoc(), { kind: 'info', title: 'Reset', lines: [] });
    expect(store.getState().notice).toEqual({ kind: 'info', title: 'Reset', lines: [] });
    expect(readRecent()).toEqual([]);
  });

  it("opening a library entry names the file, and leaves its prompt to the brief above the results", () => {
    const { store, actions } = setup();
    actions.openEntry({ file: 'small.yaml', name: 'small', title: 'Small', prompt: 'Size the fleet for 50 req/s.', tags: [], kind: 'serving', text: JSON.stringify(smallDoc()) });
    expect(store.getState().notice).toMatchObject({ kind: 'info', title: 'Opened small.yaml', lines: [] });
  });

  it('a library entry that does not validate is reported, and the design stays', () => {
    const { store, doc, actions } = setup();
    const before = doc();
    store.getState().setDialog('library');
    actions.openEntry({ file: 'broken.yaml', name: 'broken', title: 'Broken', prompt: null, tags: [], kind: 'serving', text: 'spec: [' });
    expect(doc()).toBe(before);
    expect(selectCanUndo(store.getState())).toBe(false);
    expect(store.getState()).toMatchObject({ dialog: null, loads: 0, notice: { kind: 'error', title: 'broken.yaml does not validate' } });
  });

  it('copies the selected service and pastes that copy', () => {
    const { store, doc, actions } = setup(smallDoc(), ['service:model']);
    const before = doc();
    actions.paste();
    expect(doc()).toBe(before);
    actions.copy();
    expect(store.getState().notice?.title).toBe('Copied model. Ctrl+V pastes a copy.');
    actions.paste();
    expect(selectSelection(store.getState())).toEqual(['service:model-2']);
    expect(getIn(doc(), ['spec', 'services', 1, 'name'])).toBe('model-2');
    store.getState().undo();
    expect(doc()).toBe(before);
  });

  it("compares a practice design with the prompt's reference answer as variant A", () => {
    const { store, actions } = setup(setIn(smallDoc(), ['metadata', 'title'], 'Mine'));
    actions.compareWithReference();
    expect(store.getState().baseline).toBeNull();
    const ref = setIn(smallDoc(), ['metadata', 'title'], 'Reference');
    store.getState().setPracticeRef(ref);
    actions.compareWithReference();
    expect(store.getState()).toMatchObject({ mode: 'compare', baseline: { doc: ref, label: 'reference answer (Reference)' } });
    actions.pin();
    expect(store.getState().baseline).toEqual({ doc: setIn(smallDoc(), ['metadata', 'title'], 'Mine'), label: 'Mine (pinned)' });
  });
});
