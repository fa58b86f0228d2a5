/**
 * The Optimize panel's choices → sim-core's varied fields: each checked row is a dimension (a range
 * from–to by step, or a list of instance types), or follows another row ("together with"), so a fixed
 * fleet's replicas and its pool's node bounds take each value together, as
 * `--vary replicas,minNodes,maxNodes=1..20` does in the CLI. Bad input gives one message naming the row.
 */
import type { VariedField } from '@design-sim/sim-core';
import type { OptimizeField } from './optimize-fields.ts';

/** Most values one dimension may take in the browser (a search runs about log2 of them when bisected). */
export const MAX_PANEL_VALUES = 1000;

/** What the user set for one field. */
export interface VaryRow {
  fieldId: string;
  from: string;
  to: string;
  step: string;
  /** Instance types (instance fields). */
  choices: string[];
  /** The row whose values this one takes (its dimension), or null for a dimension of its own. */
  with: string | null;
}

/** The varied fields, or the first problem found. */
export type VariedFieldsResult = { ok: true; fields: VariedField[] } | { ok: false; message: string };

const tidy = (x: number): number => (x === 0 ? 0 : Number(x.toPrecision(12)));

/** The values of one row, or a message. */
export function rowValues(field: OptimizeField, row: VaryRow): { ok: true; values: unknown[] } | { ok: false; message: string } {
  const name = field.label;
  if (field.kind === 'instance') {
    if (row.choices.length === 0) return { ok: false, message: `${name}: pick at least one instance type` };
    return { ok: true, values: [...row.choices] };
  }
  const [a, b, s] = [row.from, row.to, row.step].map((t) => (t.trim() === '' ? NaN : Number(t)));
  if (!Number.isFinite(a) || !Number.isFinite(b)) return { ok: false, message: `${name}: "from" and "to" must be numbers` };
  if (!(s! > 0)) return { ok: false, message: `${name}: the step must be a positive number` };
  if (b! < a!) return { ok: false, message: `${name}: the range runs backwards (from ${a} to ${b}); write the lower value first` };
  if (field.kind === 'integer' && ![a, b, s].every((x) => Number.isInteger(x))) return { ok: false, message: `${name}: whole numbers only` };
  if (field.kind === 'fraction' && (a! < 0 || b! > 1)) return { ok: false, message: `${name}: a share between 0 and 1` };
  const count = Math.floor((b! - a!) / s! + 1e-9) + 1;
  if (count > MAX_PANEL_VALUES) return { ok: false, message: `${name}: ${count} values is more than the ${MAX_PANEL_VALUES} one field may take here; use a larger step (or the CLI)` };
  return { ok: true, values: Array.from({ length: count }, (_, i) => tidy(a! + i * s!)) };
}

/** The dimensions of the checked rows (in the order given), linked rows joined to their leader. */
export function variedFields(fields: readonly OptimizeField[], rows: readonly VaryRow[]): VariedFieldsResult {
  if (rows.length === 0) return { ok: false, message: 'Pick at least one field to vary.' };
  const byId = new Map(fields.map((f) => [f.id, f]));
  const checked = new Set(rows.map((r) => r.fieldId));
  const out: (VariedField & { id: string; labels: string[] })[] = [];
  for (const row of rows) {
    const f = byId.get(row.fieldId);
    if (f === undefined) return { ok: false, message: `${row.fieldId} is no longer in the design` };
    if (row.with !== null && checked.has(row.with)) continue;
    const v = rowValues(f, row);
    if (!v.ok) return v;
    out.push({ id: f.id, label: f.label, labels: [f.label], paths: [f.path], values: v.values });
  }
  for (const row of rows) {
    if (row.with === null || !checked.has(row.with)) continue;
    const f = byId.get(row.fieldId)!;
    const leader = out.find((d) => d.id === row.with);
    if (leader === undefined) return { ok: false, message: `${f.label}: "together with" must name a field that has its own values` };
    const lf = byId.get(leader.id)!;
    if ((lf.kind === 'instance') !== (f.kind === 'instance')) return { ok: false, message: `${f.label} cannot take the values of ${lf.label}` };
    leader.paths = [...leader.paths, f.path];
    leader.labels.push(f.label);
  }
  return { ok: true, fields: out.map((d) => ({ label: d.labels.join(' + '), paths: d.paths, values: d.values })) };
}

/** The `design-sim optimize` command that runs the same search (paths in full, so the CLI reads them as they are). */
export function cliCommand(fileName: string, fields: readonly VariedField[], minimize: string, seeds: number, rows: readonly VaryRow[], all: readonly OptimizeField[]): string {
  const vary = fields.map((d) => {
    const paths = d.paths.map((p) => all.find((f) => f.path === p)?.id ?? '').join(',');
    const first = rows.find((r) => all.find((f) => f.id === r.fieldId)?.path === d.paths[0]);
    const numeric = d.values.every((v) => typeof v === 'number');
    const values = numeric && first !== undefined ? `${first.from.trim()}..${first.to.trim()}${first.step.trim() === '1' ? '' : `:${first.step.trim()}`}` : d.values.map(String).join(',');
    return `--vary '${paths}=${values}'`;
  });
  return ['design-sim optimize', fileName, ...vary, ...(minimize === 'cost.hourly' ? [] : [`--minimize ${minimize}`]), ...(seeds === 3 ? [] : [`--seeds ${seeds}`])].join(' ');
}
