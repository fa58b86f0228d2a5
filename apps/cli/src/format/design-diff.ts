/**
 * The differences between two parsed scenarios, field by field, in canonical units (so `2m` and
 * `120s` are the same and do not show). Used by `compare` to say what changed between two designs.
 */
import { formatPath, type PathSegment } from '@design-sim/sim-core';

/** One changed field; undefined = absent on that side. */
export interface DesignDifference {
  path: string;
  a: unknown;
  b: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function walk(a: unknown, b: unknown, path: PathSegment[], out: DesignDifference[]): void {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], [...path, i], out);
    return;
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) walk(a[k], b[k], [...path, k], out);
    return;
  }
  if (!Object.is(a, b) && JSON.stringify(a) !== JSON.stringify(b)) out.push({ path: formatPath(path), a, b });
}

/** An `expect:` entry as the user wrote it (parsed entries carry their text). */
const expectText = (e: unknown): unknown => (isObject(e) && typeof e.text === 'string' ? e.text : e);

/** Differences under `spec` (the canvas layout excluded: it does not change the design; expectations compared as written). */
export function designDifferences(a: { spec: object }, b: { spec: object }): DesignDifference[] {
  const out: DesignDifference[] = [];
  const strip = (s: object) =>
    Object.fromEntries(
      Object.entries(s)
        .filter(([k]) => k !== 'canvas')
        .map(([k, v]) => [k, k === 'expect' && Array.isArray(v) ? v.map(expectText) : v]),
    );
  walk(strip(a.spec), strip(b.spec), ['spec'], out);
  return out;
}

/** A short text form of a value for the differences list. */
export function showValue(v: unknown): string {
  if (v === undefined) return '(absent)';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
