/** Short, human descriptions of parsed YAML values for "got …" in error messages. */

/**
 * Formats a number for a person to read: 42, 0.5, 2,147,483,647, 1.5e-7, 2.5e6 (not an integer), 1e300, NaN, Infinity.
 * Integers are grouped like every other count the CLI prints (formatInteger): as exponents, a bound and the
 * value that broke it read "must be at most 10000, got 2.147483647e9". Exponents stay for what cannot be
 * written out readably: from 1e21 (where String() itself switches), fractions of a million or more, and tiny fractions.
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return formatInteger(n);
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
