import { describe, expect, it } from 'vitest';
import { createUiStore } from './ui-store.ts';

describe('the UI store', () => {
  it('switches tabs, remembers that Optimize was opened, folds panels and moves the split', () => {
    const ui = createUiStore();
    const seen: string[] = [];
    ui.subscribe((s) => seen.push(s.mode));
    expect(ui.getState()).toMatchObject({ mode: 'design', dialog: null, panels: { palette: true, inspector: true }, split: 46, optimizeOpened: false });
    ui.getState().setMode('optimize');
    ui.getState().setMode('compare');
    expect(ui.getState()).toMatchObject({ mode: 'compare', optimizeOpened: true });
    ui.getState().togglePanel('inspector');
    expect(ui.getState().panels).toEqual({ palette: true, inspector: false });
    ui.getState().setSplit(60);
    ui.getState().setDialog('share');
    expect(ui.getState()).toMatchObject({ split: 60, dialog: 'share' });
    expect(seen.slice(0, 2)).toEqual(['optimize', 'compare']);
    // Stores are independent: each app has its own.
    expect(createUiStore().getState().mode).toBe('design');
  });
});
