/**
 * Compare mode's charts: variant A and variant B on the same axes, chart by chart, A dashed and B
 * solid in each series' own colour (pure). A run with other interval ends keeps its own times.
 */
import type { ChartModel, ChartSeries, RefLine } from './chart-model.ts';

function sameTimes(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A's and B's charts overlaid (B's times are the charts' times); a chart only one run has is kept with its series. */
export function overlayCharts(a: readonly ChartModel[], b: readonly ChartModel[], tA: ArrayLike<number>, tB: ArrayLike<number>): ChartModel[] {
  const ownTimes = sameTimes(tA, tB) ? {} : { t: tA };
  const ids = [...b.map((c) => c.id), ...a.map((c) => c.id).filter((id) => !b.some((c) => c.id === id))];
  return ids.map((id) => {
    const ca = a.find((c) => c.id === id);
    const cb = b.find((c) => c.id === id);
    const base = (cb ?? ca)!;
    const keys = [...(cb?.series ?? []).map((s) => s.key), ...(ca?.series ?? []).map((s) => s.key).filter((k) => !cb?.series.some((s) => s.key === k))];
    const series: ChartSeries[] = [];
    for (const key of keys) {
      const sa = ca?.series.find((s) => s.key === key);
      const sb = cb?.series.find((s) => s.key === key);
      if (sa) series.push({ key: `a-${key}`, label: `A ${sa.label}`, values: sa.values, color: sa.color, dashed: true, ...ownTimes });
      if (sb) series.push({ key: `b-${key}`, label: `B ${sb.label}`, values: sb.values, color: sb.color });
    }
    const refLines: RefLine[] = [];
    for (const r of [...(cb?.refLines ?? []), ...(ca?.refLines ?? [])]) if (!refLines.some((x) => x.label === r.label && x.value === r.value)) refLines.push(r);
    return { id, title: base.title, unit: base.unit, series, refLines, note: 'A dashed, B solid' };
  });
}
