/** Text helpers for node summaries: values from files are shown as plain, short text, never as HTML. */

/** Large counts read better as 7B, 2T than as 7000000000. */
function compact(n: number): string {
  for (const [unit, size] of [['T', 1e12], ['B', 1e9], ['M', 1e6]] as const) if (Math.abs(n) >= size) return `${Number((n / size).toPrecision(3))}${unit}`;
  return String(n);
}

/** A document value as short text: `?` when missing, `…` for an object, compact numbers. */
export const s = (v: unknown): string => (v === undefined || v === null ? '?' : typeof v === 'object' ? '…' : typeof v === 'number' ? compact(v) : String(v));

/** The last part of a catalog id (`aws/us-east-1/g5.2xlarge` → `g5.2xlarge`). */
export function shortId(id: unknown): string {
  return String(id).split('/').pop()!;
}
