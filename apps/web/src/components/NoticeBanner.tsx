/** A dismissible message under the toolbar (errors are announced to screen readers). Plain text only. */
import type { Notice } from '../boot.ts';

/** The banner. */
export function NoticeBanner({ notice, onClose }: { notice: Notice; onClose: () => void }) {
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
      <button type="button" className="ds-button ds-button--small" onClick={onClose} aria-label="Dismiss the message">
        Dismiss
      </button>
    </div>
  );
}
