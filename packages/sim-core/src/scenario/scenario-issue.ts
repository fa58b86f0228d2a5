/** The one shape every scenario problem takes, from a NUL byte to a misspelled routing policy. */

/** One problem (or warning) in a scenario file, located in the source where possible. */
export interface ScenarioIssue {
  file: string;
  /** 1-based line, or null when the issue has no place in the source (e.g. the file is too large). */
  line: number | null;
  /** 1-based column, or null with `line`. */
  column: number | null;
  /** Path in the document, e.g. `spec.services[0].latency.p99Ms`; empty for the whole file. */
  path: string;
  message: string;
  /** What would have been accepted, for editors and help text. */
  expected?: string;
  /** A replacement value or key the user probably meant. */
  suggestion?: string;
  /**
   * Other fields a cross-field check compared (paths like `path`), e.g. `spec.duration` for a warm-up
   * longer than the run, `spec.nodePools[0].minNodes` for a maxNodes below it: whoever changed one of them
   * (a command-line flag) is named with the issue.
   */
  related?: string[];
  /**
   * The other places (paths) where the same mistake recurs, in other entries of a list (repeated-issues.ts): told
   * once, at this issue's place, with a count of these.
   */
  alsoAt?: string[];
}

/** A path segment: an object key or a list index. */
export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Formats a path as `spec.services[0].latency`; keys that are not identifiers are quoted (`claims["training.days"]`). */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const seg of segments) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENTIFIER.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** Parses a path written by `formatPath` back into segments; undefined if malformed. */
export function parsePath(path: string): PathSegment[] | undefined {
  const segments: PathSegment[] = [];
  const re = /\.?([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  let pos = 0;
  while (pos < path.length) {
    re.lastIndex = pos;
    const m = re.exec(path);
    if (!m) return undefined;
    if (m[1] !== undefined) segments.push(m[1]);
    else if (m[2] !== undefined) segments.push(Number(m[2]));
    else if (m[3] !== undefined) segments.push(JSON.parse(m[3]) as string);
    pos = re.lastIndex;
  }
  return segments;
}

/**
 * C0 controls but tab and newline, DEL and the C1 controls (escape sequences), and the bidirectional embeddings,
 * overrides and isolates that reorder the rest of a line on screen ("Trojan Source", CVE-2021-42574): the ranges
 * of a regular-expression character class. Free text holding one is refused (free-text.ts).
 */
export const STEERING_RANGES = '\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069';

/**
 * Characters a message quoting the file escapes: those that steer a terminal, the line and paragraph separators,
 * and the invisible ones (soft hyphen, Arabic letter mark, zero-width space and joiners, word joiner, a byte-order
 * mark inside the text): a call `to: "db\u200b"` was refused with 'no service named "db" (did you mean "db"?)',
 * the two names alike on screen.
 */
const UNPRINTABLE = new RegExp(`[${STEERING_RANGES}\\u00ad\\u061c\\u200b-\\u200f\\u2028\\u2029\\u2060\\ufeff]`, 'g');

/** One line: `examples/bad.yaml:14:7 spec.services[0].routing: expected …, got "x" (did you mean "y"?)`; unprintable characters as \uXXXX. */
export function formatIssue(issue: ScenarioIssue): string {
  const file = printableName(issue.file);
  const where = issue.line === null ? file : `${file}:${issue.line}:${issue.column ?? 1}`;
  const what = issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
  const hint = issue.suggestion === undefined ? '' : ` (did you mean ${JSON.stringify(issue.suggestion)}?)`;
  return printable(`${where} ${what}${hint}${repeatsText(issue.path, issue.alsoAt ?? [])}`);
}

/** Places listed by name after an issue folded with its repeats; the rest are counted only. */
export const MAX_LISTED_REPEATS = 5;

/**
 * The tail of a folded issue's line: " … and in 39 more services: spec.services[1], [2], [3], [4], [5] …", named
 * by the list the entries differ in (the first index where the places part), each listed by its entry.
 */
export function repeatsText(path: string, alsoAt: readonly string[]): string {
  if (alsoAt.length === 0) return '';
  const first = parsePath(path) ?? [];
  const others = alsoAt.map((p) => parsePath(p) ?? []);
  // The first index at which some other place differs: the list whose entries repeat the mistake.
  const at = first.findIndex((seg, i) => typeof seg === 'number' && others.some((o) => o[i] !== seg));
  if (at < 0) return ` … and in ${alsoAt.length} more place${alsoAt.length === 1 ? '' : 's'}: ${alsoAt.slice(0, MAX_LISTED_REPEATS).join(', ')}${alsoAt.length > MAX_LISTED_REPEATS ? ' …' : ''}`;
  const list = first[at - 1];
  const listPath = formatPath(first.slice(0, at));
  const n = alsoAt.length;
  const noun = typeof list === 'string' ? (n === 1 ? singular(list) : list) : n === 1 ? 'entry' : 'entries';
  const entries = others.slice(0, MAX_LISTED_REPEATS).map((o, k) => {
    // An entry of the same list is written as its index after the first; one elsewhere in full.
    if (formatPath(o.slice(0, at)) !== listPath) return formatPath(o.slice(0, at + 1));
    return k === 0 ? formatPath(o.slice(0, at + 1)) : `[${String(o[at])}]`;
  });
  return ` … and in ${n} more ${noun}: ${entries.join(', ')}${n > MAX_LISTED_REPEATS ? ' …' : ''}`;
}

/** "services" → "service", "policies" → "policy"; a key that is not a plural is kept. */
function singular(key: string): string {
  if (key.endsWith('ies')) return `${key.slice(0, -3)}y`;
  if (key.endsWith('s') && !key.endsWith('ss')) return key.slice(0, -1);
  return key;
}


/** `text` with the characters that steer a terminal (UNPRINTABLE) written as \\uXXXX; tab and newline kept. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A file name as it may be shown: printable(), and tab and newline escaped too, since a name is one line; a name
 * holding a newline could otherwise print a line of its own ("valid other.yaml") under the one it belongs to.
 */
export function printableName(name: string): string {
  return printable(name).replace(/[\t\n]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
