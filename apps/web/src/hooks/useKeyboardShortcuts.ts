/**
 * Keyboard shortcuts: Delete/Backspace removes the selection, Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z
 * (or Ctrl+Y) redoes, Ctrl/Cmd+Enter runs, Ctrl/Cmd+A/C/V/D select all, copy, paste and duplicate
 * components. In a text box the editing keys keep their usual
 * meaning (the box's own undo); Ctrl+Enter runs from anywhere; `?` opens the shortcut sheet.
 */
import { useEffect, useRef } from 'react';

/** The actions shortcuts trigger. */
export interface ShortcutHandlers {
  undo: () => void;
  redo: () => void;
  run: () => void;
  removeSelection: () => void;
  /** `?`: the shortcut sheet. */
  help: () => void;
  /** Ctrl+A, Ctrl+C, Ctrl+V, Ctrl+D on the canvas. */
  selectAll: () => void;
  copy: () => void;
  paste: () => void;
  duplicate: () => void;
}

/** What a key press means, or null (exported for tests). */
export function shortcutFor(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey'>, inTextBox: boolean, onCanvas = true): keyof ShortcutHandlers | null {
  const mod = e.ctrlKey || e.metaKey;
  if (mod && e.key === 'Enter') return 'run';
  if (inTextBox) return null;
  if (mod && (e.key === 'z' || e.key === 'Z')) return e.shiftKey ? 'redo' : 'undo';
  if (mod && (e.key === 'y' || e.key === 'Y')) return 'redo';
  // Elsewhere (results, tables) Ctrl+A and Ctrl+C keep selecting and copying text.
  if (!onCanvas) return null;
  if (mod && !e.shiftKey && (e.key === 'a' || e.key === 'A')) return 'selectAll';
  if (mod && !e.shiftKey && (e.key === 'c' || e.key === 'C')) return 'copy';
  if (mod && !e.shiftKey && (e.key === 'v' || e.key === 'V')) return 'paste';
  if (mod && !e.shiftKey && (e.key === 'd' || e.key === 'D')) return 'duplicate';
  if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) return 'removeSelection';
  if (!mod && e.key === '?') return 'help';
  return null;
}

/** True when keys go to the canvas: focus on it, or on nothing in particular (the page). */
function isOnCanvas(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return true;
  return target === document.body || target.closest('.react-flow') !== null;
}

function isTextBox(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

/** Installs the shortcuts on the window. */
export function useKeyboardShortcuts(handlers: ShortcutHandlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutFor(e, isTextBox(e.target), isOnCanvas(e.target) && (window.getSelection()?.toString() ?? '') === '');
      if (action === null) return;
      e.preventDefault();
      ref.current[action]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
