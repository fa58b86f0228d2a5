/**
 * The `--json` document (docs/json-output.md), format version JSON_FORMAT_VERSION. It is RunResult
 * made portable: typed arrays become plain arrays, NaN and ±Infinity become null (JSON has neither),
 * and the file and warnings are added. No timestamps or wall-clock figures, so the same input and seed
 * give byte-identical output.
 */
import { TIME_SERIES_FIELDS, toPlainJson, type ScenarioIssue } from '@design-sim/sim-core';
import type { RunReport } from './run-report.ts';

/** Version of the --json document; bump on any change that could break a reader (docs/json-output.md). */
export const JSON_FORMAT_VERSION = 2;

function issueJson(i: ScenarioIssue): Record<string, unknown> {
  return { file: i.file, line: i.line, column: i.column, path: i.path, message: i.message, ...(i.suggestion === undefined ? {} : { suggestion: i.suggestion }) };
}

/** The --json object for one run (field order is part of the format: stable for diffs). */
export function runJson(report: RunReport): Record<string, unknown> {
  const r = report.result;
  const ts = r.timeseries;
  const timeseries = ts === null ? null : {
    intervalSeconds: report.scenario.spec.interval,
    ...Object.fromEntries(TIME_SERIES_FIELDS.map((f) => [f, ts[f]])),
  };
  return toPlainJson({
    formatVersion: JSON_FORMAT_VERSION,
    file: report.file,
    scenario: r.scenario,
    seed: r.seed,
    pass: r.pass,
    diagnostics: r.diagnostics,
    summary: r.summary,
    services: r.services,
    breakdown: r.breakdown,
    training: r.training,
    // Documented since spec.costs existed, and printed by the text and Markdown reports, but missing from the document.
    costs: r.costs,
    expectations: r.expectations,
    claims: r.claims,
    warnings: report.warnings.map(issueJson),
    timeseries,
    events: r.events,
  }) as Record<string, unknown>;
}

const isScalar = (v: unknown): boolean => v === null || typeof v !== 'object';

/** JSON.stringify with two-space indentation, except that lists of plain values stay on one line (time series). */
export function stringifyJson(value: unknown, indent = ''): string {
  if (isScalar(value)) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every(isScalar)) return `[${value.map((v) => JSON.stringify(v)).join(',')}]`;
    return `[\n${value.map((v) => inner + stringifyJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${stringifyJson(v, inner)}`).join(',\n')}\n${indent}}`;
}

/** The whole --json output: one object for one file, an array for several; ends with a newline. */
export function formatJson(reports: readonly RunReport[]): string {
  const docs = reports.map(runJson);
  return `${stringifyJson(docs.length === 1 ? docs[0] : docs)}\n`;
}
