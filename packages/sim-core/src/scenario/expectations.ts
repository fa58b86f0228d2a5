/**
 * `expect:` lines (`latency.p99 < 100ms`) and `claims:` (a practice answer's numbers): parsing
 * into canonical units, evaluation against a run's results, and grading of claims.
 */
import type { ScenarioClaim } from './claims-schema.ts';
import { formatNumber } from './describe-value.ts';
import { formatMetricValue, parseMetricValue } from './metric-value.ts';
import { getMetric, METRIC_NAMES, SERVICE_METRICS, type MetricName } from './metrics.ts';
import { suggestNearest } from './suggest.ts';

/** Comparison operators allowed in an `expect:` line. */
export type ComparisonOp = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** A parsed `expect:` line; `value` is in the metric's canonical unit (see METRICS). */
export interface Expectation {
  metric: MetricName;
  /** The `spec.costs` item a `costs.*` line is about (`costs.total[s3] < 100`), or null for the whole. */
  item?: string | null;
  op: ComparisonOp;
  value: number;
  /** The line as written. */
  text: string;
}

/** Why a line could not be parsed; `suggestion` is a corrected metric name or line. */
export interface ExpectationError {
  message: string;
  expected?: string;
  suggestion?: string;
}

const LINE = /^\s*([A-Za-z][\w.-]*)(?:\[([a-z0-9][a-z0-9-]*)\])?\s*(<=|>=|==|!=|=<|=>|≤|≥|≠|<|>|=)\s*(.*?)\s*$/;
const OP_FIX: Readonly<Record<string, ComparisonOp>> = { '=': '==', '=<': '<=', '=>': '>=', '≤': '<=', '≥': '>=', '≠': '!=' };
const SHAPE = '"<metric> <op> <value>" with op one of < <= > >= == !=, e.g. "latency.p99 < 100ms"';

/** Parses one `expect:` line; never throws. */
export function parseExpectation(text: string): { ok: true; expectation: Expectation } | ({ ok: false } & ExpectationError) {
  const m = LINE.exec(text);
  if (!m) return { ok: false, message: `expected ${SHAPE}, got ${JSON.stringify(text)}`, expected: SHAPE };
  const [, name = '', item, rawOp = '', rawValue = ''] = m;
  const key = item === undefined ? name : `${name}[${item}]`;
  const fixedOp = OP_FIX[rawOp];
  if (fixedOp !== undefined) {
    return { ok: false, message: `unknown operator "${rawOp}": use one of < <= > >= == !=`, expected: SHAPE, suggestion: `${key} ${fixedOp} ${rawValue}` };
  }
  const metric = getMetric(name);
  if (metric === undefined && name.startsWith('services.')) {
    const sub = name.split('.').slice(2).join('.');
    const suggestion = suggestNearest(sub, SERVICE_METRICS.map((m) => m.name));
    const svc = name.split('.')[1] ?? '';
    return { ok: false, message: `unknown service metric "${sub}" in "${name}"`, expected: `services.<name>.<metric> with metric one of ${SERVICE_METRICS.map((m) => m.name).join(', ')}`, ...(suggestion === undefined ? {} : { suggestion: `services.${svc}.${suggestion}` }) };
  }
  if (metric === undefined) {
    const suggestion = suggestNearest(name, METRIC_NAMES);
    const base = { ok: false as const, message: `unknown metric "${name}"`, expected: 'a metric name such as latency.p99, availability, cost.monthly' };
    return suggestion === undefined ? base : { ...base, suggestion };
  }
  if (item !== undefined && !('item' in metric)) {
    return { ok: false, message: `${metric.name} takes no [item]: only costs.* metrics name a spec.costs item`, expected: SHAPE, suggestion: `${name} ${rawOp} ${rawValue}` };
  }
  if (item === undefined && 'item' in metric && metric.item === 'required') {
    return { ok: false, message: `${metric.name} needs the item it is about, e.g. ${metric.name}[model-upload]`, expected: SHAPE };
  }
  if (rawValue === '') return { ok: false, message: `missing the value after "${rawOp}"`, expected: SHAPE };
  const parsed = parseMetricValue(metric, rawValue);
  if (!parsed.ok) {
    const { ok: _ok, ...error } = parsed;
    return { ok: false, ...error, ...(parsed.suggestion === undefined ? {} : { suggestion: `${key} ${rawOp} ${parsed.suggestion}` }) };
  }
  return { ok: true, expectation: { metric: metric.name as MetricName, ...(item === undefined ? {} : { item }), op: rawOp as ComparisonOp, value: parsed.value, text } };
}

/** The outcome of one expectation against a run. */
export interface ExpectationResult {
  text: string;
  metric: MetricName;
  op: ComparisonOp;
  /** The threshold, in the metric's canonical unit. */
  expected: number;
  /** The run's value, or null when the run has no such metric. */
  actual: number | null;
  pass: boolean;
  /** The metric's canonical unit (ms, fraction, USD, days, …). */
  unit: string;
  /** Why it failed without a comparison (no value). */
  reason?: string;
  /** Why a pass is not a plain pass: it holds on stale prices (api/stale-prices.ts). */
  caveat?: string;
}

/** `==` and `!=` compare with a relative tolerance of 1e-9 so float noise does not flip them. */
function compare(actual: number, op: ComparisonOp, expected: number): boolean {
  const equal = Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
  switch (op) {
    case '<':
      return actual < expected;
    case '<=':
      return actual <= expected || equal;
    case '>':
      return actual > expected;
    case '>=':
      return actual >= expected || equal;
    case '==':
      return equal;
    case '!=':
      return !equal;
  }
}

/** Evaluates each expectation with `lookup` (canonical units; null = not produced by this run). */
export function evaluateExpectations(
  expectations: readonly Expectation[],
  lookup: (metric: string, item: string | null) => number | null,
): ExpectationResult[] {
  return expectations.map((e) => {
    const unit = getMetric(e.metric)?.unit ?? '';
    const base = { text: e.text, metric: e.metric, op: e.op, expected: e.value, unit };
    const actual = lookup(e.metric, e.item ?? null);
    const key = e.item === undefined || e.item === null ? e.metric : `${e.metric}[${e.item}]`;
    if (actual === null) return { ...base, actual: null, pass: false, reason: `this run has no value for ${key}` };
    if (Number.isNaN(actual)) return { ...base, actual, pass: false, reason: `${e.metric} is not a number in this run` };
    return { ...base, actual, pass: compare(actual, e.op, e.value) };
  });
}

/**
 * Verdict bands for a claim against the tool's result: ok within ±10%; off within 1.5× either way (+50%,
 * or −33%: a claim of half the result is 2× too low, as wrong as one of twice the result); way-off beyond.
 */
export const CLAIM_OK_PCT = 10;
/** Upper edge of the "off" band for a claim above the result, in percent (1.5×). */
export const CLAIM_OFF_PCT = 50;
/** The "off" band as a ratio either way: claimed ÷ actual within [1/1.5, 1.5]. */
export const CLAIM_OFF_RATIO = 1 + CLAIM_OFF_PCT / 100;
/** The bands in words, for report headers. */
export const CLAIM_BANDS_TEXT = `ok within ±${CLAIM_OK_PCT}%, off within ${CLAIM_OFF_RATIO}× either way`;

/** A claim's grade. */
export interface ClaimGrade {
  /** The metric (without any `[item]`). */
  metric: string;
  /** The claim's key as written, e.g. `costs.monthly[fsx]` (= metric when no item). */
  key: string;
  /** The `spec.costs` item a `costs.*` claim is about, else null. */
  item: string | null;
  /** The claimed value, canonical units. */
  claimed: number;
  /** The tool's value, or null if the run has none (or the claim is not modelled). */
  actual: number | null;
  /** (claimed − actual) / |actual| × 100; null when actual is null; ±Infinity when actual is 0 and claimed is not. */
  errorPct: number | null;
  /** claimed ÷ actual when both are positive, else null: a 7.6× miss reads better as a ratio than as −87%. */
  ratio: number | null;
  verdict: 'ok' | 'off' | 'way-off' | 'unknown' | 'not-modelled';
  unit: string;
  /** How the tool computed the metric, when the caller knows. */
  formula: string | null;
  /** The claim in its source's words, when the scenario quotes it. */
  quote: string | null;
  /** Why it is not graded (verdict not-modelled), else null. */
  reason: string | null;
}

function verdictFor(isBoolean: boolean, claimed: number, actual: number, errorPct: number): ClaimGrade['verdict'] {
  if (isBoolean) return claimed === actual ? 'ok' : 'way-off';
  const e = Math.abs(errorPct);
  if (e <= CLAIM_OK_PCT) return 'ok';
  if (claimed > 0 && actual > 0) return Math.max(claimed / actual, actual / claimed) <= CLAIM_OFF_RATIO * (1 + 1e-12) ? 'off' : 'way-off';
  return e <= CLAIM_OFF_PCT ? 'off' : 'way-off';
}

/** A claim to grade: the parsed `spec.claims` entries (a plain metric → value record is read as claims with no item). */
export type GradableClaims = readonly ScenarioClaim[] | Readonly<Record<string, number>>;

function asClaims(claims: GradableClaims): readonly ScenarioClaim[] {
  if (Array.isArray(claims)) return claims as readonly ScenarioClaim[];
  return Object.entries(claims).map(([metric, value]) => ({ key: metric, metric: metric as MetricName, item: null, value, quote: null, notModelled: null }));
}

/**
 * Grades each claim (canonical units) against the run's values from `lookup(metric, item)`. A claim marked
 * `notModelled` is not graded: its verdict is `not-modelled` and `reason` says why.
 */
export function gradeClaims(
  claims: GradableClaims,
  lookup: (metric: string, item: string | null) => number | null,
  formulas?: (metric: string) => string | undefined,
): ClaimGrade[] {
  return asClaims(claims).map((c) => {
    const info = getMetric(c.metric);
    const base = { metric: c.metric, key: c.key, item: c.item, claimed: c.value, unit: info?.unit ?? '', formula: formulas?.(c.metric) ?? null, quote: c.quote };
    if (c.notModelled !== null) return { ...base, actual: null, errorPct: null, ratio: null, verdict: 'not-modelled', reason: c.notModelled };
    const actual = lookup(c.metric, c.item);
    if (actual === null || !Number.isFinite(actual)) return { ...base, actual, errorPct: null, ratio: null, verdict: 'unknown', reason: null };
    const diff = c.value - actual;
    const errorPct = actual === 0 ? (diff === 0 ? 0 : Math.sign(diff) * Infinity) : (diff / Math.abs(actual)) * 100;
    const ratio = c.value > 0 && actual > 0 ? c.value / actual : null;
    return { ...base, actual, errorPct, ratio, verdict: verdictFor(info?.kind === 'boolean', c.value, actual, errorPct), reason: null };
  });
}

/** One line describing a result, e.g. `PASS latency.p99 < 100ms (actual 85.2 ms)`. */
export function formatExpectationResult(r: ExpectationResult): string {
  const info = getMetric(r.metric);
  const detail =
    r.actual === null
      ? (r.reason ?? 'no value')
      : `actual ${info ? formatMetricValue(info, r.actual) : formatNumber(r.actual)}${r.reason ? `: ${r.reason}` : ''}`;
  return `${r.pass ? 'PASS' : 'FAIL'} ${r.text} (${detail})`;
}
