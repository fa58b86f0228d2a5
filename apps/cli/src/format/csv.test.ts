import { TIME_SERIES_FIELDS, type TimeSeries } from '@design-sim/sim-core';
import { describe, expect, it } from 'vitest';
import { csvFileName, timeSeriesCsv } from './csv.ts';

function series(n: number): TimeSeries {
  const ts = {} as Record<keyof TimeSeries, Float64Array>;
  for (const f of TIME_SERIES_FIELDS) ts[f] = Float64Array.from({ length: n }, (_, i) => (i + 1) * 60);
  return ts;
}

describe('timeSeriesCsv', () => {
  it('writes a header of the JSON field names and one row per interval', () => {
    const csv = timeSeriesCsv(series(3));
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe(TIME_SERIES_FIELDS.join(','));
    expect(lines).toHaveLength(4);
    expect(lines[3]?.split(',')).toEqual(TIME_SERIES_FIELDS.map(() => '180'));
  });

  it('leaves missing values (NaN) empty', () => {
    const ts = series(1);
    ts.latencyP99Ms[0] = NaN;
    const row = timeSeriesCsv(ts).trimEnd().split('\n')[1]?.split(',') ?? [];
    expect(row[TIME_SERIES_FIELDS.indexOf('latencyP99Ms')]).toBe('');
    expect(row[0]).toBe('60');
  });

  it('names the file after the scenario', () => {
    expect(csvFileName('hpa-step')).toBe('hpa-step.timeseries.csv');
  });
});
