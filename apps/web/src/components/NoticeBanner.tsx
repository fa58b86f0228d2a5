/** A dismissible message under the toolbar (errors are announced to screen readers). Plain text only. */
import type { Notice } from '../boot.ts';
import type { PlainObject } from '../model/doc-path.ts';

/** The banner; `onRestore` opens the design the notice offers to bring back. */
export function NoticeBanner({ notice, onClose, onRestore }: { notice: Notice; onClose: () => void; onRestore?: (doc: PlainObject) => void }) {
  return (
    <div className={`ds-notice ds-notice--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
      <div>
        <strong>{notice.title}</strong>
        {notice.lines.length > 0 && (
          <ul>
            {notice.lines.map((l, k) => (
              <li key={k}>
                <code>{l}</code>
              </li>
            ))}
          </ul>
        )}
      </div>
      {notice.restore && onRestore && (
        <button type="button" className="ds-button ds-button--small" onClick={() => onRestore(notice.restore!.doc)} data-testid="notice-restore">
          {notice.restore.label}
        </button>
      )}
      <button type="button" className="ds-button ds-button--small" onClick={onClose} aria-label="Dismiss the message">
        Dismiss
      </button>
    </div>
  );
}
