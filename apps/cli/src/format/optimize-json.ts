/**
 * `optimize --json` (docs/json-output.md, "optimize"): sim-core's OptimizeResult as plain JSON, with
 * the format version and the file. `best.values` is keyed by full path. No wall-clock figures, so the
 * same search prints the same bytes, sharded or not.
 */
import { toPlainJson, type OptimizeResult } from '@design-sim/sim-core';
import { JSON_FORMAT_VERSION, stringifyJson } from './json-output.ts';

/** The --json document, ending with a newline. */
export function formatOptimizeJson(file: string, r: OptimizeResult): string {
  return `${stringifyJson(toPlainJson({ formatVersion: JSON_FORMAT_VERSION, command: 'optimize', file, ...r }))}\n`;
}
