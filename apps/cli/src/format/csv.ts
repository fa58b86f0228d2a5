/**
 * `--csv DIR`: the time series as one CSV file per scenario (RFC 4180: comma separated, header row,
 * CRLF-free `\n` line ends are accepted by every reader we care about). Columns are the JSON names
 * (docs/json-output.md gives units); a missing value (an interval with no requests) is an empty cell.
 */
import { TIME_SERIES_FIELDS, type TimeSeries } from '@design-sim/sim-core';

/** The CSV text of a time series, header first, ending with a newline. */
export function timeSeriesCsv(ts: TimeSeries): string {
  const n = ts.t.length;
  const lines = [TIME_SERIES_FIELDS.join(',')];
  for (let i = 0; i < n; i++) {
    lines.push(TIME_SERIES_FIELDS.map((f) => {
      const v = ts[f][i] ?? NaN;
      return Number.isFinite(v) ? String(v) : '';
    }).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** File name of a scenario's series inside the --csv folder. */
export function csvFileName(scenarioName: string): string {
  return `${scenarioName}.timeseries.csv`;
}
