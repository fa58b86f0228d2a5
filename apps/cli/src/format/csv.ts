/**
 * `--csv DIR`: the time series as one CSV file per scenario (RFC 4180: comma separated, header row,
 * CRLF-free `\n` line ends are accepted by every reader we care about). Columns are the JSON names
 * (docs/json-output.md gives units); a missing value (an interval with no requests) is an empty cell.
 * A design with several traffic sources or services adds their own series after the top-level ones, named
 * by their place in the JSON: `traffic[0].offeredQps` (summary.traffic[0].timeseries.offeredQps) and
 * `services.api.servedQps` (services.api.timeseries.servedQps), as the reports show them per component.
 */
import { TIME_SERIES_FIELDS, type RunResult, type TimeSeries } from '@design-sim/sim-core';

/** One extra column: its header and one value per interval. */
export interface CsvColumn {
  name: string;
  values: ArrayLike<number>;
}

/** The per-source and per-service columns of a run: none for one source, none for one service (the top-level series are theirs). */
export function componentColumns(r: RunResult): CsvColumn[] {
  const out: CsvColumn[] = [];
  const traffic = r.summary?.traffic ?? [];
  if (traffic.length > 1) traffic.forEach((t, i) => out.push({ name: `traffic[${i}].offeredQps`, values: t.timeseries.offeredQps }));
  const services = Object.entries(r.services ?? {});
  if (services.length > 1) {
    for (const [name, s] of services) {
      for (const [field, values] of Object.entries(s.timeseries)) out.push({ name: `services.${name}.${field}`, values });
    }
  }
  return out;
}

/** A header cell, quoted when a name (a service's) holds a comma or a quote. */
function headerCell(name: string): string {
  return /[",\n]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name;
}

/** The CSV text of a time series, header first, ending with a newline; `extra` columns follow the top-level ones. */
export function timeSeriesCsv(ts: TimeSeries, extra: readonly CsvColumn[] = []): string {
  const n = ts.t.length;
  const lines = [[...TIME_SERIES_FIELDS, ...extra.map((c) => headerCell(c.name))].join(',')];
  const cell = (v: number | undefined): string => (v !== undefined && Number.isFinite(v) ? String(v) : '');
  for (let i = 0; i < n; i++) {
    lines.push([...TIME_SERIES_FIELDS.map((f) => cell(ts[f][i])), ...extra.map((c) => cell(c.values[i]))].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** File name of a scenario's series inside the --csv folder. */
export function csvFileName(scenarioName: string): string {
  return `${scenarioName}.timeseries.csv`;
}
