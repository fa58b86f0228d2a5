/**
 * The summary cards: each reads one result metric (the same lookup as `expect:` lines and the
 * CLI) and turns green or red when the scenario has an expectation on it, neutral otherwise.
 */
import { trainingHardware } from './training-view.ts';
import { billBound, doubtfulPrices, getMetric, lookupMetric, stalePricesUnder, unservedDiagnostic, verdictOf, type RunResult } from '@design-sim/sim-core';
import { formatCount, formatMs, formatPercent, formatUsd } from './format.ts';

/** A card's colour: the scenario's expectations on its metric all hold, one fails, or there are none. */
/** `pending`: a run in progress meets the expectation so far (not green until the run is complete). */
/** `warn`: the expectation holds with a caveat its detail names (a stale price, requests left unserved): not green. */
/** `stale`: no expectation, and the figure is priced with a stale or undated price (its detail says which): amber, not neutral. */
export type CardStatus = 'pass' | 'fail' | 'neutral' | 'pending' | 'warn' | 'stale';

/** How a pass or fail is shown: a streamed snapshot has no verdict yet, so what passes so far is pending, not green. */
export function shownStatus(pass: boolean, result: RunResult): 'pass' | 'fail' | 'pending' {
  return !pass ? 'fail' : result.progress < 1 ? 'pending' : 'pass';
}

/** The verdict's colour: as `shownStatus`, but a complete PASS with a caveat (unserved requests, stale prices) is a warning, never green. */
export function verdictStatus(result: RunResult): 'pass' | 'fail' | 'pending' | 'warn' {
  const shown = shownStatus(result.pass, result);
  return shown === 'pass' && verdictOf(result).caveat !== null ? 'warn' : shown;
}

/** One summary card. */
export interface SummaryCard {
  metric: string;
  label: string;
  value: string;
  /** The unformatted value (the metric's canonical unit), or null. */
  raw: number | null;
  status: CardStatus;
  /** The expectation lines that decided the colour, or a note. */
  detail: string;
  /** What the figure is when the label alone could mislead (its time base, an extrapolation). */
  basis: string | null;
  /** The neighbouring percentiles, same time base ("p50 48.1 ms · p95 62.3 ms"), or null. */
  more: string | null;
}

interface CardDef {
  metric: string;
  label: string;
  format: (v: number | null) => string;
  /** Extra metrics whose expectations colour this card (cost.monthly also answers to cost.hourly lines). */
  alsoJudgedBy?: readonly string[];
  /** Every expectation whose metric starts with this colours the card (a TTFT card answers to all `ttft.*` lines). */
  judgedByPrefix?: string;
  /** The figure's time base or derivation, shown under the label. */
  basis?: string;
  /** Other percentiles of the same quantity, shown small under the value. */
  more?: readonly { metric: string; label: string }[];
}

const SERVING_CARDS: readonly CardDef[] = [
  {
    metric: 'latency.p99',
    label: 'p99 latency',
    format: formatMs,
    basis: 'after warm-up',
    more: [
      { metric: 'latency.p50', label: 'p50' },
      { metric: 'latency.p95', label: 'p95' },
    ],
  },
  { metric: 'availability', label: 'Availability', format: formatPercent, basis: 'after warm-up' },
  { metric: 'requests.unfinished', label: 'Unfinished requests', format: formatCount, alsoJudgedBy: ['backlog.max', 'backlog.waitingMax'], basis: 'in flight at the end' },
  { metric: 'gpus.peak', label: 'Peak GPUs', format: formatCount, basis: 'whole run' },
  { metric: 'cost.hourly', label: '$ / hour', format: formatUsd, alsoJudgedBy: ['cost.monthly', 'cost.total'], basis: 'run average' },
  // The bill covers the simulated horizon only; a month is that average rate times 730 h (cost-model HOURS_PER_MONTH).
  { metric: 'cost.monthly', label: '$ / month', format: formatUsd, alsoJudgedBy: ['cost.hourly', 'cost.total'], basis: 'extrapolated: run average $/h × 730 h' },
  { metric: 'cost.per1k', label: '$ / 1k requests', format: formatUsd, alsoJudgedBy: ['cost.perMillion'], basis: 'whole run' },
];

const perSecond = (v: number | null) => (v === null ? '—' : `${formatCount(v)}/s`);

/** Token-level LLM runs (`summary.llm`); TTFT is not in the time series, so the card is the run's figure. */
const LLM_CARDS: readonly CardDef[] = [
  { metric: 'ttft.p99', label: 'TTFT p99', format: formatMs, judgedByPrefix: 'ttft.', basis: 'after warm-up', more: [{ metric: 'ttft.p50', label: 'p50' }] },
  { metric: 'tpot.p50', label: 'TPOT p50', format: formatMs, judgedByPrefix: 'tpot.', basis: 'after warm-up', more: [{ metric: 'tpot.p99', label: 'p99' }] },
  { metric: 'tokens.outputPerSecond', label: 'Output tokens/s', format: perSecond, judgedByPrefix: 'tokens.', basis: 'whole-run average' },
  { metric: 'cost.perMillionTokens', label: '$ / 1M output tokens', format: formatUsd, basis: 'whole run' },
];

/** Paged KV allocation only (`summary.llm.preemptions` is null when every LLM service reserves its KV). */
const PREEMPTIONS_CARD: CardDef = { metric: 'kvCache.preemptions', label: 'KV preemptions', format: (v) => (v === null ? '—' : `${formatCount(v)} sequences`), basis: 'whole run, paged KV' };

/** Multi-LoRA serving only (`summary.llm.lora` is null without an `llm.lora` block): what max_loras and the adapter loads cost. */
const LORA_CARDS: readonly CardDef[] = [
  { metric: 'lora.delayedRequests', label: 'Held by max_loras', format: (v) => (v === null ? '—' : `${formatCount(v)} requests`), basis: 'whole run: waited for an adapter slot' },
  { metric: 'lora.diskLoads', label: 'LoRA disk loads', format: (v) => (v === null ? '—' : `${formatCount(v)} loads`), basis: 'whole run, every replica' },
];

const TRAINING_CARDS: readonly CardDef[] = [
  { metric: 'training.days', label: 'Training days', format: (v) => (v === null ? '—' : `${Number(v.toPrecision(3))} d`), alsoJudgedBy: ['training.hours'] },
  { metric: 'training.costUsd', label: 'Training cost', format: formatUsd, alsoJudgedBy: ['training.budgetFits'] },
];

/**
 * Cards a broken run (its own error diagnostics: overload, nothing served, requests lost) turns red whatever the
 * expectations say, each only when its own figure shows the breakage: "Unfinished requests 0" painted red beside a
 * failed availability line said the run left requests in flight when it left none. The served requests' p99 hides
 * the backlog of an overload (those requests never finish) and has no value when nothing was served.
 */
const BROKEN_RUN_CARDS: ReadonlyMap<string, (value: number | null, codes: ReadonlySet<string>) => boolean> = new Map([
  ['latency.p99', (v, codes) => v === null || codes.has('overloaded') || codes.has('nothing-served')],
  ['availability', (v) => v === null || v < 1],
  ['requests.unfinished', (v) => v === null || v > 0],
]);
/** Cards a training run that cannot fit in GPU memory turns red: its time and cost are for a run that cannot start. */
const BROKEN_TRAINING_CARDS: ReadonlySet<string> = new Set(['training.days', 'training.costUsd']);

/**
 * A card's colour before caveats. Any failing line of its family turns it red (a failing ttft.p50 says the TTFT
 * p99 shown is too slow as well), but green needs a line on the figure shown: a passing ttft.p50 < 1s beside a
 * TTFT p99 of 5.9 min said nothing of that p99, and painted it green.
 */
function judgedStatus(def: CardDef, judged: readonly { metric: string; pass: boolean }[]): CardStatus {
  if (judged.length === 0) return 'neutral';
  if (!judged.every((e) => e.pass)) return 'fail';
  return judged.some((e) => e.metric === def.metric || (def.alsoJudgedBy ?? []).includes(e.metric)) ? 'pass' : 'neutral';
}

/** What the run left unserved (dropped, timed out, unfinished; sim-core's one rule), or null when it served every request. */
function unservedOf(result: RunResult): string | null {
  const s = result.summary;
  return s === null ? null : (unservedDiagnostic(s.measured, result.services, result.progress >= 1)?.message ?? null);
}

function card(result: RunResult, def: CardDef, unserved: string | null): SummaryCard {
  const value = lookupMetric(result, def.metric);
  const judged = result.expectations.filter(
    (e) => e.metric === def.metric || (def.alsoJudgedBy ?? []).includes(e.metric) || (def.judgedByPrefix !== undefined && e.metric.startsWith(def.judgedByPrefix)),
  );
  let status = judgedStatus(def, judged);
  let detail = judged.map((e) => `${!e.pass ? '✗' : e.caveat === undefined ? '✓' : '!'} ${e.text}${e.caveat === undefined ? '' : ` (${e.caveat})`}`).join(' · ');
  // A pass on a stale price is not green (the training budget's implicit check below likewise).
  let caveated = judged.some((e) => e.pass && e.caveat !== undefined);
  const training = def.metric.startsWith('training.');
  const errors = result.diagnostics.filter((d) => d.severity === 'error' && (d.code === 'training-does-not-fit') === training);
  const brokenFigure = BROKEN_RUN_CARDS.get(def.metric);
  const codes = new Set(errors.map((d) => d.code));
  if (errors.length > 0 && ((brokenFigure !== undefined && brokenFigure(value, codes)) || BROKEN_TRAINING_CARDS.has(def.metric))) {
    status = 'fail';
    detail = [detail, ...errors.map((d) => d.message)].filter(Boolean).join(' · ');
  }
  const budget = result.training?.budget;
  if (def.metric === 'training.costUsd' && budget) {
    const fits = budget.fits;
    if (status === 'neutral') {
      status = fits ? 'pass' : 'fail';
      caveated = fits && (result.training?.stalePrices.length ?? 0) > 0;
    }
    detail = [detail, `budget ${formatUsd(budget.budgetUsd)}: ${fits ? 'fits' : `short by ${formatUsd(budget.shortfallUsd)}`}`].filter(Boolean).join(' · ');
  }
  if (status === 'pass') status = shownStatus(true, result);
  if (status === 'pass' && caveated) status = 'warn';
  // A serving figure that meets its line while requests went unserved is not green, as the verdict's PASS is not.
  if (status === 'pass' && !training && unserved !== null) {
    status = 'warn';
    detail = `${detail} · not served: ${unserved}`;
  }
  // A priced figure with no line on it still says when its price is stale or undated.
  const stale = getMetric(def.metric)?.priced === undefined ? [] : stalePricesUnder(def.metric, null, result, null);
  if (status === 'neutral' && stale.length > 0) {
    status = 'stale';
    detail = [detail, `on ${doubtfulPrices(stale)}: ${stale.join('; ')}`].filter(Boolean).join(' · ');
  }
  // The training cost says what it buys: "32 GPUs (4 × p4de.24xlarge)".
  if (def.metric === 'training.costUsd' && result.training) detail = [trainingHardware(result.training), detail].filter((x) => x !== '' && x !== 'no expectation in the scenario').join(' · ');
  const more = def.more?.map((m) => `${m.label} ${def.format(lookupMetric(result, m.metric))}`).join(' · ') ?? null;
  // A figure from a bill with unknown prices is a bound, and says so where it is read.
  const unknown = result.summary?.cost.unknownPrices ?? [];
  const bound = unknown.length > 0 && value !== null ? billBound(def.metric) : null;
  const shown = bound === null ? def.format(value) : `${bound === 'lower' ? '≥' : '≤'} ${def.format(value)}`;
  if (bound !== null) detail = [detail, `${bound} bound: the bill is incomplete (${unknown.join('; ')})`].filter(Boolean).join(' · ');
  return { metric: def.metric, label: def.label, value: shown, raw: value, status, detail: detail || 'no expectation in the scenario', basis: def.basis ?? null, more };
}

/**
 * A design with no GPU (CPU services, datastores, queues) would show "Peak GPUs 0": its peak nodes (or, on no
 * pool, its peak replicas) say what it provisioned. An expectation on gpus.peak keeps the GPU card.
 */
function capacityCard(result: RunResult, def: CardDef): CardDef {
  if (def.metric !== 'gpus.peak' || (result.summary?.peakGpus ?? 0) > 0 || result.expectations.some((e) => e.metric === 'gpus.peak')) return def;
  return (result.summary?.nodes.max ?? 0) > 0
    ? { metric: 'nodes.max', label: 'Peak nodes', format: formatCount, basis: 'whole run, no GPUs' }
    : { metric: 'replicas.max', label: 'Peak replicas', format: formatCount, basis: 'whole run, no GPUs' };
}

/** The cards for a run: serving cards when it simulated a fleet (plus LLM cards for token-level serving), training cards when it estimated training. */
export function summaryCards(result: RunResult): SummaryCard[] {
  const serving = result.summary ? [...SERVING_CARDS.map((d) => capacityCard(result, d)), ...(result.summary.llm ? LLM_CARDS : []), ...(result.summary.llm?.preemptions ? [PREEMPTIONS_CARD] : []), ...(result.summary.llm?.lora ? LORA_CARDS : [])] : [];
  const unserved = unservedOf(result);
  return [...serving, ...(result.training ? TRAINING_CARDS : [])].map((d) => card(result, d, unserved));
}

/**
 * A card's value as its figure and the unit word after it ("33 sequences" → "33", "sequences"), so the unit can be
 * set small beside the figure: at the card's 1.3 rem a figure with its word wrapped and ran past the card's edge.
 * Values without a spaced unit word ("$4.92", "100%", "690/s", "≥ $0") are all figure.
 */
export function splitValue(value: string): { figure: string; unit: string } {
  const m = /^(.*\d)\s+([A-Za-z][A-Za-z/]*)$/.exec(value);
  return m === null ? { figure: value, unit: '' } : { figure: m[1]!, unit: m[2]! };
}

/**
 * How long a card's figure is, for its type size: a card is 7.5 rem wide at least, and at 1.3 rem a bold figure
 * holds 7 characters ("$48,403"); "$0.000123" ran past the card's edge. Longer figures are set smaller, never cut.
 */
export function figureLength(figure: string): 'normal' | 'long' | 'longer' {
  return figure.length <= 7 ? 'normal' : figure.length <= 10 ? 'long' : 'longer';
}
