/** The "?" sheet: every keyboard shortcut of the app, in one dialog. */
import { Modal } from './Modal.tsx';

const SHORTCUTS: readonly [keys: string, what: string][] = [
  ['Ctrl + Enter', 'run the design now (from anywhere, text boxes included)'],
  ['Ctrl + Z', 'undo (inside a text box: the box’s own undo)'],
  ['Ctrl + Shift + Z, Ctrl + Y', 'redo'],
  ['Delete, Backspace', 'remove the selected components and connections'],
  ['Ctrl + A', 'select every component on the canvas'],
  ['Ctrl + C, Ctrl + V', 'copy the selected services and node pools; paste copies with new names'],
  ['Ctrl + D', 'duplicate the selection (one undo step)'],
  ['Tab', 'move through palette, canvas nodes, inspector and charts'],
  ['Enter (palette item)', 'add that component to the canvas'],
  ['Enter / Space (canvas node)', 'select it; arrow keys then move it'],
  ['← → Home End (chart)', 'move the time cursor shared by all charts and canvas badges'],
  ['↑ ↓ Home End (splitter)', 'resize the canvas and the results'],
  ['Escape', 'close a dialog'],
  ['?', 'this sheet'],
];

/** The shortcut sheet dialog. */
export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose}>
      <table className="ds-table" data-testid="shortcuts">
        <tbody>
          {SHORTCUTS.map(([k, what]) => (
            <tr key={k}>
              <th scope="row">
                <kbd>{k}</kbd>
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
