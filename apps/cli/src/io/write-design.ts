/**
 * `optimize --write best.yaml`: the user's own file with the chosen values (and the run's --set,
 * --duration, --interval, --seed edits). Where every edit replaces an existing scalar, the new values
 * are spliced into the original text at the ranges yaml's Document API gives for those nodes, so every
 * other byte (comments, their spacing, flow maps, quoting) is the user's; otherwise the document is
 * edited and re-serialised (comments still kept, spacing normalised).
 */
import { duplicateKeyErrors } from '@design-sim/sim-core';
import { isScalar, parseDocument, stringify } from 'yaml';
import { CliError } from '../cli-error.ts';
import { applyEdits, type ScenarioEdit } from './scenario-edits.ts';
import { writeOutputFile } from './write-output-file.ts';

interface Splice {
  start: number;
  end: number;
  text: string;
}

const isPlainValue = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** Splices for `edits`, or undefined when one is not a scalar-for-scalar replacement. */
function scalarSplices(text: string, edits: readonly ScenarioEdit[]): Splice[] | undefined {
  // The library's own duplicate-key check is quadratic in a mapping's keys: sim-core's is one pass.
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0 || duplicateKeyErrors(doc).length > 0) return undefined;
  const byStart = new Map<number, Splice>();
  for (const e of edits) {
    const node = doc.getIn(e.path, true);
    if (!isScalar(node) || node.range == null || !isPlainValue(e.value)) return undefined;
    const [start, end] = node.range;
    byStart.set(start, { start, end, text: stringify(e.value).trimEnd() });
  }
  return [...byStart.values()].sort((a, b) => b.start - a.start);
}

/** The file's text with `edits` applied, keeping the user's formatting wherever possible. */
export function editScenarioText(text: string, edits: readonly ScenarioEdit[]): string | undefined {
  const splices = scalarSplices(text, edits);
  if (splices === undefined || splices.some((s) => s.text.includes('\n'))) return applyEdits(text, edits);
  let out = text;
  for (const s of splices) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

/** Writes `bytes` (the scenario file) with `edits` applied to `target` (relative to `cwd`). */
export async function writeDesign(cwd: string, target: string, bytes: Uint8Array, edits: readonly ScenarioEdit[], flag = '--write'): Promise<void> {
  const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
  const edited = editScenarioText(text, edits);
  if (edited === undefined) throw new CliError(`${flag}: cannot apply the chosen values to this file`);
  await writeOutputFile(cwd, target, edited, flag);
}
