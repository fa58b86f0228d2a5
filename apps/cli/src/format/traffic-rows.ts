/**
 * The traffic sources of a run report (text and Markdown share them): with several sources the summary's
 * "offered" is their sum, so each source's target and rate is shown on its own row. Figures are
 * `summary.traffic[]`'s: offered over the whole run (warm-up included), its mean rate over the run and its
 * busiest interval's rate.
 */
import type { ServingSummary } from '@design-sim/sim-core';
import { formatInt, formatNum } from './numbers.ts';

/** [label, text] rows, the label empty on continuation rows; none with a single source (the summary is it). */
export function trafficRows(s: ServingSummary): [string, string][] {
  if (s.traffic.length < 2) return [];
  const rows: [string, string][] = [['Traffic', `${s.traffic.length} sources, offered over the whole run (warm-up included); peak = busiest interval`]];
  s.traffic.forEach((t, i) => {
    const peak = t.timeseries.offeredQps.reduce((m, q) => (Number.isFinite(q) && q > m ? q : m), 0);
    const mean = s.durationSeconds > 0 ? t.offered / s.durationSeconds : NaN;
    rows.push(['', `#${i + 1} → ${t.target}: ${formatInt(t.offered)} offered · mean ${formatNum(mean)} req/s · peak ${formatNum(peak)} req/s`]);
  });
  return rows;
}
