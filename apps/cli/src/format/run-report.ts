import type { RunResult, Scenario, ScenarioIssue } from '@design-sim/sim-core';

/** What the formatters render for one scenario run: the result plus where it came from. */
export interface RunReport {
  /** The path as the user typed it. */
  file: string;
  scenario: Scenario;
  result: RunResult;
  warnings: readonly ScenarioIssue[];
}

/** The p99 SLO in ms from the first `latency.p99 <` or `<=` expectation, if any (for charts). */
export function p99SloMs(result: RunResult): number | undefined {
  return result.expectations.find((e) => e.metric === 'latency.p99' && (e.op === '<' || e.op === '<='))?.expected;
}
