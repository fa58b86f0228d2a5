/**
 * `design-sim optimize FILE --vary PATH=VALUES ...`: the design with the least `--minimize` metric that
 * meets every `expect:` line on each of `--seeds` seeds. A thin adapter: sim-core's search (optimize/)
 * decides what to run; this file turns designs into document edits, runs them in worker threads, and
 * prints the answer. Exit 0 with a feasible design, 1 when none is, 2 for invalid input.
 */
import {
  buildSearchSpace,
  checkObjective,
  printableName,
  runSearch,
  searchPlanFor,
  shardIndices,
  staircaseTooLong,
  summarizeSearch,
  designUnpricedObjective,
  type DesignRecord,
  type OptimizeResult,
  type Scenario,
  type SearchOptions,
  type SearchSpace,
} from '@design-sim/sim-core';
import { Option, type Command } from 'commander';
import { CliError } from '../cli-error.ts';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes.ts';
import { formatIssueLines } from '../format/issues.ts';
import { formatOptimizeJson } from '../format/optimize-json.ts';
import { formatOptimizeMarkdown, formatOptimizeText } from '../format/optimize-report.ts';
import { createProgressBar } from '../format/progress-bar.ts';
import { loadScenarioBytes } from '../io/load-scenario.ts';
import { inputOptions } from '../io/read-input.ts';
import { readScenarioFile } from '../io/read-scenario-file.ts';
import type { ScenarioEdit } from '../io/scenario-edits.ts';
import { writeDesign } from '../io/write-design.ts';
import { checkOutputPath } from '../io/write-output-file.ts';
import { checkDimensions, createDesignEvaluator, designEdits, type DesignSource } from '../optimize/design-space.ts';
import { addJobOptions, emitJob, scenarioArgs, type JobOptions } from '../shard/job-options.ts';
import { fingerprint, formatShardFile, parseShardOption, type ShardSpec } from '../shard/shard-file.ts';
import { MAX_OPTIMIZE_BRANCHES, MAX_OPTIMIZE_VALUES, parseVaries } from '../sweep/vary-spec.ts';
import { SimWorkerPool } from '../sweep/worker-pool.ts';
import type { CommandEnv } from './command-env.ts';
import { parsePositiveInteger, parsePositiveIntegerAtMost } from './option-parsers.ts';
import { addScenarioOptions, checkInterval, editsFromOptions, type ScenarioOptions } from './scenario-options.ts';
import { outputFormat } from './output-format.ts';

interface OptimizeOptions extends ScenarioOptions, JobOptions {
  vary: string[];
  minimize: string;
  seeds: number;
  exhaustive?: boolean;
  workers?: number;
  write?: string;
  json?: boolean;
  format: 'text' | 'markdown' | 'json';
}

/** What a shard file of optimize carries besides its records (the edits, for `merge --write`). */
export interface OptimizeShardInput {
  space: SearchSpace;
  options: SearchOptions;
  edits: ScenarioEdit[];
}

/**
 * Most seeds `--seeds` may ask for: each design probed runs once per seed, so the seeds multiply every run of
 * the search. `--seeds 1000000` was accepted, grew to 1.5 GB before its first run finished and would have run
 * for days; 100 seeds already pin a 1% failure rate to within a few points, and the web app's panel stops at 20.
 */
export const MAX_OPTIMIZE_SEEDS = 100;

const EXAMPLES = `
Examples:
  $ design-sim optimize examples/fixed-fleet.yaml --vary replicas,minNodes,maxNodes=1..200 --duration 1h
  $ design-sim optimize scenario.yaml --vary instance=gcp/us-central1/g2-standard-8,aws/us-east-1/g5.xlarge --vary replicas=2..60 --write best.yaml
  $ design-sim optimize scenario.yaml --vary hpa.target=5..40 --vary hpa.maxReplicas=10..80:10 --minimize cost.monthly --seeds 5 --json

The scenario's expect: lines are the constraints: a design is feasible when every one holds on each of
--seeds seeds (the file's seed, then the next ones). Fields known to add capacity monotonically (replicas
of a fixed fleet, node counts, HPA bounds and targets, spot share) are bisected; others are tried value by
value. Several paths before "=" take each value together. Exit codes: 0 a feasible design was found,
1 none in the range is feasible (the closest is shown), 2 invalid input.`;

/**
 * The metric to minimize must have a value for the design: a training-only file has no serving metrics and a
 * serving-only file no training ones. `optimize training.yaml` with the default cost.hourly ran every design and
 * printed "FAIL: no design in the range meets every expectation …; the closest, , fails", exit 1.
 */
function checkObjectiveApplies(scenario: Scenario, metric: string, file: string): void {
  const training = metric.startsWith('training.');
  if (training && scenario.spec.training === undefined) throw new CliError(`--minimize ${metric}: ${printableName(file)} has no training run (spec.training), so ${metric} has no value: minimize a serving metric such as cost.hourly`);
  // Without services there is no serving run (sim-core beginScenario); spec.costs items are priced either way.
  if (!training && !metric.startsWith('costs.') && scenario.spec.services.length === 0) throw new CliError(`--minimize ${metric}: ${printableName(file)} has no serving simulation (no spec.services), so ${metric} has no value: minimize a training metric such as training.costUsd or training.days`);
}

async function optimize(env: CommandEnv, file: string, o: OptimizeOptions): Promise<void> {
  const { ctx } = env;
  const format = outputFormat(o);
  const objective = checkObjective(o.minimize);
  if (!objective.ok) throw new CliError(`--minimize: ${objective.message}`);
  if (o.seeds < 1) throw new CliError('--seeds: expected at least 1');
  const shard: ShardSpec | undefined = o.shard === undefined ? undefined : parseShardOption(o.shard);
  const specs = parseVaries(o.vary, MAX_OPTIMIZE_VALUES);
  if (specs.some((s) => s.paths.some((p) => p.length === 2 && p[0] === 'spec' && p[1] === 'seed'))) {
    throw new CliError('--vary seed: optimize runs every design on --seeds seeds (from spec.seed, or --seed); vary design fields');
  }
  // A path that cannot be written is refused now, not after the search.
  if (o.write !== undefined) await checkOutputPath(ctx.cwd, o.write, '--write');
  const read = await readScenarioFile(file, ctx.cwd, inputOptions(ctx));
  if (!read.ok) throw new CliError(read.issue.message, { issues: [read.issue] });
  const baseEdits = editsFromOptions(o);
  const base = loadScenarioBytes(read.bytes, file, baseEdits);
  if (!base.ok) throw new CliError('invalid scenario', { issues: base.issues });
  checkInterval(base.scenario, o, file);
  checkObjectiveApplies(base.scenario, objective.metric, file);
  ctx.stderr.write(formatIssueLines(base.warnings, ctx.errColors, 'warning'));
  if (base.scenario.spec.expect.length === 0) {
    ctx.stderr.write(`warning: ${printableName(file)} has no expect: lines, so every design is feasible and the search only minimizes ${o.minimize}\n`);
  }

  const source: DesignSource = { file, bytes: read.bytes, baseEdits, specs };
  const space = buildSearchSpace(base.scenario, specs);
  const firstSeed = base.scenario.spec.seed;
  if (firstSeed + o.seeds - 1 > 4_294_967_295) throw new CliError(`--seeds ${o.seeds}: seeds from ${firstSeed} pass the largest seed, 4294967295; lower spec.seed or --seed`);
  const options: SearchOptions = { seeds: Array.from({ length: o.seeds }, (_, i) => firstSeed + i), minimize: objective.metric, exhaustive: o.exhaustive === true };
  const plan = searchPlanFor(space, options);
  if (plan.branchCount > MAX_OPTIMIZE_BRANCHES) {
    throw new CliError(`--vary: ${plan.branchCount} combinations of values searched one by one is more than the ${MAX_OPTIMIZE_BRANCHES} optimize may run; narrow the lists, or split the work with --shard`);
  }
  const staircase = staircaseTooLong(space, plan, MAX_OPTIMIZE_BRANCHES);
  if (staircase !== null) throw new CliError(`--vary: ${staircase}`);
  checkDimensions(source);
  if (o.emitK8sJob !== undefined) {
    const args = [...o.vary.flatMap((v) => ['--vary', v]), '--minimize', o.minimize, '--seeds', String(o.seeds), ...(o.exhaustive ? ['--exhaustive'] : []), ...scenarioArgs(o)];
    emitJob(ctx, 'optimize', file, read.bytes, base.scenario.metadata.name, args, o);
    return;
  }

  const workers = Math.max(1, Math.min(o.workers ?? ctx.maxWorkers, ctx.maxWorkers));
  const pool = new SimWorkerPool({ workerUrl: ctx.workerUrl, maxWorkers: workers });
  const bar = createProgressBar(ctx.stderr, `optimize ${printableName(file)}`, ctx.now);
  // The number of runs is not known in advance: the bar assumes about 12 a branch per seed and stops at 99%.
  let runs = 0;
  const branches = shard === undefined ? undefined : shardIndices(plan.branchCount, shard.index, shard.count);
  const total = Math.max(1, branches?.length ?? plan.branchCount);
  const evaluate = createDesignEvaluator(source, pool, () => bar.update(Math.min(0.99, ++runs / (total * 12 * options.seeds.length))));
  let records: DesignRecord[];
  try {
    records = await runSearch(space, options, evaluate, { concurrency: Math.max(2, 2 * workers), ...(branches === undefined ? {} : { branches }) });
  } finally {
    bar.finish();
    await pool.close();
  }

  if (shard !== undefined) {
    const input: OptimizeShardInput = { space, options, edits: baseEdits };
    ctx.stdout.write(formatShardFile({ command: 'optimize', shard, fingerprint: fingerprint(read.bytes, { command: 'optimize', file, input }), file, input, items: records }));
    return;
  }
  const result = summarizeSearch(space, options, records);
  await reportOptimize(env, { file, result, format, ...(o.write === undefined ? {} : { write: { target: o.write, bytes: read.bytes, edits: [...baseEdits, ...designEdits(source, result.best?.design ?? [])] } }) });
}

/** Prints the answer, writes --write, records the exit code; `merge` calls it with the shards' records. */
export async function reportOptimize(
  env: CommandEnv,
  a: { file: string; result: OptimizeResult; format: 'text' | 'markdown' | 'json'; write?: { target: string; bytes: Uint8Array; edits: ScenarioEdit[] } },
): Promise<void> {
  const { ctx } = env;
  // A least lower bound is not the cheapest design: no answer rather than a PASS on a bill that lacks its prices.
  const unpriced = designUnpricedObjective(a.result.designs, a.result.minimize);
  if (unpriced !== null) throw new CliError(`optimize ${printableName(a.file)}: ${unpriced}`);
  if (a.format === 'json') ctx.stdout.write(formatOptimizeJson(a.file, a.result));
  else if (a.format === 'markdown') ctx.stdout.write(formatOptimizeMarkdown(a.file, a.result));
  else ctx.stdout.write(formatOptimizeText(a.file, a.result));
  if (a.write !== undefined) {
    if (a.result.best === null) ctx.stderr.write(`warning: --write ${printableName(a.write.target)}: nothing written, no design is feasible\n`);
    else await writeDesign(ctx.cwd, a.write.target, a.write.bytes, a.write.edits);
  }
  env.exit(a.result.feasible ? EXIT_OK : EXIT_FAILED);
}

/** Registers `optimize` on `program`. */
export function registerOptimize(program: Command, env: CommandEnv): void {
  const cmd = program
    .command('optimize')
    .description('find the cheapest design that meets every expect: line on every seed (a search, not a grid)')
    .argument('<file>', 'scenario file')
    .requiredOption('--vary <path=values>', 'a field and its values, e.g. replicas=1..200 (repeatable; paths joined by commas take each value together)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--minimize <metric>', 'the metric to minimize (any expect: metric)', 'cost.hourly')
    .option('--seeds <n>', 'seeds each feasible design must pass on: the file\'s seed and the next n−1', parsePositiveIntegerAtMost(MAX_OPTIMIZE_SEEDS), 3)
    .option('--exhaustive', 'run the full grid instead of bisecting monotone fields (to check the search)')
    .option('--workers <n>', 'most worker threads, at least 1 (default: the number of CPUs)', parsePositiveInteger)
    .option('--write <file>', 'save the best design as a scenario file (your file with the chosen values; comments kept)')
    .option('--json', 'print the answer as JSON')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'));
  addJobOptions(addScenarioOptions(cmd))
    .addHelpText('after', EXAMPLES)
    .action((file: string, o: OptimizeOptions) => optimize(env, file, o));
}
