/** A catalog price with its source key, date and link (http(s) links only). */
import type { PriceNote } from '../model/catalog-options.ts';

/** Renders "label $x/h — SOURCE, date". */
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
      , {note.sourceDate}
    </div>
  );
}
