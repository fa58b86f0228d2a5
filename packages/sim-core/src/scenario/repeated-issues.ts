/**
 * One mistake, one line: the same issue at the same field of several list entries (an unknown key `latncy:` in
 * each of 40 services) is one mistake copied, reported at its first place with the others counted
 * (`alsoAt`), not as 40 lines that fill the 50-line cap and hide whatever else is wrong.
 */
import type { ScenarioIssue } from './scenario-issue.ts';

/**
 * Folds issues that differ only in their list indices (same message, suggestion, and path but for `[n]`) into the
 * first of them, by position, the others' paths in its `alsoAt`. Different mistakes stay separate lines; the
 * order of first places is kept.
 */
export function foldRepeatedIssues(issues: readonly ScenarioIssue[]): ScenarioIssue[] {
  const groups = new Map<string, ScenarioIssue[]>();
  for (const issue of issues) {
    // A path with its indices blanked is the field's place in the schema; an issue without a path has no repeats.
    const shape = issue.path === '' ? `\u0001${groups.size}` : issue.path.replace(/\[\d+\]/g, '[]');
    const key = JSON.stringify([shape, issue.message, issue.suggestion ?? null, issue.line === null]);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [issue]);
    else group.push(issue);
  }
  return [...groups.values()].map(([first, ...rest]) => (rest.length === 0 ? first! : { ...first!, alsoAt: rest.map((r) => r.path) }));
}
