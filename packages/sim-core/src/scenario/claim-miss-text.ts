/**
 * How far a graded claim is from the tool's figure, in words every output shares (the CLI's text and Markdown,
 * the canvas's grades table): the error in percent and, for a large miss, the ratio. A claim may be any
 * finite double (`latency.p99: 1e308`), so the miss is computed from logarithms where the quotient itself
 * would overflow: a 1e308 claim against $13.95 printed "+∞" and a ratio of 300 grouped digits, and a claim
 * against a figure of 0 "+∞%", none of them true.
 */
import type { ClaimGrade } from './expectations.ts';
import { formatInteger, formatNumber } from './describe-value.ts';

/** Said instead of a percentage when the tool's figure is 0: any error relative to 0 is undefined. */
export const NO_PERCENT_AGAINST_ZERO = 'no % error against 0';

/** 10^l with two significant digits, as "5.6e306" (l finite). */
function powerOfTen(l: number): string {
  let e = Math.floor(l);
  let m = Number((10 ** (l - e)).toPrecision(2));
  if (m >= 10) {
    m = 1;
    e += 1;
  }
  return `${formatNumber(m)}e${e}`;
}

/**
 * A positive magnitude, `sig` significant digits: grouped below 1e9, else "5.6e306". `value` is used when it is
 * a finite positive double, else `log10()` (called only then, as the value overflowed or underflowed).
 */
function magnitude(value: number, log10: () => number, sig: number): string {
  const usable = Number.isFinite(value) && value > 0;
  const l = usable ? Math.log10(value) : log10();
  if (l >= 9) return powerOfTen(l);
  const n = Number((usable ? value : 10 ** l).toPrecision(sig));
  return n >= 1000 ? formatInteger(n) : formatNumber(n);
}

/** log10 |a − b| without overflow (1e308 − (−1e308) is 2e308, beyond a double). */
function log10Gap(a: number, b: number): number {
  return Math.log10(Math.abs(a / 2 - b / 2)) + Math.log10(2);
}

/**
 * The error of a claim as "+12.5%", "−91.2%", "0%" (within ±0.05%), "+7.2e308%" (beyond a double: the JSON's
 * `errorPct` is then ±Infinity, written null), or {@link NO_PERCENT_AGAINST_ZERO}; null when not graded.
 */
export function claimErrorText(g: Pick<ClaimGrade, 'claimed' | 'actual' | 'errorPct'>): string | null {
  if (g.errorPct === null || g.actual === null || !Number.isFinite(g.actual)) return null;
  if (g.actual === 0) return g.claimed === 0 ? '0%' : NO_PERCENT_AGAINST_ZERO;
  if (g.claimed === g.actual) return '0%';
  const { actual, claimed } = g;
  if (Math.abs(g.errorPct) < 0.05) return '0%';
  const text = magnitude(Math.abs(g.errorPct), () => log10Gap(claimed, actual) - Math.log10(Math.abs(actual)) + 2, 3);
  return `${claimed > actual ? '+' : '−'}${text}%`;
}

/** "7.6× too low" / "2.1× too high" / "5.6e306× too high" for a way-off claim with a ratio, else null. */
export function claimRatioText(g: Pick<ClaimGrade, 'claimed' | 'actual' | 'ratio' | 'verdict'>): string | null {
  if (g.verdict !== 'way-off' || g.ratio === null || g.ratio === 1 || g.actual === null) return null;
  const { actual, claimed } = g;
  // claimed ÷ actual overflows a double for 1e308 against anything below 1: then from logarithms.
  const text = magnitude(g.ratio > 1 ? g.ratio : 1 / g.ratio, () => Math.abs(Math.log10(claimed) - Math.log10(actual)), 2);
  return `${text}× too ${claimed > actual ? 'high' : 'low'}`;
}
