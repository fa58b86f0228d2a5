/**
 * The parsing edge: scenario text (or bytes) → a typed Scenario, or a list of located issues.
 * Never throws. Order of defences: size (before any work), binary content, YAML syntax,
 * alias expansion (billion laughs), document shape, apiVersion/kind, then the schema.
 */
import { isScalar, LineCounter, parseDocument, visit, type Document, type YAMLError } from 'yaml';
import { formatInteger } from './describe-value.ts';
import { MAX_BLOCK_NESTING, MAX_FILE_BYTES, MAX_FLOW_NESTING } from './limits.ts';
import { blockNestingTooDeepAt, flowNestingTooDeepAt } from './yaml-nesting.ts';
import { formatPath, type ScenarioIssue } from './scenario-issue.ts';
import { foldRepeatedIssues } from './repeated-issues.ts';
import { API_VERSION, KIND, scenarioSchema, type Scenario } from './scenario-schema.ts';
import { scenarioWarnings } from './scenario-warnings.ts';
import { byteLineColumn, decodeUtf8, utf8Length } from './utf8.ts';
import { AliasLimitError, toJSWithAliasLimit } from './yaml-alias-limit.ts';
import { duplicateKeyErrors } from './yaml-duplicate-keys.ts';
import { createLocator, pathAtOffset, type PathLocator } from './yaml-locator.ts';
import { allowedKeysKey, focusIssues, issuesFromZod } from './zod-issues.ts';

/** The outcome of parsing: a scenario plus warnings, or the issues that stopped it. */
export type ParseScenarioResult = { ok: true; scenario: Scenario; warnings: ScenarioIssue[] } | { ok: false; issues: ScenarioIssue[] };

/** Most issues reported for one file; the rest are summarised in one extra line. */
export const MAX_REPORTED_ISSUES = 50;

/**
 * The YAML library recursed past the stack. Flow and block nesting are refused before it (yaml-nesting.ts), so
 * this is a defence in depth; it said "levels of [ or {" of a file that had none.
 */
const TOO_DEEP = 'the document nests too deeply to be a scenario (thousands of levels of nested lists or mappings)';

const SHAPE_HINT = 'a mapping with apiVersion, kind, metadata and spec';

function fileIssue(file: string, message: string, line: number | null = null, column: number | null = null): ScenarioIssue {
  return { file, line, column, path: '', message };
}

function fail(...issues: ScenarioIssue[]): ParseScenarioResult {
  return { ok: false, issues };
}

function tooLarge(file: string, size: string): ParseScenarioResult {
  return fail(fileIssue(file, `file is too large: ${size} (the limit is ${formatInteger(MAX_FILE_BYTES)} bytes = 1 MiB; see docs/limits.md)`));
}

function lineColumnOf(text: string, index: number): [number, number] {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return [line, index - before.lastIndexOf('\n')];
}

function yamlIssue(file: string, err: YAMLError, doc: Document, lineCounter: LineCounter): ScenarioIssue {
  const { line, col } = lineCounter.linePos(err.pos[0]);
  const base = { file, line, column: col, path: '' };
  switch (err.code) {
    case 'DUPLICATE_KEY': {
      // Only here is the document sound enough to name a path: the key that repeats.
      const path = pathAtOffset(doc, err.pos[0]);
      const key = path[path.length - 1];
      return { ...base, path: formatPath(path), message: `duplicate key ${JSON.stringify(String(key ?? ''))}: each key may appear once in a mapping` };
    }
    case 'TAG_RESOLVE_FAILED': {
      // The library reads an unknown tag's value as a string, so `replicas: !foo 2` went on to say
      // 'got "2" (a string: remove the quotes)', about quotes that are not there.
      const tag = (/Unresolved tag: (\S+)/.exec(err.message)?.[1] ?? '').replace(/^tag:yaml\.org,2002:/, '!!');
      // The tagged node starts after the tag and its spaces: the first deeper path just past the tag is the field.
      let path = pathAtOffset(doc, err.pos[0]);
      for (let at = err.pos[1]; at < err.pos[1] + 64; at++) {
        const p = pathAtOffset(doc, at);
        if (p.length > path.length) {
          path = p;
          break;
        }
      }
      return { ...base, path: formatPath(path), message: `unknown YAML tag ${tag}: a scenario needs no tags; remove it` };
    }
    case 'MULTIPLE_DOCS':
      return { ...base, message: 'the file holds more than one YAML document (---): put one scenario per file' };
    default:
      // The YAML library recurses per nesting level; a stack overflow means absurd nesting, not a typo.
      if (/maximum call stack/i.test(err.message)) return { ...base, message: TOO_DEEP };
      return { ...base, message: `YAML syntax error: ${err.message}` };
  }
}

/** Aliases with no anchor before them, located (the YAML library only throws, without a position). */
function danglingAliases(doc: Document, lineCounter: LineCounter, file: string): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  visit(doc, {
    Alias(_key, node) {
      if (node.resolve(doc) !== undefined) return;
      const { line, col } = lineCounter.linePos(node.range?.[0] ?? 0);
      out.push({ file, line, column: col, path: formatPath(pathAtOffset(doc, node.range?.[0] ?? 0)), message: `alias *${node.source} has no anchor &${node.source} before it` });
    },
  });
  return out;
}

/**
 * Unquoted `<<` keys: YAML 1.1's merge keys, which YAML 1.2 (read here) does not have, so the library reads one as
 * a field named "<<". It was reported as an unknown field, with the merged fields then missing as well; this names
 * it once, at the key. A quoted "<<" is a key like any other.
 */
function mergeKeys(doc: Document, lineCounter: LineCounter, file: string): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  visit(doc, {
    Pair(_key, pair) {
      const k = pair.key;
      if (!isScalar(k) || k.value !== '<<' || k.type !== 'PLAIN') return;
      const start = k.range?.[0] ?? 0;
      const { line, col } = lineCounter.linePos(start);
      out.push({ file, line, column: col, path: formatPath(pathAtOffset(doc, start)), message: 'YAML merge keys ("<<") are not supported: write the fields out (an alias of a whole value, *name, works)' });
    },
  });
  return out;
}

/** Converts the document to plain JS, turning alias bombs (at the alias that crossed the limit) and broken aliases into issues. */
function toPlain(doc: Document, lineCounter: LineCounter, file: string): { value: unknown } | { issue: ScenarioIssue } {
  try {
    return { value: toJSWithAliasLimit(doc) };
  } catch (e) {
    if (e instanceof AliasLimitError) {
      if (e.offset === undefined) return { issue: fileIssue(file, e.message) };
      const { line, col } = lineCounter.linePos(e.offset);
      return { issue: { file, line, column: col, path: formatPath(pathAtOffset(doc, e.offset)), message: e.message } };
    }
    const msg = e instanceof Error ? e.message : String(e);
    if (/maximum call stack/i.test(msg)) return { issue: fileIssue(file, TOO_DEEP) };
    return { issue: fileIssue(file, `YAML error: ${msg}`) };
  }
}

function kindOf(v: unknown): string {
  if (v === null) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  return `a ${typeof v}`;
}

/** Refuses documents that are not design-sim scenarios before the schema buries the user in unknown fields. */
function checkHeader(root: Record<string, unknown>, file: string, locate: PathLocator): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  const check = (key: 'apiVersion' | 'kind', want: string) => {
    const got = root[key];
    if (got === want) return;
    const loc = locate([key]);
    const message = got === undefined ? `missing required field "${key}": expected "${want}"` : `expected "${want}", got ${JSON.stringify(got)}`;
    const issue: ScenarioIssue = { file, line: loc?.line ?? null, column: loc?.column ?? null, path: key, message, expected: JSON.stringify(want) };
    if (got !== undefined) issue.suggestion = want;
    out.push(issue);
  };
  check('apiVersion', API_VERSION);
  check('kind', KIND);
  return out;
}

function byPosition(a: ScenarioIssue, b: ScenarioIssue): number {
  return (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0);
}

function capped(issues: ScenarioIssue[], file: string): ScenarioIssue[] {
  // One pass with a set: a findIndex per issue was quadratic in the issue count (60,000 unknown keys).
  const seen = new Set<string>();
  const unique = issues.filter((x) => {
    const key = `${x.path}\u0000${x.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).sort(byPosition);
  // Before the cap: a typo copied into 40 services is one line, which leaves room for the other mistakes.
  const folded = foldRepeatedIssues(unique);
  if (folded.length <= MAX_REPORTED_ISSUES) return folded;
  const rest = folded.length - MAX_REPORTED_ISSUES;
  return [...folded.slice(0, MAX_REPORTED_ISSUES), fileIssue(file, `… and ${formatInteger(rest)} more issue${rest === 1 ? '' : 's'}`)];
}

function validate(root: Record<string, unknown>, file: string, locate: PathLocator): ParseScenarioResult {
  const allowedKeys = new Map<string, (readonly string[])[]>();
  const result = scenarioSchema.safeParse(root, {
    // Side channel: the strict object that reports unknown keys tells us its allowed keys (for "did you mean").
    error: (iss) => {
      if (iss.code === 'unrecognized_keys') {
        const def = (iss.inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def;
        if (def?.shape) {
          // Union branches can record the same path and keys: every object's shape is kept (zod-issues picks).
          const key = allowedKeysKey(iss.path ?? [], iss.keys);
          allowedKeys.set(key, [...(allowedKeys.get(key) ?? []), Object.keys(def.shape)]);
        }
      }
      return undefined;
    },
  });
  if (!result.success) return fail(...capped(issuesFromZod(focusIssues(result.error.issues), { file, root, allowedKeys, locate }), file));
  const warnings = scenarioWarnings(result.data).map((w): ScenarioIssue => {
    const loc = locate(w.path);
    const out: ScenarioIssue = { file, line: loc?.line ?? null, column: loc?.column ?? null, path: formatPath(w.path), message: w.message };
    if (w.suggestion !== undefined) out.suggestion = w.suggestion;
    return out;
  });
  return { ok: true, scenario: result.data, warnings: warnings.sort(byPosition) };
}

function parseChecked(text: string, file: string): ParseScenarioResult {
  // Lines ended by a carriage return alone (classic Mac OS) are one line to the YAML library: a file opening
  // with a comment read as "file is empty", any other as "Nested mappings are not allowed in compact mappings".
  if (!text.includes('\n') && text.includes('\r')) {
    return fail(fileIssue(file, 'lines end in a carriage return alone (CR, old Mac OS line endings), which the YAML reader does not split: save the file with LF or CRLF line endings', 1, text.indexOf('\r') + 1));
  }
  const lineCounter = new LineCounter();
  // Duplicate keys are found by duplicateKeyErrors in one pass, not by the library's quadratic check.
  // resolveKnownTags false: the library otherwise reads YAML 1.1's !!binary, !!timestamp, !!set, !!omap and
  // !!pairs into a Uint8Array, Date, Set or Map, reported as "got a mapping"; now each is an unknown tag, at its place.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, keepSourceTokens: true, version: '1.2', resolveKnownTags: false });
  if (doc.errors.length === 0) doc.errors.push(...duplicateKeyErrors(doc));
  if (doc.errors.length > 0) {
    // A syntax error derails the parser for the lines after it (a tab gives four errors): report the first
    // only, the cause. Duplicate keys leave the parse intact and are independent: report them all.
    const syntax = doc.errors.find((e) => e.code !== 'DUPLICATE_KEY');
    const errors = syntax === undefined ? doc.errors : [syntax];
    return fail(...capped(errors.map((e) => yamlIssue(file, e, doc, lineCounter)), file));
  }
  const unknownTags = doc.warnings.filter((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (unknownTags.length > 0) return fail(...capped(unknownTags.map((w) => yamlIssue(file, w, doc, lineCounter)), file));
  if (doc.contents === null) return fail(fileIssue(file, `file is empty: expected a scenario (${SHAPE_HINT}), starting with "apiVersion: ${API_VERSION}"`));
  const dangling = danglingAliases(doc, lineCounter, file);
  if (dangling.length > 0) return fail(...capped(dangling, file));
  const merges = mergeKeys(doc, lineCounter, file);
  if (merges.length > 0) return fail(...capped(merges, file));
  const plain = toPlain(doc, lineCounter, file);
  if ('issue' in plain) return fail(plain.issue);
  const root = plain.value;
  const locate = createLocator(doc, lineCounter);
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    const loc = locate([]);
    return fail(fileIssue(file, `expected ${SHAPE_HINT} at the top level, got ${kindOf(root)}`, loc?.line ?? null, loc?.column ?? null));
  }
  const header = checkHeader(root as Record<string, unknown>, file, locate);
  if (header.length > 0) return fail(...header);
  return validate(root as Record<string, unknown>, file, locate);
}

/** Parses scenario YAML (or JSON) text; `fileName` is only used in issues. Never throws. */
export function parseScenarioText(text: string, fileName: string): ParseScenarioResult {
  try {
    if (typeof text !== 'string') return fail(fileIssue(fileName, 'not a text file'));
    // Cheap checks first: a UTF-16 length above the limit already means too many bytes.
    // Counting exact bytes of a huge string would cost a full pass, so report what we know for free.
    if (text.length > MAX_FILE_BYTES) return tooLarge(fileName, `at least ${formatInteger(text.length)} bytes`);
    if (text.length * 3 > MAX_FILE_BYTES) {
      const bytes = utf8Length(text);
      if (bytes > MAX_FILE_BYTES) return tooLarge(fileName, `${formatInteger(bytes)} bytes`);
    }
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    // NUL never occurs in text; U+FFFD is what a lossy decoder leaves where bytes were not UTF-8.
    const bad = body.search(/[\u0000\uFFFD]/);
    if (bad >= 0) {
      const [line, column] = lineColumnOf(body, bad);
      const what = body[bad] === '\u0000' ? 'a NUL byte' : 'bytes that are not valid UTF-8';
      return fail(fileIssue(fileName, `not a text file: found ${what} (scenarios are UTF-8 YAML or JSON)`, line, column));
    }
    const deep = flowNestingTooDeepAt(body);
    if (deep >= 0) {
      const [line, column] = lineColumnOf(body, deep);
      return fail(fileIssue(fileName, `the document nests too deeply to be a scenario: more than ${MAX_FLOW_NESTING} levels of [ or { (see docs/limits.md)`, line, column));
    }
    const deepBlock = blockNestingTooDeepAt(body);
    if (deepBlock >= 0) {
      const [line, column] = lineColumnOf(body, deepBlock);
      return fail(fileIssue(fileName, `the document nests too deeply to be a scenario: more than ${MAX_BLOCK_NESTING} levels of nested lists or mappings (see docs/limits.md)`, line, column));
    }
    return parseChecked(body, fileName);
  } catch (e) {
    // Defence in depth: a parser bug must still come back as an issue, not an exception.
    const msg = e instanceof Error ? e.message : String(e);
    if (/maximum call stack/i.test(msg)) return fail(fileIssue(fileName, TOO_DEEP));
    return fail(fileIssue(fileName, `internal error while parsing: ${msg}`));
  }
}

/** Parses a scenario file's raw bytes: size and UTF-8 are checked before decoding. Never throws. */
export function parseScenarioBytes(bytes: Uint8Array, fileName: string): ParseScenarioResult {
  if (bytes.length > MAX_FILE_BYTES) return tooLarge(fileName, `${formatInteger(bytes.length)} bytes`);
  // A UTF-16 file (Windows editors, PowerShell's `>`) starts with its byte-order mark: name the encoding. UTF-32's
  // little-endian mark begins with UTF-16's (FF FE 00 00), so it is told apart first: it was called UTF-16.
  const utf32 = (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) || (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff);
  if (utf32) return fail(fileIssue(fileName, `not UTF-8: the file is UTF-32 (it starts with the byte-order mark ${bytes[0] === 0xff ? 'FF FE 00 00' : '00 00 FE FF'}); save it as UTF-8`));
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (utf16) return fail(fileIssue(fileName, `not UTF-8: the file is UTF-16 (it starts with the byte-order mark ${bytes[0] === 0xff ? 'FF FE' : 'FE FF'}); save it as UTF-8`));
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    const what = decoded.reason === 'nul' ? 'a NUL byte' : 'bytes that are not valid UTF-8';
    const [line, column] = byteLineColumn(bytes, decoded.offset);
    return fail(fileIssue(fileName, `not a text file: found ${what} at byte ${decoded.offset} (scenarios are UTF-8 YAML or JSON)`, line, column));
  }
  return parseScenarioText(decoded.text, fileName);
}
