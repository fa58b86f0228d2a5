/** Scenario issues as the CLI prints them: one line each, `error: file:line:col path: message (did you mean …?)`. */
import { formatIssue, type ScenarioIssue } from '@design-sim/sim-core';
import type { Colors } from '../context.ts';

/** Lines for `issues` at `level`, each ending with a newline. */
export function formatIssueLines(issues: readonly ScenarioIssue[], c: Colors, level: 'error' | 'warning' = 'error'): string {
  const tag = level === 'error' ? c.red('error') : c.yellow('warning');
  return issues.map((i) => `${tag}: ${formatIssue(i)}\n`).join('');
}
