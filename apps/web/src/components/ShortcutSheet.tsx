/** The "?" sheet: every keyboard shortcut of the app, in one dialog. */
import { Fragment } from 'react';
import { Modal } from './Modal.tsx';

/** Alternative key combinations (each kept on one line), where they apply, and what they do. */
const SHORTCUTS: readonly [keys: readonly string[], where: string | null, what: string][] = [
  [['Ctrl + Enter'], null, 'run the design now (from anywhere, text boxes included)'],
  [['Ctrl + Z'], null, 'undo (inside a text box: the box’s own undo)'],
  [['Ctrl + Shift + Z', 'Ctrl + Y'], null, 'redo'],
  [['Delete', 'Backspace'], null, 'remove the selected components and connections'],
  [['Ctrl + A'], null, 'select every component on the canvas'],
  [['Ctrl + C', 'Ctrl + V'], null, 'copy the selected components (a balancer or cache with its service) and notes; paste copies with new names'],
  [['Ctrl + D'], null, 'duplicate the selection (one undo step)'],
  [['Tab'], null, 'move through palette, canvas nodes, inspector and charts'],
  [['Enter'], 'palette item', 'add that component to the canvas'],
  [['Enter', 'Space'], 'canvas node', 'select it; arrow keys then move it'],
  [['← →', 'Home', 'End'], 'chart', 'move the time cursor shared by all charts and canvas badges'],
  [['↑ ↓', 'Home', 'End'], 'splitter', 'resize the canvas and the results'],
  [['Escape'], null, 'close a dialog'],
  [['?'], null, 'this sheet'],
];

/** The shortcut sheet dialog. */
export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose}>
      <table className="ds-table ds-shortcuts" data-testid="shortcuts">
        <tbody>
          {SHORTCUTS.map(([keys, where, what]) => (
            <tr key={`${keys.join()} ${where ?? ''}`}>
              <th scope="row">
                {keys.map((k, i) => (
                  <Fragment key={k}>
                    {i > 0 && ' '}
                    <kbd>{k}</kbd>
                  </Fragment>
                ))}
                {where !== null && <span className="ds-shortcuts__where"> on a {where}</span>}
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="ds-hint">On a Mac, Cmd works wherever Ctrl is written.</p>
    </Modal>
  );
}
