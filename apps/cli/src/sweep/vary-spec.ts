/**
 * `--vary path=values`: which field a sweep changes and the values it takes. Values are a range
 * `a..b` or `a..b:step` (inclusive; step default 1; durations allowed: `1m..5m:1m`) or a comma list
 * of YAML scalars (`10,15,20`, `round-robin,least-outstanding`). Paths use --set's syntax and shorthands.
 */
import { formatDuration, parseDuration, type PathSegment } from '@design-sim/sim-core';
import { CliError } from '../cli-error.ts';
import { parseEditPath, parseEditValue } from '../io/scenario-edits.ts';

/** Most variants one sweep may run (the product over every --vary). */
export const MAX_SWEEP_VARIANTS = 500;

/** One varied field. */
export interface VarySpec {
  /** As the user wrote the path (shorthand or full), the table's column header. */
  label: string;
  path: PathSegment[];
  values: unknown[];
}

const NUMBER = /^\s*-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** Rounds to 12 significant digits so 0.1 steps give 0.3, not 0.30000000000000004. */
const tidy = (x: number): number => (x === 0 ? 0 : Number(x.toPrecision(12)));

function rangeValues(arg: string, a: number, b: number, step: number, format: (x: number) => unknown): unknown[] {
  if (!(step > 0) || !Number.isFinite(step)) throw new CliError(`--vary ${arg}: the step must be a positive number`);
  if (b < a) throw new CliError(`--vary ${arg}: the range runs backwards; write it low..high`);
  const count = Math.floor((b - a) / step + 1e-9) + 1;
  if (count > MAX_SWEEP_VARIANTS) throw new CliError(`--vary ${arg}: ${count} values is more than the ${MAX_SWEEP_VARIANTS} a sweep may run; use a larger step`);
  return Array.from({ length: count }, (_, i) => format(tidy(a + i * step)));
}

/** Parses the value part: a numeric or duration range, or a comma list. */
export function parseVaryValues(arg: string, text: string): unknown[] {
  const range = /^(.+?)\.\.(.+?)(?::(.+))?$/.exec(text.trim());
  if (range !== null) {
    const [, lo = '', hi = '', step] = range;
    if (NUMBER.test(lo) && NUMBER.test(hi) && (step === undefined || NUMBER.test(step))) {
      return rangeValues(arg, Number(lo), Number(hi), step === undefined ? 1 : Number(step), (x) => x);
    }
    const [a, b, s] = [parseDuration(lo), parseDuration(hi), step === undefined ? undefined : parseDuration(step)];
    if (a !== undefined && b !== undefined && (step === undefined || s !== undefined)) {
      if (step === undefined) throw new CliError(`--vary ${arg}: a duration range needs a step, e.g. ${lo}..${hi}:1m`);
      return rangeValues(arg, a, b, s ?? NaN, formatDuration);
    }
    throw new CliError(`--vary ${arg}: cannot read the range "${text}": write a..b or a..b:step, e.g. 10..20:2 or 1m..5m:1m`);
  }
  const items = text.split(',').map((v) => v.trim());
  if (items.some((v) => v === '')) throw new CliError(`--vary ${arg}: empty value in the list "${text}"`);
  return items.map(parseEditValue);
}

/** Parses one --vary argument. */
export function parseVary(arg: string): VarySpec {
  const eq = arg.indexOf('=');
  if (eq < 0) throw new CliError(`--vary ${arg}: expected path=values, e.g. --vary hpa.target=10..20:2`);
  const label = arg.slice(0, eq).trim();
  return { label, path: parseEditPath(label, '--vary'), values: parseVaryValues(arg, arg.slice(eq + 1)) };
}

/** Every combination of the varied values, first --vary slowest. */
export function variantValues(specs: readonly VarySpec[]): unknown[][] {
  const total = specs.reduce((n, s) => n * s.values.length, 1);
  if (total > MAX_SWEEP_VARIANTS) throw new CliError(`--vary: ${total} combinations is more than the ${MAX_SWEEP_VARIANTS} a sweep may run`);
  let combos: unknown[][] = [[]];
  for (const s of specs) combos = combos.flatMap((c) => s.values.map((v) => [...c, v]));
  return combos;
}
