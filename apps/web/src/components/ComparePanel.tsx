/**
 * Compare mode: a pinned variant A (a snapshot of the design) against the current design B, with
 * the metric differences in their units, the charts of both on shared axes (A dashed, B solid) and
 * both sets of cards side by side. Quick variants turn B into
 * a common alternative in one undoable step (another instance type, 50% spot, all on-demand).
 */
import type { RunResult, Scenario } from '@design-sim/sim-core';
import { Suspense, useEffect, useMemo, useState } from 'react';
import { LazyCompareCharts } from '../charts/lazy-charts.ts';
import { instanceOptions } from '../model/catalog-options.ts';
import type { HistoryAction } from '../model/design-history.ts';
import { asArray, asObject, setIn, type PlainObject } from '../model/doc-path.ts';
import { withoutCanvas } from '../model/scenario-yaml.ts';
import { useValidation } from '../hooks/useValidation.ts';
import type { Validator } from '../worker/validation-client.ts';
import { compareRows, formatInUnit } from '../results/compare-diff.ts';
import { useRunState } from '../hooks/useRunState.ts';
import { useSimulation } from '../hooks/useSimulation.ts';
import { createSimClient } from '../worker/sim-client.ts';
import { newSimWorker } from '../worker/new-sim-worker.ts';
import { ResultsView } from './ResultsView.tsx';
import type { Baseline } from '../state/variants-slice.ts';

export type { Baseline } from '../state/variants-slice.ts';

interface Props {
  baseline: Baseline | null;
  doc: PlainObject;
  current: { result: RunResult | null; scenario: Scenario | null; stale: boolean; runKey: string | undefined };
  onPin: () => void;
  dispatch: (action: HistoryAction) => void;
  validator: Validator;
}

const EMPTY: PlainObject = { spec: {} };

function mapPools(doc: PlainObject, f: (pool: PlainObject) => PlainObject): HistoryAction {
  const pools = asArray(asObject(doc.spec).nodePools).map((p) => f(asObject(p)));
  return { type: 'setField', path: ['spec', 'nodePools'], value: pools };
}

/** The compare panel. */
export function ComparePanel({ baseline, doc, current, onPin, dispatch, validator }: Props) {
  const [client] = useState(() => createSimClient(newSimWorker));
  useEffect(() => () => client.dispose(), [client]);
  const baseDoc = useMemo(() => withoutCanvas(baseline?.doc ?? EMPTY), [baseline]);
  const validation = useValidation(baseDoc, 'variant-a.yaml', validator);
  const sim = useSimulation(client, validation, 'variant-a.yaml', { autoRun: baseline !== null, debounceMs: 0 });
  const [cursor, setCursor] = useState<number | null>(null);
  const instances = useMemo(() => instanceOptions(), []);
  const shownA = useRunState(sim.store, (s) => s.shown);
  // A is graded only when its run is complete: a streamed snapshot would compare part of A's horizon with all of B's.
  const a = shownA !== null && shownA.result.progress === 1 ? shownA.result : null;
  const progressA = useRunState(sim.store, (s) => s.progress);
  const b = current.result;
  const rows = a && b ? compareRows(a, b) : [];

  return (
    <section className="ds-compare" aria-label="Compare variants" data-testid="compare">
      <div className="ds-row ds-compare__bar">
        <button type="button" className="ds-button" onClick={onPin}>
          {baseline ? 'Re-pin the current design as A' : 'Pin the current design as A'}
        </button>
        <span className="ds-hint">Then change the design (B), or use a quick variant:</span>
        <button type="button" className="ds-button ds-button--small" onClick={() => dispatch(mapPools(doc, (p) => setIn(p, ['spotShare'], 0.5)))}>
          B: 50% spot
        </button>
        <button type="button" className="ds-button ds-button--small" onClick={() => dispatch(mapPools(doc, (p) => setIn(p, ['spotShare'], undefined)))}>
          B: all on-demand
        </button>
        <label className="ds-inline">
          B: every pool on{' '}
          <select
            value=""
            aria-label="Set every pool's instance type"
            onChange={(e) => e.target.value !== '' && dispatch(mapPools(doc, (p) => setIn(p, ['instance'], e.target.value)))}
          >
            <option value="">choose an instance…</option>
            {instances.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {baseline === null ? (
        <p className="ds-hint">Pin a design as variant A to compare the current design against it.</p>
      ) : (
        <>
          {rows.length > 0 && (
            <table className="ds-table ds-diff" data-testid="compare-diff">
              <caption>
                A = {baseline.label}; B = the current design{current.stale ? ' (B results are not final yet: from before your last edit, or still running)' : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Metric</th>
                  <th scope="col">A</th>
                  <th scope="col">B</th>
                  <th scope="col">B − A</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const better = r.delta === null || r.delta === 0 ? '' : (r.delta < 0) === r.lowerIsBetter ? 'is-better' : 'is-worse';
                  return (
                    <tr key={r.metric} data-metric={r.metric}>
                      <th scope="row">{r.label}</th>
                      <td>{formatInUnit(r.unit, r.a)}</td>
                      <td>{formatInUnit(r.unit, r.b)}</td>
                      <td className={better}>{formatInUnit(r.unit, r.delta, true)}</td>
                      <td className={better}>{r.deltaPct === null ? '—' : `${r.deltaPct > 0 ? '+' : ''}${r.deltaPct.toFixed(1)}%`}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {a && b && (a.timeseries !== null || b.timeseries !== null) && (
            <Suspense fallback={<p className="ds-hint">Loading charts…</p>}>
              <h3>A and B over time (A dashed, B solid)</h3>
              {/* Aligned: the plot areas of a row line up even when one chart's title wraps (styles.css). */}
              <div className="ds-compare__charts">
                <LazyCompareCharts a={a} b={b} scenarioA={shownA?.scenario ?? null} scenarioB={current.scenario} cursor={cursor} onCursor={setCursor} />
              </div>
            </Suspense>
          )}
          <div className="ds-compare__cols">
            <div>
              <h3>A — {baseline.label}</h3>
              {a ? (
                <ResultsView result={a} scenario={shownA?.scenario ?? null} warnings={[]} cursor={cursor} onCursor={setCursor} compact charts={false} runKey={`a-${shownA?.runId ?? 0}`} />
              ) : (
                <p className="ds-hint">{validation.scenario === null && !validation.pending ? 'Variant A does not validate.' : `Simulating A… ${Math.round(progressA * 100)}%`}</p>
              )}
            </div>
            <div>
              <h3>B — current design</h3>
              {b ? <ResultsView result={b} scenario={current.scenario} warnings={[]} cursor={cursor} onCursor={setCursor} compact charts={false} {...(current.runKey ? { runKey: current.runKey } : {})} /> : <p className="ds-hint">Run the current design.</p>}
            </div>
          </div>
        </>
      )}
    </section>
  );
}
