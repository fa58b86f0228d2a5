/**
 * `design-sim validate FILE...`: schema and catalog-reference checks only, no simulation. Exit 0 when
 * every file is valid, 2 otherwise. Fast enough for a pre-commit hook.
 */
import { formatDuration, printableName, type Scenario, toPlainJson, traceRowIssues } from '@design-sim/sim-core';
import type { Command } from 'commander';
import { EXIT_OK, EXIT_USAGE } from '../exit-codes.ts';
import { formatIssueLines } from '../format/issues.ts';
import { JSON_FORMAT_VERSION, stringifyJson } from '../format/json-output.ts';
import { loadScenario, type LoadScenarioResult } from '../io/load-scenario.ts';
import { fileTraceOpener, missingTraceIssues } from '../io/trace-file.ts';
import { inputOptions } from '../io/read-input.ts';
import { parseSetArgument } from '../io/scenario-edits.ts';
import type { CommandEnv } from './command-env.ts';

const EXAMPLES = `
Examples:
  $ design-sim validate examples/*.yaml
  $ design-sim validate scenario.yaml --json

Exit codes: 0 every file is valid, 2 a file is not.`;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One line saying what a valid scenario holds. */
export function describeScenario(s: Scenario): string {
  const spec = s.spec;
  const parts: string[] = [];
  const services = spec.services ?? [];
  if (services.length > 0) parts.push(plural(services.length, 'service'), plural((spec.nodePools ?? []).length, 'node pool'), `${formatDuration(spec.duration ?? 0)} simulated`);
  if (spec.training !== undefined) parts.push('a training run');
  parts.push(plural((spec.expect ?? []).length, 'expectation'));
  const claims = Object.keys(spec.claims ?? {}).length;
  if (claims > 0) parts.push(plural(claims, 'claim'));
  return `${s.metadata.name}: ${parts.join(', ')}`;
}

function resultJson(r: LoadScenarioResult): unknown {
  return r.ok ? { file: r.file, valid: true, scenario: r.scenario.metadata.name, warnings: r.warnings } : { file: r.file, valid: false, issues: r.issues };
}

/** Registers `validate` on `program`. */
export function registerValidate(program: Command, env: CommandEnv): void {
  program
    .command('validate')
    .description('check scenario files against the schema and the catalog, without running them')
    .argument('<files...>', 'scenario files (YAML or JSON)')
    .option('--json', 'print the results as JSON')
    .option('--set <path=value>', 'change a field before validation (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .addHelpText('after', EXAMPLES)
    .action(async (files: string[], o: { json?: boolean; set?: string[] }) => {
      const { ctx } = env;
      const edits = (o.set ?? []).map(parseSetArgument);
      const results: LoadScenarioResult[] = [];
      for (const file of files) {
        const loaded = await loadScenario(file, ctx.cwd, edits, inputOptions(ctx));
        // The trace files a run would read: `validate` said "valid" for a scenario whose trace file does not
        // exist, and `run` then refused it (the same check, before any simulation).
        // Then its rows, through the reader run replays from: a header with no rows was "valid" and refused by run.
        const missing = loaded.ok ? missingTraceIssues(loaded.scenario, file, ctx.cwd, loaded.text) : [];
        const traced = loaded.ok && missing.length === 0 ? traceRowIssues(loaded.scenario, fileTraceOpener(file, ctx.cwd)) : missing;
        const r: LoadScenarioResult = traced.length > 0 ? { ok: false, file, issues: traced } : loaded;
        results.push(r);
        env.exit(r.ok ? EXIT_OK : EXIT_USAGE);
        if (o.json) continue;
        if (r.ok) {
          ctx.stderr.write(formatIssueLines(r.warnings, ctx.errColors, 'warning'));
          ctx.stdout.write(`${ctx.colors.green('valid')} ${printableName(file)} (${describeScenario(r.scenario)})\n`);
        } else {
          ctx.stderr.write(formatIssueLines(r.issues, ctx.errColors));
        }
      }
      if (o.json) ctx.stdout.write(`${stringifyJson(toPlainJson({ formatVersion: JSON_FORMAT_VERSION, files: results.map(resultJson) }))}\n`);
    });
}
