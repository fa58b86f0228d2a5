/**
 * The CLI side of a search: `--vary` specs become sim-core's SearchSpace through its buildSearchSpace
 * (shared with the web app's Optimize panel), a design becomes document edits on the user's file, and the
 * evaluator runs a design on a seed in the worker pool. Each design is validated before it runs, so a
 * value the schema refuses is reported at its place in the file, exit 2, like `sweep`.
 */
import { seedEvaluationFromResult, type Design, type EvaluateDesign } from '@design-sim/sim-core';
import { CliError } from '../cli-error.ts';
import { loadScenarioBytes } from '../io/load-scenario.ts';
import type { ScenarioEdit } from '../io/scenario-edits.ts';
import type { SimWorkerPool } from '../sweep/worker-pool.ts';
import { varyEdits, type VarySpec } from '../sweep/vary-spec.ts';

/** The file and the edits every design shares. */
export interface DesignSource {
  file: string;
  bytes: Uint8Array;
  /** --set, --duration, --interval (and --seed, which only sets the base of the seeds). */
  baseEdits: ScenarioEdit[];
  specs: VarySpec[];
}

/** The edits that give `design` (every linked path of every dimension). */
export function designEdits(source: DesignSource, design: Design): ScenarioEdit[] {
  return source.specs.flatMap((s, i) => varyEdits(s, s.values[design[i] ?? 0]));
}

/** Validated scenario text of a design; throws CliError with the located issues when the schema refuses it. */
export function designText(source: DesignSource, design: Design): string {
  const loaded = loadScenarioBytes(source.bytes, source.file, [...source.baseEdits, ...designEdits(source, design)]);
  if (!loaded.ok) throw new CliError('invalid design', { issues: loaded.issues });
  return loaded.text;
}

/**
 * Validates each dimension's values (the others at their first value) before anything runs: every
 * value of a list, and the first, second and last of a numeric range (its ends and its step: what a
 * field's bounds and integer check can refuse), so a 10,000-value range costs three checks. Every
 * design is validated again before it runs, so nothing invalid is ever simulated.
 */
export function checkDimensions(source: DesignSource): void {
  const first = source.specs.map(() => 0);
  source.specs.forEach((s, i) => {
    const numeric = s.values.length > 3 && s.values.every((v) => typeof v === 'number');
    const picks = numeric ? [0, 1, s.values.length - 1] : s.values.map((_, v) => v);
    for (const v of picks) designText(source, first.map((x, j) => (j === i ? v : x)));
  });
}

/** Runs designs in `pool`; `onRun` counts runs for the progress bar. */
export function createDesignEvaluator(source: DesignSource, pool: SimWorkerPool, onRun: () => void = () => undefined): EvaluateDesign {
  const texts = new Map<string, string>();
  return async (design, seed) => {
    const key = design.join(',');
    let text = texts.get(key);
    if (text === undefined) {
      text = designText(source, design);
      texts.set(key, text);
    }
    const r = await pool.run({ text, fileName: source.file, seed });
    onRun();
    if (!r.ok) throw new CliError(`${source.file}: ${source.specs.map((s, i) => `${s.label}=${JSON.stringify(s.values[design[i] ?? 0])}`).join(' ')} on seed ${seed}: ${r.message}`);
    return seedEvaluationFromResult(r.outcome);
  };
}
