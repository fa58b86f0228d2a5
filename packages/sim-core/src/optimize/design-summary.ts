/**
 * One evaluated design over the seeds it ran: each expectation at its worst seed (the largest value
 * for `<`, the smallest for `>`: the seed that decides feasibility) and the metrics' means.
 */
import { doubtfulPrices } from '../api/stale-prices.ts';
import { getMetric } from '../scenario/metrics.ts';
import { billBound } from '../api/incomplete-bill.ts';
import { verdictLabel, type Verdict } from '../api/verdict.ts';
import type { ComparisonOp } from '../scenario/expectations.ts';
import type { DesignRecord } from './design-prober.ts';
import { valuesByLabel, valuesByPath, type SearchSpace } from './search-space.ts';

/** One expectation over the seeds a design ran. */
export interface ExpectationOverSeeds {
  text: string;
  metric: string;
  op: ComparisonOp;
  expected: number;
  /** The worst seed's value (null when a seed had none). */
  worst: number | null;
  /** The seed with the worst value. */
  worstSeed: number;
  /** Held on every seed run. */
  pass: boolean;
  /** Seeds it failed on. */
  failedSeeds: number[];
  /** A pass that rests on a price flagged stale on some seed: "on a stale price" (the run's own caveat); absent otherwise. */
  caveat?: string;
}

/** What a design's runs proved. */
export type DesignStatus = 'feasible' | 'infeasible' | 'unconfirmed';

/** An evaluated design, ready to report. */
export interface DesignSummary {
  /** Value index per dimension. */
  design: number[];
  /** Values by full path (the keys `--write` sets). */
  values: Record<string, unknown>;
  /** Values by dimension label (the table columns). */
  labels: Record<string, unknown>;
  /** Seeds run (the first only, when it failed or the search needed no more). */
  seeds: number[];
  /** Every expectation held on every seed. */
  feasible: boolean;
  /** `feasible`; `infeasible` (failed on a seed); `unconfirmed` (passed the seeds run, not all ran). */
  status: DesignStatus;
  /** Mean over the seeds run of each metric they all produced. */
  metrics: Record<string, number>;
  expectations: ExpectationOverSeeds[];
  /** The runs' own errors (overloaded, nothing served), with their seed: each fails the design. */
  errors: { seed: number; message: string }[];
  /** Passing runs that left requests unserved (under the scenario's availability bar), with their seed: a caveat, not a failure. */
  unserved: { seed: number; message: string }[];
  /** Passing runs with no request after the warm-up (their `nothing-offered` warning), with their seed: a caveat, not a failure. */
  nothingOffered: { seed: number; message: string }[];
  /** Prices its bill lacks (no node pools, a price the catalog has not): its bill's figures are lower bounds. */
  unknownPrices: string[];
  /** Stale prices its dollar figures rest on (the same on every seed: one bill's prices). */
  stalePrices: string[];
}

const higherIsWorse = (op: ComparisonOp) => op === '<' || op === '<=';

function overSeeds(record: DesignRecord, i: number): ExpectationOverSeeds | undefined {
  const first = record.evaluations[0]?.expectations[i];
  if (first === undefined) return undefined;
  let worst: number | null = first.actual;
  let worstSeed = record.evaluations[0]?.seed ?? 0;
  const failedSeeds: number[] = [];
  let caveat: string | undefined;
  for (const ev of record.evaluations) {
    const e = ev.expectations[i];
    if (e === undefined) continue;
    if (!e.pass) failedSeeds.push(ev.seed);
    caveat ??= e.caveat;
    if (worst === null) continue;
    if (e.actual === null) {
      worst = null;
      worstSeed = ev.seed;
    } else if (higherIsWorse(e.op) ? e.actual > worst : e.op === '>' || e.op === '>=' ? e.actual < worst : !e.pass) {
      worst = e.actual;
      worstSeed = ev.seed;
    }
  }
  const pass = failedSeeds.length === 0;
  return { text: first.text, metric: first.metric, op: first.op, expected: first.expected, worst, worstSeed, pass, failedSeeds, ...(pass && caveat !== undefined ? { caveat } : {}) };
}

/** Summarizes one record. */
export function summarizeDesign(space: SearchSpace, record: DesignRecord): DesignSummary {
  const n = record.evaluations.length;
  const metrics: Record<string, number> = {};
  for (const name of Object.keys(record.evaluations[0]?.metrics ?? {})) {
    let sum = 0;
    let all = true;
    for (const ev of record.evaluations) {
      const v = ev.metrics[name];
      if (v === undefined) all = false;
      else sum += v;
    }
    if (all) metrics[name] = sum / n;
  }
  const count = record.evaluations[0]?.expectations.length ?? 0;
  return {
    design: record.design,
    values: valuesByPath(space, record.design),
    labels: valuesByLabel(space, record.design),
    seeds: record.evaluations.map((e) => e.seed),
    feasible: record.feasible,
    status: record.feasible ? 'feasible' : record.decided ? 'infeasible' : 'unconfirmed',
    metrics,
    expectations: Array.from({ length: count }, (_, i) => overSeeds(record, i)).filter((e): e is ExpectationOverSeeds => e !== undefined),
    errors: record.evaluations.flatMap((e) => e.errors.map((message) => ({ seed: e.seed, message }))),
    unserved: record.evaluations.flatMap((e) => (e.unserved === null ? [] : [{ seed: e.seed, message: e.unserved }])),
    nothingOffered: record.evaluations.flatMap((e) => (e.nothingOffered === undefined ? [] : [{ seed: e.seed, message: e.nothingOffered }])),
    unknownPrices: [...new Set(record.evaluations.flatMap((e) => e.unknownPrices ?? []))],
    stalePrices: [...new Set(record.evaluations.flatMap((e) => e.stalePrices ?? []))],
  };
}

/** True when a design's value of `metric` is a dollar figure computed from a price flagged stale. */
export function onStalePrices(d: Pick<DesignSummary, 'stalePrices'>, metric: string): boolean {
  return d.stalePrices.length > 0 && getMetric(metric)?.priced !== undefined;
}

/**
 * The best design's other caveat: it was chosen for the least of a dollar figure (or meets a dollar expectation)
 * computed from stale or undated prices, so the choice is only as current as they are; null when every price it rests on is fresh.
 */
export function stalePricesCaveat(d: Pick<DesignSummary, 'stalePrices' | 'expectations'>, minimize: string): string | null {
  const priced = getMetric(minimize)?.priced !== undefined || d.expectations.some((e) => getMetric(e.metric)?.priced !== undefined);
  if (!priced || d.stalePrices.length === 0) return null;
  const n = d.stalePrices.length;
  return `its dollar figures rest on ${doubtfulPrices(d.stalePrices)} (${d.stalePrices.join('; ')}): check ${n === 1 ? 'it' : 'them'} against today's before relying on the choice`;
}

/** A passing design's caveat for every output ("on seed 7: 5,406 of 2,593,958 requests not served (…)"), or null when every run served every request. */
export function unservedCaveat(d: Pick<DesignSummary, 'unserved'>): string | null {
  return d.unserved.length === 0 ? null : d.unserved.map((u) => `on seed ${u.seed}: ${u.message}`).join('; ');
}

/** A passing design's caveat when a seed offered it nothing after the warm-up ("on seeds 3, 4, 5: no request arrived …"), or null. */
export function nothingOfferedCaveat(d: Pick<DesignSummary, 'nothingOffered'>): string | null {
  if (d.nothingOffered.length === 0) return null;
  // One message (the run's own, the same on every seed), said once with its seeds.
  const bySeed = new Map<string, number[]>();
  for (const x of d.nothingOffered) bySeed.set(x.message, [...(bySeed.get(x.message) ?? []), x.seed]);
  return [...bySeed].map(([message, seeds]) => `on seed${seeds.length === 1 ? '' : 's'} ${seeds.join(', ')}: ${message}`).join('; ');
}

/**
 * The best design's verdict, as `run` labels a run (api/verdict.ts's words): every caveat a passing design carries
 * (unserved requests, nothing offered, stale prices) and the label they give; the CLI's text, Markdown and the
 * canvas's Optimize tab all read this, so none of them shows a plain PASS the others caveat.
 */
export function designVerdict(d: Pick<DesignSummary, 'unserved' | 'nothingOffered' | 'stalePrices' | 'expectations'>, minimize: string): { label: Verdict['label']; caveats: string[] } {
  const unserved = unservedCaveat(d);
  const nothingOffered = nothingOfferedCaveat(d);
  const stale = stalePricesCaveat(d, minimize);
  return { label: verdictLabel(true, unserved, stale, nothingOffered), caveats: [unserved, nothingOffered, stale].filter((x) => x !== null) };
}

/**
 * Why the search has no answer when it minimizes a figure of the bill (cost.hourly, cost.per1k…) on designs whose bill
 * lacks prices, or null: such a figure is a lower bound ($0.00/h with no node pools), so "the cheapest design" is
 * whichever bound is least, not the cheapest; the run's own cost expectations fail on such a bill for the same reason
 * (api/incomplete-bill.ts). The CLI refuses the search with it (exit 2); said once, with the first design's reasons.
 */
export function designUnpricedObjective(designs: readonly Pick<DesignSummary, 'unknownPrices' | 'labels'>[], minimize: string): string | null {
  if (billBound(minimize) === null) return null;
  const unpriced = designs.filter((d) => d.unknownPrices.length > 0);
  const first = unpriced[0];
  if (first === undefined) return null;
  const which = unpriced.length === designs.length ? 'every design run' : `${unpriced.length} of the ${designs.length} designs run`;
  return `${minimize} is a lower bound on ${which}, not a price: the bill is incomplete (${first.unknownPrices.join('; ')}), so there is no cheapest design to find; price every pool (spec.nodePools with catalog instances) or --minimize another metric`;
}
