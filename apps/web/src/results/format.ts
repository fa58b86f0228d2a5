/** Display formats for results: money keeps 3-4 significant digits, so $0.0123 per 1k requests is not "$0.01". */
import { formatLatency, formatPercentText } from '@design-sim/sim-core';

// Integers are grouped here, not by Intl.NumberFormat: a page's first Intl formatter loads ICU's data, 36–46 ms
// of the main thread in Debian Chromium, and this module is evaluated before the first chart (docs/performance.md,
// "sixth pass"). Past 1e21, where `String` switches to exponent notation, Intl does it (made on first use: one
// formatter, since toLocaleString builds a new one per call, tens of µs each).
let intl: Intl.NumberFormat | null = null;
const INTEGER = {
  /** `n` (an integer) as en-US writes it with maximumFractionDigits 0: `-1,234,567`. */
  format(n: number): string {
    if (Math.abs(n) >= 1e21) return (intl ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })).format(n);
    return `${n < 0 ? '-' : ''}${String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ',')}`;
  },
};

/** USD with a precision that suits its size: $12,345 · $123.4 · $1.23 · $0.0123. */
export function formatUsd(usd: number | null): string {
  if (usd === null || !Number.isFinite(usd)) return '—';
  const abs = Math.abs(usd);
  if (abs >= 1000) return `$${INTEGER.format(Math.round(usd))}`;
  if (abs >= 100) return `$${usd.toFixed(1)}`;
  if (abs >= 1) return `$${usd.toFixed(2)}`;
  if (abs === 0) return '$0';
  return `$${Number(usd.toPrecision(3))}`;
}

/**
 * Milliseconds: 3 significant digits, in seconds from 1 s and minutes from 100 s, by sim-core's rule, which the CLI
 * uses too (a card read "p50 7400 ms · p95 19.3 s").
 */
export function formatMs(ms: number | null): string {
  return ms === null || !Number.isFinite(ms) ? '—' : formatLatency(ms);
}

/** A fraction as a percentage with enough digits to tell 99.9% from 99.95%. */
export function formatPercent(fraction: number | null): string {
  if (fraction === null || !Number.isFinite(fraction)) return '—';
  const pct = fraction * 100;
  // sim-core's rule, as the CLI's: three places, but never "100%" below 1 (2 dropped of 7.2M is 99.99997%).
  if (pct >= 99 && pct < 100) return formatPercentText(fraction, 3);
  return `${Number(pct.toPrecision(3))}%`;
}

/** A count with thousands separators and at most 3 significant decimals. */
export function formatCount(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return '—';
  if (Math.abs(n) >= 100) return INTEGER.format(Math.round(n));
  return String(Number(n.toPrecision(3)));
}

/** A wait in minutes: one decimal under 10 min, whole minutes under two hours, hours (one decimal) past that. */
export function formatMinutes(min: number): string {
  if (!Number.isFinite(min)) return '—';
  if (min >= 120) return `${(min / 60).toFixed(1)} h`;
  return min < 10 ? `${min.toFixed(1)} min` : `${Math.round(min)} min`;
}

/** Simulated time (s) as `h:mm` (or `Nd h:mm` past a day). */
export function formatClock(seconds: number): string {
  const total = Math.round(seconds / 60);
  const days = Math.floor(total / 1440);
  const h = Math.floor((total % 1440) / 60);
  const m = total % 60;
  const hm = `${h}:${String(m).padStart(2, '0')}`;
  return days > 0 ? `${days}d ${hm}` : hm;
}
