/**
 * Expectations (pass/fail) and claims (the learner's estimates, graded ok / off / way-off by
 * sim-core's `gradeClaims`, the same bands as the CLI: within 10% is ok, within 50% off). A large miss
 * also shows its ratio ("7.6× too low"); a claim the scenario marks not modelled shows the reason
 * instead of a grade.
 */
import { CLAIM_BANDS_TEXT, claimErrorText, claimRatioText, formatMetricValue, getMetric, type ClaimGrade, type RunResult } from '@design-sim/sim-core';

function show(metric: string, v: number | null): string {
  if (v === null || Number.isNaN(v)) return 'no value';
  const info = getMetric(metric);
  return info ? formatMetricValue(info, v) : String(v);
}

/** The expectations of a run. */
export function ExpectationList({ result }: { result: RunResult }) {
  if (result.expectations.length === 0) return <p className="ds-hint">The scenario has no expectations (add them in the scenario panel).</p>;
  return (
    <ul className="ds-expectations" data-testid="expectations">
      {result.expectations.map((e, k) => (
        <li key={k} className={!e.pass ? 'is-fail' : e.caveat === undefined ? 'is-pass' : 'is-warn'} data-pass={e.pass}>
          <span aria-hidden="true">{!e.pass ? '✗' : e.caveat === undefined ? '✓' : '!'}</span> <span className="ds-visually-hidden">{!e.pass ? 'fail' : e.caveat === undefined ? 'pass' : 'pass, with a caveat'}</span> <code>{e.text}</code> — actual {show(e.metric, e.actual)}
          {e.reason && ` (${e.reason})`}
          {e.caveat && ` (${e.caveat})`}
        </li>
      ))}
    </ul>
  );
}

const VERDICT = { ok: 'ok', off: 'off', 'way-off': 'way off', unknown: 'no value', 'not-modelled': 'not modelled' } as const;

/** "−91.2% (11× too low)": the error, with the ratio for a large miss. */
function errorText(c: ClaimGrade): string {
  const pct = claimErrorText(c);
  if (pct === null) return '—';
  const ratio = claimRatioText(c);
  return ratio === null ? pct : `${pct} (${ratio})`;
}

/** The graded claims of a run. */
export function ClaimsTable({ result }: { result: RunResult }) {
  if (result.claims.length === 0) return null;
  return (
    <table className="ds-table" data-testid="claims">
      <caption>
        Your estimates, graded ({CLAIM_BANDS_TEXT})
      </caption>
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col">Claimed</th>
          <th scope="col">Simulated</th>
          <th scope="col">Error</th>
          <th scope="col">Grade</th>
        </tr>
      </thead>
      <tbody>
        {result.claims.map((c) => (
          <tr key={c.key} className={`is-${c.verdict}`} data-verdict={c.verdict}>
            <th scope="row">
              <code>{c.key}</code>
              {c.quote !== null && <div className="ds-claim__quote">“{c.quote}”</div>}
            </th>
            <td>{show(c.metric, c.claimed)}</td>
            {c.verdict === 'not-modelled' ? (
              <td colSpan={3} className="ds-claim__reason">
                not modelled: {c.reason}
              </td>
            ) : (
              <>
                <td title={c.formula ?? undefined}>{show(c.metric, c.actual)}</td>
                <td>{errorText(c)}</td>
                <td>{VERDICT[c.verdict]}</td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
