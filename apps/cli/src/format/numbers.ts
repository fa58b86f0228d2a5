/**
 * Number formatting for people, deterministic (no locale): the same run prints the same bytes on
 * every machine. Missing values (null, NaN) print as "—".
 */

import { formatInteger, formatLatency, formatPercentText, formatUsdText } from '@design-sim/sim-core';

/** Shown where a value is missing or not a number. */
export const MISSING = '—';

const isNumber = (n: number | null | undefined): n is number => typeof n === 'number' && !Number.isNaN(n);

/** 1234567 → "1,234,567" (rounded to an integer). */
export function formatInt(n: number | null | undefined): string {
  if (!isNumber(n)) return MISSING;
  if (!Number.isFinite(n)) return n > 0 ? '∞' : '−∞';
  // The grouping (and, from 1e21, the exponent) is sim-core's, the same as in its messages; the sign is kept apart
  // so that -1234.5 rounds away from zero like 1234.5.
  const s = formatInteger(Math.abs(n));
  return n < 0 && Math.round(n) !== 0 ? `-${s}` : s;
}

/** `sig` significant digits, thousands grouped, no exponent below 1e15: 66.625 → "66.6", 36.43 → "36.4". */
export function formatNum(n: number | null | undefined, sig = 3): string {
  if (!isNumber(n)) return MISSING;
  if (!Number.isFinite(n)) return n > 0 ? '∞' : '−∞';
  if (n === 0) return '0';
  if (Math.abs(n) >= 10 ** sig) return formatInt(n);
  const fixed = Number(n.toPrecision(sig));
  const decimals = Math.max(0, sig - 1 - Math.floor(Math.log10(Math.abs(fixed))));
  // toFixed takes at most 100 digits; below 1e-18 a long run of zeros helps nobody (a 1e-320 s run's cost).
  if (decimals > 20) return fixed.toExponential();
  return fixed.toFixed(decimals).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

/** Scientific for big counts: 8.4e22 → "8.4e22"; below 1e6 as formatNum. */
export function formatSci(n: number | null | undefined, sig = 3): string {
  if (!isNumber(n)) return MISSING;
  if (Math.abs(n) < 1e6) return formatNum(n, sig);
  return Number(n.toPrecision(sig)).toExponential().replace('e+', 'e');
}

/** A latency: "66.6 ms" below 1 s, "1.67 s" below 100 s, "38.4 min" above. */
export function formatMs(ms: number | null | undefined): string {
  return isNumber(ms) ? formatLatency(ms) : MISSING;
}

/** Dollars: "$28,144" from $100, "$38.55" from $1, three significant digits but at least cents below ("$0.0195", "$0.20"): sim-core's rule, which expectation values read too. */
export function formatUsd(usd: number | null | undefined): string {
  return isNumber(usd) ? formatUsdText(usd) : MISSING;
}

/** A catalog price as published, up to 4 decimals and at least 2: 0.1845 → "$0.1845", 88.49 → "$88.49", 2 → "$2.00". */
export function formatPrice(usd: number | null | undefined): string {
  if (!isNumber(usd)) return MISSING;
  const s = String(Number(usd.toFixed(4)));
  const [whole = '0', frac = ''] = s.split('.');
  return `$${formatInt(Number(whole))}.${frac.padEnd(2, '0')}`;
}

/** A fraction as a percentage with up to `decimals` places: 0.8830898 → "88.309%", 1 → "100%"; never "100%" below 1 (sim-core's rule). */
export function formatPercent(fraction: number | null | undefined, decimals = 3): string {
  return isNumber(fraction) ? formatPercentText(fraction, decimals) : MISSING;
}

/** A signed relative change in percent: "+12.5%", "−3%", "0%"; "∞" when the base is zero. */
export function formatChangePct(pct: number | null | undefined): string {
  if (!isNumber(pct)) return MISSING;
  if (!Number.isFinite(pct)) return pct > 0 ? '+∞' : '−∞';
  if (Math.abs(pct) < 0.05) return '0%';
  return `${pct > 0 ? '+' : '−'}${formatNum(Math.abs(pct), 3)}%`;
}
