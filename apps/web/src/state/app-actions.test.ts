import { beforeEach, describe, expect, it } from 'vitest';
import type { HistoryAction } from '../model/design-history.ts';
import { setIn, type PlainObject } from '../model/doc-path.ts';
import { readRecent } from '../model/recent-designs.ts';
import { smallDoc } from '../test-support/fixtures.ts';
import { createAppActions, type DesignHandle } from './app-actions.ts';
import { createAppStore } from './app-store.ts';

/** The actions over a fresh store and a design that records what is dispatched to it. */
function setup(doc: PlainObject = smallDoc(), selection: string[] = []) {
  const store = createAppStore();
  const sent: HistoryAction[] = [];
  const design: DesignHandle = { doc, selection, dispatch: (a) => sent.push(a) };
  const actions = createAppActions(store, () => design, () => new Date('2026-12-03T09:00:00Z'));
  return { store, sent, design, actions };
}

describe('the app actions', () => {
  beforeEach(() => localStorage.clear());

  it('loading another design keeps the old one in Recent designs and offers it back in the notice', () => {
    const { store, sent, actions } = setup();
    store.getState().setCursor(30);
    const next = setIn(smallDoc(), ['metadata', 'name'], 'other');
    actions.load(next, { kind: 'info', title: 'Opened other.yaml', lines: [] });
    expect(sent).toEqual([{ type: 'load', doc: next }]);
    expect(store.getState()).toMatchObject({ loads: 1, cursor: null, notice: { title: 'Opened other.yaml', restore: { label: 'Bring back the previous design', doc: smallDoc() } } });
    expect(readRecent().map((r) => r.title)).toEqual(['Small test design']);
  });

  it('loading the same design again offers nothing back and keeps no copy', () => {
    const { store, actions } = setup();
    actions.load(smallDoc(), { kind: 'info', title: 'Reset', lines: [] });
    expect(store.getState().notice).toEqual({ kind: 'info', title: 'Reset', lines: [] });
    expect(readRecent()).toEqual([]);
  });

  it('a library entry that does not validate is reported, and the design stays', () => {
    const { store, sent, actions } = setup();
    store.getState().setDialog('library');
    actions.openEntry({ file: 'broken.yaml', name: 'broken', title: 'Broken', prompt: null, tags: [], kind: 'serving', text: 'spec: [' });
    expect(sent).toEqual([]);
    expect(store.getState()).toMatchObject({ dialog: null, loads: 0, notice: { kind: 'error', title: 'broken.yaml does not validate' } });
  });

  it('copies the selected service and pastes that copy', () => {
    const { store, sent, actions } = setup(smallDoc(), ['service:model']);
    actions.paste();
    expect(sent).toEqual([]);
    actions.copy();
    expect(store.getState().notice?.title).toBe('Copied model. Ctrl+V pastes a copy.');
    actions.paste();
    expect(sent).toEqual([{ type: 'paste', clip: store.getState().clip }]);
    expect(store.getState().clip?.services.map((c) => c.item.name)).toEqual(['model']);
  });

  it("compares a practice design with the prompt's reference answer as variant A", () => {
    const { store, actions } = setup();
    actions.compareWithReference();
    expect(store.getState().baseline).toBeNull();
    const ref = setIn(smallDoc(), ['metadata', 'title'], 'Reference');
    store.getState().setPracticeRef(ref);
    actions.compareWithReference();
    expect(store.getState()).toMatchObject({ mode: 'compare', baseline: { doc: ref, label: 'reference answer (Reference)' } });
    actions.pin('Mine');
    expect(store.getState().baseline).toEqual({ doc: smallDoc(), label: 'Mine (pinned)' });
  });
});
