/**
 * The shared-cluster rows of a run report (text and Markdown share them): allocation and the cost per
 * GPU-hour, one row per team (GPU-hours, share, quota use or its Kueue ClusterQueue's borrowing and reclaims, and
 * with waitForPodsReady its PodsReady evictions and deactivations; preemptions, showback) and one per job (runs,
 * waits, interruptions).
 */
import type { SharedClusterSummary } from '@design-sim/sim-core';
import { formatInt, formatNum, formatPercent, formatUsd } from './numbers.ts';

/** [label, text] rows; the label is empty on continuation rows. */
export function sharedRows(s: SharedClusterSummary): [string, string][] {
  const rows: [string, string][] = [
    ['Cluster', `${formatNum(s.capacityGpuHours)} GPU-hours of capacity · ${formatPercent(s.allocation, 1)} held by the teams · ${s.usdPerGpuHour === null ? 'cost unknown' : `${formatUsd(s.usdPerGpuHour)} per GPU-hour`} · unallocated ${formatNum(s.unallocatedGpuHours)} GPU-hours (${formatUsd(s.unallocatedUsd)})`],
  ];
  for (const t of s.teams) {
    const k = t.kueue;
    const quota =
      k !== undefined
        ? `ClusterQueue nominal ${formatInt(k.nominalQuota)} · borrowed ${formatNum(k.borrowedGpuHours)} GPU-hours · ${formatInt(k.reclaims)} reclaims, ${formatInt(k.reclaimedFrom)} reclaimed from it${k.podsReadyEvictions === undefined ? '' : ` · ${formatInt(k.podsReadyEvictions)} evicted with pods not ready${k.deactivated ? `, ${formatInt(k.deactivated)} deactivated` : ''}`}`
        : t.gpuQuota === null
          ? 'no quota'
          : `quota ${formatInt(t.gpuQuota)}${t.quotaUse === null ? '' : ` (${formatPercent(t.quotaUse, 1)} used)`}`;
    rows.push(['Team', `${t.name}: ${formatNum(t.gpuHours)} GPU-hours (${formatPercent(t.share, 1)}) · peak ${formatNum(t.peakGpus)} GPUs · ${quota} · ${formatInt(t.quotaRefusals)} refused by quota · ${formatInt(t.podsPreempted)} pods preempted · showback ${formatUsd(t.showbackUsd)}`]);
  }
  for (const j of s.jobs) {
    const w = j.waitMinutes;
    rows.push(['Job', `${j.name} (${j.team}): ${formatInt(j.completed)} of ${formatInt(j.submitted)} runs done · wait ${w === null ? 'none started' : `median ${formatNum(w.p50)} min, max ${formatNum(w.max)} min`} · ${formatInt(j.interruptions)} interruptions, ${formatNum(j.lostGpuHours)} GPU-hours of work lost`]);
  }
  const pre = Object.entries(s.servingPreempted);
  if (pre.length > 0) rows.push(['', `serving pods preempted: ${pre.map(([k, v]) => `${k} ${formatInt(v)}`).join(', ')}`]);
  const e = s.jobsWaitingAtEnd;
  if (e.queued + e.quotaBlocked > 0) rows.push(['', `still waiting at the end: ${formatInt(e.queued)} queued, ${formatInt(e.quotaBlocked)} blocked by quota (longest ${formatNum(e.oldestWaitMinutes)} min)`]);
  return rows;
}
