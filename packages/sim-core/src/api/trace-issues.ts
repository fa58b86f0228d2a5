/**
 * Trace replay's input errors as ScenarioIssues: a bad row met while replaying (located in the trace
 * file: line, column, field, what was expected), and a trace scenario run where no host reads files.
 */
import { formatPath, type Scenario, type ScenarioIssue } from '../scenario/index.ts';
import type { TraceFormatError } from '../traffic/trace-reader.ts';

/** A bad trace row, located in the trace file. */
export function traceFormatIssue(e: TraceFormatError): ScenarioIssue {
  return { file: e.file, line: e.line, column: e.column, path: e.field, message: `expected ${e.expected}, got ${e.got}`, expected: e.expected };
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
