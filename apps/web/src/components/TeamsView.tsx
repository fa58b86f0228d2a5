/** A shared cluster's showback: per team GPU-hours, share, quota use, preemptions, Kueue borrowing and charge (summary.shared). */
import type { RunResult } from '@design-sim/sim-core';
import { formatCount, formatPercent, formatUsd } from '../results/format.ts';

/** The teams table; nothing for a design without teams. */
export function TeamsView({ result }: { result: RunResult }) {
  const s = result.summary?.shared;
  if (!s || s.teams.length === 0) return null;
  // Kueue columns only when some team has a ClusterQueue (spec.teams[].kueue).
  const kueue = s.teams.some((t) => t.kueue !== undefined);
  // With cluster.kueue.waitForPodsReady: evictions of workloads whose pods were not ready in time (and deactivations).
  const podsReady = s.teams.some((t) => t.kueue?.podsReadyEvictions !== undefined);
  return (
    <table className="ds-table" data-testid="teams-showback">
      <caption>
        Teams — {formatPercent(s.allocation)} of {formatCount(Math.round(s.capacityGpuHours))} GPU-hours held · {formatUsd(s.usdPerGpuHour)} per GPU-hour · unallocated {formatUsd(s.unallocatedUsd)}
      </caption>
      <thead>
        <tr>
          <th scope="col">Team</th>
          <th scope="col">GPU-hours</th>
          <th scope="col">Share</th>
          <th scope="col">Quota (used)</th>
          <th scope="col">Refused</th>
          <th scope="col">Preempted</th>
          {kueue && <th scope="col">Borrowed GPU-h</th>}
          {kueue && <th scope="col">Reclaims (by / from)</th>}
          {podsReady && <th scope="col">Pods not ready: evicted / deactivated</th>}
          <th scope="col">Showback</th>
        </tr>
      </thead>
      <tbody>
        {s.teams.map((t) => (
          <tr key={t.name}>
            <th scope="row">{t.name}</th>
            <td>{t.gpuHours.toFixed(1)}</td>
            <td>{formatPercent(t.share)}</td>
            <td>{t.kueue ? `nominal ${t.kueue.nominalQuota}` : t.gpuQuota === null ? '—' : `${t.gpuQuota} (${formatPercent(t.quotaUse)})`}</td>
            <td>{formatCount(t.quotaRefusals)}</td>
            <td>{formatCount(t.podsPreempted)}</td>
            {kueue && <td>{t.kueue ? t.kueue.borrowedGpuHours.toFixed(1) : '—'}</td>}
            {kueue && <td>{t.kueue ? `${formatCount(t.kueue.reclaims)} / ${formatCount(t.kueue.reclaimedFrom)}` : '—'}</td>}
            {podsReady && <td>{t.kueue?.podsReadyEvictions !== undefined ? `${formatCount(t.kueue.podsReadyEvictions)} / ${formatCount(t.kueue.deactivated ?? 0)}` : '—'}</td>}
            <td>{formatUsd(t.showbackUsd)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
