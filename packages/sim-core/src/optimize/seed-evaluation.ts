/**
 * What the search needs from one run of one design on one seed: whether every expectation held, each
 * expectation's outcome, and every metric the run produced. Plain JSON-safe data (no NaN or Infinity:
 * a missing or non-finite value is absent or null), so an evaluation written to a shard file and read
 * back is the same evaluation.
 */
import type { RunResult } from '../api/run-result.ts';
import { lookupMetric } from '../api/metric-lookup.ts';
import { verdictOf } from '../api/verdict.ts';
import { stalePricesUsed } from '../api/stale-prices.ts';
import type { ComparisonOp } from '../scenario/expectations.ts';
import { METRIC_NAMES } from '../scenario/metrics.ts';

/** One expectation's outcome on one seed. */
export interface ExpectationOutcome {
  text: string;
  metric: string;
  op: ComparisonOp;
  /** Threshold, canonical unit. */
  expected: number;
  /** The run's value, or null when the run has none (or it is not a finite number). */
  actual: number | null;
  pass: boolean;
  /** A pass's caveat, "on a stale price" (api/stale-prices.ts): the comparison held on a price flagged stale. Absent otherwise (and in shard files written before it). */
  caveat?: string;
}

/** One design on one seed. */
export interface SeedEvaluation {
  seed: number;
  /** Every expectation held and the run found no error of its own. */
  pass: boolean;
  expectations: ExpectationOutcome[];
  /** The run's own errors (overloaded, nothing served…): each fails the design whatever the expectations. */
  errors: string[];
  /** A passing run's `unserved` warning (requests dropped, timed out or unfinished under its availability bar), else null. */
  unserved: string | null;
  /**
   * A passing run's `nothing-offered` warning (no request after the warm-up: it passed on a bill or on nothing), present
   * only then: absent otherwise, so shard files and answers without it read the same as before it existed.
   */
  nothingOffered?: string;
  /**
   * The prices its bill lacks (`summary.cost.unknownPrices`: no node pools, a price the catalog has not), present only
   * then: its bill's figures are lower bounds, not prices, so a search cannot minimize them (designUnpricedObjective).
   */
  unknownPrices?: string[];
  /** The stale prices the run's dollar figures rest on (api/stale-prices.ts); absent in shard files written before it. */
  stalePrices?: string[];
  /** Every metric the run produced (canonical units); metrics it did not produce are absent. */
  metrics: Record<string, number>;
}

const finite = (x: number | null): number | null => (x !== null && Number.isFinite(x) ? x : null);

/** The evaluation of a finished run (the host runs it; this keeps what the search reads). */
export function seedEvaluationFromResult(result: Pick<RunResult, 'seed' | 'pass' | 'expectations' | 'diagnostics' | 'summary' | 'training' | 'costs'>): SeedEvaluation {
  const metrics: Record<string, number> = {};
  for (const name of METRIC_NAMES) {
    const v = finite(lookupMetric(result, name));
    if (v !== null) metrics[name] = v;
  }
  const verdict = verdictOf(result);
  return {
    seed: result.seed,
    pass: result.pass,
    expectations: result.expectations.map((e) => ({ text: e.text, metric: e.metric, op: e.op, expected: e.expected, actual: finite(e.actual), pass: e.pass, ...(e.caveat === undefined ? {} : { caveat: e.caveat }) })),
    errors: result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
    unserved: verdict.unserved,
    ...(verdict.nothingOffered === null ? {} : { nothingOffered: verdict.nothingOffered }),
    ...((result.summary?.cost.unknownPrices.length ?? 0) === 0 ? {} : { unknownPrices: [...result.summary!.cost.unknownPrices] }),
    stalePrices: stalePricesUsed(result),
    metrics,
  };
}
