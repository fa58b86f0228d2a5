/**
 * `design-sim run FILE...`: runs each scenario, prints each report, writes the requested CSV and SVG
 * files, and exits 0 (all expectations hold), 1 (one failed) or 2 (invalid input) — the worst over files.
 */
import { join, parse as parsePath, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { printableName } from '@design-sim/sim-core';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit-codes.ts';
import { componentColumns, csvFileName, timeSeriesCsv } from '../format/csv.ts';
import { formatIssueLines } from '../format/issues.ts';
import { formatJson } from '../format/json-output.ts';
import { formatRunMarkdown } from '../format/markdown.ts';
import { replicaCapacityQps } from '../format/replica-capacity.ts';
import { p99SloMs, type RunReport } from '../format/run-report.ts';
import { formatSummaryText } from '../format/summary-text.ts';
import { plotComponents, renderSvgPlot } from '../format/svg-plot.ts';
import { CliError } from '../cli-error.ts';
import { loadScenario } from '../io/load-scenario.ts';
import { inputOptions } from '../io/read-input.ts';
import { checkOutputPath, refuseInputAsOutput, writeOutputFile } from '../io/write-output-file.ts';
import { runScenarioFile } from '../pipeline/run-scenario-file.ts';
import type { CommandEnv } from './command-env.ts';
import { addScenarioOptions, editsFromOptions, type ScenarioOptions } from './scenario-options.ts';
import { outputFormat } from './output-format.ts';

/** Output formats of `run`. */
export type RunFormat = 'text' | 'markdown' | 'json';

interface RunOptions extends ScenarioOptions {
  json?: boolean;
  format: RunFormat;
  csv?: string;
  plot?: string;
}

const EXAMPLES = `
Examples:
  $ design-sim run examples/serving-autoscaling.yaml
  $ design-sim run examples/*.yaml --format markdown > comment.md
  $ design-sim run scenario.yaml --json --interval 15s > result.json
  $ design-sim run scenario.yaml --duration 2h --set spec.services[0].hpa.maxReplicas=40 --plot run.svg --csv out/

Exit codes: 0 every expectation holds, 1 an expectation failed, 2 invalid input or usage.`;

/** --plot's file for one report: FILE itself for a single scenario, FILE-<scenario>.svg for several. */
export function plotFileFor(plot: string, scenarioName: string, many: boolean): string {
  if (!many) return plot;
  const p = parsePath(plot);
  return join(p.dir, `${p.name}-${scenarioName}${p.ext || '.svg'}`);
}

async function writeArtifacts(env: CommandEnv, report: RunReport, o: RunOptions, many: boolean): Promise<void> {
  const { ctx } = env;
  const ts = report.result.timeseries;
  const name = report.result.scenario.name;
  if ((o.csv !== undefined || o.plot !== undefined) && ts === null) {
    ctx.stderr.write(`note: ${printableName(report.file)} has no serving simulation (training only): no time series to write\n`);
    return;
  }
  if (ts === null) return;
  if (o.csv !== undefined) {
    const file = join(o.csv, csvFileName(name));
    await writeOutputFile(ctx.cwd, file, timeSeriesCsv(ts, componentColumns(report.result)), '--csv');
    ctx.stderr.write(`wrote ${printableName(file)}\n`);
  }
  if (o.plot !== undefined) {
    const file = plotFileFor(o.plot, name, many);
    const title = `${name}${report.result.scenario.title === null ? '' : ` — ${report.result.scenario.title}`} (seed ${report.result.seed})`;
    await writeOutputFile(ctx.cwd, file, renderSvgPlot({ title, timeseries: ts, replicaCapacityQps: replicaCapacityQps(report.scenario), sloMs: p99SloMs(report.result), ...plotComponents(report.result) }), '--plot');
    ctx.stderr.write(`wrote ${printableName(file)}\n`);
  }
}

/**
 * Before any run: the output paths must be writable, and two different files must not write the same
 * output (two scenarios with one metadata.name would overwrite each other's CSV and plot).
 */
async function checkOutputs(env: CommandEnv, files: string[], o: RunOptions): Promise<void> {
  const { ctx } = env;
  if (o.csv !== undefined) await checkOutputPath(ctx.cwd, o.csv, '--csv', { directory: true });
  if (o.plot !== undefined) await checkOutputPath(ctx.cwd, o.plot, '--plot');
  if (o.csv === undefined && o.plot === undefined) return;
  const byName = new Map<string, string>();
  for (const file of files) {
    const loaded = await loadScenario(file, ctx.cwd, editsFromOptions(o), inputOptions(ctx));
    if (!loaded.ok) continue; // reported when its turn comes
    const name = loaded.scenario.metadata.name;
    if (o.plot !== undefined) await refuseInputAsOutput(ctx.cwd, plotFileFor(o.plot, name, files.length > 1), files, '--plot');
    if (o.csv !== undefined) await refuseInputAsOutput(ctx.cwd, join(o.csv, csvFileName(name)), files, '--csv');
    const first = byName.get(name);
    if (first !== undefined && resolve(ctx.cwd, first) !== resolve(ctx.cwd, file)) {
      const out = o.plot !== undefined ? plotFileFor(o.plot, name, true) : join(o.csv ?? '', csvFileName(name));
      throw new CliError(`${o.plot !== undefined ? '--plot' : '--csv'}: ${first} and ${file} are both scenario "${name}", so both would write ${out}: give one a different metadata.name (nothing was run)`);
    }
    byName.set(name, file);
  }
}

async function runFiles(env: CommandEnv, files: string[], o: RunOptions): Promise<void> {
  const { ctx } = env;
  const format: RunFormat = outputFormat(o);
  await checkOutputs(env, files, o);
  const reports: RunReport[] = [];
  for (const [i, file] of files.entries()) {
    let early = 0;
    const outcome = await runScenarioFile(ctx, file, o, {
      beforeRun: (warnings) => {
        early = warnings.length;
        ctx.stderr.write(formatIssueLines(warnings, ctx.errColors, 'warning'));
      },
    });
    if (!outcome.ok) {
      ctx.stderr.write(formatIssueLines(outcome.issues, ctx.errColors));
      env.exit(EXIT_USAGE);
      continue;
    }
    const report = outcome.report;
    ctx.stderr.write(formatIssueLines(report.warnings.slice(early), ctx.errColors, 'warning'));
    reports.push(report);
    if (format === 'text') ctx.stdout.write(`${i > 0 ? '\n' : ''}${formatSummaryText(report, ctx.colors)}`);
    if (format === 'markdown') ctx.stdout.write(`${reports.length > 1 ? '\n---\n\n' : ''}${formatRunMarkdown(report)}`);
    await writeArtifacts(env, report, o, files.length > 1);
    env.exit(report.result.pass ? EXIT_OK : EXIT_FAILED);
  }
  if (format === 'json' && reports.length > 0) ctx.stdout.write(formatJson(reports));
}

/** Registers `run` on `program`. */
export function registerRun(program: Command, env: CommandEnv): void {
  const cmd = program
    .command('run')
    .description('run scenarios and check their expectations')
    .argument('<files...>', 'scenario files (YAML or JSON)')
    .option('--json', 'one JSON document on stdout (same as --format json; docs/json-output.md)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .option('--csv <dir>', 'write the time series to <dir>/<scenario>.timeseries.csv')
    .option('--plot <file.svg>', 'write charts of the run as SVG');
  addScenarioOptions(cmd)
    .addHelpText('after', EXAMPLES)
    .action((files: string[], o: RunOptions) => runFiles(env, files, o));
}
