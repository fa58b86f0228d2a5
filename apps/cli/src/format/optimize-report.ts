/**
 * The answer of `design-sim optimize` for people: what was searched and at what cost in runs, the best
 * design with each expectation at its worst seed, the binding constraint and what one step less
 * capacity gives, the cost–latency frontier, and a verdict. Text and Markdown share the same parts.
 */
import { designVerdict, getMetric, printableName, type DesignSummary, type Neighbour, type OptimizeResult } from '@design-sim/sim-core';
import { mdTable } from './markdown.ts';
import { formatInt, formatMs, formatPercent } from './numbers.ts';
import { metricText } from './summary-text.ts';
import { renderTable } from './table.ts';
import { inlineCode } from './inline-code.ts';

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** A metric value with its unit and time base: "$47.05/h", "239 ms", "99.95%". */
export function metricWithUnit(metric: string, value: number | null): string {
  const info = getMetric(metric);
  if (info?.kind === 'ms' && value !== null) return formatMs(value); // "5.44 min", not "326100 ms"
  const text = metricText(metric, value);
  const unit = info?.unit ?? '';
  return value !== null && unit.startsWith('USD') && unit !== 'USD' ? `${text}${unit.slice(3)}` : text;
}

/** "7, 8, 9" or "7–11". */
function seedList(seeds: readonly number[]): string {
  const consecutive = seeds.length > 3 && seeds.every((s, i) => i === 0 || s === (seeds[i - 1] ?? 0) + 1);
  return consecutive ? `${seeds[0]}–${seeds[seeds.length - 1]}` : seeds.join(', ');
}

/** `replicas = 55, instance = a` */
export function designLabel(labels: Record<string, unknown>): string {
  return Object.entries(labels).map(([k, v]) => `${k} = ${show(v)}`).join(', ');
}

function rangeText(values: readonly unknown[]): string {
  if (values.length > 4 && values.every((v) => typeof v === 'number')) return `${show(values[0])} … ${show(values[values.length - 1])} (${values.length} values)`;
  return values.map(show).join(', ');
}

function header(file: string, r: OptimizeResult): string[] {
  const exps = r.designs[0]?.expectations.length ?? 0;
  const lines = [`optimize ${printableName(file)}: minimize ${r.minimize}, subject to ${exps} expectation${exps === 1 ? '' : 's'} on every one of seeds ${seedList(r.seeds)}`];
  for (const d of r.dimensions) {
    const how = d.search === 'bisect' ? `bisected (${d.reason ?? 'monotone'})` : `every value${d.reason === null ? '' : ` (${d.reason})`}`;
    lines.push(`  ${d.label}: ${rangeText(d.values)}; ${how}`);
  }
  if (r.dimensions.every((d) => d.search === 'enumerate') && r.trend === 'unknown') lines.push(`  ${r.minimize} has no known trend with capacity, so every design is run`);
  lines.push(
    `  runs: ${formatInt(r.evaluated.runs)} of ${formatInt(r.grid.runs)} in the full grid (${formatInt(r.grid.designs)} design${r.grid.designs === 1 ? '' : 's'} × ${r.seeds.length} seed${r.seeds.length === 1 ? '' : 's'}); ${formatInt(r.evaluated.designs)} design${r.evaluated.designs === 1 ? '' : 's'} run`,
  );
  return lines;
}

const EXPECTATION_HEAD = ['', 'expectation', 'value at the worst seed', 'seed'];

/** An expectation's mark: a pass that rests on a stale or undated price is `!` (⚠️ in Markdown), as in `run`. */
function expectationMark(e: DesignSummary['expectations'][number], markdown: boolean): string {
  if (!e.pass) return markdown ? '❌' : '✗';
  if (e.caveat !== undefined) return markdown ? '⚠️' : '!';
  return markdown ? '✅' : '✓';
}

function expectationRows(d: DesignSummary, markdown = false): string[][] {
  // The runs' own errors first: they fail a design whatever its expectations (sim-core verdictOf).
  const errors = d.errors.map((e) => [markdown ? '❌' : '✗', e.message, '', `${e.seed}`]);
  return [
    ...errors,
    ...d.expectations.map((e) => {
      const where = e.pass ? `${e.worstSeed}` : `${e.worstSeed} (fails on ${e.failedSeeds.join(', ')})`;
      const value = `${metricWithUnit(e.metric, e.worst)}${e.caveat === undefined ? '' : ` (${e.caveat})`}`;
      return [expectationMark(e, markdown), e.text, value, where];
    }),
  ];
}

function statusText(status: string, seeds: string): string {
  return status === 'feasible' ? '✓' : status === 'infeasible' ? '✗' : `✓ on ${seeds} only`;
}

function neighbourText(n: Neighbour, binding: { text: string; metric: string } | null): string {
  const step = `one step less capacity (${n.dimension} = ${show(n.value)})`;
  if (!n.evaluated) return `${step} was not run: a design with less capacity elsewhere already settled it`;
  if (n.feasible) return `${step} also meets every expectation`;
  const gives = n.bindingWorst === null || binding === null ? '' : `gives ${metricWithUnit(binding.metric, n.bindingWorst)} and `;
  if (n.failed === null) return `${step} ${gives}fails: ${n.errors[0] === undefined ? 'see its runs' : `${n.errors[0].message} (seed ${n.errors[0].seed})`}`;
  if (n.failed.text === binding?.text) return `${step} ${gives}fails it on seed ${n.failed.seed}`;
  return `${step} ${gives}fails ${n.failed.text} on seed ${n.failed.seed} (${metricWithUnit(n.failed.metric, n.failed.worst)})`;
}

function bestLines(r: OptimizeResult): string[] {
  const b = r.best;
  if (b === null) return [];
  const n = b.seeds.length;
  const lines = ['', `Best design: ${designLabel(b.labels)}`, `  ${r.minimize} ${metricWithUnit(r.minimize, b.objective)}${n > 1 ? ` (mean of ${n} seeds)` : ''}`];
  lines.push(...renderTable(EXPECTATION_HEAD, expectationRows(b)).trimEnd().split('\n'));
  if (b.binding !== null) {
    const x = b.binding;
    const room = `${formatPercent(Math.abs(x.margin), 1)} ${x.op === '<' || x.op === '<=' ? 'under' : 'over'} the limit`;
    lines.push(`  binding: ${x.text}: ${metricWithUnit(x.metric, x.worst)} on seed ${x.worstSeed}, ${room}`);
    for (const nb of b.neighbours) lines.push(`    ${neighbourText(nb, x)}`);
    if (b.neighbours.length === 0 && r.dimensions.some((d) => d.search === 'bisect')) lines.push('    (the least-capacity value in the range already meets every expectation: widen the range down to find the boundary)');
  }
  return lines;
}

function closestLines(r: OptimizeResult): string[] {
  const c = r.closest;
  if (c === null) return [];
  return ['', `Closest design: ${designLabel(c.labels)}`, ...renderTable(EXPECTATION_HEAD, expectationRows(c)).trimEnd().split('\n')];
}

function frontierRows(r: OptimizeResult): { head: string[]; rows: string[][] } | undefined {
  const f = r.frontier;
  if (f === null || f.points.length < 2) return undefined;
  const labels = r.dimensions.map((d) => d.label);
  return {
    head: [...labels, f.costMetric, `${f.latencyMetric} (worst seed)`, 'meets every expectation'],
    // A cost on a stale price says so in its own cell: the frontier is read row by row.
    rows: f.points.map((p) => [
      ...labels.map((l) => show(p.labels[l])),
      `${metricWithUnit(f.costMetric, p.cost)}${p.onStalePrices ? ' (stale or undated price)' : ''}`,
      metricWithUnit(f.latencyMetric, p.latency),
      statusText(p.status, `seed ${r.seeds[0]}`),
    ]),
  };
}

/** The best design's caveats (unserved requests, nothing offered, stale prices) and the verdict's words, as `run` labels a run. */
function bestVerdict(r: OptimizeResult): { label: string; caveats: string[] } | null {
  return r.best === null ? null : designVerdict(r.best, r.minimize);
}

function verdict(r: OptimizeResult): string {
  const seeds = `seed${r.seeds.length === 1 ? '' : 's'} ${seedList(r.seeds)}`;
  const best = bestVerdict(r);
  if (r.best !== null && best !== null) {
    const pass = `${designLabel(r.best.labels)} has the least ${r.minimize} of the designs that meet every expectation on ${seeds}`;
    return best.caveats.length === 0 ? `${best.label}: ${pass}` : `${best.label}: ${pass}; but ${best.caveats.join('; ')}`;
  }
  const c = r.closest;
  const failing = [
    ...(c?.errors.map((e) => `${e.message} (seed ${e.seed})`) ?? []),
    ...(c?.expectations.filter((e) => !e.pass).map((e) => `${e.text} (${metricWithUnit(e.metric, e.worst)} on seed ${e.worstSeed})`) ?? []),
  ].join('; ');
  const pruned = r.evaluated.designs === 1 && r.dimensions.some((d) => d.search === 'bisect') ? '; it has the most capacity in the range, so no other design can pass' : '';
  return `FAIL: no design in the range meets every expectation on ${seeds}; the closest, ${designLabel(r.closest?.labels ?? {})}, fails ${failing}${pruned}`;
}

/** The text report, ending with a newline. */
export function formatOptimizeText(file: string, r: OptimizeResult): string {
  const lines = [...header(file, r), ...bestLines(r), ...closestLines(r)];
  const f = frontierRows(r);
  if (f !== undefined && r.frontier !== null) {
    lines.push('', `Cost–latency frontier of the designs run (${r.frontier.costMetric} mean over seeds; ${r.frontier.expectation} at the worst seed)`);
    lines.push(...renderTable(f.head, f.rows, f.head.map((_, i) => i < f.head.length - 1)).trimEnd().split('\n'));
  }
  lines.push('', verdict(r));
  return `${lines.join('\n')}\n`;
}

/** The Markdown report, ending with a newline. */
export function formatOptimizeMarkdown(file: string, r: OptimizeResult): string {
  const best = bestVerdict(r);
  const mark = best === null ? '❌' : best.caveats.length === 0 ? '✅' : '⚠️';
  const out = [`### ${mark} optimize ${inlineCode(file)}`, '', ...header(file, r).slice(1).map((l) => `- ${l.trim()}`), ''];
  const d = r.best ?? r.closest;
  if (d !== null) {
    out.push(`**${r.best !== null ? 'Best' : 'Closest'} design:** ${designLabel(d.labels)}`, '');
    out.push(...mdTable(EXPECTATION_HEAD, expectationRows(d, true)), '');
  }
  if (r.best?.binding) {
    const x = r.best.binding;
    out.push(`Binding: ${x.text}: ${metricWithUnit(x.metric, x.worst)} on seed ${x.worstSeed}; ${r.best.neighbours.map((n) => neighbourText(n, x)).join('; ') || 'no step below in the range'}`, '');
  }
  const f = frontierRows(r);
  if (f !== undefined) out.push('<details><summary>Cost–latency frontier</summary>', '', ...mdTable(f.head, f.rows), '', '</details>', '');
  out.push(verdict(r));
  return `${out.join('\n')}\n`;
}
