/**
 * A modal dialog: focus moves in and stays in (Tab and Shift+Tab wrap around inside it), Escape or
 * the close button closes it, and focus goes back to what had it before (the button that opened it).
 */
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/** The dialog's elements that Tab can reach, in document order (hidden ones left out). */
function tabbable(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
}

/** A modal dialog. */
export function Modal({ title, onClose, children, wide = false }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  }, [onClose]);
  // A layout effect: focus moves in and Escape works from the commit that puts the dialog on the page, before it is
  // painted (a passive effect runs after the paint when a dialog opens outside a discrete event).
  useLayoutEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>('button, [href], input, select, textarea')?.focus();
    // A click on the page behind (outside the dialog) can still move focus out; bring it back in.
    const keepFocus = (e: FocusEvent) => {
      const dialog = ref.current;
      if (dialog !== null && e.target instanceof Node && !dialog.contains(e.target)) tabbable(dialog)[0]?.focus();
    };
    // Escape closes the dialog wherever the focus is.
    const escape = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        closeRef.current();
      }
    };
    document.addEventListener('focusin', keepFocus);
    document.addEventListener('keydown', escape, true);
    return () => {
      document.removeEventListener('focusin', keepFocus);
      document.removeEventListener('keydown', escape, true);
      previous?.focus?.();
    };
  }, []);
  const trapTab = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Tab' || ref.current === null) return;
    const items = tabbable(ref.current);
    const first = items[0];
    const last = items[items.length - 1];
    if (first === undefined || last === undefined) return;
    if (e.shiftKey && (document.activeElement === first || !ref.current.contains(document.activeElement))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };
  return (
    <div className="ds-modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={ref} className={`ds-modal${wide ? ' ds-modal--wide' : ''}`} role="dialog" aria-modal="true" aria-label={title} onKeyDown={trapTab}>
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
