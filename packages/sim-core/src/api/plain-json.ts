/**
 * A result made portable, as the CLI's `--json` writes it (docs/json-output.md): typed arrays become plain
 * arrays, NaN and ±Infinity become null (JSON has neither), undefined fields are dropped and -0 is 0. One
 * function for every reader that compares or writes results as JSON (the CLI, the browser e2e).
 */

/** Plain-JSON version of a value: typed arrays → arrays, non-finite numbers → null, undefined fields dropped. */
export function toPlainJson(value: unknown): unknown {
  // -0 becomes 0, as JSON.stringify writes it.
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null;
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, (v) => toPlainJson(v));
  if (Array.isArray(value)) return value.map(toPlainJson);
  // fromEntries defines own properties, so a key named "__proto__" stays a key instead of setting the prototype.
  return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (v === undefined ? [] : [[k, toPlainJson(v)]])));
}
