/**
 * The Optimize tab: pick the fields to vary and their ranges, the metric to minimize and the seeds,
 * then run sim-core's search (the one `design-sim optimize` runs) in simulator workers, with progress
 * and Cancel. The answer (OptimizeAnswer) loads any design it ran into the canvas in one undo step.
 */
import { getMetric, METRIC_NAMES, parsePath, type PathSegment, type Scenario } from '@design-sim/sim-core';
import { startTransition, useEffect, useMemo, useRef, useState } from 'react';
import { instanceOptions } from '../model/catalog-options.ts';
import type { HistoryAction } from '../model/design-history.ts';
import { getIn, type PlainObject } from '../model/doc-path.ts';
import { defaultRange, optimizeFields, type OptimizeField } from '../model/optimize-fields.ts';
import { cliCommand, variedFields, type VaryRow } from '../model/optimize-request.ts';
import { newSimWorker } from '../worker/new-sim-worker.ts';
import { optimizeWorkerCount, startOptimize, type OptimizeJob, type OptimizeOutcome, type OptimizeProgress } from '../worker/optimize-runner.ts';
import { OptimizeAnswer } from './OptimizeAnswer.tsx';

interface Props {
  doc: PlainObject;
  /** The parsed design (null while it has errors). */
  scenario: Scenario | null;
  /** The design's key (validate-design.ts): a search remembers it to tell when the design changed since. */
  designKey: string;
  fileName: string;
  selection: readonly string[];
  dispatch: (action: HistoryAction) => void;
}

type Row = VaryRow & { on: boolean };

type Status =
  | { kind: 'idle' }
  | { kind: 'running'; progress: OptimizeProgress }
  | { kind: 'done'; outcome: Extract<OptimizeOutcome, { kind: 'done' }>; key: string }
  | { kind: 'error'; message: string }
  | { kind: 'cancelled'; progress: OptimizeProgress | null };

/** Metrics one can minimize (every expect: metric except per-item cost lines). */
const MINIMIZE = METRIC_NAMES.filter((m) => getMetric(m)?.item !== 'required');

function newRow(f: OptimizeField): Row {
  return { fieldId: f.id, ...defaultRange(f), choices: typeof f.current === 'string' ? [f.current] : [], with: null, on: true };
}

/** The panel. */
export function OptimizePanel({ doc, scenario, designKey, fileName, selection, dispatch }: Props) {
  const fields = useMemo(() => {
    const all = optimizeFields(doc);
    const selected = all.filter((f) => selection.includes(f.nodeId));
    return [...selected, ...all.filter((f) => !selection.includes(f.nodeId))];
  }, [doc, selection]);
  const [rows, setRows] = useState<Record<string, Row>>({});
  const [minimize, setMinimize] = useState('cost.hourly');
  const [seeds, setSeeds] = useState('3');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [loaded, setLoaded] = useState<string | null>(null);
  const job = useRef<OptimizeJob | null>(null);
  const instances = useMemo(() => instanceOptions(), []);
  useEffect(() => () => job.current?.cancel(), []);

  const checked = fields.flatMap((f) => (rows[f.id]?.on ? [rows[f.id]!] : []));
  const request = variedFields(fields, checked);
  const seedCount = Number(seeds);
  const expectations = scenario?.spec.expect.length ?? 0;
  const running = status.kind === 'running';
  const update = (id: string, patch: Partial<Row>) => setRows((r) => ({ ...r, [id]: { ...r[id]!, ...patch } }));
  const toggle = (f: OptimizeField, on: boolean) => setRows((r) => ({ ...r, [f.id]: r[f.id] === undefined ? newRow(f) : { ...r[f.id]!, on } }));

  const run = () => {
    if (scenario === null || !request.ok) return;
    job.current?.cancel();
    setLoaded(null);
    const key = designKey;
    const j = startOptimize({ doc, scenario, fileName, fields: request.fields, minimize, seeds: seedCount }, newSimWorker, optimizeWorkerCount(navigator.hardwareConcurrency), (progress) =>
      startTransition(() => setStatus({ kind: 'running', progress })),
    );
    job.current = j;
    void j.outcome.then((o) => {
      if (job.current !== j) return;
      job.current = null;
      // The answer (tables, the frontier) renders as a transition: React yields to input while it draws.
      if (o.kind === 'done') startTransition(() => setStatus({ kind: 'done', outcome: o, key }));
      else if (o.kind === 'invalid') setStatus({ kind: 'error', message: o.message });
      else setStatus((s) => ({ kind: 'cancelled', progress: s.kind === 'running' ? s.progress : null }));
    });
  };

  const load = (values: Record<string, unknown>, what: string) => {
    const edits = Object.entries(values).flatMap(([p, value]) => {
      const path = parsePath(p);
      return path === undefined ? [] : [{ path, value }];
    });
    dispatch({ type: 'setFields', edits });
    setLoaded(what);
  };

  const current = (values: Record<string, unknown>) =>
    Object.fromEntries(Object.keys(values).map((p) => [p, getIn(doc, parsePath(p) ?? ([] as PathSegment[]))]));

  return (
    <div className="ds-optimize" data-testid="optimize-panel" data-status={status.kind}>
      <p className="ds-hint">
        Finds the design with the least <code>{minimize}</code> that meets every <code>expect:</code> line on each of {Number.isFinite(seedCount) ? seedCount : '?'} seeds: the search{' '}
        <code>design-sim optimize</code> runs (fields that add capacity monotonically are bisected, others tried value by value), each run in a simulator worker.
      </p>
      {scenario === null && <p className="ds-stale-label">Fix the design&apos;s errors first: a search needs a design that validates.</p>}
      {scenario !== null && expectations === 0 && (
        <p className="ds-stale-label">This design has no expect: lines, so every design is feasible and the search only minimizes {minimize}. Add one in the inspector (Scenario → Expectations).</p>
      )}
      <table className="ds-table ds-opt-fields">
        <caption>Fields to vary{selection.length > 0 ? ' (the selected component’s first)' : ''}</caption>
        <thead>
          <tr>
            <th scope="col">vary</th>
            <th scope="col">field</th>
            <th scope="col">now</th>
            <th scope="col">values</th>
            <th scope="col">together with</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => {
            const row = rows[f.id];
            const on = row?.on === true;
            const leaders = checked.filter((r) => r.fieldId !== f.id && r.with === null);
            // A link to a row that is no longer ticked does nothing (variedFields): show the field's own range.
            const linkedTo = row?.with != null && checked.some((r) => r.fieldId === row.with) ? row.with : null;
            return (
              <tr key={f.id} data-field={f.id} className={on ? 'is-on' : undefined}>
                <td>
                  <input type="checkbox" checked={on} disabled={running} onChange={(e) => toggle(f, e.target.checked)} aria-label={`Vary ${f.label}`} data-testid="vary-toggle" />
                </td>
                <th scope="row">
                  {f.label}
                  <br />
                  <code className="ds-opt-path">{f.id}</code>
                </th>
                <td>{f.current === undefined ? '—' : String(f.current)}</td>
                <td>
                  {on && linkedTo === null && f.kind !== 'instance' && (
                    <span className="ds-opt-range">
                      <label>
                        from <input className="ds-opt-input" inputMode="decimal" value={row.from} disabled={running} onChange={(e) => update(f.id, { from: e.target.value })} data-testid="vary-from" />
                      </label>
                      <label>
                        to <input className="ds-opt-input" inputMode="decimal" value={row.to} disabled={running} onChange={(e) => update(f.id, { to: e.target.value })} data-testid="vary-to" />
                      </label>
                      <label>
                        step <input className="ds-opt-input" inputMode="decimal" value={row.step} disabled={running} onChange={(e) => update(f.id, { step: e.target.value })} data-testid="vary-step" />
                      </label>
                    </span>
                  )}
                  {on && linkedTo === null && f.kind === 'instance' && (
                    <select
                      multiple
                      size={4}
                      className="ds-opt-input ds-opt-instances"
                      aria-label={`Instance types to try for ${f.label}`}
                      value={row.choices}
                      disabled={running}
                      onChange={(e) => update(f.id, { choices: [...e.target.selectedOptions].map((o) => o.value) })}
                      data-testid="vary-instances"
                    >
                      {instances.map((i) => (
                        <option key={i.id} value={i.id}>
                          {i.label}
                        </option>
                      ))}
                    </select>
                  )}
                  {on && linkedTo !== null && <span className="ds-hint">the values of {fields.find((x) => x.id === linkedTo)?.label ?? linkedTo}</span>}
                </td>
                <td>
                  {on && (
                    <select className="ds-opt-input" value={linkedTo ?? ''} disabled={running} onChange={(e) => update(f.id, { with: e.target.value === '' ? null : e.target.value })} aria-label={`Vary ${f.label} together with`} data-testid="vary-with">
                      <option value="">its own values</option>
                      {leaders.map((r) => (
                        <option key={r.fieldId} value={r.fieldId}>
                          {fields.find((x) => x.id === r.fieldId)?.label}
                        </option>
                      ))}
                    </select>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="ds-opt-controls">
        <label>
          Minimize{' '}
          <select className="ds-opt-input" value={minimize} disabled={running} onChange={(e) => setMinimize(e.target.value)} data-testid="optimize-minimize">
            {MINIMIZE.map((m) => (
              <option key={m} value={m}>
                {m} ({getMetric(m)?.unit})
              </option>
            ))}
          </select>
        </label>
        <label>
          Seeds <input className="ds-opt-input ds-opt-seeds" inputMode="numeric" value={seeds} disabled={running} onChange={(e) => setSeeds(e.target.value)} data-testid="optimize-seeds" />
        </label>
        {running ? (
          <button type="button" className="ds-button" onClick={() => job.current?.cancel()} data-testid="optimize-cancel">
            Cancel
          </button>
        ) : (
          <button type="button" className="ds-button ds-button--primary" disabled={scenario === null || !request.ok} onClick={run} data-testid="optimize-run">
            Optimize
          </button>
        )}
      </div>
      {!request.ok && checked.length > 0 && <p className="ds-field-error" data-testid="optimize-input-error">{request.message}</p>}
      {request.ok && (
        <p className="ds-hint">
          The same search from a terminal: <code data-testid="optimize-cli">{cliCommand(fileName, request.fields, minimize, seedCount, checked, fields)}</code>
        </p>
      )}
      {status.kind === 'running' && (
        <p className="ds-opt-progress" role="status" data-testid="optimize-progress" data-runs={status.progress.runs} data-grid={status.progress.gridRuns}>
          <progress value={status.progress.runs} max={status.progress.gridRuns} /> {status.progress.runs} runs evaluated of a {status.progress.gridRuns}-run grid ({status.progress.gridDesigns} designs × {seedCount} seeds); the search skips most of
          it.
        </p>
      )}
      {status.kind === 'cancelled' && <p className="ds-hint" data-testid="optimize-cancelled">Cancelled{status.progress ? ` after ${status.progress.runs} runs` : ''}.</p>}
      {status.kind === 'error' && (
        <p className="ds-field-error" role="alert" data-testid="optimize-error">
          {status.message}
        </p>
      )}
      {loaded !== null && (
        <p className="ds-notice-inline" role="status" data-testid="optimize-loaded">
          Loaded {loaded} into the canvas (Undo brings back the design before).
        </p>
      )}
      {status.kind === 'done' && (
        <>
          {status.key !== designKey && <p className="ds-hint">The design has changed since this search ran; loading a design sets only the fields it varied.</p>}
          <OptimizeAnswer result={status.outcome.result} current={current(status.outcome.result.designs[0]?.values ?? {})} elapsedMs={status.outcome.elapsedMs} onLoad={load} />
        </>
      )}
    </div>
  );
}
