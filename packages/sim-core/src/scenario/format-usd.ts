import { formatInteger } from './describe-value.ts';

/**
 * Dollars for people, the one rule the reports and the expectation values share: whole dollars grouped from $100
 * ("$28,144"), cents from $1 ("$38.55"), and below $1 three significant digits but at least cents ("$0.0194", "$0.20").
 * An expectation on `cost.per1k` had printed "$0.01" beside the summary's "$0.0131" for the same number.
 */
export function formatUsdText(usd: number): string {
  const sign = usd < 0 ? '-' : '';
  const a = Math.abs(usd);
  if (a >= 100) return `${sign}$${formatInteger(a)}`;
  if (a >= 1) return `${sign}$${a.toFixed(2)}`;
  if (a === 0) return '$0.00';
  const fixed = Number(a.toPrecision(3));
  const decimals = 2 - Math.floor(Math.log10(fixed));
  // Below a billionth of a billionth of a dollar (a 1e-320 s run's cost) a run of zeros helps nobody: cents.
  if (decimals > 20) return `${sign}$${a.toFixed(2)}`;
  const small = fixed.toFixed(decimals).replace(/(\.\d*?)0+$/, '$1');
  return `${sign}$${(small.split('.')[1]?.length ?? 0) >= 2 ? small : a.toFixed(2)}`;
}
