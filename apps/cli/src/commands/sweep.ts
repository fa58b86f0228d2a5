/**
 * `design-sim sweep FILE --vary path=a..b:step`: a what-if table. Every variant is validated first
 * (so a bad value stops the sweep with exit 2 before any work), then run in worker threads, at most
 * os.availableParallelism() at once. Exit 0 when every variant meets its expectations, 1 otherwise.
 */
import { formatPath, shardIndices } from '@design-sim/sim-core';
import { Option, type Command } from 'commander';
import { CliError } from '../cli-error.ts';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit-codes.ts';
import { formatIssueLines } from '../format/issues.ts';
import { createProgressBar } from '../format/progress-bar.ts';
import { formatSweepJson, formatSweepMarkdown, formatSweepText, type SweepRow } from '../format/sweep-table.ts';
import { loadScenarioBytes } from '../io/load-scenario.ts';
import { inputOptions } from '../io/read-input.ts';
import { readScenarioFile } from '../io/read-scenario-file.ts';
import type { ScenarioEdit } from '../io/scenario-edits.ts';
import { addJobOptions, emitJob, scenarioArgs, type JobOptions } from '../shard/job-options.ts';
import { fingerprint, formatShardFile, parseShardOption } from '../shard/shard-file.ts';
import { parseVaries, variantValues, varyEdits, type VarySpec } from '../sweep/vary-spec.ts';
import { runSweepRequests } from '../sweep/worker-pool.ts';
import type { SweepRequest, SweepResponse } from '../sweep/worker-protocol.ts';
import type { CommandEnv } from './command-env.ts';
import { parsePositiveInteger } from './option-parsers.ts';
import { addScenarioOptions, checkInterval, editsFromOptions, type ScenarioOptions } from './scenario-options.ts';
import { outputFormat } from './output-format.ts';

interface SweepOptions extends ScenarioOptions, JobOptions {
  vary: string[];
  workers?: number;
  json?: boolean;
  format: 'text' | 'markdown' | 'json';
}

const EXAMPLES = `
Examples:
  $ design-sim sweep examples/serving-autoscaling.yaml --vary hpa.target=10..20:2 --duration 2h
  $ design-sim sweep scenario.yaml --vary spec.nodePools[0].spotShare=0..1:0.25 --vary hpa.maxReplicas=40,70
  $ design-sim sweep scenario.yaml --vary replicas,minNodes,maxNodes=10..200:10 --shard 2/4 > shard-2.json
  $ design-sim sweep scenario.yaml --vary hpa.target=1..40 --emit-k8s-job 8 --image registry.example.com/design-sim:0.1.0 > job.yaml

Shorthands for --vary and --set: hpa.target = spec.services[0].hpa.metrics[0].target, hpa.minReplicas,
hpa.maxReplicas, replicas, concurrency, routing (spec.services[0].*), spotShare, minNodes, maxNodes, instance
(spec.nodePools[0].*), duration, seed, interval (spec.*). Values: a..b, a..b:step (durations too: 1m..5m:1m)
or a comma list. Exit codes: 0 every variant meets its expectations, 1 one does not, 2 invalid input.`;

/** What a sweep shard file carries besides its rows. */
export interface SweepShardInput {
  vary: { label: string; paths: string[]; values: unknown[] }[];
}

/** A shard file's row: the variant's index in the full sweep, its values and its answer. */
export interface SweepShardRow {
  index: number;
  values: unknown[];
  response: SweepResponse;
}

async function sweep(env: CommandEnv, file: string, o: SweepOptions): Promise<void> {
  const { ctx } = env;
  const format = outputFormat(o);
  const shard = o.shard === undefined ? undefined : parseShardOption(o.shard);
  const specs = parseVaries(o.vary);
  const combos = variantValues(specs);
  const base = editsFromOptions(o);
  const read = await readScenarioFile(file, ctx.cwd, inputOptions(ctx));
  if (!read.ok) throw new CliError(read.issue.message, { issues: [read.issue] });
  if (o.emitK8sJob !== undefined) {
    const loaded = loadScenarioBytes(read.bytes, file, base);
    if (!loaded.ok) throw new CliError('invalid scenario', { issues: loaded.issues });
    emitJob(ctx, 'sweep', file, read.bytes, loaded.scenario.metadata.name, [...o.vary.flatMap((v) => ['--vary', v]), ...scenarioArgs(o)], o);
    return;
  }
  // A shard runs (and validates) only its own variants; the others are its siblings' work.
  const ids = shard === undefined ? combos.map((_, i) => i) : shardIndices(combos.length, shard.index, shard.count);
  const requests: Omit<SweepRequest, 'id'>[] = [];
  for (const id of ids) {
    const values = combos[id] ?? [];
    const varied: ScenarioEdit[] = specs.flatMap((s, i) => varyEdits(s, values[i]));
    const loaded = loadScenarioBytes(read.bytes, file, [...base, ...varied]);
    if (!loaded.ok) throw new CliError('invalid variant', { issues: loaded.issues });
    checkInterval(loaded.scenario, o, file);
    requests.push({ text: loaded.text, fileName: file });
  }
  const bar = createProgressBar(ctx.stderr, `sweep ${requests.length} variants`, ctx.now);
  const workers = Math.min(o.workers ?? ctx.maxWorkers, ctx.maxWorkers);
  let answers;
  try {
    answers = await runSweepRequests(requests, { workerUrl: ctx.workerUrl, maxWorkers: workers, onDone: (n) => bar.update(n / requests.length) });
  } finally {
    bar.finish();
  }
  const rows: SweepShardRow[] = answers.map((response, i) => ({ index: ids[i] ?? i, values: combos[ids[i] ?? i] ?? [], response }));
  if (shard !== undefined) {
    const input: SweepShardInput = { vary: specs.map((s) => ({ label: s.label, paths: s.paths.map(formatPath), values: s.values })) };
    ctx.stdout.write(formatShardFile({ command: 'sweep', shard, fingerprint: fingerprint(read.bytes, { command: 'sweep', file, input, edits: base.map((e) => e.source) }), file, input, items: rows }));
    return;
  }
  reportSweep(env, file, specs, rows, format);
}

/** Prints a sweep's table (or JSON) and records its exit code; `merge` calls it with the shards' rows. */
export function reportSweep(env: CommandEnv, file: string, specs: readonly VarySpec[], rows: readonly SweepRow[], format: 'text' | 'markdown' | 'json'): void {
  const { ctx } = env;
  if (format === 'json') ctx.stdout.write(formatSweepJson(file, specs, rows));
  else if (format === 'markdown') ctx.stdout.write(formatSweepMarkdown(specs, rows));
  else ctx.stdout.write(formatSweepText(specs, rows));
  // The same error from many variants (a bad trace row meets each of them) is printed once, with their count:
  // a 10,000-variant sweep over a trace with one bad row printed its line 10,000 times.
  const errors = new Map<string, number>();
  for (const r of rows) {
    if (!r.response.ok) {
      const text = formatIssueLines(r.response.issues ?? [{ file, line: null, column: null, path: '', message: r.response.message }], ctx.errColors);
      errors.set(text, (errors.get(text) ?? 0) + 1);
      env.exit(EXIT_USAGE);
    } else env.exit(r.response.outcome.pass ? EXIT_OK : EXIT_FAILED);
  }
  for (const [text, n] of errors) ctx.stderr.write(n === 1 ? text : `${text}  (the same error in ${n.toLocaleString('en-US')} variants)\n`);
}

/** Registers `sweep` on `program`. */
export function registerSweep(program: Command, env: CommandEnv): void {
  const cmd = program
    .command('sweep')
    .description('run a scenario over a range of values and print a what-if table (in parallel worker threads)')
    .argument('<file>', 'scenario file')
    .requiredOption('--vary <path=values>', 'a field and its values, e.g. hpa.target=10..20:2 (repeatable: every combination runs)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--workers <n>', 'most worker threads, at least 1 (default: the number of CPUs)', parsePositiveInteger)
    .option('--json', 'print the table as JSON')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'));
  addJobOptions(addScenarioOptions(cmd))
    .addHelpText('after', EXAMPLES)
    .action((file: string, o: SweepOptions) => sweep(env, file, o));
}
