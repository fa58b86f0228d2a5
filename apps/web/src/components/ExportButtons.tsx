/** Two small buttons, SVG and PNG, that save a picture of a chart or of the canvas. */
interface Props {
  /** What is saved, for the buttons' labels ("the canvas", "the Latency chart"). */
  what: string;
  onExport: (format: 'svg' | 'png') => void;
}

/** The export buttons. */
export function ExportButtons({ what, onExport }: Props) {
  return (
    <span className="ds-export" role="group" aria-label={`Save ${what} as a picture`}>
      {(['svg', 'png'] as const).map((f) => (
        <button key={f} type="button" className="ds-button ds-button--tiny" onClick={() => onExport(f)} aria-label={`Save ${what} as ${f.toUpperCase()}`} title={`Save ${what} as ${f.toUpperCase()}`} data-export={f}>
          {f.toUpperCase()}
        </button>
      ))}
    </span>
  );
}
