/** The what-if table of `design-sim sweep`: one row per variant, in text, Markdown or JSON. */
import { formatPath, measuredAvailability, toPlainJson, verdictOf } from '@design-sim/sim-core';
import type { SweepResponse } from '../sweep/worker-protocol.ts';
import type { VarySpec } from '../sweep/vary-spec.ts';
import { JSON_FORMAT_VERSION, stringifyJson } from './json-output.ts';
import { mdTable } from './markdown.ts';
import { formatMs, formatNum, formatPercent, formatUsd, MISSING } from './numbers.ts';
import { renderTable } from './table.ts';

/** One variant: the values it set and what it produced. */
export interface SweepRow {
  values: readonly unknown[];
  response: SweepResponse;
}

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

interface Column {
  head: string;
  numeric: boolean;
  cell: (r: SweepRow) => string;
}

function columns(specs: readonly VarySpec[], rows: readonly SweepRow[]): Column[] {
  const outcomes = rows.flatMap((r) => (r.response.ok ? [r.response.outcome] : []));
  const serving = outcomes.some((o) => o.summary !== null);
  const training = outcomes.some((o) => o.training !== null);
  const s = (r: SweepRow) => (r.response.ok ? r.response.outcome.summary : null);
  const t = (r: SweepRow) => (r.response.ok ? r.response.outcome.training : null);
  // A bill with unknown prices (no node pools) gives lower bounds, said as run's report says them.
  const bill = (r: SweepRow, usd: number | null | undefined): string => `${s(r)?.cost.complete === false && typeof usd === 'number' ? '≥ ' : ''}${formatUsd(usd)}`;
  const cols: Column[] = specs.map((spec, i) => ({ head: spec.label, numeric: true, cell: (r) => show(r.values[i]) }));
  if (serving) {
    cols.push(
      { head: 'p50', numeric: true, cell: (r) => formatMs(s(r)?.latencyMs.p50) },
      { head: 'p99', numeric: true, cell: (r) => formatMs(s(r)?.latencyMs.p99) },
      // sim-core's reading, as run's report: no value with nothing offered after the warm-up, not the vacuous 100%.
      { head: 'availability', numeric: true, cell: (r) => { const sum = s(r); return formatPercent(sum === null || sum === undefined ? null : measuredAvailability(sum)); } },
      { head: 'peak replicas', numeric: true, cell: (r) => formatNum(s(r)?.replicas.max) },
      { head: 'peak nodes', numeric: true, cell: (r) => formatNum(s(r)?.nodes.max) },
      { head: 'cost/month', numeric: true, cell: (r) => bill(r, s(r)?.cost.monthlyUsd) },
      { head: 'per 1k req', numeric: true, cell: (r) => bill(r, s(r)?.cost.per1kRequestsUsd) },
    );
  }
  if (training) {
    cols.push(
      { head: 'training days', numeric: true, cell: (r) => formatNum(t(r)?.days) },
      { head: 'training cost', numeric: true, cell: (r) => formatUsd(t(r)?.costUsd) },
    );
  }
  cols.push({
    head: 'expectations',
    numeric: false,
    cell: (r) => {
      if (!r.response.ok) return `error: ${r.response.message}`;
      const e = r.response.outcome.expectations;
      // The run's own errors fail it whatever the expectations (sim-core verdictOf): say so first.
      const errors = r.response.outcome.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
      const held = e.filter((x) => x.pass).length;
      const failed = e.filter((x) => !x.pass).map((x) => x.text);
      // A passing point with a caveat (unserved requests, stale prices) is not a plain ✓, as in `run`'s verdict.
      const caveat = verdictOf(r.response.outcome).caveat;
      if (errors.length === 0 && failed.length === 0 && caveat !== null) return `⚠ ${held}/${e.length} (${caveat})`;
      if (errors.length === 0 && e.length === 0) return MISSING;
      if (errors.length === 0 && failed.length === 0) return `✓ ${held}/${e.length}`;
      return `✗ ${held}/${e.length} (${[...errors, ...failed].join('; ')})`;
    },
  });
  return cols;
}

/** Text table, ending with a newline. */
export function formatSweepText(specs: readonly VarySpec[], rows: readonly SweepRow[]): string {
  const cols = columns(specs, rows);
  return renderTable(cols.map((c) => c.head), rows.map((r) => cols.map((c) => c.cell(r))), cols.map((c) => c.numeric));
}

/** Markdown table, ending with a newline. */
export function formatSweepMarkdown(specs: readonly VarySpec[], rows: readonly SweepRow[]): string {
  const cols = columns(specs, rows);
  return `${mdTable(cols.map((c) => c.head), rows.map((r) => cols.map((c) => c.cell(r)))).join('\n')}\n`;
}

/** JSON document (docs/json-output.md, "sweep"), ending with a newline. */
export function formatSweepJson(file: string, specs: readonly VarySpec[], rows: readonly SweepRow[]): string {
  const doc = {
    formatVersion: JSON_FORMAT_VERSION,
    file,
    vary: specs.map((s) => ({ label: s.label, path: formatPath(s.paths[0] ?? []), paths: s.paths.map(formatPath), values: s.values })),
    variants: rows.map((r) => {
      const values = Object.fromEntries(specs.map((s, i) => [s.label, r.values[i]]));
      return r.response.ok ? { values, ok: true, ...r.response.outcome } : { values, ok: false, error: r.response.message };
    }),
  };
  return `${stringifyJson(toPlainJson(doc))}\n`;
}
