/**
 * Turns zod issues into ScenarioIssues: one clear sentence per problem in the user's terms
 * ("expected one of …, got …"), located at the key (unknown fields) or the value (everything else).
 */
import type * as z from 'zod';
import { describeValue, formatNumber } from './describe-value.ts';
import { formatPath, type PathSegment, type ScenarioIssue } from './scenario-issue.ts';
import { suggestNearest } from './suggest.ts';
import { parsePlainNumber } from './units.ts';
import type { PathLocator } from './yaml-locator.ts';

type ZodIssue = z.core.$ZodIssue;

/** What the converter needs besides the issue: the raw document value, allowed keys per object, the locator. */
export interface IssueContext {
  file: string;
  root: unknown;
  /**
   * Allowed keys of each strict object that reported unrecognized keys, by `allowedKeysKey(path, keys)`:
   * several when the branches of a union reported the same keys at the same path.
   */
  allowedKeys: ReadonlyMap<string, readonly (readonly string[])[]>;
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

type Draft = { path: PathSegment[]; message: string; atKey?: boolean; expected?: string | undefined; suggestion?: string | undefined; related?: string[] | undefined };

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
  // The bound is read beside the value that broke it, so both are written alike (formatNumber): "10,000, got 2,147,483,647".
  const lim = formatNumber(limit);
  if (iss.origin === 'array' || iss.origin === 'set') {
    const n = Array.isArray(got) ? got.length : 0;
    return `must have ${word} ${lim} item${limit === 1 ? '' : 's'}, got ${formatNumber(n)}`;
  }
  // An empty string is what `to: ""` or `name: ""` gives: "must be at least 1 characters long, got 0" said it badly.
  if (iss.origin === 'string' && small && limit === 1 && got === '') return 'must not be empty, got ""';
  if (iss.origin === 'string') return `must be ${word} ${lim} character${limit === 1 ? '' : 's'} long, got ${formatNumber(typeof got === 'string' ? got.length : 0)}`;
  return `must be ${word} ${lim}, got ${describeValue(got)}`;
}

function convertUnion(iss: Extract<ZodIssue, { code: 'invalid_union' }>, path: PathSegment[], ctx: IssueContext): Draft[] {
  const got = valueAt(ctx.root, path);
  if ('discriminator' in iss && iss.discriminator !== undefined) {
    const options = (iss as { options?: unknown[] }).options ?? [];
    if (got === undefined) return [missing(path, ` (${oneOf(options)})`)];
    return [{ path, message: `expected ${oneOf(options)}, got ${describeValue(got)}`, expected: oneOf(options), suggestion: suggestValue(got, options) }];
  }
  // Branches that failed on the value's own type ("expected object, got array") are the wrong shape entirely.
  // Among the rest, the branch the user was writing is the one whose keys they used: fewest complaints about
  // the value's own keys (an unknown key, a missing one), then fewest complaints overall. A group nested in a
  // group ({ parallel: [{ parallel: … }] }) is then reported inside the outer group, not as a call with no "to".
  const rootMismatch = (b: readonly ZodIssue[]) => b.some((i) => i.path.length === 0 && i.code === 'invalid_type');
  const keyComplaints = (b: readonly ZodIssue[]) => b.filter((i) => (i.code === 'unrecognized_keys' && i.path.length === 0) || (i.code === 'invalid_type' && i.path.length === 1 && valueAt(got, i.path) === undefined)).length;
  const plausible = iss.errors.filter((b) => !rootMismatch(b)).sort((a, b) => keyComplaints(a) - keyComplaints(b) || a.length - b.length);
  const best = plausible[0];
  // The branch's issues get the same one-cause-one-line focus as the top level's (a custom llm.model shape, a branch
  // with a refinement: layers 1e308 was two bounds, kvHeads 0 also "must divide attentionHeads").
  if (best !== undefined) return foldMissingKeys(focusIssues(best.map((inner) => ({ ...inner, path: [...path, ...inner.path] }) as ZodIssue)), ctx.root).flatMap((inner) => convertIssue(inner, ctx));
  const shapes = iss.errors.flatMap((b) => b.filter((i) => i.code === 'invalid_type').map((i) => EXPECTED_TYPE[String((i as { expected: string }).expected)] ?? 'another shape'));
  const expected = [...new Set(shapes)].join(' or ') || 'another shape';
  return [{ path, message: `expected ${expected}, got ${describeValue(got)}`, expected }];
}

function slug(s: string): string {
  // NFD splits accented letters into letter + combining mark, so "ünïcode" becomes "unicode", not "n-code".
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/**
 * The allowed keys recorded for an object with unknown `keys` that lacks `missing`. An issue inside a union
 * branch was recorded with its path from the union's value (zod finalises branch issues there), so shorter
 * tails are tried too; of several branches' shapes, the one that has the missing keys is this object's.
 */
function allowedKeysOf(path: readonly PropertyKey[], keys: readonly string[], missing: readonly string[], ctx: IssueContext): readonly string[] {
  for (let from = 0; from <= path.length; from++) {
    const shapes = ctx.allowedKeys.get(allowedKeysKey(path.slice(from), keys));
    if (shapes !== undefined) return shapes.find((s) => missing.every((m) => s.includes(m))) ?? shapes[0] ?? [];
  }
  return [];
}

/**
 * A record key its key schema refused (annotation keys): zod says only "Invalid key in record"; the key schema's own
 * issues say what a key must be (the annotation key syntax, its length), told at the key with the key as written.
 */
function convertKeyIssue(iss: Extract<ZodIssue, { code: 'invalid_key' }>, path: PathSegment[]): Draft[] {
  const key = String(path[path.length - 1]);
  // One reason, the first the key schema gives: a key past the length limit breaks the syntax too, and says so twice.
  const inner = iss.issues[0];
  if (inner === undefined) return [{ path, atKey: true, message: `not a valid key, got ${describeValue(key)}` }];
  if (inner.code === 'too_big' || inner.code === 'too_small') return [{ path, atKey: true, message: bound(inner as Extract<ZodIssue, { code: 'too_small' | 'too_big' }>, key) }];
  return [{ path, atKey: true, message: `${inner.message}, got ${describeValue(key)}` }];
}

function convertIssue(iss: ZodIssue, ctx: IssueContext): Draft[] {
  const path = segments(iss.path);
  const got = valueAt(ctx.root, path);
  switch (iss.code) {
    case 'unrecognized_keys': {
      const missingKeys = (iss as MissingKeysNote).missingKeys ?? [];
      const allowed = allowedKeysOf(iss.path, iss.keys, missingKeys, ctx);
      return iss.keys.map((key, k) => {
        const suggestion = suggestNearest(key, allowed);
        const list = allowed.length ? ` (allowed: ${allowed.join(', ')})` : '';
        // The required fields the object lacks, told once, with its first unknown key (the misspelling's
        // suggestion already names the field it stands for).
        const lacking = k > 0 || suggestion !== undefined ? [] : missingKeys;
        const also = lacking.length === 0 ? '' : `, and the required field${lacking.length === 1 ? '' : 's'} ${lacking.map((m) => JSON.stringify(m)).join(', ')} ${lacking.length === 1 ? 'is' : 'are'} missing`;
        return { path: [...path, key], atKey: true, message: `unknown field ${JSON.stringify(key)}${also}${suggestion ? '' : list}`, suggestion, expected: allowed.join(', ') || undefined };
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
    case 'invalid_key':
      return convertKeyIssue(iss, path);
    case 'custom': {
      const params = (iss.params ?? {}) as { expected?: string; suggestion?: string; atKey?: boolean };
      const related = comparedPaths(iss);
      return [{ path, message: iss.message, atKey: params.atKey === true, expected: params.expected, suggestion: params.suggestion, related: related.length === 0 ? undefined : related }];
    }
    default:
      return [{ path, message: iss.message }];
  }
}

/** An unknown-keys issue that also carries the required keys its object lacks (see foldMissingKeys). */
type MissingKeysNote = { missingKeys?: string[] };

/**
 * One cause, one line: an object with an unknown key and a missing required one is one mistake (a misspelt
 * key, or an object of another kind), so each "missing required field" under an object that also has unknown
 * keys is folded into that object's unknown-keys issue instead of being its own line.
 */
function foldMissingKeys(issues: readonly ZodIssue[], root: unknown): ZodIssue[] {
  const objectKey = (p: readonly PropertyKey[]) => JSON.stringify(p.map(String));
  const unknownAt = new Map<string, ZodIssue & MissingKeysNote>();
  for (const i of issues) if (i.code === 'unrecognized_keys') unknownAt.set(objectKey(i.path), { ...i });
  if (unknownAt.size === 0) return [...issues];
  const out: ZodIssue[] = [];
  for (const i of issues) {
    if (i.code === 'unrecognized_keys') {
      out.push(unknownAt.get(objectKey(i.path))!);
      continue;
    }
    // A check that a field is present (`params.missing`: latency, unless llm) is a missing key like a type's.
    const absent = i.code === 'invalid_type' || (i.code === 'custom' && (i.params as { missing?: boolean } | undefined)?.missing === true);
    const holder = absent && i.path.length > 0 && valueAt(root, i.path) === undefined ? unknownAt.get(objectKey(i.path.slice(0, -1))) : undefined;
    if (holder === undefined) out.push(i);
    else (holder.missingKeys ??= []).push(String(i.path[i.path.length - 1]));
  }
  return out;
}

/**
 * Params of a cross-field issue raised at `at` (a path inside the object whose check raises it) that compares
 * the field with `fields` of the same object (paths from that object too): when one of those is refused on its
 * own, the issue is dropped as a consequence (`keda.minReplicaCount: 1e308` also gave "hpa.minReplicas: …
 * write hpa.minReplicas: 1e+308"). `siblings` is the short form for keys beside the field at fault.
 */
export function comparedWithFields(at: readonly PathSegment[], fields: readonly (readonly PathSegment[])[]): { peers: readonly (readonly PathSegment[])[]; peerDepth: number } {
  return { peers: fields, peerDepth: at.length };
}

/**
 * The fields a custom issue was compared with, as formatted paths: `related` (whole paths), `siblings` (keys
 * beside the field at fault: maxNodes ≥ minNodes) and `peers` (paths from the object whose check raised it).
 */
function comparedPaths(iss: ZodIssue): string[] {
  if (iss.code !== 'custom') return [];
  const params = (iss.params ?? {}) as { related?: string[]; siblings?: string[]; peers?: readonly (readonly PathSegment[])[]; peerDepth?: number };
  const path = segments(iss.path);
  const siblings = (params.siblings ?? []).map((k) => formatPath([...path.slice(0, -1), k]));
  const base = path.slice(0, path.length - (params.peerDepth ?? 0));
  const peers = (params.peers ?? []).map((p) => formatPath([...base, ...p]));
  return [...(params.related ?? []), ...siblings, ...peers];
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
  // The fields a cross-field check compared its own with (`siblings`, `related`): when one of them is refused on
  // its own, the comparison is against a value already reported (`minNodes: 1e308` also gave "maxNodes: must be
  // at least minNodes (1e+308)"), so it is dropped too.
  const refused = new Set(issues.filter((b) => b.code !== 'custom').map((b) => formatPath(b.path as PathSegment[])));
  return issues.filter((a) => {
    if (a.code === 'custom' && issues.some((b) => b !== a && (isPrefix(a.path, b.path) || (b.code !== 'custom' && samePath(a, b))))) return false;
    // zod runs a length check after the type check failed (instanceTypes: "" was "expected a list" and "must not be
    // empty"; instanceTypes[0]: [] "expected a string" and "must have at least 1 item"): the type is the mistake.
    if ((a.code === 'too_small' || a.code === 'too_big') && issues.some((b) => b.code === 'invalid_type' && samePath(a, b))) return false;
    // A list compared with is refused too when one of its items is (instanceTypes[0]: "").
    if (a.code === 'custom' && comparedPaths(a).some((p) => refused.has(p) || [...refused].some((r) => r.startsWith(`${p}[`)))) return false;
    return !issues.some((b) => b !== a && tighter(a, b));
  });
}

/** Converts zod issues (with the document they came from) into located ScenarioIssues. */
export function issuesFromZod(issues: readonly ZodIssue[], ctx: IssueContext): ScenarioIssue[] {
  return foldMissingKeys(issues, ctx.root).flatMap((iss) =>

    convertIssue(iss, ctx).map((d) => {
      const loc = ctx.locate(d.path, { atKey: d.atKey === true });
      const out: ScenarioIssue = { file: ctx.file, line: loc?.line ?? null, column: loc?.column ?? null, path: formatPath(d.path), message: d.message };
      if (d.expected !== undefined) out.expected = d.expected;
      if (d.suggestion !== undefined) out.suggestion = d.suggestion;
      if (d.related !== undefined) out.related = d.related;
      return out;
    }),
  );
}
