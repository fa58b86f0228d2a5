/**
 * Scales and SVG paths of one time chart (pure, d3-scale + d3-shape): x is simulated time, y
 * starts at zero and covers every series and reference line. Gaps (NaN: no request finished in
 * that interval) break the line rather than drawing it to zero.
 */
import { bisector } from 'd3-array';
import { scaleLinear, scaleLog, type ScaleContinuousNumeric, type ScaleLinear } from 'd3-scale';
import { area, line } from 'd3-shape';
import type { ChartModel } from '../results/chart-model.ts';

/** Inner margins of a chart, px. The bottom one holds the fleet-event marks (under the zero line, off the data) and the time ticks. */
export const MARGIN = { left: 56, right: 14, top: 10, bottom: 42 } as const;

/** Time-axis labels are about this far apart, px (a 4.5 h run on a 420 px chart gets one per hour). */
export const TIME_TICK_SPACING_PX = 70;

/** Everything needed to draw one chart. */
export interface ChartGeometry {
  x: ScaleLinear<number, number>;
  y: ScaleContinuousNumeric<number, number>;
  /** Value-axis ticks (1-2-5 steps on a log axis). */
  yTicks: number[];
  /** True when the value axis is logarithmic. */
  log: boolean;
  paths: { key: string; d: string; areaD: string | null }[];
}

/** The largest finite value of the chart's series and reference lines (0 when there is none). */
export function chartMax(model: ChartModel): number {
  let max = 0;
  for (const s of model.series) for (let i = 0; i < s.values.length; i++) {
    const v = s.values[i]!;
    if (Number.isFinite(v) && v > max) max = v;
  }
  for (const r of model.refLines) if (r.value > max) max = r.value;
  return max;
}

/** The smallest positive finite value of the chart's series and reference lines, or null. */
export function chartMinPositive(model: ChartModel): number | null {
  let min = Infinity;
  for (const s of model.series) for (let i = 0; i < s.values.length; i++) {
    const v = s.values[i]!;
    if (Number.isFinite(v) && v > 0 && v < min) min = v;
  }
  for (const r of model.refLines) if (r.value > 0 && r.value < min) min = r.value;
  return Number.isFinite(min) ? min : null;
}

/** Log-axis ticks at 1, 2, 5 × 10^k inside [lo, hi], or only the powers of ten when those are too many. */
export function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** k;
      if (v >= lo && v <= hi) out.push(Number(v.toPrecision(3)));
    }
  }
  return out.length > 7 ? out.filter((v) => Number(v.toPrecision(1)) === 10 ** Math.round(Math.log10(v))) : out;
}

/**
 * Scales and paths for `model` over times `t` (s, interval ends) in a `width` × `height` box; the axis runs to
 * `horizon` when later, or over `zoom` ([from, to], s) when given. With `log`, the value axis is logarithmic (a p99 of 4 s and a p50 of 40 ms both
 * readable); values ≤ 0 then leave a gap. Without a positive value the axis stays linear.
 */
export function chartGeometry(model: ChartModel, t: ArrayLike<number>, width: number, height: number, horizon?: number, logScale = false, zoom: readonly [number, number] | null = null): ChartGeometry {
  let last = t.length > 0 ? t[t.length - 1]! : 1;
  for (const s of model.series) if (s.t !== undefined && s.t.length > 0) last = Math.max(last, s.t[s.t.length - 1]!);
  const tEnd = horizon !== undefined && horizon > last ? horizon : last;
  // A zoomed chart shows [from, to] of simulated time; lines outside it are clipped by the caller.
  const x = scaleLinear()
    .domain(zoom ?? [0, tEnd])
    .range([MARGIN.left, Math.max(MARGIN.left + 10, width - MARGIN.right)]);
  const max = chartMax(model);
  const minPositive = chartMinPositive(model);
  const log = logScale && minPositive !== null && max > minPositive;
  const range = [height - MARGIN.bottom, MARGIN.top];
  const lo = log ? minPositive! / 1.25 : 0;
  const y: ScaleContinuousNumeric<number, number> = log
    ? scaleLog().domain([lo, max * 1.25]).range(range)
    : scaleLinear()
        .domain([0, max > 0 ? max * 1.08 : 1])
        .nice(4)
        .range(range);
  const [d0, d1] = y.domain() as [number, number];
  const yTicks = log ? logTicks(d0, d1) : y.ticks(4);
  const paths = model.series.map((s) => {
    const st = s.t ?? t;
    const idx = Array.from({ length: Math.min(st.length, s.values.length) }, (_v, i) => i);
    const defined = (i: number) => Number.isFinite(s.values[i]!) && (!log || s.values[i]! > 0);
    // One decimal of a pixel is all a screen shows; full float strings made the paths three times longer.
    const l = line<number>()
      .digits(1)
      .defined(defined)
      .x((i) => x(st[i]!))
      .y((i) => y(s.values[i]!));
    const a = s.area
      ? area<number>()
          .digits(1)
          .defined(defined)
          .x((i) => x(st[i]!))
          .y0(y(lo))
          .y1((i) => y(s.values[i]!))(idx)
      : null;
    return { key: s.key, d: l(idx) ?? '', areaD: a };
  });
  return { x, y, yTicks, log, paths };
}

const byTime = bisector((d: number) => d).center;

/** The value of `series` at index `i` of the chart's times `t` (a series with its own times: the nearest of them). */
export function valueAt(series: { values: ArrayLike<number>; t?: ArrayLike<number> }, t: ArrayLike<number>, i: number): number {
  if (series.t === undefined) return series.values[i] ?? NaN;
  if (series.t.length === 0) return NaN;
  return series.values[indexAt(series.t, t[i]!)] ?? NaN;
}

/** The series index nearest to simulated time `time`. */
export function indexAt(t: ArrayLike<number>, time: number): number {
  return Math.max(0, Math.min(t.length - 1, byTime(Array.from(t), time)));
}

/** Compact tick label: 1200 → 1.2k, 0.004 → 0.004. */
export function tickLabel(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  if (a >= 1e3) return `${Number((v / 1e3).toPrecision(3))}k`;
  return String(Number(v.toPrecision(3)));
}

const TIME_STEPS = [60, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400];

/** Time-axis ticks (s) at round steps (1m, 5m, … 1h, 2h, … 1d), about `count` of them from `start` (default 0) to `end`. */
export function timeTicks(end: number, count: number, start = 0): number[] {
  const span = end - start;
  const step = TIME_STEPS.find((s) => span / s <= count) ?? 86_400 * Math.ceil(span / 86_400 / count);
  const out: number[] = [];
  for (let t = Math.max(0, Math.ceil(start / step - 1e-9)) * step; t <= end + 1e-9; t += step) out.push(t);
  return out;
}

/** The gap between the time cursor and its tooltip, px. */
export const TOOLTIP_GAP_PX = 8;

/**
 * Where the tooltip's left edge goes (px from the chart's left) for the cursor at `cx` on a chart `chartWidth` px
 * wide: right of the cursor while it fits there, else left of it while it fits there, else as far left as keeps it
 * whole (over the cursor). The chart's box clips what runs past it (content-visibility), and flipping only past 60%
 * of the width cut the end off a 234 px tooltip at mid-chart on a 436 px chart, where it fits on neither side.
 */
export function tooltipLeftPx(cx: number, chartWidth: number, tipWidth: number): number {
  if (cx + TOOLTIP_GAP_PX + tipWidth <= chartWidth) return cx + TOOLTIP_GAP_PX;
  if (cx - TOOLTIP_GAP_PX - tipWidth >= 0) return cx - TOOLTIP_GAP_PX - tipWidth;
  return Math.max(0, chartWidth - tipWidth);
}
