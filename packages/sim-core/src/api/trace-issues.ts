/**
 * Trace replay's input errors as ScenarioIssues: a bad row met while replaying (located in the trace
 * file: line, column, field, what was expected), and a trace scenario run where no host reads files.
 */
import { formatPath, type Scenario, type ScenarioIssue } from '../scenario/index.ts';
import { TraceFormatError, type TraceOpener, TraceRows } from '../traffic/trace-reader.ts';

/** A bad trace row, located in the trace file. */
export function traceFormatIssue(e: TraceFormatError): ScenarioIssue {
  return { file: e.file, line: e.line, column: e.column, path: e.field, message: `expected ${e.expected}, got ${e.got}`, expected: e.expected };
}

/**
 * The first bad header or row of each trace, read through the same TraceRows a run replays from, so
 * `validate` refuses what `run` would (a trace of a header and no rows was "valid", then refused by run).
 * It reads the rows a run of `spec.duration` reads (up to the first past its end), no further: a bad row an hour
 * into a trace that a 10-minute run never reaches does not fail `run`, so it does not fail `validate` either.
 * A run never calls this: it meets the same error on its one pass, so a huge trace is read once.
 * Not checked here: loop and row-count limits, which depend on the run's length and timeScale.
 */
export function traceRowIssues(scenario: Scenario, open: TraceOpener): ScenarioIssue[] {
  const end = scenario.spec.duration ?? Infinity;
  return scenario.spec.trafficSources.flatMap((t) => {
    if (t.trace === undefined) return [];
    const { file, format, timeScale } = t.trace;
    const rows = new TraceRows(open(file), format, file);
    try {
      while (rows.next() && rows.t * timeScale <= end);
      return [];
    } catch (e) {
      if (e instanceof TraceFormatError) return [traceFormatIssue(e)];
      throw e;
    } finally {
      rows.close();
    }
  });
}

/** One issue per trace source when the host gives no trace reader (the web app): trace files are run from the CLI. */
export function traceIssues(scenario: Scenario): ScenarioIssue[] {
  const sources = scenario.spec.trafficSources;
  const many = sources.length > 1;
  return sources.flatMap((t, i) =>
    t.trace === undefined
      ? []
      : [{
          file: '',
          line: null,
          column: null,
          path: formatPath(['spec', 'traffic', ...(many ? [i] : []), 'trace', 'file']),
          message: `trace files are run from the CLI: design-sim run <scenario> reads ${t.trace.file} beside the scenario (this host cannot read files)`,
        }],
  );
}
