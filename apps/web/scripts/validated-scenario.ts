/**
 * The build-time check behind `?scenario` (example-scenario-plugin.ts): the file's document read as the
 * simulator's worker reads the page's design (`cleanScenarioOf`, worker-sim-api.ts's `runDesign`), or
 * the located issues `SimApi.validate` finds in the file's text.
 */
import { createSimApi, formatIssue, type Scenario } from '@design-sim/sim-core';
import { cleanScenarioOf } from '../src/model/design-scenario.ts';
import { isObject } from '../src/model/doc-path.ts';
import { withoutCanvas } from '../src/model/scenario-yaml.ts';

/** `doc` (read from `text`, in the file `fileName`) as the scenario a run of it parses, or why not. */
export function validatedScenario(doc: unknown, text: string, fileName: string): { ok: true; scenario: Scenario } | { ok: false; message: string } {
  const scenario = isObject(doc) ? cleanScenarioOf(withoutCanvas(doc)) : null;
  // The page cannot replay a trace file (SimApi.runScenario refuses it there): the worker's own path says so.
  if (scenario?.spec.trafficSources.some((t) => t.trace !== undefined)) return { ok: false, message: 'it replays a trace file, which the browser cannot read' };
  if (scenario !== null) return { ok: true, scenario };
  const v = createSimApi().validate(text, fileName);
  if (!v.ok) return { ok: false, message: v.issues.map(formatIssue).join('\n') };
  if (v.warnings.length > 0) return { ok: false, message: `it validates with warnings, and only a design without any takes the engine-only path:\n${v.warnings.map(formatIssue).join('\n')}` };
  return { ok: false, message: 'the page reads its document differently from its text (design-scenario.ts refused it with no issue to report)' };
}
