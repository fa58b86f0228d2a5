import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Modal } from './Modal.tsx';

// These renders happen as in the browser, outside act(): nothing is flushed that the page would not flush.
const flags = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean | undefined };
let actEnvironment: boolean | undefined;
beforeEach(() => {
  actEnvironment = flags.IS_REACT_ACT_ENVIRONMENT;
  flags.IS_REACT_ACT_ENVIRONMENT = false;
});
afterEach(() => {
  flags.IS_REACT_ACT_ENVIRONMENT = actEnvironment;
  document.body.innerHTML = '';
});

describe('Modal', () => {
  it('takes focus, closes on an Escape pressed right after the commit that shows it, and gives focus back', () => {
    const host = document.body.appendChild(document.createElement('div'));
    const opener = document.body.appendChild(document.createElement('button'));
    opener.focus();
    const root = createRoot(host);
    const onClose = vi.fn();
    flushSync(() =>
      root.render(
        <Modal title="YAML" onClose={onClose}>
          <textarea readOnly value="x" />
        </Modal>,
      ),
    );
    expect(document.querySelector('[role=dialog]')?.getAttribute('aria-label')).toBe('YAML');
    // Focus moved in at the same commit.
    expect(document.activeElement?.textContent).toBe('Close');
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(onClose).toHaveBeenCalledTimes(1);
    // Closing gives focus back to what had it.
    flushSync(() => root.render(null));
    expect(document.activeElement).toBe(opener);
    root.unmount();
  });
});
