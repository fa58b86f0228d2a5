/**
 * Commander value parsers for numbers with units, in the scenario format's own syntax (sim-core's
 * unit parsers), so `--tokens 2T` and `tokens: 2T` mean the same. Each throws InvalidArgumentError,
 * which commander prints as one line naming the option; exit code 2.
 */
import { formatDuration, MAX_HORIZON_SECONDS, MAX_PRICE_PER_GPU_HOUR, MAX_QPS, parseCount, parseDuration, parsePercentString, suggestCount, suggestDuration, suggestFraction } from '@design-sim/sim-core';
import { InvalidArgumentError } from 'commander';
import { formatInt } from '../format/numbers.ts';

/** A whole number ≥ 0: `42`. `least` is the smallest the option takes, for the message. */
export function parseInteger(value: string, least = 0): number {
  const n = Number(value);
  // `--workers 1e9` is refused, but not as what it is not: it is a whole number, written with an exponent.
  const hint = /^\s*\d+(\.\d+)?[eE][+-]?\d+\s*$/.test(value) && Number.isSafeInteger(n) ? ` (write it as ${n})` : '';
  if (!/^\s*\d+\s*$/.test(value)) throw new InvalidArgumentError(`expected a whole number of at least ${least} in digits, e.g. 42${hint}.`);
  // `--seed 9007199254740993` is a whole number of at least 0: say what it is past instead.
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError(`expected a whole number of at most ${Number.MAX_SAFE_INTEGER} (2^53 - 1, the largest a double holds exactly).`);
  return n;
}

/** A whole number ≥ 1. */
export function parsePositiveInteger(value: string): number {
  const n = parseInteger(value, 1);
  if (n < 1) throw new InvalidArgumentError('expected a whole number of at least 1.');
  return n;
}

/**
 * A whole number from 1 to `max`, a scenario limit, so the CLI and the format refuse the same values
 * (`estimate training --gpus 99999999` answered where `gpus: 99999999` in a scenario is refused).
 */
export function parsePositiveIntegerAtMost(max: number): (value: string) => number {
  return (value) => {
    const n = parsePositiveInteger(value);
    if (n > max) throw new InvalidArgumentError(`expected at most ${max.toLocaleString('en-US')} (docs/limits.md).`);
    return n;
  };
}

/** A TCP port, 1–65535: the API server refuses a containerPort outside it (`--port 65536` was written, exit 0). */
export function parsePort(value: string): number {
  const n = parsePositiveInteger(value);
  if (n > 65535) throw new InvalidArgumentError('expected a port from 1 to 65535.');
  return n;
}

/**
 * An HTTP probe path: starting with "/" and without whitespace or control characters, which a request line cannot
 * carry (RFC 9112 §3: request-target, then one space). `--health-path ""` and `--health-path "a b"` were written into
 * every probe, exit 0.
 */
export function parseHealthPath(value: string): string {
  if (!/^\/[^\s\u0000-\u001f\u007f]*$/.test(value)) throw new InvalidArgumentError('expected a path starting with "/" and without spaces, e.g. /health.');
  return value;
}

/** A positive count: `7e9`, `7B`, `2T`, `1.5M`, `1000`. */
export function parseCountOption(value: string): number {
  const n = parseCount(value);
  if (n === undefined) {
    const s = suggestCount(value);
    throw new InvalidArgumentError(`expected a number like 7e9, 7B or 2T${s === undefined ? '' : ` (did you mean ${s}?)`}.`);
  }
  if (!(n > 0)) throw new InvalidArgumentError('expected a number greater than 0.');
  return n;
}

/**
 * Requests per second from one request in the longest run a scenario may simulate (1 ÷ MAX_HORIZON_SECONDS,
 * 1.65e-6) to MAX_QPS, a scenario's own bound on a traffic rate: `--qps 1e7` was answered where `qps: 1e7` in a
 * scenario is refused, and `--qps 1e-320` priced a million requests at "$∞" (their true cost is beyond a double).
 */
export function parseQpsOption(value: string): number {
  const n = parseCountOption(value);
  if (n > MAX_QPS) throw new InvalidArgumentError(`expected at most ${formatInt(MAX_QPS)} requests per second (docs/limits.md).`);
  if (n < MIN_QPS_OPTION) throw new InvalidArgumentError(`expected at least one request in ${formatDuration(MAX_HORIZON_SECONDS)}, the longest run a scenario may simulate (${MIN_QPS_OPTION.toExponential(2)} requests per second; docs/limits.md).`);
  return n;
}

/** The smallest `--qps`: one request in the longest horizon. */
export const MIN_QPS_OPTION = 1 / MAX_HORIZON_SECONDS;

/**
 * A count above 0 and at most `max` (a scenario limit, so the CLI and the format refuse the same values): a
 * count past it is a unit slip, and the arithmetic on it overflows (`--params 1e308 --tokens 1e308` made
 * 6·N·D infinite and printed "workSeconds must be a finite number >= 0").
 */
export function parseCountAtMost(max: number): (value: string) => number {
  return (value) => {
    const n = parseCountOption(value);
    // A count of things is at least one: --params 1e-300 was priced.
    if (n < 1) throw new InvalidArgumentError('expected at least 1.');
    if (n > max) throw new InvalidArgumentError(`expected at most ${max.toExponential().replace('e+', 'e')} (docs/limits.md).`);
    return n;
  };
}

/**
 * A positive latency in seconds, with its unit: `50ms`, `2s`, `1h30m`. A bare number is refused: a scenario reads
 * one as milliseconds in its latency fields (`meanMs: 50`) and as seconds in its durations, and `--latency 50`
 * was read as 50 s, a thousand times the 50 ms meant, sizing 555 replicas for 10 QPS without a word.
 */
export function parseLatencyOption(value: string): number {
  if (/^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(value)) {
    throw new InvalidArgumentError(`expected a duration with its unit: ${value.trim()}ms or ${value.trim()}s (a bare number is milliseconds in a scenario's latency fields and seconds in its durations).`);
  }
  const s = parseDuration(value);
  if (s === undefined) {
    const hint = suggestDuration(value);
    throw new InvalidArgumentError(`expected a duration like 50ms, 2s or 5m${hint === undefined ? '' : ` (did you mean ${hint}?)`}.`);
  }
  if (!(s > 0)) throw new InvalidArgumentError('expected a duration greater than 0.');
  return s;
}

/** A fraction in (0, 1]: `0.4` or `40%`. */
export function parseFractionOption(value: string): number {
  const pct = parsePercentString(value);
  const n = pct === undefined ? Number(value) : pct / 100;
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError('expected a fraction like 0.4 or a percentage like 40%.');
  if (!(n > 0 && n <= 1)) {
    // `--mfu 40` means 40%; `--mfu 150%` was already a percentage: nothing to suggest (it suggested "1.5%").
    const hint = n > 1 && pct === undefined ? suggestFraction(n) : undefined;
    throw new InvalidArgumentError(`expected a value above 0 and at most 1 (100%)${hint === undefined ? '' : ` (did you mean ${hint}?)`}.`);
  }
  return n;
}

/** A fraction from `min` to 1, a scenario limit (`--mfu` at least MIN_TRAINING_MFU, as `spec.training.mfu`). */
export function parseFractionAtLeast(min: number): (value: string) => number {
  return (value) => {
    const n = parseFractionOption(value);
    if (n < min) throw new InvalidArgumentError(`expected at least ${min} (${min * 100}%; docs/limits.md).`);
    return n;
  };
}

/** A percentile as a fraction in (0, 1): `99`, `99.9`, `0.99` or `99%`. */
/** The highest percentile an option takes: a tail of 10⁻⁶. */
const MAX_PERCENTILE = 0.999999;
/** The lowest: p1. */
const MIN_PERCENTILE = 0.01;

export function parsePercentileOption(value: string): number {
  const pct = parsePercentString(value);
  const raw = pct ?? Number(value);
  const n = pct !== undefined || raw > 1 ? raw / 100 : raw;
  if (value.trim() === '' || !Number.isFinite(n) || !(n > 0 && n < 1)) throw new InvalidArgumentError('expected a percentile like 99, 99.9 or 0.99.');
  // A tail under one in a million is past what the estimate's figures can print (99.99999999 showed as "p100", "≤ 0%").
  if (n > MAX_PERCENTILE) throw new InvalidArgumentError('expected a percentile of at most 99.9999 (a tail of one request in a million).');
  // And not under p1: 1e-300 was read as the fraction 1e-300 and printed "predicted p1e-298", "1e-298% of requests never wait".
  if (n < MIN_PERCENTILE) throw new InvalidArgumentError('expected a percentile of at least 1 (p1; 0.01 as a fraction), like 99, 99.9 or 0.99.');
  return n;
}

/** A USD amount ≥ 0: `50000`, `$50,000`, `50K`. */
export function parseUsdOption(value: string): number {
  const n = parseCount(value.replace(/^\s*\$\s*/, ''));
  if (n === undefined) throw new InvalidArgumentError('expected a USD amount like 50000, $50,000 or 50K.');
  return n;
}

/** A price per GPU-hour ≥ 0 and at most MAX_PRICE_PER_GPU_HOUR (the bound of a scenario's pricePerGpuHour): `1.25` (USD). */
export function parsePriceOption(value: string): number {
  const n = Number(value.replace(/^\s*\$\s*/, ''));
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a price in USD like 1.25.');
  if (n > MAX_PRICE_PER_GPU_HOUR) throw new InvalidArgumentError(`expected at most ${MAX_PRICE_PER_GPU_HOUR} USD per GPU-hour (docs/limits.md).`);
  return n;
}
