/**
 * A Karpenter budget's `schedule` and `duration` as the NodePool CRD validates them, read at kubernetes-sigs/karpenter
 * commit 2266468104f36373ed002241afaee2d3bbc26078, pkg/apis/v1/nodepool.go `Budget`:
 * - schedule `+kubebuilder:validation:Pattern` `^(@(annually|yearly|monthly|weekly|daily|midnight|hourly))|((.+)\s(.+)\s(.+)\s(.+)\s(.+))$`.
 *   The `|` splits the whole pattern: text STARTING with a macro name, or ENDING in five whitespace-separated parts,
 *   passes. The API server matches it with Go's RE2, where `\s` is [\t\n\f\r ] and `.` is any character but \n;
 *   it is checked below without a backtracking regex (the five greedy groups would take polynomial time).
 * - duration `+kubebuilder:validation:Pattern` `^((([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?)$`, then decoded by Go's
 *   `time.ParseDuration` (metav1.Duration), which refuses more than 2562047h47m.
 * - `Disruption.Budgets` `+kubebuilder:validation:XValidation` `self.all(x, has(x.schedule) == has(x.duration))`,
 *   message "'schedule' must be set with 'duration'" (applied in karpenter-schema.ts).
 * What the pattern lets through but robfig/cron cannot parse (six fields, "@dailyish", a day-of-week 7) is accepted by
 * the API server and makes the controller fail closed; scenario-warnings.ts says so.
 */
import * as z from 'zod';

const MACRO = /^@(annually|yearly|monthly|weekly|daily|midnight|hourly)/;
const isRe2Space = (c: string): boolean => c === '\t' || c === '\n' || c === '\f' || c === '\r' || c === ' ';

/**
 * Whether some suffix of `s` is `(.+)\s(.+)\s(.+)\s(.+)\s(.+)` in RE2 terms: five non-empty runs without a newline
 * split by four single whitespace characters (which may be newlines). `ends[k][i]`: s[i..] is k + 1 such runs.
 */
function endsInFiveParts(s: string): boolean {
  const n = s.length;
  // nextNewline[i]: index of the first \n at or after i (n if none).
  const nextNewline = new Array<number>(n + 1).fill(n);
  for (let i = n - 1; i >= 0; i--) nextNewline[i] = s[i] === '\n' ? i : nextNewline[i + 1]!;
  let ends = Array.from({ length: n + 1 }, (_, i) => i < n && nextNewline[i] === n);
  for (let k = 1; k < 5; k++) {
    // nextSplit[j]: the first separator at or after j that has `ends` (k − 1 more runs) right after it.
    const nextSplit = new Array<number>(n + 1).fill(n);
    for (let j = n - 1; j >= 0; j--) nextSplit[j] = isRe2Space(s[j]!) && ends[j + 1] === true ? j : nextSplit[j + 1]!;
    // A run from i (non-empty, no \n) ends just before a separator j in (i, first \n at or after i].
    ends = Array.from({ length: n + 1 }, (_, i) => i < n && s[i] !== '\n' && nextSplit[i + 1]! <= Math.min(nextNewline[i]!, n - 1));
  }
  return ends.some((e) => e);
}

/** The CRD's schedule pattern. */
export function matchesSchedulePattern(s: string): boolean {
  return MACRO.test(s) || endsInFiveParts(s);
}

const DURATION = /^(([0-9]+)(h|m)|([0-9]+)h([0-9]+)m)(0s)?$/;
/** Go's time.Duration limit, in seconds (math.MaxInt64 ns). */
const MAX_GO_DURATION_SECONDS = 9_223_372_036.854775807;

/** The CRD's duration pattern and Go's decoding: seconds, or undefined when the API server would refuse it. */
export function parseBudgetDuration(s: string): number | undefined {
  const m = DURATION.exec(s);
  if (m === null) return undefined;
  const seconds = m[2] !== undefined ? Number(m[2]) * (m[3] === 'h' ? 3600 : 60) : Number(m[4]) * 3600 + Number(m[5]) * 60;
  return seconds <= MAX_GO_DURATION_SECONDS ? seconds : undefined;
}

/** `Budget.schedule`: a cron spec in UTC, as the CRD admits it. */
export const budgetScheduleSchema = z
  .string()
  .refine(matchesSchedulePattern, {
    message: 'must be a cron spec of five fields "minute hour day-of-month month day-of-week" (UTC), e.g. "0 9 * * mon-fri", or @yearly, @monthly, @weekly, @daily, @hourly',
  })
  .describe('When the budget turns on: a cron spec "minute hour day-of-month month day-of-week" in UTC, or @daily, @weekly, @monthly, @yearly, @hourly; needs duration');

/** `Budget.duration`: whole hours and/or minutes. Output: seconds. */
export const budgetDurationSchema = z
  .string()
  .regex(/^((([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?)$/, { message: 'must be hours and/or minutes such as "8h", "30m" or "1h30m" (the NodePool CRD takes no seconds or days)' })
  .transform((s, ctx) => {
    const seconds = parseBudgetDuration(s);
    if (seconds === undefined) {
      ctx.addIssue({ code: 'custom', input: s, message: 'is longer than a Go duration can hold (2562047h47m)' });
      return z.NEVER;
    }
    return seconds;
  })
  .describe('How long the budget stays on after each schedule hit: "8h", "30m", "1h30m"; needs schedule');
