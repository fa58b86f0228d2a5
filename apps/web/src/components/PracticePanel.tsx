/**
 * Practice mode: the prompt, its requirements, your estimates (claims) and, after Check, which
 * requirements the design meets, how close the estimates were, and the charts of your design's run.
 */
import type { RunResult, Scenario } from '@design-sim/sim-core';
import { Suspense, useState } from 'react';
import { LazyResultCharts } from '../charts/lazy-charts.ts';
import type { HistoryAction } from '../model/design-history.ts';
import { asObject, type PlainObject } from '../model/doc-path.ts';
import { requirementLines } from '../model/practice.ts';
import { CodeSpans } from './CodeSpans.tsx';
import { FieldControl } from './FieldControl.tsx';
import { ClaimsTable, ExpectationList } from './GradesTable.tsx';
import type { ScenarioIssue } from '@design-sim/sim-core';
import { useRunState } from '../hooks/useRunState.ts';
import type { RunStore } from '../model/run-store.ts';

interface Props {
  doc: PlainObject;
  errors: readonly ScenarioIssue[];
  result: RunResult | null;
  /** The scenario the result came from (its expectations draw the SLO and cost lines on the charts). */
  scenario?: Scenario | null;
  runKey: string | undefined;
  stale: boolean;
  store: RunStore;
  onPick: () => void;
  onCheck: () => void;
  /** Opens Compare with the reference answer as A and your design as B (your design is not replaced). */
  onReveal: (() => void) | null;
  dispatch: (action: HistoryAction) => void;
}

/** The practice panel. */
export function PracticePanel({ doc, errors, result, scenario = null, runKey, stale, store, onPick, onCheck, onReveal, dispatch }: Props) {
  // The report's charts have their own time cursor: the canvas is your design, not a result to scrub.
  const [cursor, setCursor] = useState<number | null>(null);
  const checking = useRunState(store, (s) => s.status === 'running');
  const meta = asObject(doc.metadata);
  const prompt = typeof meta.prompt === 'string' ? meta.prompt : null;
  const strongAnswer = typeof meta.strongAnswer === 'string' ? meta.strongAnswer.split('\n').filter((l) => l.trim() !== '') : [];
  const reqs = requirementLines(doc);
  return (
    <section className="ds-practice" aria-label="Practice" data-testid="practice">
      <div className="ds-row">
        <button type="button" className="ds-button" onClick={onPick}>
          Pick a prompt…
        </button>
        {onReveal && (
          <button type="button" className="ds-link" onClick={onReveal} data-testid="practice-compare-reference">
            Compare with the reference answer
          </button>
        )}
      </div>
      {prompt === null ? (
        <p className="ds-hint">Pick a prompt from the library: you get the question and its requirements, and design the answer on the canvas.</p>
      ) : (
        <>
          <blockquote className="ds-prompt">
            <CodeSpans text={prompt} />
          </blockquote>
          <h3>Requirements</h3>
          {reqs.length === 0 ? <p className="ds-hint">This prompt states no pass/fail requirement.</p> : <ul className="ds-reqs">{reqs.map((r) => <li key={r}><code>{r}</code></li>)}</ul>}
          <h3>Your estimates</h3>
          <FieldControl
            field={{ kind: 'field', key: ['claims'], label: 'One per line, e.g. gpus.peak: 70 or cost.monthly: 30000', input: 'claims' }}
            path={['spec', 'claims']}
            doc={doc}
            issues={errors}
            asOf={undefined}
            onChange={(path, value) => dispatch({ type: 'setField', path, value, coalesce: 'claims' })}
          />
          <div className="ds-row">
            <button type="button" className="ds-button ds-button--primary" onClick={onCheck} disabled={errors.length > 0 || checking} data-testid="practice-check">
              {checking ? 'Checking…' : 'Check my design'}
            </button>
            {errors.length > 0 && <span className="ds-runstatus__bad">Fix {errors.length === 1 ? 'the issue' : `the ${errors.length} issues`} shown in the inspector first.</span>}
          </div>
          {result && !stale && (
            <div className="ds-practice__report" data-testid="practice-report" data-run={runKey}>
              <h3>Requirements met</h3>
              <ExpectationList result={result} />
              <ClaimsTable result={result} />
              <h3>Your design over time</h3>
              <Suspense fallback={<p className="ds-hint">Loading charts…</p>}>
                <LazyResultCharts result={result} scenario={scenario} cursor={cursor} onCursor={setCursor} columns={2} height={11} />
              </Suspense>
              {strongAnswer.length > 0 && (
                <details className="ds-strong-answer" data-testid="strong-answer">
                  <summary>What a strong answer says</summary>
                  <ul>
                    {strongAnswer.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                </details>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}
