/**
 * `--plot FILE.svg`: four stacked charts of a run, drawn without a browser. d3-scale and d3-shape
 * compute scales, ticks and path strings (they need no DOM); the markup is written as strings.
 * Panels: offered/served QPS against capacity (and each source's offered rate, with several sources),
 * replicas and nodes, latency p50/p99 against the SLO, accrued cost, and with several services one panel of
 * each service's subtree p99 and one of its failed visits.
 */
import { accruedBillUsd } from '@design-sim/cost-model';
import type { RunResult, TimeSeries } from '@design-sim/sim-core';
import { max } from 'd3-array';
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { curveLinear, curveStepBefore, line, type CurveFactory } from 'd3-shape';
import { formatNum } from './numbers.ts';

/** One line of a panel. */
interface Series {
  name: string;
  values: ArrayLike<number>;
  color: string;
  dashed?: boolean;
}

interface Panel {
  title: string;
  unit: string;
  series: Series[];
  curve: CurveFactory;
  /** A horizontal reference line (the SLO). */
  rule?: { value: number; label: string };
}

/** What the plot needs besides the series. */
export interface PlotInput {
  title: string;
  timeseries: TimeSeries;
  /** Requests/s one ready replica sustains; the capacity line is omitted when undefined. */
  replicaCapacityQps?: number | undefined;
  /** p99 latency objective in ms (from a `latency.p99 <` expectation). */
  sloMs?: number | undefined;
  /** Each traffic source's offered rate (requests/s), drawn when there are several. */
  sources?: readonly { label: string; offeredQps: ArrayLike<number> }[];
  /** Each service's series (services.<name>.timeseries), drawn when there are several. */
  services?: readonly { name: string; latencyP99Ms: ArrayLike<number>; failedQps: ArrayLike<number> }[];
  /** The bill accrued at each interval end (cost-model's accruedBillUsd); without it the nodes' accrual (`costUsd`) is drawn. */
  accruedCostUsd?: ArrayLike<number> | undefined;
}

/** A run's sources and services as the plot takes them (labels as the text report's: "#1 → api"). */
export function plotComponents(r: RunResult): Pick<PlotInput, 'sources' | 'services' | 'accruedCostUsd'> {
  const ts = r.timeseries;
  return {
    accruedCostUsd: ts !== null && r.summary !== null ? accruedBillUsd(ts.t, ts.costUsd, r.summary.cost.lines, r.summary.durationSeconds) : undefined,
    sources: (r.summary?.traffic ?? []).map((t, i) => ({ label: `#${i + 1} → ${t.target}`, offeredQps: t.timeseries.offeredQps })),
    services: Object.entries(r.services ?? {}).map(([name, s]) => ({ name, latencyP99Ms: s.timeseries.latencyP99Ms, failedQps: s.timeseries.failedQps })),
  };
}

/** d3's category10, for one line per source or service. */
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
/** Legend rows fit beside a panel (16 px each); past this many lines a panel draws the first ones and says how many it left out. */
export const MAX_COMPONENT_LINES = 10;

const WIDTH = 960;
const PANEL_HEIGHT = 190;
const GAP = 56;
const TOP = 64;
const MARGIN = { left: 72, right: 190 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;

/** Escapes text for XML content and attribute values. */
export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function panelsOf(input: PlotInput): Panel[] {
  const ts = input.timeseries;
  const capacity = input.replicaCapacityQps;
  const qps: Series[] = [
    { name: 'offered QPS', values: ts.offeredQps, color: '#1f77b4' },
    { name: 'served QPS', values: ts.servedQps, color: '#2ca02c' },
  ];
  if (capacity !== undefined) qps.push({ name: `capacity (${formatNum(capacity)} req/s per replica)`, values: Array.from(ts.readyReplicas, (r) => r * capacity), color: '#7f7f7f', dashed: true });
  const sources = input.sources ?? [];
  if (sources.length > 1) sources.slice(0, MAX_COMPONENT_LINES - qps.length).forEach((src, i) => qps.push({ name: `offered ${src.label}`, values: src.offeredQps, color: PALETTE[(i + 3) % PALETTE.length]!, dashed: true }));
  const latency: Panel = {
    title: 'Latency',
    unit: 'ms',
    curve: curveLinear,
    series: [
      { name: 'p50', values: ts.latencyP50Ms, color: '#1f77b4' },
      { name: 'p99', values: ts.latencyP99Ms, color: '#ff7f0e' },
    ],
  };
  if (input.sloMs !== undefined) latency.rule = { value: input.sloMs, label: `SLO p99 < ${formatNum(input.sloMs)} ms` };
  return [
    { title: 'Traffic and capacity', unit: 'requests/s', curve: curveLinear, series: qps },
    {
      title: 'Replicas and nodes',
      unit: 'count',
      curve: curveStepBefore,
      series: [
        { name: 'desired replicas', values: ts.desiredReplicas, color: '#9467bd', dashed: true },
        { name: 'ready replicas', values: ts.readyReplicas, color: '#9467bd' },
        { name: 'ready nodes', values: ts.readyNodes, color: '#8c564b' },
        { name: 'provisioning nodes', values: ts.provisioningNodes, color: '#e377c2' },
      ],
    },
    latency,
    // timeseries.costUsd is the nodes' accrual alone; with the bill's time-billed lines (control planes) added it ends
    // at "$X for the run", which the title promises.
    input.accruedCostUsd === undefined
      ? { title: 'Accrued node cost', unit: 'USD', curve: curveLinear, series: [{ name: 'nodes since start', values: ts.costUsd, color: '#d62728' }] }
      : { title: 'Accrued cost', unit: 'USD', curve: curveLinear, series: [{ name: 'bill since start', values: input.accruedCostUsd, color: '#d62728' }] },
    ...servicePanels(input.services ?? []),
  ];
}

/** With several services: each one's subtree p99 and its failed visits per second, one line a service. */
function servicePanels(services: NonNullable<PlotInput['services']>): Panel[] {
  if (services.length < 2) return [];
  const shown = services.slice(0, MAX_COMPONENT_LINES);
  const more = services.length - shown.length;
  const title = (what: string) => `${what}${more > 0 ? ` (first ${shown.length} services of ${services.length}; all in --csv)` : ''}`;
  const lines = (pick: (s: (typeof shown)[number]) => ArrayLike<number>): Series[] => shown.map((s, i) => ({ name: s.name, values: pick(s), color: PALETTE[i % PALETTE.length]! }));
  return [
    { title: title('Per service: latency p99 with its calls'), unit: 'ms', curve: curveLinear, series: lines((s) => s.latencyP99Ms) },
    { title: title('Per service: failed visits (dropped or timed out)'), unit: 'visits/s', curve: curveLinear, series: lines((s) => s.failedQps) },
  ];
}

/** Time axis in the unit that reads best for the run's length. */
function timeUnit(seconds: number): { size: number; label: string } {
  if (seconds > 3 * 3600) return { size: 3600, label: 'h' };
  if (seconds > 180) return { size: 60, label: 'min' };
  return { size: 1, label: 's' };
}

function yScale(panel: Panel): ScaleLinear<number, number> {
  const peaks = panel.series.map((s) => max(Array.from(s.values).filter(Number.isFinite)) ?? 0);
  const top = Math.max(...peaks, panel.rule?.value ?? 0);
  return scaleLinear()
    .domain([0, top > 0 ? top * 1.05 : 1])
    .range([PANEL_HEIGHT, 0])
    .nice(5);
}

function drawPanel(panel: Panel, index: number, t: ArrayLike<number>, x: ScaleLinear<number, number>, unit: { size: number; label: string }): string[] {
  const y = yScale(panel);
  const top = TOP + index * (PANEL_HEIGHT + GAP);
  const out = [`<g transform="translate(${MARGIN.left},${top})">`];
  out.push(`<text x="0" y="-10" font-size="13" font-weight="bold">${xmlEscape(panel.title)} (${xmlEscape(panel.unit)})</text>`);
  for (const tick of y.ticks(5)) {
    const ty = y(tick).toFixed(1);
    out.push(`<line x1="0" x2="${PLOT_WIDTH}" y1="${ty}" y2="${ty}" stroke="#e5e5e5"/>`);
    out.push(`<text x="-6" y="${ty}" font-size="10" text-anchor="end" dominant-baseline="middle">${xmlEscape(formatNum(tick))}</text>`);
  }
  for (const tick of x.ticks(8)) {
    const tx = x(tick).toFixed(1);
    out.push(`<line x1="${tx}" x2="${tx}" y1="${PANEL_HEIGHT}" y2="${PANEL_HEIGHT + 4}" stroke="#333"/>`);
    out.push(`<text x="${tx}" y="${PANEL_HEIGHT + 15}" font-size="10" text-anchor="middle">${xmlEscape(formatNum(tick))}${unit.label}</text>`);
  }
  out.push(`<rect x="0" y="0" width="${PLOT_WIDTH}" height="${PANEL_HEIGHT}" fill="none" stroke="#999"/>`);
  panel.series.forEach((s, k) => {
    const path = line<number>()
      .defined((v) => Number.isFinite(v))
      .x((_, i) => x((t[i] ?? 0) / unit.size))
      .y((v) => y(v))
      .curve(panel.curve)
      .digits(2)(Array.from(s.values));
    if (path !== null) out.push(`<path d="${path}" fill="none" stroke="${s.color}" stroke-width="1.5"${s.dashed ? ' stroke-dasharray="5,3"' : ''}/>`);
    const ly = 10 + k * 16;
    out.push(`<line x1="${PLOT_WIDTH + 14}" x2="${PLOT_WIDTH + 38}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5,3"' : ''}/>`);
    out.push(`<text x="${PLOT_WIDTH + 44}" y="${ly}" font-size="11" dominant-baseline="middle">${xmlEscape(s.name)}</text>`);
  });
  if (panel.rule !== undefined) {
    const ry = y(panel.rule.value).toFixed(1);
    out.push(`<line x1="0" x2="${PLOT_WIDTH}" y1="${ry}" y2="${ry}" stroke="#d62728" stroke-dasharray="2,2"/>`);
    out.push(`<text x="${PLOT_WIDTH - 4}" y="${Number(ry) - 4}" font-size="10" text-anchor="end" fill="#d62728">${xmlEscape(panel.rule.label)}</text>`);
  }
  out.push('</g>');
  return out;
}

/** The SVG document, ending with a newline. */
export function renderSvgPlot(input: PlotInput): string {
  const t = input.timeseries.t;
  const end = t.length > 0 ? (t[t.length - 1] ?? 1) : 1;
  const unit = timeUnit(end);
  // The axis runs in display units (h, min or s) so its ticks land on round times.
  const x = scaleLinear().domain([0, end / unit.size]).range([0, PLOT_WIDTH]);
  const panels = panelsOf(input);
  const height = TOP + panels.length * (PANEL_HEIGHT + GAP);
  const body = panels.flatMap((p, i) => drawPanel(p, i, t, x, unit));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif">`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    `<text x="${MARGIN.left}" y="22" font-size="15" font-weight="bold">${xmlEscape(input.title)}</text>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
