/**
 * Trace replay's input errors as ScenarioIssues: a bad row met while replaying (located in the trace
 * file: line, column, field, what was expected), and a trace scenario run where no host reads files.
 */
import { formatPath, type Scenario, type ScenarioIssue } from '../scenario/index.ts';
import { formatInteger, formatNumber } from '../scenario/describe-value.ts';
import { formatDuration, MAX_EXPECTED_REQUESTS } from '../scenario/index.ts';
import type { ClosedLoopLimitError } from '../traffic/closed-loop.ts';
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

/** A closed loop stopped at the request limit, located at its users (the first closed loop's, when there are several). */
export function closedLoopLimitIssue(e: ClosedLoopLimitError, scenario: Scenario): ScenarioIssue {
  const sources = scenario.spec.trafficSources;
  const i = Math.max(0, sources.findIndex((t) => t.arrivals === 'closed'));
  const horizon = scenario.spec.duration ?? 0;
  const pace = e.sent > MAX_EXPECTED_REQUESTS
    ? `sent more than ${formatNumber(MAX_EXPECTED_REQUESTS)} requests by ${formatDuration(Number(e.at.toPrecision(3)))} simulated`
    : `sent ${formatInteger(e.sent)} requests in the first ${formatDuration(Number(e.at.toPrecision(3)))} simulated; at that pace the ${formatDuration(horizon)} run would send about ${formatNumber(Number(e.projected.toPrecision(3)))}`;
  return {
    file: '',
    line: null,
    column: null,
    path: formatPath(['spec', 'traffic', ...(sources.length > 1 ? [i] : []), 'users']),
    message: `the closed loop ${pace}, above the limit of ${formatNumber(MAX_EXPECTED_REQUESTS)} requests in a run (docs/limits.md): fewer users, a longer think time or a shorter run`,
    expected: `at most ${formatNumber(MAX_EXPECTED_REQUESTS)} requests`,
  };
}
