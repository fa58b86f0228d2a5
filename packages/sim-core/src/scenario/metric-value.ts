/**
 * Parsing and formatting of metric values written in `expect:` lines and `claims:`, in each
 * metric's canonical unit (ms, fraction, count, USD, days, hours, boolean 1/0).
 */
import { describeValue, formatInteger, formatNumber } from './describe-value.ts';
import { formatLatency } from './format-latency.ts';
import { formatPercentText } from './format-percent.ts';
import { formatUsdText } from './format-usd.ts';
import type { MetricInfo, MetricValueKind } from './metrics.ts';
import { parseCount, parseDuration, parsePercentString, parsePlainNumber, suggestCount, suggestDuration, suggestFraction, tidy } from './units.ts';

/** A parsed value, or why it could not be parsed. */
export type MetricValueResult =
  | { ok: true; value: number }
  | { ok: false; message: string; expected: string; suggestion?: string };

const EXPECTED: Readonly<Record<MetricValueKind, string>> = {
  ms: 'a latency like 100ms or 1.5s, or a number of ms',
  fraction: 'a percentage like 99.9% or a fraction like 0.999',
  count: 'a number like 1000, 1.5M or 2e9',
  usd: 'a USD amount like 40000, $40,000 or 40K',
  minutes: 'a number of minutes or a duration like 90s or 2m',
  days: 'a number of days or a duration like 36h',
  hours: 'a number of hours or a duration like 2d',
  boolean: 'true or false (or 1 / 0)',
};

/** How a message names a metric's unit: "availability is a fraction". */
function unitPhrase(metric: MetricInfo): string {
  switch (metric.kind) {
    case 'ms':
      return 'a latency in ms';
    case 'fraction':
      return 'a fraction';
    case 'count':
      return `a count (${metric.unit})`;
    case 'boolean':
      return 'a yes/no value';
    default:
      return `in ${metric.unit}`;
  }
}

type Parsed = number | { suggestion: string | undefined } | undefined;

function parseMs(s: string): Parsed {
  const plain = parsePlainNumber(s);
  if (plain !== undefined) return plain;
  const seconds = s.includes('%') ? undefined : parseDuration(s);
  return seconds === undefined ? { suggestion: suggestDuration(s) } : tidy(seconds * 1000);
}

function parseFraction(v: number | string): Parsed {
  const n = typeof v === 'number' ? v : parsePlainNumber(v);
  if (n !== undefined) return n > 1 && n <= 100 ? { suggestion: suggestFraction(n) } : n;
  const pct = parsePercentString(v as string);
  return pct === undefined ? undefined : tidy(pct / 100);
}

function parseUsd(s: string): Parsed {
  const stripped = s.replace(/^\s*\$\s*/, '').replace(/\s*(usd|dollars?)\s*$/i, '');
  return parseCount(stripped) ?? { suggestion: suggestCount(stripped) };
}

function parseIn(unitSeconds: number, s: string): Parsed {
  const plain = parsePlainNumber(s);
  if (plain !== undefined) return plain;
  const seconds = parseDuration(s);
  return seconds === undefined ? { suggestion: suggestDuration(s) } : tidy(seconds / unitSeconds);
}

function parseBoolean(v: number | string | boolean): Parsed {
  if (typeof v === 'boolean') return v ? 1 : 0;
  const s = String(v).trim().toLowerCase();
  if (['true', 'yes', '1'].includes(s)) return 1;
  if (['false', 'no', '0'].includes(s)) return 0;
  return undefined;
}

function parseByKind(kind: MetricValueKind, raw: number | string): Parsed {
  if (kind === 'fraction') return parseFraction(raw);
  if (kind === 'boolean') return parseBoolean(raw);
  if (typeof raw === 'number') return raw;
  switch (kind) {
    case 'ms':
      return parseMs(raw);
    case 'count':
      return parseCount(raw) ?? { suggestion: suggestCount(raw) };
    case 'usd':
      return parseUsd(raw);
    case 'minutes':
      return parseIn(60, raw);
    case 'days':
      return parseIn(86_400, raw);
    case 'hours':
      return parseIn(3600, raw);
  }
}

/** Parses a value written for `metric` into its canonical unit; never throws. */
/** Kinds of value that cannot be below zero (money can: a saving may be negative). */
const NEVER_NEGATIVE: ReadonlySet<MetricInfo['kind']> = new Set(['ms', 'count', 'minutes', 'days', 'hours']);

export function parseMetricValue(metric: MetricInfo, raw: unknown): MetricValueResult {
  const expected = EXPECTED[metric.kind];
  const fail = (suggestion?: string): MetricValueResult => {
    const message = `${metric.name} is ${unitPhrase(metric)}: expected ${expected}, got ${describeValue(raw)}`;
    return suggestion === undefined ? { ok: false, message, expected } : { ok: false, message, expected, suggestion };
  };
  if (typeof raw === 'boolean' && metric.kind === 'boolean') return { ok: true, value: raw ? 1 : 0 };
  if (typeof raw !== 'number' && typeof raw !== 'string') return fail();
  const parsed = parseByKind(metric.kind, raw);
  if (parsed === undefined) return fail();
  if (typeof parsed !== 'number') return fail(parsed.suggestion);
  if (!Number.isFinite(parsed)) return fail();
  if (metric.kind === 'fraction' && (parsed < 0 || parsed > 1)) return fail();
  // Durations and counts are never negative: a line on one below zero can only fail (or always pass), never inform.
  if (parsed < 0 && NEVER_NEGATIVE.has(metric.kind)) return { ok: false, message: `${metric.name} is never negative: got ${describeValue(raw)} (expected ${expected}, at least 0)`, expected };
  return { ok: true, value: parsed };
}

/** Formats a canonical value for display: `85.2 ms`, `99.95%`, `$38,120`, `18.4 days`, `yes`. */
export function formatMetricValue(metric: MetricInfo, value: number): string {
  switch (metric.kind) {
    case 'ms': {
      // In the expectation's own unit, to compare with its threshold; from 1 s also as the summaries write it
      // ("746,500 ms (12.4 min)", where "7.465e5 ms" and "746500 ms" made the reader count digits).
      const ms = Number(value.toPrecision(4));
      return Math.abs(ms) < 1000 ? `${formatNumber(ms)} ms` : `${ms < 0 ? '-' : ''}${formatInteger(Math.abs(ms))} ms (${formatLatency(value)})`;
    }
    case 'fraction': {
      // Six significant digits, as places after the point; never rounded onto 100% (or 0%) when it is not that.
      const pct = Math.abs(value * 100);
      return formatPercentText(value, pct === 0 ? 0 : 5 - Math.floor(Math.log10(pct)));
    }
    case 'count':
      return formatNumber(Number(value.toPrecision(6)));
    case 'usd':
      return formatUsdText(value);
    case 'minutes':
      return `${formatNumber(Number(value.toPrecision(4)))} min`;
    case 'days':
      return `${formatNumber(Number(value.toPrecision(4)))} days`;
    case 'hours':
      return `${formatNumber(Number(value.toPrecision(4)))} hours`;
    case 'boolean':
      return value ? 'yes' : 'no';
  }
}
