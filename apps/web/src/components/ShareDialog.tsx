/** The share dialog: the link to this design, made when the dialog opens (compression and the library lookup are asynchronous). */
import { useEffect, useState } from 'react';
import type { PlainObject } from '../model/doc-path.ts';
import { shareHash } from '../share-link.ts';
import { Modal } from './Modal.tsx';

/** The share dialog for `doc`. */
export function ShareDialog({ doc, onClose }: { doc: PlainObject; onClose: () => void }) {
  // The dialog's own value: the link for the design shown, '' while it is being made.
  const [shareUrl, setShareUrl] = useState('');
  useEffect(() => {
    let live = true;
    setShareUrl('');
    void shareHash(doc).then((h) => live && setShareUrl(`${location.origin}${location.pathname}${h}`));
    return () => {
      live = false;
    };
  }, [doc]);
  return (
    <Modal title="Share this design" onClose={onClose}>
      <p>Anyone with this link opens a copy of the design (it is inside the link, compressed; nothing is uploaded). A library design and its prompt and notes are named, not copied.</p>
      <input className="ds-code" readOnly value={shareUrl} placeholder="Making the link…" data-testid="share-url" data-ready={shareUrl !== ''} aria-label="Share link" onFocus={(e) => e.target.select()} />
      <div className="ds-row">
        <button type="button" className="ds-button" onClick={() => void navigator.clipboard?.writeText(shareUrl).catch(() => undefined)}>
          Copy link
        </button>
        <span className="ds-hint">{shareUrl.length.toLocaleString('en-US')} characters</span>
      </div>
    </Modal>
  );
}
