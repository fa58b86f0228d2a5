/**
 * A run's results: summary cards, the charts (lazy), expectations, graded claims, cost breakdown
 * and warnings. Used by the results panel and by each column of compare mode.
 */
import { shownDiagnostics, verdictOf, type RunResult, type Scenario, type ScenarioIssue } from '@design-sim/sim-core';
import { memo, Suspense, useLayoutEffect } from 'react';
import { afterNextPaint, mark, RESULT_SHOWN_MARK } from '../model/perf-marks.ts';
import { LazyResultCharts } from '../charts/lazy-charts.ts';
import { verdictStatus } from '../results/summary-cards.ts';
import { reasonBesideCause, verdictCause } from '../results/verdict-cause.ts';
import { CostBreakdownView } from './CostBreakdownView.tsx';
import { JobsView } from './JobsView.tsx';
import { TeamsView } from './TeamsView.tsx';
import { TrainingView } from './TrainingView.tsx';
import { ClaimsTable, ExpectationList } from './GradesTable.tsx';
import { SummaryCards } from './SummaryCards.tsx';

interface Props {
  result: RunResult;
  scenario: Scenario | null;
  warnings: readonly ScenarioIssue[];
  cursor: number | null;
  onCursor: (i: number | null) => void;
  compact?: boolean;
  /** False in compare mode, whose charts overlay both runs (CompareCharts). */
  charts?: boolean;
  /** Identifies the run shown (`data-run` on the panel, for tests and tools). */
  runKey?: string;
  /** Why the result no longer describes the design (it is greyed and labelled), or null. */
  stale?: string | null;
}

/** The run's verdict in one line, then the run's own findings (overload, nothing served…). */
export function Verdict({ result, scenario }: { result: RunResult; scenario: Scenario | null }) {
  const v = verdictOf(result);
  const cause = verdictCause(result, scenario);
  const partial = result.progress < 1;
  const warnings = shownDiagnostics(result).filter((d) => d.severity === 'warning');
  return (
    <div className={`ds-verdict is-${verdictStatus(result)}`} data-testid="verdict" data-pass={v.pass} data-partial={partial}>
      {cause && (
        <p className="ds-verdict__cause" data-testid="verdict-cause">
          {partial ? 'So far: ' : ''}
          {cause}
        </p>
      )}
      <strong>{partial ? `${v.pass ? '… passing so far' : '✗ failing so far'} (${Math.floor(result.progress * 100)}% simulated)` : `${!v.pass ? '✗' : v.caveat === null ? '✓' : '⚠'} ${v.label}`}</strong> {reasonBesideCause(result, cause)}
      {v.caveat !== null && <span data-testid="verdict-caveat">; but {v.caveat}</span>}
      {warnings.length > 0 && (
        <ul className="ds-verdict__warnings">
          {warnings.map((d) => (
            <li key={d.code}>{d.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Everything a run produced, for people (memoized: edits to the design do not re-render it). */
export const ResultsView = memo(function ResultsView({ result, scenario, warnings, cursor, onCursor, compact = false, charts = true, runKey, stale = null }: Props) {
  // Marked once the browser has painted it (a result replaced before its frame is never marked shown).
  useLayoutEffect(() => afterNextPaint(() => mark(RESULT_SHOWN_MARK, { run: runKey ?? null, progress: result.progress })), [result, runKey]);
  return (
    <div className={`ds-results${stale ? ' is-stale' : ''}`} data-testid="results" data-run={runKey} data-stale={stale !== null} data-progress={result.progress}>
      {stale && (
        <p className="ds-stale-label" data-testid="stale-label">
          <strong>Stale</strong> — {stale}. A new run replaces these figures.
        </p>
      )}
      <Verdict result={result} scenario={scenario} />
      <SummaryCards result={result} />
      {result.training && <TrainingView training={result.training} scenario={scenario} />}
      {charts && (
        <Suspense fallback={<p className="ds-hint">Loading charts…</p>}>
          <LazyResultCharts result={result} scenario={scenario} cursor={cursor} onCursor={onCursor} columns={compact ? 1 : 2} height={compact ? 10.5 : 13.5} />
        </Suspense>
      )}
      {result.progress < 1 ? (
        // While the run streams in, only cards, verdict and charts follow it: each snapshot re-renders less.
        <p className="ds-hint">Expectations, graded claims and the cost breakdown appear when the run completes.</p>
      ) : (
        <div className={compact ? '' : 'ds-results__grid'}>
          {/* Focusable: each column scrolls sideways when its table is wider than the panel. */}
          <div tabIndex={0} role="region" aria-label="Expectations and claims">
            <h3>Expectations</h3>
            <ExpectationList result={result} />
            <ClaimsTable result={result} />
          </div>
          <div tabIndex={0} role="region" aria-label="Cost breakdown">
            <CostBreakdownView result={result} />
            <TeamsView result={result} />
            <JobsView result={result} />
          </div>
        </div>
      )}
      {warnings.length > 0 && (
        <details className="ds-warnings">
          <summary>{warnings.length === 1 ? '1 warning' : `${warnings.length} warnings`}</summary>
          <ul>
            {warnings.map((w, k) => (
              <li key={k}>
                {w.path && <code>{w.path}</code>} {w.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
});
