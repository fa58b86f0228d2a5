/**
 * Validates the design exactly as the CLI would validate the exported file: the document is
 * written as YAML and goes through sim-core's `SimApi.validate` (`parseScenarioText` plus the
 * catalog checks). Issues keep their document path, so the inspector shows each one at its
 * field. In the app the check runs in a worker (useValidation); here it is pure and synchronous.
 */
import { createSimApi, type Scenario, type ScenarioIssue, type ValidateResponse } from '@design-sim/sim-core';
import type { PlainObject } from './doc-path.ts';
import { docToYaml } from './scenario-yaml.ts';

/** The outcome of validating a design. */
export interface DesignValidation {
  /** The YAML that was validated: what the simulator runs. */
  text: string;
  /** The parsed scenario, or null when there are errors (or the check is still pending). */
  scenario: Scenario | null;
  errors: ScenarioIssue[];
  warnings: ScenarioIssue[];
  /** True while the text is being checked (the errors shown are the previous text's). */
  pending: boolean;
}

/** The document as the text that is validated and run; a document YAML cannot write is an error text. */
export function designText(doc: PlainObject): { ok: true; text: string } | { ok: false; message: string } {
  try {
    return { ok: true, text: docToYaml(doc) };
  } catch (e) {
    return { ok: false, message: `cannot write the design as YAML: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** One shared empty list: a valid design's `errors` keep their identity, so memoized views (the inspector) skip re-rendering. */
const NO_ISSUES: ScenarioIssue[] = [];

/** A validation from SimApi's answer for `text`. */
export function fromValidateResponse(text: string, r: ValidateResponse): DesignValidation {
  return r.ok
    ? { text, scenario: r.scenario, errors: NO_ISSUES, warnings: r.warnings.length === 0 ? NO_ISSUES : r.warnings, pending: false }
    : { text, scenario: null, errors: r.issues, warnings: NO_ISSUES, pending: false };
}

/**
 * Validates `doc` synchronously (callers pass it without `spec.canvas`, which is last in `spec`,
 * so line numbers match the exported file); `fileName` names the file in messages. Never throws.
 */
export function validateDesign(doc: PlainObject, fileName: string): DesignValidation {
  const t = designText(doc);
  if (!t.ok) return { text: '', scenario: null, errors: [{ file: fileName, line: null, column: null, path: '', message: t.message }], warnings: [], pending: false };
  return fromValidateResponse(t.text, createSimApi().validate(t.text, fileName));
}

/** True when `issuePath` is `path` or lies inside it (`spec.services[0]` holds `spec.services[0].hpa.maxReplicas`). */
export function pathWithin(issuePath: string, path: string): boolean {
  if (path === '') return true;
  return issuePath === path || issuePath.startsWith(`${path}.`) || issuePath.startsWith(`${path}[`);
}
