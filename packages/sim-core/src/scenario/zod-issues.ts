/**
 * Turns zod issues into ScenarioIssues: one clear sentence per problem in the user's terms
 * ("expected one of …, got …"), located at the key (unknown fields) or the value (everything else).
 */
import type { z } from 'zod';
import { describeValue } from './describe-value.ts';
import { formatPath, type PathSegment, type ScenarioIssue } from './scenario-issue.ts';
import { suggestNearest } from './suggest.ts';
import { parsePlainNumber } from './units.ts';
import type { PathLocator } from './yaml-locator.ts';

type ZodIssue = z.core.$ZodIssue;

/** What the converter needs besides the issue: the raw document value, allowed keys per object, the locator. */
export interface IssueContext {
  file: string;
  root: unknown;
  /** Allowed keys of the strict object that reported unrecognized keys, by `allowedKeysKey(path, keys)`. */
  allowedKeys: ReadonlyMap<string, readonly string[]>;
  locate: PathLocator;
}

/** The lookup key under which the allowed keys of an object with unknown `keys` at `path` are recorded. */
export function allowedKeysKey(path: readonly PropertyKey[], keys: readonly string[]): string {
  return JSON.stringify([path.map(String), keys]);
}

/** The value at `path` in a plain JS document, or undefined. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

const EXPECTED_TYPE: Readonly<Record<string, string>> = {
  number: 'a number',
  string: 'a string',
  object: 'a mapping',
  array: 'a list',
  tuple: 'a list like [a, b]',
  boolean: 'true or false',
  int: 'a whole number',
  record: 'a mapping',
};

type Draft = { path: PathSegment[]; message: string; atKey?: boolean; expected?: string | undefined; suggestion?: string | undefined };

function segments(path: readonly PropertyKey[]): PathSegment[] {
  return path.map((p) => (typeof p === 'number' ? p : String(p)));
}

function oneOf(values: readonly unknown[]): string {
  return values.length === 1 ? JSON.stringify(values[0]) : `one of ${values.map(String).join(' | ')}`;
}

function suggestValue(got: unknown, values: readonly unknown[]): string | undefined {
  if (typeof got !== 'string') return undefined;
  const names = values.map(String);
  return names.length === 1 ? names[0] : suggestNearest(got, names);
}

function missing(path: PathSegment[], extra = ''): Draft {
  const name = path[path.length - 1];
  return { path, message: `missing required field ${JSON.stringify(String(name ?? ''))}${extra}` };
}

function bound(iss: Extract<ZodIssue, { code: 'too_small' | 'too_big' }>, got: unknown): string {
  const small = iss.code === 'too_small';
  const limit = Number(small ? (iss as { minimum: number | bigint }).minimum : (iss as { maximum: number | bigint }).maximum);
  const word = small ? (iss.inclusive ? 'at least' : 'greater than') : iss.inclusive ? 'at most' : 'less than';
  if (iss.origin === 'array' || iss.origin === 'set') {
    const n = Array.isArray(got) ? got.length : 0;
    return `must have ${word} ${limit} item${limit === 1 ? '' : 's'}, got ${n}`;
  }
  if (iss.origin === 'string') return `must be ${word} ${limit} characters long, got ${typeof got === 'string' ? got.length : 0}`;
  return `must be ${word} ${limit}, got ${describeValue(got)}`;
}

function convertUnion(iss: Extract<ZodIssue, { code: 'invalid_union' }>, path: PathSegment[], ctx: IssueContext): Draft[] {
  const got = valueAt(ctx.root, path);
  if ('discriminator' in iss && iss.discriminator !== undefined) {
    const options = (iss as { options?: unknown[] }).options ?? [];
    if (got === undefined) return [missing(path, ` (${oneOf(options)})`)];
    return [{ path, message: `expected ${oneOf(options)}, got ${describeValue(got)}`, expected: oneOf(options), suggestion: suggestValue(got, options) }];
  }
  // Branches that failed on the value's own type ("expected object, got array") are the wrong shape entirely;
  // among the rest, the branch with the fewest complaints is the one the user was writing.
  const rootMismatch = (b: readonly ZodIssue[]) => b.some((i) => i.path.length === 0 && i.code === 'invalid_type');
  const plausible = iss.errors.filter((b) => !rootMismatch(b)).sort((a, b) => a.length - b.length);
  const best = plausible[0];
  if (best !== undefined) return best.flatMap((inner) => convertIssue({ ...inner, path: [...path, ...inner.path] } as ZodIssue, ctx));
  const shapes = iss.errors.flatMap((b) => b.filter((i) => i.code === 'invalid_type').map((i) => EXPECTED_TYPE[String((i as { expected: string }).expected)] ?? 'another shape'));
  const expected = [...new Set(shapes)].join(' or ') || 'another shape';
  return [{ path, message: `expected ${expected}, got ${describeValue(got)}`, expected }];
}

function slug(s: string): string {
  // NFD splits accented letters into letter + combining mark, so "ünïcode" becomes "unicode", not "n-code".
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

function convertIssue(iss: ZodIssue, ctx: IssueContext): Draft[] {
  const path = segments(iss.path);
  const got = valueAt(ctx.root, path);
  switch (iss.code) {
    case 'unrecognized_keys': {
      const allowed = ctx.allowedKeys.get(allowedKeysKey(iss.path, iss.keys)) ?? [];
      return iss.keys.map((key) => {
        const suggestion = suggestNearest(key, allowed);
        const list = allowed.length ? ` (allowed: ${allowed.join(', ')})` : '';
        return { path: [...path, key], atKey: true, message: `unknown field ${JSON.stringify(key)}${suggestion ? '' : list}`, suggestion, expected: allowed.join(', ') || undefined };
      });
    }
    case 'invalid_type': {
      if (got === undefined) return [missing(path)];
      const expected = EXPECTED_TYPE[iss.expected] ?? iss.expected;
      const quotedNumber = typeof got === 'string' && (iss.expected === 'number' || iss.expected === 'int') && parsePlainNumber(got) !== undefined;
      const hint = quotedNumber ? ' (a string: remove the quotes)' : '';
      return [{ path, message: `expected ${expected}, got ${describeValue(got)}${hint}`, expected }];
    }
    case 'invalid_value': {
      const expected = oneOf(iss.values);
      return [{ path, message: `expected ${expected}, got ${describeValue(got)}`, expected, suggestion: suggestValue(got, iss.values) }];
    }
    case 'invalid_union':
      return convertUnion(iss, path, ctx);
    case 'too_small':
    case 'too_big':
      return [{ path, message: bound(iss, got) }];
    case 'invalid_format': {
      const suggestion = typeof got === 'string' && slug(got) !== '' && slug(got) !== got ? slug(got) : undefined;
      return [{ path, message: `${iss.message}, got ${describeValue(got)}`, suggestion }];
    }
    case 'custom': {
      const params = (iss.params ?? {}) as { expected?: string; suggestion?: string; atKey?: boolean };
      return [{ path, message: iss.message, atKey: params.atKey === true, expected: params.expected, suggestion: params.suggestion }];
    }
    default:
      return [{ path, message: iss.message }];
  }
}

const isPrefix = (a: readonly PropertyKey[], b: readonly PropertyKey[]) => a.length < b.length && a.every((x, i) => String(x) === String(b[i]));

/**
 * One message per root cause. zod runs the cross-field checks (a spec-level superRefine) even over values
 * it has already refused, and stacks bounds: `replicas: 1e308` breaks both `.int()`'s safe-integer bound and
 * the schema's own limit, and `retries: 1e9` both its bound and the graph's visit count computed from it. So
 * a cross-field ('custom') issue above a field that has its own issue (or at it, beside a type or bound issue) is dropped, and of several bounds on
 * one field only the tightest is kept.
 */
export function focusIssues(issues: readonly ZodIssue[]): ZodIssue[] {
  const samePath = (a: ZodIssue, b: ZodIssue) => a.path.length === b.path.length && a.path.every((x, i) => String(x) === String(b.path[i]));
  const tighter = (a: ZodIssue, b: ZodIssue): boolean => {
    if (a.code !== b.code || (a.code !== 'too_big' && a.code !== 'too_small') || !samePath(a, b)) return false;
    const limit = (i: ZodIssue) => Number((i as { maximum?: number | bigint; minimum?: number | bigint })[i.code === 'too_big' ? 'maximum' : 'minimum']);
    return a.code === 'too_big' ? limit(b) < limit(a) : limit(b) > limit(a);
  };
  return issues.filter((a) => {
    if (a.code === 'custom' && issues.some((b) => b !== a && (isPrefix(a.path, b.path) || (b.code !== 'custom' && samePath(a, b))))) return false;
    return !issues.some((b) => b !== a && tighter(a, b));
  });
}

/** Converts zod issues (with the document they came from) into located ScenarioIssues. */
export function issuesFromZod(issues: readonly ZodIssue[], ctx: IssueContext): ScenarioIssue[] {
  return issues.flatMap((iss) =>
    convertIssue(iss, ctx).map((d) => {
      const loc = ctx.locate(d.path, { atKey: d.atKey === true });
      const out: ScenarioIssue = { file: ctx.file, line: loc?.line ?? null, column: loc?.column ?? null, path: formatPath(d.path), message: d.message };
      if (d.expected !== undefined) out.expected = d.expected;
      if (d.suggestion !== undefined) out.suggestion = d.suggestion;
      return out;
    }),
  );
}
