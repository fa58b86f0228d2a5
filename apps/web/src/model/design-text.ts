/**
 * The design document as the YAML text the simulator reads, and its validation exactly as the CLI
 * validates the exported file (sim-core's `SimApi.validate`). In the app this runs in the workers
 * (worker-sim-api.ts): writing YAML costs the main thread tens of ms per edit, more on a busy machine.
 */
import type { ScenarioIssue, SimApi, ValidateResponse } from '@design-sim/sim-core';
import { cleanScenarioOf } from './design-scenario.ts';
import type { PlainObject } from './doc-path.ts';
import { docToYaml } from './scenario-yaml.ts';

/** The document as the text that is validated and run; a document YAML cannot write is an error message. */
export function designText(doc: PlainObject): { ok: true; text: string } | { ok: false; message: string } {
  try {
    return { ok: true, text: docToYaml(doc) };
  } catch (e) {
    return { ok: false, message: `cannot write the design as YAML: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** The issue of a document YAML cannot write. */
function writeIssue(fileName: string, message: string): ScenarioIssue {
  return { file: fileName, line: null, column: null, path: '', message };
}

/**
 * Validates `doc` (without `spec.canvas`, which is last in `spec`, so line numbers match the exported
 * file) with `api`; `fileName` names the file in messages. Never throws.
 */
export function validateDesignDoc(api: Pick<SimApi, 'validate'>, doc: PlainObject, fileName: string): ValidateResponse {
  // A clean design needs no text: nothing to locate (design-scenario.ts).
  const scenario = cleanScenarioOf(doc);
  if (scenario !== null) return { ok: true, scenario, warnings: [] };
  const t = designText(doc);
  return t.ok ? api.validate(t.text, fileName) : { ok: false, issues: [writeIssue(fileName, t.message)] };
}

/** The text to run for `doc`, or the response refusing it. */
export function designTextOrIssues(doc: PlainObject, fileName: string): { ok: true; text: string } | { ok: false; issues: ScenarioIssue[] } {
  const t = designText(doc);
  return t.ok ? t : { ok: false, issues: [writeIssue(fileName, t.message)] };
}
