/**
 * The one-line verdict of a run, the same in every output (CLI text, Markdown, the canvas): the run's
 * own errors first (a broken design fails whatever its expectations say), then the expectations.
 */
import type { RunResult } from './run-result.ts';

/** A run's verdict: pass or fail, and why in one line. */
export interface Verdict {
  pass: boolean;
  /** E.g. "2 of 2 expectations hold", "overloaded from 0:05: …; 1 of 3 expectations failed (latency.p99 < 100ms)". */
  reason: string;
  /** A passing run's caveat, "83 of 135,416 requests not served (…)" (its `unserved` warning), or null: such a PASS is never shown in green. */
  unserved: string | null;
  /** The verdict's words, the same in every output: a pass with a caveat is not a plain PASS. */
  label: 'PASS' | 'PASS, with unserved requests' | 'FAIL';
}

/** The verdict of a run (complete or a snapshot). */
export function verdictOf(r: Pick<RunResult, 'expectations' | 'diagnostics' | 'pass'>): Verdict {
  const errors = r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
  const n = r.expectations.length;
  const failed = r.expectations.filter((e) => !e.pass);
  const checks =
    n === 0
      ? 'no expectations to check'
      : failed.length === 0
        ? `${n} of ${n} expectation${n === 1 ? '' : 's'} hold${n === 1 ? 's' : ''}`
        : `${failed.length} of ${n} expectation${n === 1 ? '' : 's'} failed (${failed.map((e) => e.text).join('; ')})`;
  const unserved = r.pass ? (r.diagnostics.find((d) => d.code === 'unserved')?.message ?? null) : null;
  return { pass: r.pass, reason: [...errors, checks].join('; '), unserved, label: !r.pass ? 'FAIL' : unserved === null ? 'PASS' : 'PASS, with unserved requests' };
}

/** The findings listed under the verdict: all of them but a passing run's `unserved` warning, which the verdict itself carries. */
export function shownDiagnostics(r: Pick<RunResult, 'diagnostics' | 'pass'>): RunResult['diagnostics'] {
  return r.pass ? r.diagnostics.filter((d) => d.code !== 'unserved') : r.diagnostics;
}
