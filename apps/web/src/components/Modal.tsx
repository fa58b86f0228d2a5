/** A simple modal dialog: focus moves in, Escape or the close button closes it. */
import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}

/** A modal dialog. */
export function Modal({ title, onClose, children, wide = false }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>('button, [href], input, select, textarea')?.focus();
    return () => previous?.focus?.();
  }, []);
  return (
    <div className="ds-modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={ref}
        className={`ds-modal${wide ? ' ds-modal--wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <header className="ds-modal__head">
          <h2>{title}</h2>
          <button type="button" className="ds-button ds-button--small" onClick={onClose} aria-label="Close">
            Close
          </button>
        </header>
        <div className="ds-modal__body">{children}</div>
      </div>
    </div>
  );
}
