/** New: a blank canvas or a template with healthy defaults; the current design is kept under Recent designs. */
import { TEMPLATES, type DesignTemplate } from '../model/templates.ts';
import { Modal } from './Modal.tsx';

interface Props {
  onPick: (t: DesignTemplate) => void;
  onClose: () => void;
}

/** The New dialog. */
export function NewDesignDialog({ onPick, onClose }: Props) {
  return (
    <Modal title="New design" onClose={onClose}>
      <p className="ds-hint">The current design stays under Library → Recent designs, and Undo brings it back.</p>
      <ul className="ds-templates" data-testid="templates">
        {TEMPLATES.map((t) => (
          <li key={t.id}>
            <button type="button" className="ds-button ds-template" onClick={() => onPick(t)} data-template={t.id}>
              <strong>{t.title}</strong>
              <span>{t.description}</span>
            </button>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
