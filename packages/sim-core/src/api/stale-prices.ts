/**
 * A verdict is a promise, and a price has a date. An expectation on a dollar figure (`cost.hourly < 70`) that
 * holds on a stale price (observed before a known price change, or past its age limit: cost-model's freshness)
 * shows only that it held when the price was seen. Such a pass keeps `pass` (the comparison holds on the prices
 * billed) but carries a caveat, and the run a `stale-prices` warning that every output shows beside its verdict,
 * as for unserved requests: never a plain green PASS. Figures that do not come from a price are not touched.
 *
 * An **undated** price (its source gives no observation day: cost-model's `undated`) is treated the same way: no
 * one can say it is current, and GPU list prices moved 25–44% within a year (AWS's June 2025 cut), so a verdict
 * resting on one is no more a promise than one resting on a stale price. The words say which it is.
 */
import type { CostLine } from '@design-sim/cost-model';
import type { Scenario } from '../scenario/scenario-schema.ts';
import type { ExpectationResult } from '../scenario/expectations.ts';
import { getMetric, splitServiceMetric } from '../scenario/metrics.ts';
import type { Diagnostic } from './diagnostics.ts';
import type { RunResult } from './run-result.ts';

/** How a caveat names an undated price: its label and this. */
const UNDATED = 'undated';

/** A stale or undated price as the caveat names it: the bill's line and when its source saw the price (or "undated"). */
function staleName(line: Pick<CostLine, 'label' | 'freshness'>): string | null {
  const f = line.freshness;
  if (f?.status === 'undated') return `${line.label}, ${UNDATED}`;
  if (f?.status !== 'stale') return null;
  return `${line.label}, observed ${f.observedIsUpperBound ? 'by ' : ''}${f.observed ?? 'on an unknown day'}`;
}

/** True when a name from this file is an undated price's. */
const isUndated = (name: string): boolean => name.endsWith(`, ${UNDATED}`);

/**
 * The prices a caveat rests on, counted in words: "a stale price", "3 stale prices", "a price of unknown date",
 * "2 prices of unknown date", "3 stale or undated prices". `names` are this file's (stalePricesUsed, stalePricesUnder).
 */
export function doubtfulPrices(names: readonly string[]): string {
  const n = names.length;
  const undated = names.filter(isUndated).length;
  if (undated === 0) return n === 1 ? 'a stale price' : `${n} stale prices`;
  if (undated === n) return n === 1 ? 'a price of unknown date' : `${n} prices of unknown date`;
  return `${n} stale or undated prices`;
}

/** True when a caveat made with `doubtfulPrices` names only undated prices (the verdict then reads "on undated prices", not "stale"). */
export const restsOnUndatedOnly = (caveat: string): boolean => /\bon (a price|\d+ prices) of unknown date\b/.test(caveat);

/** The stale ones of some bill lines, named. */
const staleNames = (lines: readonly Pick<CostLine, 'label' | 'freshness'>[]): string[] => lines.map(staleName).filter((x): x is string => x !== null);

/** The node pools a service's replicas may run on (its bill share is split from these pools' lines). */
function poolsOf(scenario: Scenario, service: string): readonly string[] {
  const s = scenario.spec.services?.find((x) => x.name === service);
  if (s === undefined) return [];
  return s.nodePool === undefined ? [] : typeof s.nodePool === 'string' ? [s.nodePool] : s.nodePool;
}

/** Every stale or undated price a run's figures are computed from: its bill's, its training GPUs', its line items'. */
export function stalePricesUsed(r: Pick<RunResult, 'summary' | 'training' | 'costs'>): string[] {
  const lines = [...(r.summary?.cost.lines ?? []), ...(r.costs?.items ?? []).map((i) => i.line)];
  return [...staleNames(lines), ...trainingStale(r.training)];
}

/** The training GPUs' price, named, when it is stale or undated. */
function trainingStale(t: RunResult['training']): string[] {
  if (t !== null && t.priceObserved === 'undated') return [`training: ${t.gpu} (${t.purchase}), ${UNDATED}`];
  if (t === null || t.stalePrices.length === 0) return [];
  const observed = t.priceObserved === null || t.priceObserved === 'undated' ? 'on an unknown day' : t.priceObserved.replace(/^≤ /, 'by ');
  return [`training: ${t.gpu} (${t.purchase}), observed ${observed}`];
}

/**
 * The stale or undated prices an expectation's figure is computed from (empty when none, or when it is not a priced figure).
 * `scenario` splits a service's share of the bill by its pools; the canvas's cards, which read fleet figures only, pass null.
 */
export function stalePricesUnder(metric: string, item: string | null, r: Pick<RunResult, 'summary' | 'training' | 'costs'>, scenario: Scenario | null): string[] {
  const priced = getMetric(metric)?.priced;
  if (priced === 'bill') {
    const lines = r.summary?.cost.lines ?? [];
    const service = splitServiceMetric(metric)?.service;
    if (service === undefined || scenario === null) return staleNames(lines);
    const pools = poolsOf(scenario, service);
    return staleNames(lines.filter((l) => l.pool !== undefined && pools.includes(l.pool)));
  }
  if (priced === 'training') return trainingStale(r.training);
  if (priced === 'costs') {
    const items = r.costs?.items ?? [];
    return staleNames((item === null ? items : items.filter((i) => i.name === item)).map((i) => i.line));
  }
  return [];
}

/**
 * Expectations with a caveat where a pass rests on stale prices, and the run's `stale-prices` warning (null when
 * no passing expectation does). `items` gives each expectation's item (`costs.total[fsx]`), in order.
 */
export function judgedOnStalePrices(
  results: readonly ExpectationResult[],
  items: readonly (string | null)[],
  r: Pick<RunResult, 'summary' | 'training' | 'costs'>,
  scenario: Scenario,
): { expectations: ExpectationResult[]; warning: Diagnostic | null } {
  const all = new Set<string>();
  const held: string[] = [];
  const expectations = results.map((e, i) => {
    if (!e.pass) return e;
    const stale = stalePricesUnder(e.metric, items[i] ?? null, r, scenario);
    if (stale.length === 0) return e;
    for (const s of stale) all.add(s);
    held.push(e.text);
    // Short: the verdict's line names the prices.
    return { ...e, caveat: `on ${doubtfulPrices(stale)}` };
  });
  if (held.length === 0) return { expectations, warning: null };
  const names = [...all];
  const message = `${held.join(', ')} ${held.length === 1 ? 'holds' : 'hold'} on ${doubtfulPrices(names)} (${names.join('; ')}): check ${names.length === 1 ? 'it' : 'them'} against today's before relying on the verdict`;
  return { expectations, warning: { severity: 'warning', code: 'stale-prices', message } };
}
