/**
 * File → validated Scenario: read the bytes (read-scenario-file.ts), apply command-line edits to the
 * YAML document, parse and validate with sim-core, check catalog references. Issues always point at
 * the user's file: after edits the document is re-serialised (which moves lines), so every issue is
 * located again in the ORIGINAL text by its field path, and issues on an edited field say which flag
 * set it.
 */
import {
  parsePath,
  parseScenarioBytes,
  parseScenarioText,
  validateScenarioPrices,
  validateScenarioReferences,
  type PathSegment,
  type Scenario,
  type ScenarioIssue,
  createSourceLocator,
  type SourceLocator,
} from '@design-sim/sim-core';
import { CliError } from '../cli-error.ts';
import type { InputOptions } from './read-input.ts';
import { readScenarioFile } from './read-scenario-file.ts';
import { applyEdits, pathsOverlap, type ScenarioEdit } from './scenario-edits.ts';


/** A scenario ready to run, with the warnings worth printing and the text it was parsed from (after edits). */
export type LoadScenarioResult =
  | { ok: true; file: string; scenario: Scenario; text: string; warnings: ScenarioIssue[] }
  | { ok: false; file: string; issues: ScenarioIssue[] };

/** Strict UTF-8 (the BOM is dropped, as sim-core does); undefined where sim-core would refuse the bytes. */
function decodeStrict(bytes: Uint8Array): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.includes('\u0000') ? undefined : text;
  } catch {
    return undefined;
  }
}

interface Locators {
  original: SourceLocator;
  edited: SourceLocator;
}

/** The issue as the CLI prints it: `related` only serves to name the flags below. */
function shown({ related: _related, ...issue }: ScenarioIssue): ScenarioIssue {
  return issue;
}

/**
 * The flags whose edits the issue depends on: an edit of its own field, or of a field its check compared
 * (`related`: a warm-up longer than a --duration is that flag's doing, though it is located at spec.warmup).
 */
function editsBehind(issue: ScenarioIssue, path: readonly PathSegment[], edits: readonly ScenarioEdit[]): ScenarioEdit[] {
  const paths = [...(path.length === 0 ? [] : [path]), ...(issue.related ?? []).map((p) => parsePath(p) ?? [])].filter((p) => p.length > 0);
  return edits.filter((e) => paths.some((p) => pathsOverlap(e.path, p)));
}

function relocate(issue: ScenarioIssue, locators: Locators, edits: readonly ScenarioEdit[]): ScenarioIssue {
  const path = parsePath(issue.path) ?? [];
  // sim-core points at the key for key problems (an unknown field) and at the value otherwise: keep that.
  const key = locators.edited(path, { atKey: true });
  const atKey = key !== null && key.line === issue.line && key.column === issue.column;
  const loc = issue.line === null ? null : locators.original(path, { atKey });
  const behind = editsBehind(issue, path, edits);
  return {
    ...shown(issue),
    line: loc?.line ?? null,
    column: loc?.column ?? null,
    ...(behind.length === 0 ? {} : { message: `${issue.message} (after ${behind.map((e) => e.source).join(', ')})` }),
  };
}

function checked(file: string, scenario: Scenario, text: string, parseWarnings: ScenarioIssue[]): LoadScenarioResult {
  const source = { text, file };
  const issues = validateScenarioReferences(scenario, undefined, source);
  if (issues.length > 0) return { ok: false, file, issues: issues.map(shown) };
  return { ok: true, file, scenario, text, warnings: [...parseWarnings, ...validateScenarioPrices(scenario, undefined, source)].map(shown) };
}

/**
 * Loads `file` (relative to `cwd`) with `edits` applied; never throws except CliError for an impossible edit.
 * `input`: how a pipe is waited on (read-input.ts).
 */
export async function loadScenario(file: string, cwd: string, edits: readonly ScenarioEdit[] = [], input: Omit<InputOptions, 'maxBytes'> = {}): Promise<LoadScenarioResult> {
  const read = await readScenarioFile(file, cwd, input);
  if (!read.ok) return { ok: false, file, issues: [read.issue] };
  return loadScenarioBytes(read.bytes, file, edits);
}

/** Parses and validates a file's bytes with `edits` applied (the sweep calls this once per variant). */
export function loadScenarioBytes(bytes: Uint8Array, file: string, edits: readonly ScenarioEdit[] = []): LoadScenarioResult {
  const text = decodeStrict(bytes);
  const edited = text === undefined || edits.length === 0 ? undefined : applyEdits(text, edits);
  if (text === undefined || edited === undefined) {
    // No edits, or a file the edits cannot apply to: its own problems are the answer.
    const parsed = parseScenarioBytes(bytes, file);
    if (!parsed.ok) return { ok: false, file, issues: parsed.issues.map(shown) };
    // Defence: never run a scenario silently without the edits the user asked for.
    if (edits.length > 0) throw new CliError(`${file}: cannot apply ${edits.map((e) => e.source).join(', ')} to this document`);
    return checked(file, parsed.scenario, text ?? '', parsed.warnings);
  }
  const parsed = parseScenarioText(edited, file);
  // Each text is parsed once for all issues (sim-core's locatePath would parse once per issue).
  let locators: Locators | undefined;
  const fix = (issues: ScenarioIssue[]) => {
    if (issues.length === 0) return issues;
    locators ??= { original: createSourceLocator(text), edited: createSourceLocator(edited) };
    return issues.map((i) => relocate(i, locators!, edits));
  };
  if (!parsed.ok) return { ok: false, file, issues: fix(parsed.issues) };
  const result = checked(file, parsed.scenario, edited, parsed.warnings);
  return result.ok ? { ...result, warnings: fix(result.warnings) } : { ...result, issues: fix(result.issues) };
}
