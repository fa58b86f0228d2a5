import type { ClaimGrade, ExpectationResult } from '../scenario/expectations.ts';
import { getMetric } from '../scenario/metrics.ts';

/** What a design with services but no node pools leaves out of its bill: the nodes its replicas run on. */
export const UNPRICED_FLEET = 'no node pools: the nodes the replicas run on are not priced (capacity is unlimited; add spec.nodePools to price it)';

/** How an incomplete bill bounds a metric: 'lower' (the true figure is at or above it), 'upper', or null (not from the bill): the metric table's `billBound`. */
export function billBound(metric: string): 'lower' | 'upper' | null {
  return getMetric(metric)?.billBound ?? null;
}

/**
 * A verdict is a promise: an expectation on a bill with unknown prices passes only if it holds whatever those
 * prices are. A lower bound can prove `>`, `>=` (and `!=` when it is already past the threshold), never `<`, `<=` or `==`
 * (and the reverse for an upper bound);
 * any other pass on such a figure is a fail that says why.
 */
export function judgedOnIncompleteBill(results: readonly ExpectationResult[], unknownPrices: readonly string[]): ExpectationResult[] {
  if (unknownPrices.length === 0) return [...results];
  return results.map((e) => {
    const bound = billBound(e.metric);
    if (bound === null || !e.pass) return e;
    // The true figure is at or above a lower bound (at or below an upper one): only what holds past it is shown.
    const beyond = bound === 'lower' ? e.actual! > e.expected : e.actual! < e.expected;
    const proves = bound === 'lower' ? e.op === '>' || e.op === '>=' || (e.op === '!=' && beyond) : e.op === '<' || e.op === '<=' || (e.op === '!=' && beyond);
    if (proves) return e;
    const which = bound === 'lower' ? 'a lower' : 'an upper';
    return { ...e, pass: false, reason: `${e.metric} is ${which} bound of the true figure, so it cannot show ${e.text}; the bill is incomplete: ${unknownPrices.join('; ')}` };
  });
}

/**
 * The same for graded claims: against a lower bound, a claim below it is at least that far off (the true figure is
 * further still) and keeps its grade; any other grade (ok, or a claim above the bound) is not known, and says why.
 */
export function gradedOnIncompleteBill(grades: readonly ClaimGrade[], unknownPrices: readonly string[]): ClaimGrade[] {
  if (unknownPrices.length === 0) return [...grades];
  return grades.map((g) => {
    const bound = billBound(g.metric);
    if (bound === null || g.actual === null || g.verdict === 'not-modelled' || g.verdict === 'unknown') return g;
    const provenOff = g.verdict !== 'ok' && (bound === 'lower' ? g.claimed < g.actual : g.claimed > g.actual);
    if (provenOff) return g;
    return { ...g, verdict: 'not-modelled', reason: `the tool's ${g.metric} is ${bound === 'lower' ? 'a lower' : 'an upper'} bound: the bill is incomplete: ${unknownPrices.join('; ')}` };
  });
}
