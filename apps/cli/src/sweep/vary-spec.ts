/**
 * `--vary path=values`: which field a sweep (or optimize) changes and the values it takes. Values are
 * a range `a..b` or `a..b:step` (inclusive; step default 1; durations allowed: `1m..5m:1m`) or a comma
 * list of YAML scalars (`10,15,20`, `round-robin,least-outstanding`), bracketed or not (`[10, 15, 20]`). Paths use --set's syntax and
 * shorthands; several paths before the `=` (`replicas,minNodes,maxNodes=1..200`) take each value
 * together, e.g. a fixed fleet's replicas and its pinned node pool.
 */
import { formatDuration, formatPath, parseDuration, type PathSegment } from '@design-sim/sim-core';
import { CliError } from '../cli-error.ts';
import { parseEditPath, parseEditValue, pathsOverlap, type ScenarioEdit } from '../io/scenario-edits.ts';

/**
 * Most variants one sweep may run (the product over every --vary): at 0.1–1 s a run, 10,000 is minutes
 * to hours on a laptop, the size `--shard` is for.
 */
export const MAX_SWEEP_VARIANTS = 10_000;
/** Most values one optimize dimension may take (a search runs about log2 of them). */
export const MAX_OPTIMIZE_VALUES = 100_000;
/** Most combinations optimize may try one by one (values of fields with no known order, times seeds each). */
export const MAX_OPTIMIZE_BRANCHES = 10_000;

/** One varied field, or several fields varied together. */
export interface VarySpec {
  /** As the user wrote the path(s) (shorthand or full), the table's column header. */
  label: string;
  /** Every path the values go to (one unless linked with commas). */
  paths: PathSegment[][];
  values: unknown[];
}

const NUMBER = /^\s*-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** Rounds to 12 significant digits so 0.1 steps give 0.3, not 0.30000000000000004. */
const tidy = (x: number): number => (x === 0 ? 0 : Number(x.toPrecision(12)));

function rangeValues(arg: string, a: number, b: number, step: number, format: (x: number) => unknown, max: number): unknown[] {
  if (!(step > 0) || !Number.isFinite(step)) throw new CliError(`--vary ${arg}: the step must be a positive number`);
  // 1e309 reads as Infinity: say so, rather than "Infinity values is more than …".
  if (!Number.isFinite(a) || !Number.isFinite(b)) throw new CliError(`--vary ${arg}: the range's ends must be finite numbers`);
  if (b < a) throw new CliError(`--vary ${arg}: the range runs backwards; write it low..high`);
  const count = Math.floor((b - a) / step + 1e-9) + 1;
  if (count > max) throw new CliError(`--vary ${arg}: ${count} values is more than the ${max} one field may take; use a larger step`);
  return Array.from({ length: count }, (_, i) => format(tidy(a + i * step)));
}

/** Parses the value part: a numeric or duration range, or a comma list. */
export function parseVaryValues(arg: string, text: string, max = MAX_SWEEP_VARIANTS): unknown[] {
  if (text.trim() === '') throw new CliError(`--vary ${arg}: no values after "=": write a range a..b, a..b:step or a list a,b,c`);
  const range = /^(.+?)\.\.(.+?)(?::(.+))?$/.exec(text.trim());
  if (range !== null) {
    const [, lo = '', hi = '', step] = range;
    if (NUMBER.test(lo) && NUMBER.test(hi) && (step === undefined || NUMBER.test(step))) {
      return rangeValues(arg, Number(lo), Number(hi), step === undefined ? 1 : Number(step), (x) => x, max);
    }
    const [a, b, s] = [parseDuration(lo), parseDuration(hi), step === undefined ? undefined : parseDuration(step)];
    if (a !== undefined && b !== undefined && (step === undefined || s !== undefined)) {
      if (step === undefined) throw new CliError(`--vary ${arg}: a duration range needs a step, e.g. ${lo}..${hi}:1m`);
      return rangeValues(arg, a, b, s ?? NaN, formatDuration, max);
    }
    throw new CliError(`--vary ${arg}: cannot read the range "${text}": write a..b or a..b:step, e.g. 10..20:2 or 1m..5m:1m`);
  }
  // A bracketed list is a YAML flow sequence, read whole: split at commas, `[1,2,"x"]` became the values "[1", 2 and
  // "x]", and a bad item was named by its fragment ("got \"[1\"") rather than as written ("x").
  if (text.trim().startsWith('[')) {
    const list = parseEditValue(text.trim(), `--vary ${arg}`);
    if (!Array.isArray(list)) throw new CliError(`--vary ${arg}: cannot read the list "${text.trim()}": write a comma list a,b,c or a bracketed one [a, b, c] (YAML flow syntax)`);
    return list;
  }
  const items = text.split(',').map((v) => v.trim());
  if (items.some((v) => v === '')) throw new CliError(`--vary ${arg}: empty value in the list "${text}"`);
  return items.map((v) => parseEditValue(v, `--vary ${arg}`));
}

/** Parses one --vary argument; `max` bounds the number of values. */
export function parseVary(arg: string, max = MAX_SWEEP_VARIANTS): VarySpec {
  const eq = arg.indexOf('=');
  if (eq < 0) throw new CliError(`--vary ${arg}: expected path=values, e.g. --vary hpa.target=10..20:2`);
  const label = arg.slice(0, eq).trim();
  const names = label.split(',').map((p) => p.trim());
  if (names.some((p) => p === '')) throw new CliError(`--vary ${arg}: empty path in "${label}": list the paths to vary together with commas, e.g. replicas,maxNodes=1..20`);
  const paths = names.map((p) => parseEditPath(p, '--vary'));
  const values = parseVaryValues(arg, arg.slice(eq + 1), max);
  if (values.length === 0) throw new CliError(`--vary ${arg}: no values`);
  return { label, paths, values };
}

/**
 * Parses every --vary of one command and refuses a field varied twice (or a field and a part of it): the later
 * edit overwrote the earlier, so `--vary hpa.target=1..3 --vary hpa.target=4..5` ran 6 variants and printed a
 * table whose first column changed nothing.
 */
export function parseVaries(args: readonly string[], max = MAX_SWEEP_VARIANTS): VarySpec[] {
  const specs = args.map((a) => parseVary(a, max));
  const seen: { path: PathSegment[]; arg: string }[] = [];
  specs.forEach((spec, i) => {
    for (const path of spec.paths) {
      const earlier = seen.find((s) => pathsOverlap(s.path, path));
      if (earlier !== undefined) {
        const same = formatPath(earlier.path) === formatPath(path);
        throw new CliError(`--vary ${args[i]}: ${same ? `${formatPath(path)} is` : `${formatPath(path)} overlaps ${formatPath(earlier.path)}, which is`} already varied by --vary ${earlier.arg}: vary each field once (list several values, or several paths before "=" to move them together)`);
      }
      seen.push({ path, arg: args[i]! });
    }
  });
  return specs;
}

/** The document edits that set `spec` to `value` (one per linked path). */
export function varyEdits(spec: VarySpec, value: unknown): ScenarioEdit[] {
  // JSON.stringify names Infinity (`.inf`, `1e400`) "null": "got Infinity (after --vary replicas=null)".
  const shown = typeof value === 'number' && !Number.isFinite(value) ? String(value) : JSON.stringify(value);
  return spec.paths.map((path) => ({ path, value, source: `--vary ${formatPath(path)}=${shown}` }));
}

/** Every combination of the varied values, first --vary slowest. */
export function variantValues(specs: readonly VarySpec[]): unknown[][] {
  const total = specs.reduce((n, s) => n * s.values.length, 1);
  if (total > MAX_SWEEP_VARIANTS) throw new CliError(`--vary: ${total} combinations is more than the ${MAX_SWEEP_VARIANTS} a sweep may run`);
  let combos: unknown[][] = [[]];
  for (const s of specs) combos = combos.flatMap((c) => s.values.map((v) => [...c, v]));
  return combos;
}
