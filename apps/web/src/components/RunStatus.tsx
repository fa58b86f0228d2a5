/**
 * The run line: progress (with Cancel) while running, the last run's time, or why the design
 * cannot run. It subscribes to the run store itself: progress re-renders this line only.
 */
import { repeatsText } from '@design-sim/sim-core';
import { useRunState } from '../hooks/useRunState.ts';
import type { RunStore } from '../model/run-store.ts';

interface Props {
  store: RunStore;
  /** The key of the design as it is now (to tell whether the shown result is stale). */
  designKey: string;
  errorCount: number;
  onRun: () => void;
  onCancel: () => void;
}

/** Status of the simulation. */
export function RunStatus({ store, designKey, errorCount, onRun, onCancel }: Props) {
  const status = useRunState(store, (s) => s.status);
  const runId = useRunState(store, (s) => s.runId);
  const progress = useRunState(store, (s) => s.progress);
  const elapsedMs = useRunState(store, (s) => s.elapsedMs);
  const message = useRunState(store, (s) => s.message);
  const issues = useRunState(store, (s) => s.issues);
  const resultKey = useRunState(store, (s) => s.shown?.key ?? null);
  const stale = resultKey !== null && resultKey !== designKey;
  const pct = Math.round(progress * 100);
  return (
    <div className="ds-runstatus" role="status" aria-live="polite" data-testid="run-status" data-status={status} data-run-id={runId} data-stale={stale}>
      {status === 'running' ? (
        <>
          <span>Simulating… {pct}%</span>
          <progress max={100} value={pct} aria-label="Simulation progress" />
          <button type="button" className="ds-button ds-button--small" onClick={onCancel}>
            Cancel
          </button>
        </>
      ) : errorCount > 0 ? (
        <span className="ds-runstatus__bad">
          {errorCount === 1 ? '1 issue' : `${errorCount} issues`} to fix before the design can run (see the inspector).
        </span>
      ) : (
        <>
          {status === 'done' && elapsedMs !== null && <span>Simulated in {(elapsedMs / 1000).toFixed(2)} s.</span>}
          {status === 'failed' && <span className="ds-runstatus__bad">Run failed: {message}</span>}
          {status === 'idle' && message && <span>{message}.</span>}
          {stale && <span className="ds-runstatus__stale">The results below are from before your last edit.</span>}
          <button type="button" className="ds-button ds-button--small" onClick={onRun}>
            Run now
          </button>
        </>
      )}
      {issues.length > 0 && (
        <ul className="ds-issues">
          {issues.map((i, k) => (
            <li key={k}>
              {i.path && <code>{i.path}</code>} {i.message}
              {repeatsText(i.path, i.alsoAt ?? [])}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
