/**
 * `design-sim merge SHARD.json...`: the answer of a sweep or optimize run as `--shard I/N` slices,
 * printed exactly as the unsharded command prints it (byte for byte with --json): the rows or records
 * of every shard go through the same summary and formatters. Exit codes as the unsharded command.
 */
import { resolve } from 'node:path';
import { parsePath, printableName, shardIndices, summarizeSearch, type DesignRecord } from '@design-sim/sim-core';
import { Option, type Command } from 'commander';
import { CliError } from '../cli-error.ts';
import { inputOptions, readInput, reasonOf } from '../io/read-input.ts';
import { checkShardSet, fingerprint, payloadDamage, type ShardFile } from '../shard/shard-file.ts';
import { variantValues, type VarySpec } from '../sweep/vary-spec.ts';
import type { CommandEnv } from './command-env.ts';
import { reportOptimize, type OptimizeShardInput } from './optimize.ts';
import { reportSweep, type SweepShardInput, type SweepShardRow } from './sweep.ts';
import { outputFormat } from './output-format.ts';

interface MergeOptions {
  json?: boolean;
  format: 'text' | 'markdown' | 'json';
  write?: string;
  scenario?: string;
}

const EXAMPLES = `
Examples:
  $ design-sim merge shard-*.json --json > sweep.json
  $ for i in 1 2 3 4; do design-sim sweep s.yaml --vary replicas=1..200 --shard $i/4 > shard-$i.json; done
  $ design-sim merge results/design-sim-optimize-fleet/*.json --write best.yaml

Every shard of one run must be given once; files from another run (another scenario, options or shard
count) are refused. Exit codes: as the unsharded sweep or optimize (0, 1), 2 for bad or missing shards.`;

/**
 * Largest shard file, bytes (256 MiB): a shard of a 10,000-variant sweep is tens of MB; the cap is what
 * stands between /dev/zero (or a pipe that never ends) and the process's memory.
 */
export const MAX_SHARD_BYTES = 256 * 1024 * 1024;

/** A file's bytes for merge; any failure is one CliError line naming the file. */
async function readMergeInput(env: CommandEnv, name: string, what: string): Promise<Uint8Array> {
  const read = await readInput(name, resolve(env.ctx.cwd, name), { ...inputOptions(env.ctx), maxBytes: MAX_SHARD_BYTES });
  if (read.ok) return read.bytes;
  const why = read.kind === 'stat' ? reasonOf(read.error) : read.kind === 'directory' ? 'is a directory' : read.kind === 'too-large' ? `too large: more than ${MAX_SHARD_BYTES / 1024 / 1024} MiB (docs/limits.md)` : read.message;
  throw new CliError(`${what}${name}: ${read.kind === 'stat' ? `cannot read: ${why}` : why}`);
}

async function readShard(env: CommandEnv, name: string): Promise<{ name: string; doc: unknown }> {
  const text = Buffer.from(await readMergeInput(env, name, '')).toString('utf8');
  try {
    return { name, doc: JSON.parse(text) as unknown };
  } catch {
    throw new CliError(`${name}: not JSON (a shard file is the output of sweep or optimize with --shard I/N)`);
  }
}

async function merge(env: CommandEnv, files: string[], o: MergeOptions): Promise<void> {
  outputFormat(o);
  const read = await Promise.all(files.map((f) => readShard(env, f)));
  const shards = checkShardSet(read);
  // checkShardSet orders the shards by index; messages name each one's file.
  const names = new Map<unknown, string>(read.map((r) => [r.doc, r.name]));
  try {
    await mergeChecked(env, shards, o, (s) => names.get(s) ?? '');
  } catch (e) {
    // checkShardSet vouches for the envelope and each row's outer shape; a row's run outcome is read as it was
    // written (its fields are the run result's), so a hand-edited one can still fail deep in the report.
    if (e instanceof CliError) throw e;
    throw new CliError(`${files.join(', ')}: a damaged shard file (${e instanceof Error ? e.message : String(e)}); run its shard again`);
  }
}

/**
 * The rows of a sweep's shards, in variant order, each shard holding exactly its slice (shardIndices) with the
 * values of those variants: a hand-edited or truncated shard (an index of 1e300, a row removed) was merged into a
 * table with rows out of order or missing, exit 1 as if complete.
 */
function sweepRows(shards: readonly ShardFile[], specs: readonly VarySpec[], nameOf: (s: ShardFile) => string): SweepShardRow[] {
  const combos = variantValues(specs);
  shards.forEach((s) => {
    const items = s.items as SweepShardRow[];
    const ids = shardIndices(combos.length, s.shard.index, s.shard.count);
    const damaged = (what: string) => new CliError(`${printableName(nameOf(s))}: a damaged shard file: ${what}; run shard ${s.shard.index}/${s.shard.count} again`);
    if (items.length !== ids.length) throw damaged(`items: expected the ${ids.length} variant${ids.length === 1 ? '' : 's'} of this shard, got ${items.length}`);
    items.forEach((item, i) => {
      if (item.index !== ids[i]) throw damaged(`items[${i}].index: expected ${ids[i]}, got ${JSON.stringify(item.index)}`);
      if (JSON.stringify(item.values) !== JSON.stringify(combos[item.index])) throw damaged(`items[${i}].values: expected ${JSON.stringify(combos[item.index])}, got ${JSON.stringify(item.values)}`);
    });
  });
  return shards.flatMap((s) => s.items as SweepShardRow[]).sort((a, b) => a.index - b.index);
}

/**
 * The design records of an optimize run's shards, each checked against the search it claims to be from: one value
 * index per field, within its values; seeds of the search, in its order, once each; `feasible` and `decided` as the
 * evaluations say (design-prober.ts records()). A record edited to `feasible: true` made merge print PASS for a
 * design that failed, exit 0; a design index past its values printed "replicas = undefined".
 */
function optimizeRecords(shards: readonly ShardFile[], input: OptimizeShardInput, nameOf: (s: ShardFile) => string): DesignRecord[] {
  const dims = input.space.dimensions;
  const seeds = input.options.seeds;
  return shards.flatMap((s) =>
    (s.items as DesignRecord[]).map((r, i) => {
      const damaged = (what: string) => new CliError(`${printableName(nameOf(s))}: a damaged shard file: items[${i}].${what}; run shard ${s.shard.index}/${s.shard.count} again`);
      if (r.design.length !== dims.length || r.design.some((v, k) => !Number.isInteger(v) || v < 0 || v >= (dims[k]?.values.length ?? 0))) {
        throw damaged(`design: expected ${dims.length} value index${dims.length === 1 ? '' : 'es'} within the fields' values, got ${JSON.stringify(r.design)}`);
      }
      const order = r.evaluations.map((e) => seeds.indexOf((e as { seed?: unknown }).seed as number));
      if (order.some((k, j) => k < 0 || (j > 0 && k <= (order[j - 1] ?? -1)))) throw damaged(`evaluations: expected runs on seeds ${seeds.join(', ')}, in that order, once each`);
      const feasible = r.evaluations.length === seeds.length && r.evaluations.every((e) => e.pass === true);
      const decided = feasible || r.evaluations.some((e) => e.pass === false);
      if (r.feasible !== feasible || r.decided !== decided) throw damaged(`feasible, decided: expected ${feasible}, ${decided} by its evaluations, got ${String(r.feasible)}, ${String(r.decided)}`);
      return r;
    }),
  );
}

/** After the rows' own checks (which say what is wrong), the digest: whatever else was edited or cut. */
function checkPayloads(shards: readonly ShardFile[], nameOf: (s: ShardFile) => string): void {
  for (const s of shards) {
    const damage = payloadDamage(s);
    if (damage !== undefined) throw new CliError(`${printableName(nameOf(s))}: a damaged shard file: ${damage}; run shard ${s.shard.index}/${s.shard.count} again`);
  }
}

async function mergeChecked(env: CommandEnv, shards: ShardFile[], o: MergeOptions, nameOf: (s: ShardFile) => string): Promise<void> {
  const first = shards[0] as ShardFile;
  const format = outputFormat(o);
  if (first.command === 'sweep') {
    if (o.write !== undefined) throw new CliError('--write: only for optimize shards');
    const input = first.input as SweepShardInput;
    const specs: VarySpec[] = input.vary.map((v) => ({ label: v.label, paths: v.paths.map((p) => parsePath(p) ?? []), values: v.values }));
    const rows = sweepRows(shards, specs, nameOf);
    checkPayloads(shards, nameOf);
    reportSweep(env, first.file, specs, rows, format);
    return;
  }
  const input = first.input as OptimizeShardInput;
  const records = optimizeRecords(shards, input, nameOf);
  checkPayloads(shards, nameOf);
  const result = summarizeSearch(input.space, input.options, records);
  let write: { target: string; bytes: Uint8Array; edits: OptimizeShardInput['edits'] } | undefined;
  if (o.write !== undefined && result.best !== null) {
    const path = o.scenario ?? first.file;
    const bytes = await readMergeInput(env, path, '--write: the scenario ').catch((e: unknown) => {
      throw new CliError(`${e instanceof Error ? e.message : String(e)}${o.scenario === undefined ? ' (the path the shards ran; give --scenario FILE where it is here)' : ''}`);
    });
    if (fingerprint(bytes, { command: 'optimize', file: first.file, input }) !== first.fingerprint) {
      throw new CliError(`--write: ${path} is not the scenario the shards ran (or it changed since); run optimize again`);
    }
    const edits = [...input.edits, ...input.space.dimensions.flatMap((d, i) => d.paths.map((p) => ({ path: parsePath(p) ?? [], value: d.values[result.best?.design[i] ?? 0], source: `--vary ${p}` })))];
    write = { target: o.write, bytes, edits };
  }
  await reportOptimize(env, { file: first.file, result, format, ...(write === undefined ? {} : { write }) });
}

/** Registers `merge` on `program`. */
export function registerMerge(program: Command, env: CommandEnv): void {
  program
    .command('merge')
    .description('combine the shard files of a sweep or optimize run into its answer (as if run in one process)')
    .argument('<shards...>', 'shard files (the output of --shard I/N), all N of them')
    .option('--json', 'print the answer as JSON (byte-identical to the unsharded --json)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .option('--write <file>', 'optimize: save the best design as a scenario file (reads the scenario the shards ran)')
    .option('--scenario <file>', 'with --write: where that scenario is here, when the shards ran it elsewhere (e.g. /scenario/… in a pod)')
    .addHelpText('after', EXAMPLES)
    .action((files: string[], o: MergeOptions) => merge(env, files, o));
}
