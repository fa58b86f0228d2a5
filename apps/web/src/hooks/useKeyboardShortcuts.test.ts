import { fireEvent, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { shortcutFor, useKeyboardShortcuts } from './useKeyboardShortcuts.ts';

const key = (k: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean } = {}) => ({ key: k, ctrlKey: !!mods.ctrl, metaKey: !!mods.meta, shiftKey: !!mods.shift });

describe('keyboard shortcuts', () => {
  it('maps keys to actions, leaving text boxes their own editing keys', () => {
    expect(shortcutFor(key('z', { ctrl: true }), false)).toBe('undo');
    expect(shortcutFor(key('Z', { meta: true, shift: true }), false)).toBe('redo');
    expect(shortcutFor(key('y', { ctrl: true }), false)).toBe('redo');
    expect(shortcutFor(key('Delete'), false)).toBe('removeSelection');
    expect(shortcutFor(key('Backspace'), false)).toBe('removeSelection');
    expect(shortcutFor(key('Enter', { ctrl: true }), true)).toBe('run');
    expect(shortcutFor(key('z', { ctrl: true }), true)).toBeNull();
    expect(shortcutFor(key('Delete'), true)).toBeNull();
    expect(shortcutFor(key('a'), false)).toBeNull();
    expect(shortcutFor(key('?', { shift: true }), false)).toBe('help');
    expect(shortcutFor(key('?', { shift: true }), true)).toBeNull();
    expect(['a', 'c', 'v', 'd'].map((k) => shortcutFor(key(k, { ctrl: true }), false))).toEqual(['selectAll', 'copy', 'paste', 'duplicate']);
    // In a text box, or away from the canvas (a results table), they keep their text meaning.
    expect(['a', 'c', 'v', 'd'].map((k) => shortcutFor(key(k, { ctrl: true }), true))).toEqual([null, null, null, null]);
    expect(['a', 'c', 'v', 'd'].map((k) => shortcutFor(key(k, { meta: true }), false, false))).toEqual([null, null, null, null]);
    expect(shortcutFor(key('z', { ctrl: true }), false, false)).toBe('undo');
  });

  it('calls the handlers from window key presses', () => {
    const h = { undo: vi.fn(), redo: vi.fn(), run: vi.fn(), removeSelection: vi.fn(), help: vi.fn(), selectAll: vi.fn(), copy: vi.fn(), paste: vi.fn(), duplicate: vi.fn() };
    const { unmount } = renderHook(() => useKeyboardShortcuts(h));
    fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    fireEvent.keyDown(window, { key: 'Enter', ctrlKey: true });
    fireEvent.keyDown(window, { key: 'Delete' });
    expect([h.undo.mock.calls.length, h.run.mock.calls.length, h.removeSelection.mock.calls.length]).toEqual([1, 1, 1]);
    unmount();
    fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    expect(h.undo).toHaveBeenCalledTimes(1);
  });
});
