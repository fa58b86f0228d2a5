/** Summary cards, green or red against the scenario's expectations (neutral without one, and while a run that meets them so far streams). */
import type { RunResult } from '@design-sim/sim-core';
import { figureLength, splitValue, summaryCards } from '../results/summary-cards.ts';

const STATUS_TEXT = {
  pass: 'meets the expectation',
  fail: 'fails the expectation',
  neutral: 'no expectation',
  pending: 'meets the expectation so far',
  warn: 'meets the expectation, with a caveat',
  stale: 'no expectation, priced with a stale or undated price',
} as const;

/** The figure large (smaller when long), its unit word small beside it (textContent stays "33 sequences"). */
function CardValue({ value }: { value: string }) {
  const { figure, unit } = splitValue(value);
  return (
    <span className="ds-card__figure" data-length={figureLength(figure)}>
      {figure}
      {unit && <span className="ds-card__unit"> {unit}</span>}
    </span>
  );
}

/** The cards of a run. */
export function SummaryCards({ result }: { result: RunResult }) {
  return (
    <ul className="ds-cards" data-testid="summary-cards">
      {summaryCards(result).map((c) => (
        <li key={c.metric} className={`ds-card ds-card--${c.status}`} data-metric={c.metric} data-status={c.status} title={c.detail}>
          <div className="ds-card__label">
            {c.label}
            {c.basis && <span className="ds-card__basis">{c.basis}</span>}
          </div>
          <div className="ds-card__value" data-testid={`card-${c.metric}`} data-raw={c.raw === null ? '' : String(c.raw)}>
            <CardValue value={c.value} />
          </div>
          {c.more && (
            <div className="ds-card__more" data-testid={`card-${c.metric}-more`}>
              {c.more}
            </div>
          )}
          <div className="ds-card__detail">
            <span className="ds-visually-hidden">{STATUS_TEXT[c.status]}: </span>
            {c.detail}
          </div>
        </li>
      ))}
    </ul>
  );
}
