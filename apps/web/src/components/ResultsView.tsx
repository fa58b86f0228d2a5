/**
 * A run's results: summary cards, the charts (lazy), expectations, graded claims, cost breakdown
 * and warnings. Used by the results panel and by each column of compare mode.
 */
import type { RunResult, Scenario, ScenarioIssue } from '@design-sim/sim-core';
import { memo, Suspense } from 'react';
import { LazyResultCharts } from '../charts/lazy-charts.ts';
import { CostBreakdownView } from './CostBreakdownView.tsx';
import { ClaimsTable, ExpectationList } from './GradesTable.tsx';
import { SummaryCards } from './SummaryCards.tsx';

interface Props {
  result: RunResult;
  scenario: Scenario | null;
  warnings: readonly ScenarioIssue[];
  cursor: number | null;
  onCursor: (i: number | null) => void;
  compact?: boolean;
  /** Identifies the run shown (`data-run` on the panel, for tests and tools). */
  runKey?: string;
}

/** Everything a run produced, for people (memoized: edits to the design do not re-render it). */
export const ResultsView = memo(function ResultsView({ result, scenario, warnings, cursor, onCursor, compact = false, runKey }: Props) {
  return (
    <div className="ds-results" data-testid="results" data-run={runKey}>
      <SummaryCards result={result} />
      <Suspense fallback={<p className="ds-hint">Loading charts…</p>}>
        <LazyResultCharts result={result} scenario={scenario} cursor={cursor} onCursor={onCursor} columns={compact ? 1 : 2} height={compact ? 10.5 : 13.5} />
      </Suspense>
      <div className={compact ? '' : 'ds-results__grid'}>
        <div>
          <h3>Expectations</h3>
          <ExpectationList result={result} />
          <ClaimsTable result={result} />
        </div>
        <div>
          <CostBreakdownView result={result} />
        </div>
      </div>
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
