/** A catalog price with its source key, date and link (http(s) links only). */
import type { PriceNote } from '../model/catalog-options.ts';

/** Renders "label $x/h — source SOURCE, observed date" and a STALE flag (with why on hover) when stale. */
export function PriceNoteView({ label, note }: { label: string; note: PriceNote | null }) {
  if (note === null) return <div className="ds-price">{label}: price unknown in the catalog</div>;
  const safe = note.url !== null && /^https?:\/\//.test(note.url) ? note.url : null;
  return (
    <div className="ds-price">
      {label} <strong>${note.usdPerHour}/h</strong> — source{' '}
      {safe ? (
        <a href={safe} target="_blank" rel="noopener noreferrer">
          {note.source}
        </a>
      ) : (
        note.source
      )}
      , observed {note.observed}
      {note.stale !== null && (
        <span className="ds-stale" title={note.stale}>
          {' '}
          STALE
        </span>
      )}
    </div>
  );
}
