import { describe, expect, it } from 'vitest';
import { createAppStore } from './app-store.ts';
import { createUiStore } from './ui-store.ts';

describe('the app store', () => {
  it('switches tabs, remembers that Optimize was opened, folds panels and moves the split', () => {
    const ui = createUiStore();
    const seen: string[] = [];
    ui.subscribe((s) => seen.push(s.mode));
    expect(ui.getState()).toMatchObject({ mode: 'design', dialog: null, panels: { palette: true, inspector: true }, split: 46, optimizeOpened: false, autoRun: true });
    ui.getState().setMode('optimize');
    ui.getState().setMode('compare');
    expect(ui.getState()).toMatchObject({ mode: 'compare', optimizeOpened: true });
    ui.getState().togglePanel('inspector');
    expect(ui.getState().panels).toEqual({ palette: true, inspector: false });
    ui.getState().setSplit(60);
    ui.getState().setDialog('share');
    ui.getState().setAutoRun(false);
    expect(ui.getState()).toMatchObject({ split: 60, dialog: 'share', autoRun: false });
    expect(seen.slice(0, 2)).toEqual(['optimize', 'compare']);
    // Stores are independent: each app has its own.
    expect(createUiStore().getState().mode).toBe('design');
  });

  it('holds every slice in one store, and a selector sees only its own slice change', () => {
    const store = createAppStore({ kind: 'info', title: 'Opened from the link', lines: [] });
    expect(store.getState()).toMatchObject({ mode: 'design', notice: { title: 'Opened from the link' }, cursor: null, clip: null, loads: 0, baseline: null, practiceRef: null });
    const cursors: (number | null)[] = [];
    let last = store.getState().cursor;
    store.subscribe((s) => {
      if (s.cursor !== last) cursors.push((last = s.cursor));
    });
    store.getState().setCursor(12);
    store.getState().setMode('compare');
    store.getState().setBaseline({ doc: { spec: {} }, label: 'A' });
    // Loading a design counts a load (the canvas fits it), puts the cursor back at the end and sets the notice.
    store.getState().designLoaded(null);
    expect(cursors).toEqual([12, null]);
    expect(store.getState()).toMatchObject({ loads: 1, notice: null, mode: 'compare', baseline: { label: 'A' } });
  });
});
