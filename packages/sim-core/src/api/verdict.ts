/**
 * The one-line verdict of a run, the same in every output (CLI text, Markdown, the canvas): the run's
 * own errors first (a broken design fails whatever its expectations say), then the expectations.
 */
import type { RunResult } from './run-result.ts';
import { restsOnUndatedOnly } from './stale-prices.ts';

/** A run's verdict: pass or fail, and why in one line. */
export interface Verdict {
  pass: boolean;
  /** E.g. "2 of 2 expectations hold", "overloaded from 0:05: …; 1 of 3 expectations failed (latency.p99 < 100ms)". */
  reason: string;
  /** A passing run's caveat, "83 of 135,416 requests not served (…)" (its `unserved` warning), or null: such a PASS is never shown in green. */
  unserved: string | null;
  /** A passing run's expectations that hold on stale or undated prices, and which (its `stale-prices` warning), or null. */
  stalePrices: string | null;
  /**
   * A passing serving run with no request after the warm-up (its `nothing-offered` warning), or null: it passed on
   * expectations that do not need traffic (a bill) or on none, and shows nothing about serving, so not in green.
   */
  nothingOffered: string | null;
  /** Everything a passing run's verdict must say after its reason (unserved requests, nothing offered, stale prices), or null for a plain PASS. */
  caveat: string | null;
  /** The verdict's words, the same in every output: a pass with a caveat is not a plain PASS. */
  label: 'PASS' | 'PASS, with unserved requests' | 'PASS, with nothing offered' | 'PASS, on stale prices' | 'PASS, on undated prices' | 'FAIL';
}

/** Warnings a passing verdict carries in its own line rather than in the list under it. */
const CAVEATS: ReadonlySet<string> = new Set(['unserved', 'nothing-offered', 'stale-prices']);

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
  const caveat = (code: string) => (r.pass ? (r.diagnostics.find((d) => d.code === code)?.message ?? null) : null);
  const unserved = caveat('unserved');
  const nothingOffered = caveat('nothing-offered');
  const stalePrices = caveat('stale-prices');
  const all = [unserved, nothingOffered, stalePrices].filter((x) => x !== null);
  const label = verdictLabel(r.pass, unserved, stalePrices, nothingOffered);
  return { pass: r.pass, reason: [...errors, checks].join('; '), unserved, stalePrices, nothingOffered, caveat: all.length === 0 ? null : all.join('; '), label };
}

/** The verdict's words, for a run and for the optimizer's best design alike: a pass with a caveat is not a plain PASS. */
export function verdictLabel(pass: boolean, unserved: string | null, stalePrices: string | null, nothingOffered: string | null = null): Verdict['label'] {
  if (!pass) return 'FAIL';
  if (unserved !== null) return 'PASS, with unserved requests';
  if (nothingOffered !== null) return 'PASS, with nothing offered';
  if (stalePrices === null) return 'PASS';
  return restsOnUndatedOnly(stalePrices) ? 'PASS, on undated prices' : 'PASS, on stale prices';
}

/** The findings listed under the verdict: all of them but a passing run's caveats, which the verdict itself carries. */
export function shownDiagnostics(r: Pick<RunResult, 'diagnostics' | 'pass'>): RunResult['diagnostics'] {
  return r.pass ? r.diagnostics.filter((d) => !CAVEATS.has(d.code)) : r.diagnostics;
}
