/**
 * What the design is for, above its results: the scenario's prompt, and (folded) what a strong
 * answer says and the author's notes, as rendered Markdown. Nothing shows for a design without them.
 */
import { lazy, Suspense, useState } from 'react';
import { useSettled } from '../hooks/useSettled.ts';
import { asObject, type PlainObject } from '../model/doc-path.ts';
import { afterFirstResult } from '../worker/first-result.ts';

const Markdown = lazy(() => import('./Markdown.tsx'));

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** The brief of the design `doc` (its metadata). */
export function ScenarioBrief({ doc }: { doc: PlainObject }) {
  const meta = asObject(doc.metadata);
  const prompt = text(meta.prompt);
  const strong = text(meta.strongAnswer);
  const notes = text(meta.notes);
  // Notes can be pages long: they are parsed only once opened (parsing them costs the main thread).
  const [open, setOpen] = useState(false);
  // The Markdown (its chunk, DOMPurify and the Markdown worker's start) waits for the page's first result: loaded
  // beside the first run and render, it delayed the first chart (docs/performance.md, "sixth pass"). Until then
  // the prompt shows as written, as Markdown shows it until its HTML arrives.
  const rich = useSettled(afterFirstResult());
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
