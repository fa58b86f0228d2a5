/** The built-in library (content/*.yaml): each scenario with its title, tags and interview prompt. */
import { useEffect, useState } from 'react';
import { loadLibrary, loadPracticePrompts } from '../boot.ts';
import type { PracticePrompt } from '../model/practice-prompts.ts';
import type { LibraryEntry } from '../model/content-library.ts';
import type { PlainObject } from '../model/doc-path.ts';
import { readRecent } from '../model/recent-designs.ts';
import { CodeSpans } from './CodeSpans.tsx';
import { Modal } from './Modal.tsx';

interface Props {
  onOpen: (entry: LibraryEntry) => void;
  onClose: () => void;
  /** Opens a recent design (the designs replaced lately); the practice picker has none. */
  onOpenRecent?: (doc: PlainObject) => void;
  /** Practice lists only scenarios with a prompt and expectations to meet. */
  purpose?: 'open' | 'practice';
  /** Practice: starts a prompt of content/practice/*.md against its model answer (a library entry). */
  onPractisePrompt?: (prompt: PracticePrompt, answer: LibraryEntry) => void;
}

/** The library dialog. */
export function LibraryDialog({ onOpen, onOpenRecent, onClose, purpose = 'open', onPractisePrompt }: Props) {
  const [recent] = useState(readRecent);
  const [entries, setEntries] = useState<LibraryEntry[] | null>(null);
  const [prompts, setPrompts] = useState<PracticePrompt[]>([]);
  const [filter, setFilter] = useState('');
  useEffect(() => {
    void loadLibrary().then(setEntries);
    if (purpose === 'practice') void loadPracticePrompts().then(setPrompts);
  }, [purpose]);
  const q = filter.trim().toLowerCase();
  const shown = (entries ?? [])
    .filter((e) => purpose === 'open' || e.prompt !== null)
    .filter((e) => q === '' || `${e.file} ${e.title} ${e.tags.join(' ')} ${e.prompt ?? ''}`.toLowerCase().includes(q));
  return (
    <Modal title={purpose === 'practice' ? 'Pick a practice prompt' : 'Open a scenario from the library'} onClose={onClose} wide>
      {onOpenRecent && recent.length > 0 && (
        <details className="ds-recent" data-testid="recent-designs">
          <summary>Recent designs ({recent.length}): the designs you replaced lately</summary>
          <ul>
            {recent.map((r, k) => (
              <li key={k}>
                <button type="button" className="ds-link" onClick={() => onOpenRecent(r.doc)}>
                  {r.title}
                </button>{' '}
                <span className="ds-hint">replaced {new Date(r.savedAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {purpose === 'practice' && onPractisePrompt && entries !== null && prompts.length > 0 && (
        <section data-testid="practice-prompts">
          <h3>Interview prompts (content/practice)</h3>
          <ul className="ds-library">
            {prompts.map((p) => {
              const answer = entries.find((e) => e.file === p.answerFile);
              return (
                <li key={p.file}>
                  <div className="ds-library__head">
                    <strong>{p.title}</strong> <code>{p.file}</code>
                  </div>
                  {p.prompts.map((line) => (
                    <p key={line} className="ds-library__prompt">
                      “<CodeSpans text={line} />”
                    </p>
                  ))}
                  {answer ? (
                    <button type="button" className="ds-button" data-practice={p.file} onClick={() => onPractisePrompt(p, answer)}>
                      Practise this prompt
                    </button>
                  ) : (
                    <p className="ds-hint">No model answer in this library.</p>
                  )}{' '}
                  {answer && <span className="ds-hint">model answer: {answer.file}</span>}
                </li>
              );
            })}
          </ul>
          <h3>Library scenarios with a prompt</h3>
        </section>
      )}
      <input type="search" className="ds-search" placeholder="Filter by name, tag or prompt" aria-label="Filter the library" value={filter} onChange={(e) => setFilter(e.target.value)} />
      {entries === null ? (
        <p>Loading…</p>
      ) : shown.length === 0 ? (
        <p>No scenario matches.</p>
      ) : (
        <ul className="ds-library" data-testid="library">
          {shown.map((e) => (
            <li key={e.file}>
              <div className="ds-library__head">
                <strong>{e.title}</strong> <code>{e.file}</code> <span className="ds-tag">{e.kind}</span>
              </div>
              {e.prompt && <p className="ds-library__prompt">“<CodeSpans text={e.prompt} />”</p>}
              {e.tags.length > 0 && <p className="ds-library__tags">{e.tags.join(' · ')}</p>}
              <button type="button" className="ds-button" data-file={e.file} onClick={() => onOpen(e)}>
                {purpose === 'practice' ? 'Practise this prompt' : 'Open'}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Modal>
  );
}
