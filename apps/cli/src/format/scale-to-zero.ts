/**
 * The scale-to-zero rows of a run report (text and Markdown share them): time at zero, cold starts and their
 * parts, each service's start-up stages, requests that waited or failed at zero, and what it saved.
 */
import type { ScaleToZeroSummary } from '@design-sim/sim-core';
import { formatInt, formatNum, formatPercent, formatUsd } from './numbers.ts';

const plural = (n: number, one: string, many = `${one}s`): string => `${formatInt(n)} ${n === 1 ? one : many}`;
const secs = (s: number): string => `${formatNum(s)} s`;

/** [label, text] rows; the label is empty on continuation rows. */
export function scaleToZeroRows(z: ScaleToZeroSummary): [string, string][] {
  const c = z.coldStartMinutes;
  const rows: [string, string][] = [
    [
      'Scale to zero',
      `${z.services.join(', ')}: ${formatNum(z.hoursAtZero)} h at zero replicas (${formatPercent(z.zeroShare, 1)} of the run) · ${plural(z.coldStarts, 'cold start')}${c === null ? '' : `: median ${formatNum(c.p50)} min, longest ${formatNum(c.max)} min`}${z.unfinishedColdStarts > 0 ? ` (${formatInt(z.unfinishedColdStarts)} not ready by the end)` : ''}${z.abandonedColdStarts > 0 ? ` (${plural(z.abandonedColdStarts, 'cold start')} abandoned: KEDA's cooldown ran out before a replica was ready, and it scaled back to zero)` : ''}`,
    ],
  ];
  const p = z.coldStartParts;
  // Which autoscaler the first part waits for: KEDA's poll, the KPA's next decision, or either.
  const kpa = z.knative.length;
  const waitFor = kpa === 0 ? "KEDA's poll" : kpa === z.services.length ? "the KPA's decision" : "KEDA's poll or the KPA's decision";
  if (p !== null) rows.push(['', `cold start, mean parts: waiting for ${waitFor} ${formatNum(p.pollWait)} min · scheduling and node provisioning ${formatNum(p.scheduling)} min · containers ${formatNum(p.containers)} min`]);
  for (const st of z.startup) {
    rows.push(['', `start-up of ${st.service}: image pull ${secs(st.imagePullSeconds)} (0 s on a node with the image) · weights ${secs(st.weightLoadSeconds)}${st.weights === null ? '' : ` (${st.weights})`} · engine start ${secs(st.engineStartSeconds)} · readiness ${secs(st.readinessSeconds)}`]);
  }
  const w = z.waitSeconds;
  rows.push(['', `at zero: ${plural(z.waited, 'request')} waited in the buffer${w === null ? '' : ` (mean ${formatNum(w.mean / 60)} min, longest ${formatNum(w.max / 60)} min)`} · ${plural(z.failed, 'request')} failed (${formatInt(z.refused)} refused, ${formatInt(z.timedOut)} timed out)`]);
  rows.push([
    '',
    `${formatNum(z.gpuHoursAtZero)} GPU-hours not requested at zero${z.savedUsd === null ? '' : ` · saved ${formatUsd(z.savedUsd)} over the run against ${kpa === 0 ? 'minReplicaCount 1' : kpa === z.services.length ? 'minScale 1' : 'minReplicaCount or minScale 1'} (${formatUsd(z.baselineCostUsd)} → ${formatUsd(z.baselineCostUsd! - z.savedUsd)})`}`,
  ]);
  return rows;
}
