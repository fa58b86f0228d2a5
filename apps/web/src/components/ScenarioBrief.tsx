/**
 * What the design is for, above its results: the scenario's prompt, and (folded) what a strong
 * answer says and the author's notes, as rendered Markdown. Nothing shows for a design without them.
 */
import { createElement, Suspense, use, useState, type ComponentProps } from 'react';
import { useSettled } from '../hooks/useSettled.ts';
import { asObject, type PlainObject } from '../model/doc-path.ts';
import { tracked } from '../model/tracked-promise.ts';
import { afterFirstScreen } from '../worker/first-result.ts';

type MarkdownModule = typeof import('./Markdown.tsx');
let markdown: Promise<MarkdownModule> | null = null;
const loadMarkdown = () => (markdown ??= tracked(import('./Markdown.tsx')));
let richReady: Promise<MarkdownModule> | null = null;
// The Markdown (its chunk, DOMPurify and the Markdown worker's start) loads once the page's first result and the
// canvas are in (first-result.ts): loaded beside the first run and render, it delayed the first chart
// (docs/performance.md, "sixth pass").
// The brief switches to it once it has arrived, so nothing suspends and no fallback of another height shows.
const markdownAfterFirstScreen = () => (richReady ??= afterFirstScreen().then(loadMarkdown));

/** Markdown (suspends until its chunk has arrived; rendered only once it has, see above). */
const Markdown = (props: ComponentProps<MarkdownModule['default']>) => createElement(use(loadMarkdown()).default, props);

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** The brief of the design `doc` (its metadata). */
export function ScenarioBrief({ doc }: { doc: PlainObject }) {
  const meta = asObject(doc.metadata);
  const prompt = text(meta.prompt);
  const strong = text(meta.strongAnswer);
  const notes = text(meta.notes);
  // Notes can be pages long: they are parsed only once opened (parsing them costs the main thread).
  const [open, setOpen] = useState(false);
  // Until the Markdown has loaded the prompt shows as written, as Markdown shows it until its HTML arrives.
  const rich = useSettled(markdownAfterFirstScreen());
  if (prompt === null && strong === null && notes === null) return null;
  return (
    <section className="ds-brief" aria-label="The scenario's brief" data-testid="brief">
      <Suspense fallback={<p className="ds-hint">{prompt ?? ''}</p>}>
        {prompt !== null && (
          <div className="ds-prompt">
            <strong>Prompt</strong>
            {rich ? <Markdown text={prompt} /> : <div className="ds-markdown ds-markdown--raw">{prompt}</div>}
          </div>
        )}
        {(strong !== null || notes !== null) && (
          <details className="ds-brief__more" data-testid="brief-notes" onToggle={(e) => setOpen(e.currentTarget.open)}>
            <summary>{strong !== null && notes !== null ? 'What a strong answer says, and notes' : strong !== null ? 'What a strong answer says' : 'Notes'}</summary>
            {open && strong !== null && <Markdown text={strong} className="ds-brief__strong" />}
            {open && notes !== null && <Markdown text={notes} className="ds-brief__notes" />}
          </details>
        )}
      </Suspense>
    </section>
  );
}
