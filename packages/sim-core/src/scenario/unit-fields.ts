/**
 * Zod field builders for unit-bearing values. Each accepts a number in the canonical unit or a
 * string with units, validates the range itself (so messages speak the field's units: "must be
 * at most 7d"), and outputs a plain number. The inner `z.number()` carries the same bounds only so
 * the JSON Schema shows them. Every builder registers its schema in `unitFieldRegistry`, which the
 * JSON-Schema generator reads to emit `number | string` for these fields.
 */
import * as z from 'zod';
import { describeValue, formatNumber } from './describe-value.ts';
import {
  formatDuration,
  parseClock,
  parseCount,
  parseDuration,
  parsePercentString,
  parsePlainNumber,
  suggestCount,
  suggestDuration,
  suggestFraction,
  tidy,
} from './units.ts';

/** The unit families a scenario field can carry. */
export type UnitKind = 'duration' | 'durationMs' | 'fraction' | 'percent' | 'count' | 'clockOrDuration';

/** What the JSON-Schema generator needs to know about a unit-bearing field. */
export interface UnitFieldMeta {
  kind: UnitKind;
  min?: number;
  max?: number;
  exclusiveMin?: boolean;
}

/** Registry of every unit-bearing schema built here (read by `json-schema.ts`). */
export const unitFieldRegistry = z.registry<UnitFieldMeta>();

/** Bounds in the field's canonical unit (seconds, ms, fraction, percent, count). */
export interface UnitRange {
  min?: number;
  max?: number;
  /** When true the minimum itself is rejected (e.g. a duration must be > 0). */
  exclusiveMin?: boolean;
  integer?: boolean;
}

type Converted = { value: number } | { suggestion?: string | undefined };

interface UnitSpec {
  kind: UnitKind;
  expected: string;
  convert: (input: string | number) => Converted;
  format: (canonical: number) => string;
}

const DURATION: UnitSpec = {
  kind: 'duration',
  expected: 'a duration like 90s, 5m, 1h30m or a number of seconds',
  convert: (v) => (typeof v === 'number' ? { value: v } : withSuggestion(parseDuration(v), suggestDuration(v))),
  format: formatDuration,
};

const DURATION_MS: UnitSpec = {
  kind: 'durationMs',
  expected: 'milliseconds (a number) or a duration like 50ms or 1.5s',
  convert: (v) => {
    if (typeof v === 'number') return { value: v };
    const s = parseDuration(v);
    return s === undefined ? { suggestion: suggestDuration(v) } : { value: tidy(s * 1000) };
  },
  format: (ms) => `${formatNumber(ms)} ms`,
};

const FRACTION: UnitSpec = {
  kind: 'fraction',
  expected: 'a fraction between 0 and 1 or a percentage like "50%"',
  convert: (v) => {
    if (typeof v === 'number') return v > 1 && v <= 100 ? { suggestion: suggestFraction(v) } : { value: v };
    const pct = parsePercentString(v);
    if (pct !== undefined) return { value: tidy(pct / 100) };
    return withSuggestion(parsePlainNumber(v), undefined);
  },
  format: (f) => `${formatNumber(tidy(f * 100))}%`,
};

const PERCENT: UnitSpec = {
  kind: 'percent',
  expected: 'a percentage from 0 to 100, like 70 or "70%"',
  convert: (v) => (typeof v === 'number' ? { value: v } : withSuggestion(parsePercentString(v) ?? parsePlainNumber(v), undefined)),
  format: (p) => `${formatNumber(p)}%`,
};

const COUNT: UnitSpec = {
  kind: 'count',
  expected: 'a number like 1000, 7e9 or "7B", "1.5M", "10K"',
  convert: (v) => (typeof v === 'number' ? { value: v } : withSuggestion(parseCount(v), suggestCount(v))),
  format: formatNumber,
};

const CLOCK_OR_DURATION: UnitSpec = {
  kind: 'clockOrDuration',
  expected: 'a clock time like "14:00" or a duration since midnight like 14h',
  convert: (v) => (typeof v === 'number' ? { value: v } : withSuggestion(parseClock(v) ?? parseDuration(v), suggestDuration(v))),
  format: formatDuration,
};

function withSuggestion(value: number | undefined, suggestion: string | undefined): Converted {
  return value === undefined ? { suggestion } : { value };
}

/** Checks the canonical value against the range; returns the complaint or undefined. */
function rangeProblem(value: number, range: UnitRange, format: (n: number) => string): string | undefined {
  if (!Number.isFinite(value)) return 'must be a finite number';
  const { min, max } = range;
  if (min !== undefined && (range.exclusiveMin ? value <= min : value < min)) {
    return range.exclusiveMin ? `must be greater than ${format(min)}` : `must be at least ${format(min)}`;
  }
  if (max !== undefined && value > max) return `must be at most ${format(max)}`;
  if (range.integer && !Number.isInteger(value)) return 'must be a whole number';
  return undefined;
}

function innerNumber(range: UnitRange): z.ZodNumber {
  let n = z.number();
  if (range.min !== undefined) n = range.exclusiveMin ? n.gt(range.min) : n.min(range.min);
  if (range.max !== undefined) n = n.max(range.max);
  if (range.integer) n = n.int();
  return n;
}

function unitField(spec: UnitSpec, description: string, range: UnitRange) {
  const field = z
    .preprocess((input: unknown, ctx) => {
      const fail = (message: string, suggestion?: string) => {
        ctx.addIssue({ code: 'custom', message, input, params: { expected: spec.expected, suggestion } });
        return z.NEVER;
      };
      // Absent: let the inner z.number() report it, so the message names the missing field.
      if (input === undefined) return input;
      if (typeof input !== 'number' && typeof input !== 'string') {
        return fail(`expected ${spec.expected}, got ${describeValue(input)}`);
      }
      const converted = spec.convert(input);
      if (!('value' in converted)) {
        return fail(`expected ${spec.expected}, got ${describeValue(input)}`, converted.suggestion);
      }
      const problem = rangeProblem(converted.value, range, spec.format);
      if (problem !== undefined) return fail(`${problem}, got ${describeValue(input)}`);
      return converted.value;
    }, innerNumber(range))
    .describe(description);
  const meta: UnitFieldMeta = { kind: spec.kind };
  if (range.min !== undefined) meta.min = range.min;
  if (range.max !== undefined) meta.max = range.max;
  if (range.exclusiveMin !== undefined) meta.exclusiveMin = range.exclusiveMin;
  return field.register(unitFieldRegistry, meta);
}

/** A duration in seconds: a number of seconds or `50ms`, `90s`, `5m`, `24h`, `1d`, `1h30m`. */
export function durationSeconds(description: string, range: UnitRange = { min: 0 }) {
  return unitField(DURATION, description, range);
}

/** A time in milliseconds: a number of ms or a duration string (`50ms`, `1.5s`). */
export function durationMs(description: string, range: UnitRange = { min: 0 }) {
  return unitField(DURATION_MS, description, range);
}

/** A fraction 0..1: `0.5` or `"50%"`; a bare number in (1, 100] is rejected with a `"N%"` suggestion. */
export function fraction(description: string, range: UnitRange = {}) {
  return unitField(FRACTION, description, { min: 0, max: 1, ...range });
}

/** A percentage 0..100 kept in percent units: `70` or `"70%"`. */
export function percent(description: string, range: UnitRange = {}) {
  return unitField(PERCENT, description, { min: 0, max: 100, ...range });
}

/** A count or rate: a number or `7e9`, `"7B"`, `"2T"`, `"1.5M"`, `"10K"`. */
export function count(description: string, range: UnitRange = { min: 0 }) {
  return unitField(COUNT, description, range);
}

/** A time of day in seconds after 00:00: `"14:00"` or a duration (`14h`, 50400). */
export function clockOrDuration(description: string, range: UnitRange = { min: 0 }) {
  return unitField(CLOCK_OR_DURATION, description, range);
}
