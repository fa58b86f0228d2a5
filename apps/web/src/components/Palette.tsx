/**
 * The palette: drag a component onto the canvas, or focus it and press Enter to add it in the
 * middle of the view (the keyboard path). Single components already present are disabled.
 */
import { memo, useContext, type DragEvent } from 'react';
import { kindModules } from '../kinds/index.ts';
import { kindPresent } from '../kinds/add-component.ts';
import type { HistoryAction } from '../model/design-history.ts';
import type { ComponentKind } from '../model/design-graph.ts';
import type { PlainObject } from '../model/doc-path.ts';
import { NOTE_PREFIX, type NoteKind } from '../model/canvas-notes.ts';
import { CanvasViewportContext } from './canvas-viewport.ts';
import { PALETTE_MIME } from './DesignCanvas.tsx';
import { useApp } from '../state/app-store.ts';
import { selectDispatch, selectSimDoc } from '../state/design-slice.ts';

const NOTE_KINDS: readonly { kind: NoteKind; label: string; glyph: string }[] = [
  { kind: 'text', label: 'Text note', glyph: 'T' },
  { kind: 'sticky', label: 'Sticky note', glyph: '▤' },
];

interface Props {
  doc: PlainObject;
  dispatch: (action: HistoryAction) => void;
}

/** The component palette. It reaches the canvas's view through CanvasViewportContext (canvas-viewport.ts). */
function PaletteImpl({ doc, dispatch }: Props) {
  const viewport = useContext(CanvasViewportContext);
  // The keyboard path: the automatic layout puts the component in its column, then the view fits.
  const add = (kind: ComponentKind) => {
    dispatch({ type: 'addComponent', kind });
    window.setTimeout(() => viewport.current?.fit(), 60);
  };
  // A note goes in the middle of the view, where the user is looking.
  const addNote = (kind: NoteKind) => {
    const box = document.querySelector('.react-flow')?.getBoundingClientRect();
    const flow = viewport.current;
    const position = box === undefined || flow === null ? undefined : flow.screenToFlowPosition({ x: box.left + box.width / 2 - 90, y: box.top + box.height / 2 - 50 });
    dispatch({ type: 'addNote', kind, ...(position === undefined ? {} : { position }) });
  };
  return (
    <nav className="ds-palette" aria-label="Components">
      <h2>Components</h2>
      <p className="ds-hint">Drag onto the canvas, or press Enter to add in place.</p>
      <ul>
        {kindModules().map((k) => {
          const disabled = k.single && kindPresent(doc, k.kind);
          return (
            <li key={k.kind}>
              <button
                type="button"
                className={`ds-palette__item ds-palette__item--${k.kind}`}
                draggable={!disabled}
                disabled={disabled}
                data-testid={`palette-${k.kind}`}
                title={disabled ? `${k.label}: a scenario has one` : k.description}
                onDragStart={(e: DragEvent) => {
                  e.dataTransfer.setData(PALETTE_MIME, k.kind);
                  e.dataTransfer.effectAllowed = 'copy';
                }}
                onClick={() => add(k.kind)}
              >
                <span aria-hidden="true" className="ds-palette__glyph">
                  {k.glyph}
                </span>
                <span>
                  {k.label}
                  {k.notSimulated && <small> (not simulated yet)</small>}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      <h2>Notes</h2>
      <ul>
        {NOTE_KINDS.map((n) => (
          <li key={n.kind}>
            <button
              type="button"
              className={`ds-palette__item ds-palette__item--note-${n.kind}`}
              draggable
              data-testid={`palette-note-${n.kind}`}
              title={`${n.label}: on the canvas only (spec.canvas.notes); the CLI and the simulation ignore it`}
              onDragStart={(e: DragEvent) => {
                e.dataTransfer.setData(PALETTE_MIME, `${NOTE_PREFIX}${n.kind}`);
                e.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => addNote(n.kind)}
            >
              <span aria-hidden="true" className="ds-palette__glyph">
                {n.glyph}
              </span>
              <span>{n.label}</span>
            </button>
          </li>
        ))}
      </ul>
      <p className="ds-hint">
        Connect right handle → left handle. <kbd>Del</kbd> removes, <kbd>Ctrl</kbd>+<kbd>Z</kbd> undoes, <kbd>Ctrl</kbd>+<kbd>Enter</kbd> runs.
      </p>
    </nav>
  );
}

/** Memoized: a streamed result re-renders the results panel, not this. */
export const Palette = memo(PaletteImpl);

/** The palette of the app's design (its store). */
export function PalettePane() {
  const doc = useApp(selectSimDoc);
  const dispatch = useApp(selectDispatch);
  return <Palette doc={doc} dispatch={dispatch} />;
}
