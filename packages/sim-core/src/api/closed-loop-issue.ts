/**
 * A closed loop stopped at the request limit at run time (it has no rate to check before the run), as a
 * located input issue like a schema issue: the file and line are added where the text is known (sim-api).
 */
import { formatInteger, formatNumber } from '../scenario/describe-value.ts';
import { formatDuration, formatPath, MAX_EXPECTED_REQUESTS, type Scenario, type ScenarioIssue } from '../scenario/index.ts';
import type { ClosedLoopLimitError } from '../traffic/closed-loop.ts';

/** A closed loop stopped at the request limit, located at its users (the first closed loop's, when there are several). */
export function closedLoopLimitIssue(e: ClosedLoopLimitError, scenario: Scenario): ScenarioIssue {
  const sources = scenario.spec.trafficSources;
  const i = Math.max(0, sources.findIndex((t) => t.arrivals === 'closed'));
  const horizon = scenario.spec.duration ?? 0;
  // Requests that take no simulated time (thinkTime 0 and a 0 ms service) never let the clock move: the projection is
  // infinite, and the message said "would send about Infinity".
  const pace = e.sent > MAX_EXPECTED_REQUESTS
    ? `sent more than ${formatNumber(MAX_EXPECTED_REQUESTS)} requests by ${formatDuration(Number(e.at.toPrecision(3)))} simulated`
    : !Number.isFinite(e.projected)
      ? `sent ${formatInteger(e.sent)} requests without the simulated clock moving (each took 0 s: thinkTime and the service time are 0), so the ${formatDuration(horizon)} run would send requests without end`
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
