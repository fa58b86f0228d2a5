/**
 * `design-sim compare A.yaml B.yaml`: runs both designs (with the same --seed/--duration/--set, so the
 * comparison is like for like) and prints them side by side with the differences. Exit codes as `run`.
 */
import type { ScenarioIssue } from '@design-sim/sim-core';
import { Option, type Command } from 'commander';
import { CliError } from '../cli-error.ts';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes.ts';
import { formatCompareJson, formatCompareMarkdown, formatCompareText } from '../format/compare-table.ts';
import { formatIssueLines } from '../format/issues.ts';
import type { RunReport } from '../format/run-report.ts';
import { prepareScenarioFile, runPreparedFile } from '../pipeline/run-scenario-file.ts';
import type { CommandEnv } from './command-env.ts';
import { addScenarioOptions, type ScenarioOptions } from './scenario-options.ts';
import { outputFormat } from './output-format.ts';

interface CompareOptions extends ScenarioOptions {
  json?: boolean;
  format: 'text' | 'markdown' | 'json';
}

const EXAMPLES = `
Examples:
  $ design-sim compare examples/fixed-fleet.yaml examples/hpa-step.yaml
  $ design-sim compare before.yaml after.yaml --duration 2h --format markdown

Exit codes: 0 both designs meet their expectations, 1 one does not, 2 invalid input.`;

/**
 * Each issue once: a file compared with itself (a --set tried on both sides) printed every error twice, word for word,
 * where the rule is one located error.
 */
function distinct(issues: readonly ScenarioIssue[]): ScenarioIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = JSON.stringify(i);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Registers `compare` on `program`. */
export function registerCompare(program: Command, env: CommandEnv): void {
  const cmd = program
    .command('compare')
    .description('run two designs and show them side by side, with the differences')
    .argument('<a>', 'first scenario file (A)')
    .argument('<b>', 'second scenario file (B)')
    .option('--json', 'print JSON')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'));
  addScenarioOptions(cmd)
    .addHelpText('after', EXAMPLES)
    .action(async (fileA: string, fileB: string, o: CompareOptions) => {
      const { ctx } = env;
      const format = outputFormat(o);
      // Both files are loaded and checked before either runs: a bad B was reported only after A's whole run.
      const prepared = [await prepareScenarioFile(ctx, fileA, o), await prepareScenarioFile(ctx, fileB, o)];
      const refused = distinct(prepared.flatMap((p) => (p.ok ? [] : p.issues)));
      if (refused.length > 0) throw new CliError('invalid scenario', { issues: refused });
      const reports: RunReport[] = [];
      const issues = [];
      for (const p of prepared) {
        if (!p.ok) continue;
        const outcome = runPreparedFile(ctx, p);
        if (outcome.ok) reports.push(outcome.report);
        else issues.push(...outcome.issues);
      }
      if (issues.length > 0) throw new CliError('invalid scenario', { issues: distinct(issues) });
      const [a, b] = reports as [RunReport, RunReport];
      ctx.stderr.write(formatIssueLines(distinct(reports.flatMap((r) => r.warnings)), ctx.errColors, 'warning'));
      if (format === 'json') ctx.stdout.write(formatCompareJson(a, b));
      else if (format === 'markdown') ctx.stdout.write(formatCompareMarkdown(a, b));
      else ctx.stdout.write(formatCompareText(a, b, ctx.colors));
      env.exit(a.result.pass && b.result.pass ? EXIT_OK : EXIT_FAILED);
    });
}
