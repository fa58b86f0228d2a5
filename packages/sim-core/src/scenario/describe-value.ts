/** Short, human descriptions of parsed YAML values for "got …" in error messages. */

/** Formats a number the way a person would type it: 42, 0.5, 7e9, 1e12, NaN, Infinity. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1e6 || (n !== 0 && Math.abs(n) < 1e-4)) {
    return n.toExponential().replace('e+', 'e').replace(/\.?0+e/, 'e');
  }
  return String(Number(n.toPrecision(12)));
}

/** Groups an integer's thousands with commas, deterministically (no locale): 1048576 → "1,048,576"; from 1e21 "1.67e303". */
export function formatInteger(n: number): string {
  // From 1e21 String() writes an exponent, which the grouping would cut up: a claim of 1e308 ms read
  // "1.6,666,666,666,666,668e+303 min".
  if (Math.abs(n) >= 1e21) return formatNumber(Number(n.toPrecision(3)));
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Describes any value for an error message: strings quoted, numbers as typed, containers by kind. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'an empty value';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return typeof v;
}
