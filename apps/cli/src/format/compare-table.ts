/** `design-sim compare A B`: two runs side by side with the change in each metric, and what differs in the designs. */
import { measuredAvailability, printableName, toPlainJson, verdictOf, type RunResult } from '@design-sim/sim-core';
import type { Colors } from '../context.ts';
import { designDifferences, showValue } from './design-diff.ts';
import { JSON_FORMAT_VERSION, runJson, stringifyJson } from './json-output.ts';
import { mdTable } from './markdown.ts';
import { formatChangePct, formatInt, formatMs, formatNum, formatPercent, formatUsd, MISSING } from './numbers.ts';
import type { RunReport } from './run-report.ts';
import { renderTable } from './table.ts';
import { inlineCode } from './inline-code.ts';

interface MetricRow {
  label: string;
  get: (r: RunResult) => number | null | undefined;
  show: (v: number | null | undefined) => string;
  /** How to show the difference; defaults to `show`. */
  showDelta?: (v: number) => string;
  /** A bill's figure: a lower bound when the bill has unknown prices (shown "≥", with no difference). */
  fromBill?: true;
}

/** True when the run's bill left prices out, so its dollar figures are lower bounds. */
const billIncomplete = (r: RunResult): boolean => r.summary !== null && !r.summary.cost.complete;

const signed = (show: (v: number) => string) => (d: number) => (d > 0 ? `+${show(d)}` : d < 0 ? `−${show(-d)}` : '0');

const ROWS: readonly MetricRow[] = [
  { label: 'latency p50', get: (r) => r.summary?.latencyMs.p50, show: formatMs },
  { label: 'latency p99', get: (r) => r.summary?.latencyMs.p99, show: formatMs },
  // sim-core's reading, as run's report: no value with nothing offered after the warm-up (the JSON's vacuous 1 showed "100%").
  { label: 'availability', get: (r) => (r.summary === null ? undefined : measuredAvailability(r.summary)), show: (v) => formatPercent(v), showDelta: (d) => `${formatNum(d * 100)} pp` },
  { label: 'requests dropped', get: (r) => r.summary?.measured.dropped, show: formatInt },
  { label: 'peak replicas', get: (r) => r.summary?.replicas.max, show: formatInt },
  { label: 'mean replicas', get: (r) => r.summary?.replicas.mean, show: (v) => formatNum(v) },
  { label: 'peak nodes', get: (r) => r.summary?.nodes.max, show: formatInt },
  { label: 'spot interruptions', get: (r) => r.summary?.spotInterruptions, show: formatInt },
  { label: 'cost per hour', get: (r) => r.summary?.cost.perHourUsd, show: formatUsd, fromBill: true },
  { label: 'cost per month', get: (r) => r.summary?.cost.monthlyUsd, show: formatUsd, fromBill: true },
  { label: 'cost per 1k requests', get: (r) => r.summary?.cost.per1kRequestsUsd, show: formatUsd, fromBill: true },
  { label: 'training days', get: (r) => r.training?.days, show: (v) => formatNum(v) },
  { label: 'training GPU-hours', get: (r) => r.training?.gpuHours, show: formatInt },
  { label: 'training cost', get: (r) => r.training?.costUsd, show: formatUsd },
];

const present = (v: number | null | undefined): v is number => typeof v === 'number' && !Number.isNaN(v);

/**
 * The run's verdict (sim-core's verdictOf, as `run` prints it) and its expectations held: a run its own errors fail
 * (an overload) is FAIL though every expectation holds, and a pass over unserved requests says so.
 */
function verdictCell(r: RunResult): string {
  const v = verdictOf(r);
  const e = r.expectations;
  const held = e.filter((x) => x.pass).length;
  const errors = r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
  return `${v.label} ${e.length === 0 ? '(no expectations)' : `${held}/${e.length}`}${errors.length > 0 ? ` (${errors.join(', ')})` : ''}`;
}

/** Rows of [metric, A, B, change, change %]; metrics neither run has are left out. */
export function compareRows(a: RunResult, b: RunResult): string[][] {
  const rows: string[][] = [];
  for (const m of ROWS) {
    const va = m.get(a);
    const vb = m.get(b);
    if (!present(va) && !present(vb)) continue;
    // The difference of two lower bounds bounds nothing: not shown.
    const bound = m.fromBill === true && (billIncomplete(a) || billIncomplete(b));
    const both = present(va) && present(vb) && !bound;
    const delta = both ? vb - va : NaN;
    const deltaText = both ? signed((d) => (m.showDelta ?? m.show)(d))(delta) : MISSING;
    const pct = both && va !== 0 ? (delta / Math.abs(va)) * 100 : null;
    const cell = (r: RunResult, v: number | null | undefined): string => `${m.fromBill === true && billIncomplete(r) && present(v) ? '≥ ' : ''}${m.show(v)}`;
    rows.push([m.label, cell(a, va), cell(b, vb), deltaText, formatChangePct(pct)]);
  }
  rows.push(['verdict', verdictCell(a), verdictCell(b), '', '']);
  return rows;
}

function headers(a: RunReport, b: RunReport): string[] {
  return ['metric', `A: ${a.result.scenario.name}`, `B: ${b.result.scenario.name}`, 'B − A', 'change'];
}

/** Text form, ending with a newline. */
export function formatCompareText(a: RunReport, b: RunReport, c: Colors): string {
  const lines = [`${c.bold('A')} ${printableName(a.file)} (seed ${a.result.seed})`, `${c.bold('B')} ${printableName(b.file)} (seed ${b.result.seed})`, ''];
  let text = `${lines.join('\n')}\n${renderTable(headers(a, b), compareRows(a.result, b.result), [false, true, true, true, true])}`;
  const diffs = designDifferences(a.scenario, b.scenario);
  text += diffs.length === 0 ? '\nThe designs are identical (spec fields in canonical units).\n' : `\nDesign differences (A → B, canonical units: seconds, fractions):\n${diffs.map((d) => `  ${d.path}: ${showValue(d.a)} → ${showValue(d.b)}`).join('\n')}\n`;
  return text;
}

/** Markdown form, ending with a newline. */
export function formatCompareMarkdown(a: RunReport, b: RunReport): string {
  const diffs = designDifferences(a.scenario, b.scenario);
  const lines = [`### Compare ${inlineCode(a.file)} (A) and ${inlineCode(b.file)} (B)`, '', ...mdTable(headers(a, b), compareRows(a.result, b.result)), ''];
  lines.push(diffs.length === 0 ? 'The designs are identical.' : '**Design differences** (A → B)', '');
  for (const d of diffs) lines.push(`- \`${d.path}\`: ${showValue(d.a)} → ${showValue(d.b)}`);
  return `${lines.join('\n')}\n`;
}

/** JSON form (docs/json-output.md, "compare"): both runs in the run format, without time series, plus the differences. */
export function formatCompareJson(a: RunReport, b: RunReport): string {
  const brief = (r: RunReport) => {
    const { timeseries: _t, events: _e, ...rest } = runJson(r);
    return rest;
  };
  return `${stringifyJson(toPlainJson({ formatVersion: JSON_FORMAT_VERSION, a: brief(a), b: brief(b), differences: designDifferences(a.scenario, b.scenario) }))}\n`;
}
