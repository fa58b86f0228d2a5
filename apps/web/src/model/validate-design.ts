/**
 * Validates the design exactly as the CLI would validate the exported file: the document is
 * written as YAML and goes through sim-core's `parseScenarioText` and catalog checks. Issues keep
 * their document path, so the inspector shows each one at its field.
 */
import { parseScenarioText, validateScenarioReferences, type Scenario, type ScenarioIssue } from '@design-sim/sim-core';
import type { PlainObject } from './doc-path.ts';
import { docToYaml } from './scenario-yaml.ts';

/** The outcome of validating a design. */
export interface DesignValidation {
  /** The YAML that was validated: what the simulator runs. */
  text: string;
  /** The parsed scenario, or null when there are errors. */
  scenario: Scenario | null;
  errors: ScenarioIssue[];
  warnings: ScenarioIssue[];
}

/**
 * Validates `doc` (callers pass it without `spec.canvas`, which is last in `spec`, so line
 * numbers match the exported file); `fileName` names the file in messages. Never throws.
 */
export function validateDesign(doc: PlainObject, fileName: string): DesignValidation {
  let text: string;
  try {
    text = docToYaml(doc);
  } catch (e) {
    const message = `cannot write the design as YAML: ${e instanceof Error ? e.message : String(e)}`;
    return { text: '', scenario: null, errors: [{ file: fileName, line: null, column: null, path: '', message }], warnings: [] };
  }
  const parsed = parseScenarioText(text, fileName);
  if (!parsed.ok) return { text, scenario: null, errors: parsed.issues, warnings: [] };
  const refs = validateScenarioReferences(parsed.scenario, undefined, { text, file: fileName });
  if (refs.length > 0) return { text, scenario: null, errors: refs, warnings: parsed.warnings };
  return { text, scenario: parsed.scenario, errors: [], warnings: parsed.warnings };
}

/** True when `issuePath` is `path` or lies inside it (`spec.services[0]` holds `spec.services[0].hpa.maxReplicas`). */
export function pathWithin(issuePath: string, path: string): boolean {
  if (path === '') return true;
  return issuePath === path || issuePath.startsWith(`${path}.`) || issuePath.startsWith(`${path}[`);
}
