/** The run line: progress (with Cancel) while running, the last run's time, or why the design cannot run. */
import type { RunState } from '../model/run-state.ts';

interface Props {
  state: RunState;
  stale: boolean;
  errorCount: number;
  onRun: () => void;
  onCancel: () => void;
}

/** Status of the simulation. */
export function RunStatus({ state, stale, errorCount, onRun, onCancel }: Props) {
  const pct = Math.round(state.progress * 100);
  return (
    <div className="ds-runstatus" role="status" aria-live="polite" data-testid="run-status" data-status={state.status} data-run-id={state.runId} data-stale={stale}>
      {state.status === 'running' ? (
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
          {state.status === 'done' && state.elapsedMs !== null && <span>Simulated in {(state.elapsedMs / 1000).toFixed(2)} s.</span>}
          {state.status === 'failed' && <span className="ds-runstatus__bad">Run failed: {state.message}</span>}
          {state.status === 'idle' && state.message && <span>{state.message}.</span>}
          {stale && <span className="ds-runstatus__stale">The results below are from before your last edit.</span>}
          <button type="button" className="ds-button ds-button--small" onClick={onRun}>
            Run now
          </button>
        </>
      )}
      {state.issues.length > 0 && (
        <ul className="ds-issues">
          {state.issues.map((i, k) => (
            <li key={k}>
              {i.path && <code>{i.path}</code>} {i.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
