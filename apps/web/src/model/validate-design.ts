/**
 * The validation of the design as the main thread holds it. The document is written as YAML and
 * checked exactly as the CLI checks the exported file, in a worker (design-text.ts,
 * worker-sim-api.ts); issues keep their document path, so the inspector shows each one at its field.
 * The main thread names a design by a cheap key (its JSON) instead of its YAML text.
 */
import { createSimApi, type Scenario, type ScenarioIssue, type ValidateResponse } from '@design-sim/sim-core';
import { validateDesignDoc } from './design-text.ts';
import type { PlainObject } from './doc-path.ts';

/** The outcome of validating a design. */
export interface DesignValidation {
  /** The design's identity (`designKey` of `doc`): equal documents, equal keys. '' for no design. */
  key: string;
  /** The document validated (without `spec.canvas`): what the simulator writes as YAML and runs. */
  doc: PlainObject | null;
  /** The parsed scenario, or null when there are errors (or the check is still pending). */
  scenario: Scenario | null;
  errors: ScenarioIssue[];
  warnings: ScenarioIssue[];
  /** True while the design is being checked (the errors shown are the previous design's). */
  pending: boolean;
}

/**
 * The key of a document: its JSON, a fraction of a millisecond where writing YAML took tens (the
 * YAML is written in the worker). Same document values in the same order, same key, as with the text.
 */
export function designKey(doc: PlainObject): string {
  return JSON.stringify(doc);
}

/** One shared empty list: a valid design's `errors` keep their identity, so memoized views (the inspector) skip re-rendering. */
const NO_ISSUES: ScenarioIssue[] = [];

/** A validation from SimApi's answer for `doc` (key `key`). */
export function fromValidateResponse(key: string, doc: PlainObject, r: ValidateResponse): DesignValidation {
  return r.ok
    ? { key, doc, scenario: r.scenario, errors: NO_ISSUES, warnings: r.warnings.length === 0 ? NO_ISSUES : r.warnings, pending: false }
    : { key, doc, scenario: null, errors: r.issues, warnings: NO_ISSUES, pending: false };
}

/**
 * Validates `doc` synchronously on this thread (tests; the app validates in a worker); `fileName`
 * names the file in messages. Never throws.
 */
export function validateDesign(doc: PlainObject, fileName: string): DesignValidation {
  return fromValidateResponse(designKey(doc), doc, validateDesignDoc(createSimApi(), doc, fileName));
}

/** True when `issuePath` is `path` or lies inside it (`spec.services[0]` holds `spec.services[0].hpa.maxReplicas`). */
export function pathWithin(issuePath: string, path: string): boolean {
  if (path === '') return true;
  return issuePath === path || issuePath.startsWith(`${path}.`) || issuePath.startsWith(`${path}[`);
}
