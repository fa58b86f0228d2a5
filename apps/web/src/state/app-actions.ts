/**
 * What the toolbar, the dialogs, the keyboard and links do to the app: open, import, reset, restore,
 * practise, compare with the reference, copy and paste. Each is a function over the app store (the
 * design is its design slice), so App only wires them to the views.
 */
import type { StoreApi } from 'zustand/vanilla';
import { defaultDesign, type Notice } from '../boot.ts';
import { clearAutosave } from '../hooks/useAutosave.ts';
import { copySelection } from '../model/clipboard.ts';
import type { LibraryEntry } from '../model/content-library.ts';
import type { PlainObject } from '../model/doc-path.ts';
import { issueLines, loadDesignFile, loadDesignText } from '../model/load-design.ts';
import { practiceDoc } from '../model/practice.ts';
import type { PracticePrompt } from '../model/practice-prompts.ts';
import { designTitle, keepRecent } from '../model/recent-designs.ts';
import { isShareHash, openSharedHash } from '../share-link.ts';
import type { AppState } from './app-store.ts';
import { selectDoc, selectSelection, selectTitle } from './design-slice.ts';

/** The app's actions over `store` (each reads the state when it runs). */
export function createAppActions(store: StoreApi<AppState>, now: () => Date = () => new Date()) {
  const app = () => store.getState();
  const design = () => ({ doc: selectDoc(app()), selection: selectSelection(app()), dispatch: app().dispatch });

  // Replacing the design keeps the old one (Recent designs) and offers it back in the notice; Ctrl+Z works too.
  const load = (next: PlainObject, message: Notice | null) => {
    const { doc, dispatch } = design();
    const replaced = JSON.stringify(doc) !== JSON.stringify(next);
    if (replaced) keepRecent(doc, now());
    dispatch({ type: 'load', doc: next });
    app().designLoaded(message && replaced && message.kind === 'info' && !message.restore ? { ...message, restore: { label: 'Bring back the previous design', doc } } : message);
  };

  const restore = (d: PlainObject) => load(d, { kind: 'info', title: `Restored "${designTitle(d)}".`, lines: [] });

  const refuse = (file: string, issues: Parameters<typeof issueLines>[0]) => app().setNotice({ kind: 'error', title: `${file} does not validate`, lines: issueLines(issues) });

  const openEntry = (e: LibraryEntry) => {
    const r = loadDesignText(e.text, e.file);
    app().setDialog(null);
    if (!r.ok) return refuse(e.file, r.issues);
    // The prompt is not repeated here: the brief above the results shows it (ScenarioBrief), and in the notice its
    // two to four lines came off the canvas's height (a 290 px canvas at 1024×768).
    load(r.doc, { kind: 'info', title: `Opened ${e.file}`, lines: [] });
  };

  const startPractice = (e: LibraryEntry, prompt?: PracticePrompt) => {
    const r = loadDesignText(e.text, e.file);
    app().setDialog(null);
    if (!r.ok) return refuse(e.file, r.issues);
    app().setPracticeRef(r.doc);
    app().setMode('practice');
    const title = 'Practice: design an answer on the canvas, add your estimates, then press Check; then compare with the reference.';
    load(practiceDoc(r.doc), { kind: 'info', title: prompt ? `${title} (${prompt.title})` : title, lines: prompt ? prompt.prompts : [] });
  };

  return {
    load,
    restore,
    openEntry,
    startPractice,

    /** The reference answer goes in as variant A of Compare: your design stays on the canvas as B. */
    compareWithReference: () => {
      const ref = app().practiceRef;
      if (ref === null) return;
      app().setBaseline({ doc: ref, label: `reference answer (${designTitle(ref)})` });
      app().setMode('compare');
    },

    /** Pins the design on the canvas as Compare's variant A. */
    pin: () => app().setBaseline({ doc: design().doc, label: `${selectTitle(app())} (pinned)` }),

    importFile: async (file: File) => {
      const r = await loadDesignFile(file);
      if (!r.ok) return app().setNotice({ kind: 'error', title: `Could not import ${file.name}: the file is not a valid scenario (nothing was changed)`, lines: issueLines(r.issues) });
      load(r.doc, { kind: 'info', title: `Imported ${file.name}`, lines: issueLines(r.warnings) });
    },

    reset: async () => {
      clearAutosave();
      const d = await defaultDesign();
      load(d.doc, { kind: 'info', title: 'Reset to the autoscaling example.', lines: [] });
    },

    /** Ctrl+C: keeps the selected components for Ctrl+V and says what was (and was not) copied. */
    copy: () => {
      const { doc, selection } = design();
      const clip = copySelection(doc, selection);
      if (clip === null) return;
      app().setClip(clip);
      const names = [...clip.entries.map((c) => String(c.item.name)), ...(clip.notes.length === 0 ? [] : [clip.notes.length === 1 ? 'a note' : `${clip.notes.length} notes`])];
      const skipped = clip.skipped.map((x) => `${x.id} (${x.why})`);
      app().setNotice({ kind: 'info', title: `Copied ${names.join(', ')}. Ctrl+V pastes a copy.`, lines: skipped.length > 0 ? [`Not copied: ${skipped.join(', ')}.`] : [] });
    },

    paste: () => {
      const clip = app().clip;
      if (clip !== null) design().dispatch({ type: 'paste', clip });
    },

    /**
     * A link pasted into the address bar of this open tab changes only the fragment: open it like a
     * link at boot, keeping the design it replaces (notice, Recent designs, Undo).
     */
    openLinkInTab: async (hash: string, clearFragment: () => void) => {
      if (!isShareHash(hash)) return;
      clearFragment();
      const r = await openSharedHash(hash);
      if (r === null) return;
      if (!r.ok) return app().setNotice(r.notice);
      app().setDialog(null);
      load(r.doc, { kind: 'info', title: 'Opened the design from the shared link.', lines: [] });
    },
  };
}

/** What `createAppActions` returns. */
export type AppActions = ReturnType<typeof createAppActions>;
