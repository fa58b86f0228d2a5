/**
 * The optimizer's answer for people: the best design (its values against the design's own, the
 * minimized metric, the binding constraint with its margin and what one step less capacity gives), or,
 * when nothing is feasible, the closest design and the expectations it failed; the frontier chart; and
 * every design run. Picking a design (button or frontier point) loads it in one undo step.
 */
import { designUnpricedObjective, designVerdict, nothingOfferedCaveat, onStalePrices, stalePricesCaveat, unservedCaveat, type DesignSummary, type FrontierPoint, type Neighbour, type OptimizeResult } from '@design-sim/sim-core';
import { FrontierChart } from '../charts/FrontierChart.tsx';
import { metricWithUnit } from '../results/metric-text.ts';

interface Props {
  result: OptimizeResult;
  /** The design's current value of each varied path. */
  current: Record<string, unknown>;
  elapsedMs: number;
  onLoad: (values: Record<string, unknown>, what: string) => void;
}

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** `a = 1, b = x` */
export function designText(labels: Record<string, unknown>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k} = ${show(v)}`)
    .join(', ');
}

function ValuesTable({ d, current }: { d: DesignSummary; current: Record<string, unknown> }) {
  return (
    <table className="ds-table ds-opt-values" data-testid="optimize-values">
      <thead>
        <tr>
          <th scope="col">field</th>
          <th scope="col">chosen</th>
          <th scope="col">in the design now</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(d.values).map(([path, v]) => (
          <tr key={path} data-path={path}>
            <th scope="row">
              <code>{path}</code>
            </th>
            <td data-testid="optimize-value">{show(v)}</td>
            <td>{current[path] === undefined ? 'default' : show(current[path])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Expectations({ d }: { d: DesignSummary }) {
  return (
    <ul className="ds-opt-expectations">
      {d.errors.map((e, k) => (
        <li key={`e${k}`} className="is-fail">
          ✗ {e.message} (seed {e.seed})
        </li>
      ))}
      {d.expectations.map((e) => (
        <li key={e.text} className={!e.pass ? 'is-fail' : e.caveat === undefined ? 'is-pass' : 'is-warn'} data-testid={e.pass ? undefined : 'optimize-failed'}>
          {!e.pass ? '✗' : e.caveat === undefined ? '✓' : '⚠'} <code>{e.text}</code>: {metricWithUnit(e.metric, e.worst)} at the worst seed ({e.worstSeed}){e.caveat !== undefined && `, ${e.caveat}`}
          {!e.pass && `, fails on seed${e.failedSeeds.length === 1 ? '' : 's'} ${e.failedSeeds.join(', ')}`}
        </li>
      ))}
    </ul>
  );
}

function neighbourText(n: Neighbour, binding: { text: string; metric: string } | null): string {
  const step = `One step less capacity (${n.dimension} = ${show(n.value)})`;
  if (!n.evaluated) return `${step} was not run: a design with less capacity elsewhere already settled it.`;
  if (n.feasible) return `${step} also meets every expectation.`;
  const gives = n.bindingWorst === null || binding === null ? '' : `gives ${metricWithUnit(binding.metric, n.bindingWorst)} and `;
  if (n.failed === null) return `${step} ${gives}fails: ${n.errors[0] === undefined ? 'see its runs' : `${n.errors[0].message} (seed ${n.errors[0].seed})`}.`;
  if (n.failed.text === binding?.text) return `${step} ${gives}fails it on seed ${n.failed.seed}.`;
  return `${step} ${gives}fails ${n.failed.text} on seed ${n.failed.seed} (${metricWithUnit(n.failed.metric, n.failed.worst)}).`;
}

const STATUS: Readonly<Record<DesignSummary['status'], string>> = { feasible: '✓', infeasible: '✗', unconfirmed: '✓ first seed' };

/** The answer. */
export function OptimizeAnswer({ result: r, current, elapsedMs, onLoad }: Props) {
  const best = r.best;
  const latencyText = r.frontier?.expectation;
  const limit = latencyText === undefined ? null : (r.designs[0]?.expectations.find((e) => e.text === latencyText)?.expected ?? null);
  const pick = (p: FrontierPoint) => onLoad(p.values, designText(p.labels));
  const unit = r.seeds.length === 1 ? 'seed' : 'seeds';
  const unserved = best === null ? null : unservedCaveat(best);
  const nothingOffered = best === null ? null : nothingOfferedCaveat(best);
  const stale = best === null ? null : stalePricesCaveat(best, r.minimize);
  // sim-core's verdict of the best design: a plain PASS only when it carries no caveat at all.
  const plain = best === null || designVerdict(best, r.minimize).label === 'PASS';
  // sim-core's rule, as the CLI's: a least lower bound (a bill that lacks prices) is not the cheapest design.
  const unpriced = designUnpricedObjective(r.designs, r.minimize);
  if (unpriced !== null) {
    return (
      <div className="ds-opt-answer" data-testid="optimize-answer" data-feasible={false}>
        <div className="ds-verdict is-fail" data-testid="optimize-unpriced">
          <p>
            <strong>✗ No answer:</strong> {unpriced}.
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="ds-opt-answer" data-testid="optimize-answer" data-feasible={r.feasible}>
      <p className="ds-hint" data-testid="optimize-runs">
        {r.evaluated.runs} runs ({r.evaluated.designs} designs) of a {r.grid.runs}-run grid ({r.grid.designs} designs × {r.seeds.length} {unit}), in {(elapsedMs / 1000).toFixed(1)} s.
      </p>
      {best !== null ? (
        <div className={`ds-verdict ${plain ? 'is-pass' : 'is-warn'}`}>
          <p>
            <strong>{plain ? '✓' : '⚠'} Best design: {designText(best.labels)}</strong> — {r.minimize} {metricWithUnit(r.minimize, best.objective)} (mean of the {unit} {r.seeds.join(', ')}).
          </p>
          {unserved !== null && <p data-testid="optimize-unserved">It meets every expectation, with unserved requests: {unserved}.</p>}
          {nothingOffered !== null && <p data-testid="optimize-nothing-offered">It meets every expectation, with nothing offered after the warm-up: {nothingOffered}.</p>}
          {stale !== null && <p data-testid="optimize-stale-prices">The choice may not hold at today's prices: {stale}.</p>}
          <ValuesTable d={best} current={current} />
          {best.binding !== null && (
            <p data-testid="optimize-binding">
              Binding constraint: <code>{best.binding.text}</code>: {metricWithUnit(best.binding.metric, best.binding.worst)} on seed {best.binding.worstSeed}, {Math.abs(best.binding.margin * 100).toFixed(1)}%{' '}
              {best.binding.op === '<' || best.binding.op === '<=' ? 'under' : 'over'} the limit ({metricWithUnit(best.binding.metric, Math.abs(best.binding.slack))} of room).
            </p>
          )}
          {best.neighbours.map((n) => (
            <p key={n.dimension}>{neighbourText(n, best.binding)}</p>
          ))}
          <Expectations d={best} />
          <button type="button" className="ds-button ds-button--primary" data-testid="optimize-load-best" onClick={() => onLoad(best.values, designText(best.labels))}>
            Load this design
          </button>
        </div>
      ) : (
        <div className="ds-verdict is-fail" data-testid="optimize-infeasible">
          <p>
            <strong>✗ No design in the range meets every expectation on every seed.</strong>
          </p>
          {r.closest !== null ? (
            <>
              <p>
                Closest: <strong>{designText(r.closest.labels)}</strong>, which fails:
              </p>
              <Expectations d={r.closest} />
              <ValuesTable d={r.closest} current={current} />
              <button type="button" className="ds-button" data-testid="optimize-load-closest" onClick={() => onLoad(r.closest!.values, designText(r.closest!.labels))}>
                Load the closest design
              </button>
            </>
          ) : (
            <p>No design ran to an answer.</p>
          )}
          <p className="ds-hint">Widen the ranges (more capacity), vary another field, or relax the expectation.</p>
        </div>
      )}
      {r.frontier !== null && r.frontier.points.length > 0 ? (
        <FrontierChart frontier={r.frontier} limit={limit} best={best?.values ?? null} onPick={pick} />
      ) : (
        <p className="ds-hint">No frontier: the design has no latency expectation, or no design run met the other expectations.</p>
      )}
      <details className="ds-opt-designs">
        <summary>Every design run ({r.designs.length})</summary>
        <table className="ds-table">
          <thead>
            <tr>
              {r.dimensions.map((d) => (
                <th key={d.label} scope="col">
                  {d.label}
                </th>
              ))}
              <th scope="col">{r.minimize}</th>
              <th scope="col">{unit} run</th>
              <th scope="col">meets every expectation</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {r.designs.map((d) => (
              <tr key={d.design.join(',')}>
                {r.dimensions.map((dim) => (
                  <td key={dim.label}>{show(d.labels[dim.label])}</td>
                ))}
                <td>
                  {metricWithUnit(r.minimize, d.metrics[r.minimize])}
                  {onStalePrices(d, r.minimize) && ' (stale or undated price)'}
                </td>
                <td>{d.seeds.join(', ')}</td>
                <td>{STATUS[d.status]}</td>
                <td>
                  <button type="button" className="ds-button ds-button--small" onClick={() => onLoad(d.values, designText(d.labels))}>
                    Load
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
