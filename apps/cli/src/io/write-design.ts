/**
 * `optimize --write best.yaml`: the user's own file with the chosen values (and the run's --set,
 * --duration, --interval, --seed edits) applied through yaml's Document API, so comments, key order
 * and flow style survive everywhere the edits do not touch.
 */
import { CliError } from '../cli-error.ts';
import { applyEdits, type ScenarioEdit } from './scenario-edits.ts';
import { writeOutputFile } from './write-output-file.ts';

/** Writes `bytes` (the scenario file) with `edits` applied to `target` (relative to `cwd`). */
export async function writeDesign(cwd: string, target: string, bytes: Uint8Array, edits: readonly ScenarioEdit[], flag = '--write'): Promise<void> {
  const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
  const edited = applyEdits(text, edits);
  if (edited === undefined) throw new CliError(`${flag}: cannot apply the chosen values to this file`);
  await writeOutputFile(cwd, target, edited, flag);
}
