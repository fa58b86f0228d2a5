import { formatInteger } from './describe-value.ts';

/**
 * A latency for people, the one rule every output uses: "66.6 ms" below 1 s, "1.67 s" below 100 s, "38.4 min" from
 * there; three significant digits, thousands grouped, no locale (the same run prints the same bytes everywhere).
 */
export function formatLatency(ms: number): string {
  const a = Math.abs(ms);
  if (!(a < 1000)) return a < 100_000 ? `${significant3(ms / 1000)} s` : `${significant3(ms / 60_000)} min`;
  return `${significant3(ms)} ms`;
}

/** Three significant digits ("66.6", "1.67", "0.0123"), whole numbers from 1,000 ("16,667"). */
function significant3(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n === 0) return '0';
  if (Math.abs(n) >= 1000) return `${n < 0 ? '-' : ''}${formatInteger(Math.abs(n))}`;
  const fixed = Number(n.toPrecision(3));
  const decimals = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(fixed))));
  // Below 1e-18 ms a run of zeros helps nobody.
  if (decimals > 20) return fixed.toExponential();
  return fixed.toFixed(decimals).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}
