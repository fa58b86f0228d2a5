/**
 * A note on the canvas: a free-text caption or a sticky note. Its text is edited in place (a plain
 * textarea: text, never HTML); typing coalesces into one undo step. Drag it by its edge or header.
 */
import type { NodeProps } from '@xyflow/react';
import { createContext, memo, useContext } from 'react';
import { noteTextPath, type NoteNode } from '../model/canvas-notes.ts';
import type { HistoryAction } from '../model/design-history.ts';

/** The design's dispatch, for nodes that edit the document themselves (notes). */
export const CanvasDispatchContext = createContext<(action: HistoryAction) => void>(() => undefined);

function NoteNodeViewImpl({ id, data, selected }: NodeProps<NoteNode>) {
  const dispatch = useContext(CanvasDispatchContext);
  return (
    <div className={`ds-note ds-note--${data.kind}${selected ? ' is-selected' : ''}`} data-testid={`node-${id}`}>
      <div className="ds-note__grip" aria-hidden="true">
        {data.kind === 'sticky' ? 'sticky note' : 'note'}
      </div>
      <textarea
        className="ds-note__text nodrag nowheel"
        value={data.text}
        rows={data.kind === 'sticky' ? 5 : 2}
        aria-label={data.kind === 'sticky' ? 'Sticky note text' : 'Note text'}
        onChange={(e) => dispatch({ type: 'setField', path: noteTextPath(data.key), value: e.target.value, coalesce: id })}
      />
    </div>
  );
}

/** Memoized like the component nodes. */
export const NoteNodeView = memo(NoteNodeViewImpl);
