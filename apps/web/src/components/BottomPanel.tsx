/**
 * The panel under the canvas: the run line, and the open tab's view — results, compare, optimize
 * or practice. It reads the tab, the time cursor and the pinned variants from the app store.
 */
import { lazy, Suspense } from 'react';
import type { Simulation } from '../hooks/useSimulation.ts';
import { useShownRun } from '../hooks/useShownRun.ts';
import type { ShownResult } from '../model/run-state.ts';
import type { AppActions } from '../state/app-actions.ts';
import { useApp } from '../state/app-store.ts';
import { selectDispatch, selectFileName, selectSelection, selectSimDoc } from '../state/design-slice.ts';
import type { DesignValidation } from '../model/validate-design.ts';
import type { Validator } from '../worker/validation-client.ts';
import { LazyComparePanel as ComparePanel, LazyPracticePanel as PracticePanel } from './lazy-panes.ts';
import { ResultsView } from './ResultsView.tsx';
import { RunStatus } from './RunStatus.tsx';
import { ScenarioBrief } from './ScenarioBrief.tsx';

// The Optimize tab loads on demand; once opened it stays mounted (hidden) so a search survives a tab switch.
const OptimizePanel = lazy(() => import('./OptimizePanel.tsx').then((m) => ({ default: m.OptimizePanel })));

/** `data-run` of a shown result: the run id, with `-partial` while it is a snapshot of a run in progress. */
function runKeyOf(s: ShownResult): string {
  return `main-${s.runId}${s.result.progress < 1 ? '-partial' : ''}`;
}

interface Props {
  validation: DesignValidation;
  sim: Simulation;
  validator: Validator;
  actions: AppActions;
}

const NO_SELECTION: readonly string[] = [];

const LABEL = { design: 'Results', compare: 'Compare', optimize: 'Optimize', practice: 'Practice' } as const;

/** The bottom panel. */
export function BottomPanel({ validation, sim, validator, actions }: Props) {
  // The document without canvas positions: moving a node or a note re-renders none of these views.
  const doc = useApp(selectSimDoc);
  const fileName = useApp(selectFileName);
  const dispatch = useApp(selectDispatch);
  const optimizeOpened = useApp((s) => s.optimizeOpened);
  // Optimize lists the selected component's fields first; only it reads the selection.
  const selection = useApp((s) => (s.optimizeOpened ? selectSelection(s) : NO_SELECTION));
  const mode = useApp((s) => s.mode);
  const cursor = useApp((s) => s.cursor);
  const setCursor = useApp((s) => s.setCursor);
  const setDialog = useApp((s) => s.setDialog);
  const baseline = useApp((s) => s.baseline);
  const hasReference = useApp((s) => s.practiceRef !== null);
  const { shown, result, staleWhy, unfinished } = useShownRun(sim.store, validation, doc);
  const stale = staleWhy !== null;
  return (
    <section className="ds-bottom" aria-label={LABEL[mode]}>
      {mode === 'design' && <ScenarioBrief doc={doc} />}
      <RunStatus store={sim.store} designKey={validation.key} errorCount={validation.errors.length} onRun={sim.run} onCancel={sim.cancel} />
      {mode === 'design' &&
        (shown ? (
          <ResultsView result={shown.result} scenario={shown.scenario} warnings={shown.warnings} cursor={cursor} onCursor={setCursor} runKey={runKeyOf(shown)} stale={staleWhy} />
        ) : (
          <p className="ds-hint">Results appear here after a run: charts over time, summary cards and the cost breakdown.</p>
        ))}
      {mode === 'compare' && (
        <Suspense fallback={<p className="ds-hint">Loading…</p>}>
          <ComparePanel
            baseline={baseline}
            doc={doc}
            current={{ result, scenario: shown?.scenario ?? null, stale: stale || unfinished, runKey: shown ? runKeyOf(shown) : undefined }}
            onPin={actions.pin}
            dispatch={dispatch}
            validator={validator}
          />
        </Suspense>
      )}
      {optimizeOpened && (
        <div hidden={mode !== 'optimize'}>
          <Suspense fallback={<p className="ds-hint">Loading the optimizer…</p>}>
            <OptimizePanel doc={doc} scenario={validation.scenario} designKey={validation.key} fileName={fileName} selection={selection} dispatch={dispatch} />
          </Suspense>
        </div>
      )}
      {mode === 'practice' && (
        <Suspense fallback={<p className="ds-hint">Loading…</p>}>
          <PracticePanel
            doc={doc}
            errors={validation.errors}
            result={result}
            scenario={shown?.scenario ?? null}
            runKey={shown ? runKeyOf(shown) : undefined}
            stale={stale || unfinished}
            store={sim.store}
            onPick={() => setDialog('practice')}
            onCheck={sim.run}
            onReveal={hasReference ? actions.compareWithReference : null}
            dispatch={dispatch}
          />
        </Suspense>
      )}
    </section>
  );
}
