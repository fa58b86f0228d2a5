/**
 * `--set path=value` (and the --seed/--duration/--interval flags, which are edits too): changes to the
 * parsed YAML document made BEFORE validation, so a bad value is reported by the schema like any other,
 * at its field path. Paths use sim-core's syntax (`spec.services[0].hpa.metrics[0].target`); a few
 * shorthands name the fields people vary most (docs/cli.md lists them).
 */
import { blockNestingTooDeepAt, duplicateKeyErrors, flowNestingTooDeepAt, formatPath, MAX_BLOCK_NESTING, MAX_FLOW_NESTING, MAX_YAML_ALIASES, parsePath, suggestNearest, type PathSegment } from '@design-sim/sim-core';
import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { CliError } from '../cli-error.ts';

/** One change to a scenario document. */
export interface ScenarioEdit {
  path: PathSegment[];
  value: unknown;
  /** How the user wrote it, for messages: `--set hpa.target=12`. */
  source: string;
}

/** Shorthand → full path. A path starting with `spec.` or `metadata.` is always taken literally. */
export const PATH_SHORTHANDS: Readonly<Record<string, string>> = {
  'hpa.target': 'spec.services[0].hpa.metrics[0].target',
  'hpa.minReplicas': 'spec.services[0].hpa.minReplicas',
  'hpa.maxReplicas': 'spec.services[0].hpa.maxReplicas',
  replicas: 'spec.services[0].replicas',
  concurrency: 'spec.services[0].concurrency',
  routing: 'spec.services[0].routing',
  spotShare: 'spec.nodePools[0].spotShare',
  minNodes: 'spec.nodePools[0].minNodes',
  maxNodes: 'spec.nodePools[0].maxNodes',
  instance: 'spec.nodePools[0].instance',
  duration: 'spec.duration',
  seed: 'spec.seed',
  interval: 'spec.interval',
};

/** Expands a shorthand and parses the path; throws CliError naming the flag when malformed. */
export function parseEditPath(text: string, flag: string): PathSegment[] {
  const trimmed = text.trim();
  const full = PATH_SHORTHANDS[trimmed] ?? trimmed;
  const path = full === '' ? undefined : parsePath(full);
  if (path === undefined || path.length === 0) {
    throw new CliError(`${flag}: cannot read the path "${text}": write it like spec.services[0].hpa.metrics[0].target (or a shorthand: ${Object.keys(PATH_SHORTHANDS).join(', ')})`);
  }
  if (path[0] !== 'spec' && path[0] !== 'metadata') {
    const near = suggestNearest(trimmed, Object.keys(PATH_SHORTHANDS));
    const hint = near === undefined ? '' : ` (did you mean "${near}"?)`;
    throw new CliError(`${flag}: unknown path "${text}"${hint}: a path starts with spec. or metadata., or is a shorthand: ${Object.keys(PATH_SHORTHANDS).join(', ')}`);
  }
  return path;
}

/** A flag as given, cut to its first 80 characters when longer: a 128 KB value is not echoed back whole. */
const shortened = (flag: string): string => (flag.length <= 100 ? flag : `${flag.slice(0, 80)}… (${flag.length.toLocaleString('en-US')} characters)`);

/**
 * A value as YAML reads it: `12` → 12, `50ms` → "50ms", `true` → true, `{type: constant, qps: 5}` → an object.
 * `flag` names the option in errors (`--set spec.duration=!x 5m`). Text that is not YAML is taken as a string.
 */
export function parseEditValue(text: string, flag = '--set'): unknown {
  // The same nesting limits as a file: `--set 'x=[[[…'` 65,000 levels deep made the YAML library exhaust its
  // stack and then V8's memory formatting the error (a fatal "RegExpCompiler Allocation failed", exit 134).
  if (flowNestingTooDeepAt(text) >= 0) throw new CliError(`${shortened(flag)}: the value nests too deeply: more than ${MAX_FLOW_NESTING} levels of [ or { (docs/limits.md)`);
  if (blockNestingTooDeepAt(text) >= 0) throw new CliError(`${shortened(flag)}: the value nests too deeply: more than ${MAX_BLOCK_NESTING} levels of nested lists or mappings (docs/limits.md)`);
  // parseDocument, not parse: parse() hands the library's warnings to process.emitWarning, so a value with an
  // unknown tag (`!custom x`) printed Node's "(node:PID) [TAG_RESOLVE_FAILED] YAMLWarning … --trace-warnings"
  // block on stderr and then went on with the tag silently dropped. A tag is refused here as it is in a file.
  // prettyErrors false: the library's pretty error quotes the text around the error, wasted on text not kept.
  const doc = parseDocument(text, { version: '1.2', resolveKnownTags: false, prettyErrors: false });
  if (doc.errors.length > 0) return text;
  const unknownTag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (unknownTag !== undefined) {
    const tag = (/Unresolved tag: (\S+)/.exec(unknownTag.message)?.[1] ?? '').replace(/^tag:yaml\.org,2002:/, '!!');
    throw new CliError(`${flag}: unknown YAML tag ${tag} in the value "${text}": a scenario needs no tags; remove it`);
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (e) {
    if (e instanceof Error && /excessive alias count/i.test(e.message)) throw new CliError(`${shortened(flag)}: too many YAML alias expansions in the value (limit ${MAX_YAML_ALIASES}): refusing a possible "billion laughs" value`);
    return text; // an alias without its anchor (`*a`): the text itself, which the schema then names
  }
}

/** Parses `path=value` as given to --set. */
export function parseSetArgument(arg: string): ScenarioEdit {
  const eq = arg.indexOf('=');
  if (eq < 0) throw new CliError(`--set ${arg}: expected path=value, e.g. --set spec.services[0].replicas=10`);
  const value = arg.slice(eq + 1);
  if (value.trim() === '') throw new CliError(`--set ${arg}: missing the value after "="`);
  return { path: parseEditPath(arg.slice(0, eq), '--set'), value: parseEditValue(value, `--set ${arg}`), source: `--set ${arg}` };
}

/**
 * Checks the path before yaml's setIn, which would silently pad lists with holes and invent mappings:
 * every container on the way must already exist, so only the last field may be new.
 */
function checkPath(doc: Document, edit: ScenarioEdit): void {
  for (let i = 0; i < edit.path.length; i++) {
    const parent = i === 0 ? doc.contents : doc.getIn(edit.path.slice(0, i), true);
    const seg = edit.path[i];
    const at = formatPath(edit.path.slice(0, i));
    if (parent === undefined || parent === null || (isScalar(parent) && parent.value === null)) {
      throw new CliError(`${edit.source}: this file has no ${at}; set the whole value instead, e.g. --set '${at}={...}'`);
    }
    if (isSeq(parent)) {
      const size = parent.items.length;
      if (typeof seg !== 'number') throw new CliError(`${edit.source}: ${at} is a list: index it like [0]`);
      if (seg >= size) throw new CliError(`${edit.source}: ${at} has ${size} item${size === 1 ? '' : 's'}, so [${seg}] does not exist`);
    } else if (isMap(parent)) {
      if (typeof seg === 'number') throw new CliError(`${edit.source}: ${at} is a mapping, not a list: name a field instead of [${seg}]`);
    } else {
      throw new CliError(`${edit.source}: ${at} is a single value, so it has no field "${String(seg)}"`);
    }
  }
}

/**
 * Applies edits to YAML text and returns the edited text, or undefined when the text is not a
 * well-formed single YAML mapping (the caller then reports the original file's own errors).
 */
export function applyEdits(text: string, edits: readonly ScenarioEdit[]): string | undefined {
  // The library's own duplicate-key check is quadratic in a mapping's keys: sim-core's is one pass.
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0 || duplicateKeyErrors(doc).length > 0 || !isMap(doc.contents)) return undefined;
  for (const edit of edits) {
    checkPath(doc, edit);
    doc.setIn(edit.path, doc.createNode(edit.value));
  }
  // lineWidth 0: never fold; the default (80) would put each item of a long flow list on its own
  // line and could push a large file past the size limit it passed on disk.
  return doc.toString({ lineWidth: 0 });
}

/** True when one path is a prefix of the other: an issue there concerns the edited value. */
export function pathsOverlap(a: readonly PathSegment[], b: readonly PathSegment[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}
