/** The bill: per pool and capacity type (on-demand, spot, commitments), control plane, training. */
import type { RunResult } from '@design-sim/sim-core';
import { costBreakdown } from '../results/cost-breakdown.ts';
import { formatUsd } from '../results/format.ts';

/** The cost breakdown table with a share bar per line. */
export function CostBreakdownView({ result }: { result: RunResult }) {
  const b = costBreakdown(result);
  if (b.rows.length === 0) return null;
  return (
    <table className="ds-table ds-cost" data-testid="cost-breakdown">
      <caption>
        Cost breakdown — total {formatUsd(b.totalUsd)}
        {!b.complete && ` (incomplete: ${b.unknownPrices.join('; ')})`}
        {b.stalePrices.length > 0 && ` · ${b.stalePrices.length} stale price${b.stalePrices.length === 1 ? '' : 's'} used (hover STALE for why)`}
      </caption>
      <thead>
        <tr>
          <th scope="col">Part</th>
          <th scope="col">Capacity</th>
          <th scope="col">Detail</th>
          {/* Unspaced, so the header keeps one line in a half-width panel. */}
          <th scope="col">$/hour</th>
          <th scope="col">Total</th>
          <th scope="col">Share</th>
        </tr>
      </thead>
      <tbody>
        {b.rows.map((r, k) => (
          <tr key={k}>
            <th scope="row">{r.group}</th>
            <td>{r.label}</td>
            <td className="ds-cost__detail" title={r.source ?? undefined}>
              {r.detail}
              {r.source && <span className="ds-cost__source"> · {r.source}</span>}
              {r.stale && (
                <span className="ds-stale" title={r.stale}>
                  {' '}
                  STALE
                </span>
              )}
            </td>
            <td>{formatUsd(r.usdPerHour)}</td>
            <td>{formatUsd(r.usd)}</td>
            <td>
              <span className="ds-bar" style={{ width: `${Math.round(r.share * 100)}%` }} aria-hidden="true" />
              <span className="ds-bar__text">{Math.round(r.share * 100)}%</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
