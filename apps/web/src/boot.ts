/**
 * Which design the app opens with: a shared link (`#z=…`, `#lib=…`, or an older `#s=…`) first, then the autosaved design, then
 * the autoscaling example from the library (or a starter design when the library is empty).
 * A damaged or invalid shared link is reported, never half-loaded.
 */
import { readAutosave } from './hooks/useAutosave.ts';
import { libraryEntries, type LibraryEntry } from './model/content-library.ts';
import type { PlainObject } from './model/doc-path.ts';
import { practicePrompts, type PracticePrompt } from './model/practice-prompts.ts';
import { loadScenarioParser, restoreAutosaved } from './model/load-design.ts';
import { designTitle, keepRecent } from './model/recent-designs.ts';
import { openSharedHash } from './share-link.ts';

/** A message for the banner (plain text lines). */
export interface Notice {
  kind: 'error' | 'info';
  title: string;
  lines: string[];
  /** A design the message offers to bring back (the one just replaced), with the button's label. */
  restore?: { label: string; doc: PlainObject };
}

/** The first design and any notice about how it was chosen. */
export interface Boot {
  doc: PlainObject;
  notice: Notice | null;
  source: 'link' | 'autosave' | 'example' | 'starter';
  /** True when `doc` is the default example's text read as it is: the worker may already be running it (main.tsx). */
  pristineExample?: boolean;
}

/** The library, loaded on first use (one chunk with every content/*.yaml), with the parser that opens its entries. */
export async function loadLibrary(): Promise<LibraryEntry[]> {
  const [{ CONTENT_FILES }] = await Promise.all([import('./model/content-files.ts'), loadScenarioParser()]);
  return libraryEntries(CONTENT_FILES);
}

/** The practice prompts of content/practice/*.md (in the library's chunk). */
export async function loadPracticePrompts(): Promise<PracticePrompt[]> {
  const [{ PRACTICE_FILES }] = await Promise.all([import('./model/content-files.ts'), loadScenarioParser()]);
  return practicePrompts(PRACTICE_FILES);
}

/** The default design: the autoscaling example (a build that cannot read it fails: scripts/yaml-doc-plugin.ts). */
export async function defaultDesign(): Promise<{ doc: PlainObject; source: 'example'; pristineExample: true }> {
  // The example is a committed file that sim-core's content tests validate; read it alone (its own
  // small chunk, the document read from its YAML at build time), without loading and parsing the whole
  // library (hundreds of ms): the validation worker checks it next.
  const { DEFAULT_EXAMPLE_DOC } = await import('./model/default-example-doc.ts');
  return { doc: DEFAULT_EXAMPLE_DOC, source: 'example', pristineExample: true };
}

/** Decides the first design from the URL fragment and storage. */
export async function bootDesign(hash: string, storage?: Pick<Storage, 'getItem' | 'setItem'>): Promise<Boot> {
  let notice: Notice | null = null;
  const shared = await openSharedHash(hash);
  if (shared !== null && !shared.ok) notice = shared.notice;
  if (shared?.ok) {
    // The link's design becomes the autosave next: keep the one it replaces, and say so.
    const saved = readAutosave(storage);
    const previous = saved === null ? null : restoreAutosaved(saved);
    if (previous !== null && JSON.stringify(previous) !== JSON.stringify(shared.doc)) {
      keepRecent(previous, new Date(), storage);
      return {
        doc: shared.doc,
        notice: {
          kind: 'info',
          title: 'Opened the design from the shared link.',
          lines: [`Your autosaved design "${designTitle(previous)}" was kept: Library → Recent designs.`],
          restore: { label: 'Open my autosaved design instead', doc: previous },
        },
        source: 'link',
      };
    }
    return { doc: shared.doc, notice: { kind: 'info', title: 'Opened the design from the shared link.', lines: [] }, source: 'link' };
  }
  const saved = readAutosave(storage);
  const restored = saved === null ? null : restoreAutosaved(saved);
  if (restored !== null) return { doc: restored, notice, source: 'autosave' };
  const d = await defaultDesign();
  return { ...d, notice };
}
