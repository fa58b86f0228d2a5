/**
 * The commander program: one registration per command file, shared error handling. `runCli` never
 * throws and never prints a stack trace: every failure becomes one `design-sim: …` line (or located
 * scenario issues) and an exit code (exit-codes.ts).
 */
import { Command, CommanderError } from 'commander';
import { printable } from '@design-sim/sim-core';
import { CliError } from './cli-error.ts';
import { CLI_VERSION } from './cli-version.ts';
import type { CommandEnv } from './commands/command-env.ts';
import { registerCompare } from './commands/compare.ts';
import { registerEstimate } from './commands/estimate.ts';
import { registerPrices } from './commands/prices.ts';
import { registerRun } from './commands/run.ts';
import { registerK8s } from './commands/k8s.ts';
import { registerMerge } from './commands/merge.ts';
import { registerOptimize } from './commands/optimize.ts';
import { registerSweep } from './commands/sweep.ts';
import { registerValidate } from './commands/validate.ts';
import type { CliContext } from './context.ts';
import { EXIT_OK, EXIT_USAGE, worstExitCode } from './exit-codes.ts';
import { formatIssueLines } from './format/issues.ts';

export { CLI_VERSION } from './cli-version.ts';

const OVERVIEW = `
Examples:
  $ design-sim run examples/serving-autoscaling.yaml
  $ design-sim validate examples/*.yaml
  $ design-sim estimate training --params 7e9 --tokens 2e12 --gpu a100-80gb --gpus 32 --mfu 0.4
  $ design-sim prices --gpu h100

Exit codes: 0 success (every expectation holds), 1 an expectation failed, 2 invalid input or usage.
Docs: docs/cli.md, docs/json-output.md. Set NO_COLOR=1 to turn colour off.`;

/** Builds the program; commands report exit codes through `env.exit`. */
export function buildProgram(env: CommandEnv): Command {
  const { ctx } = env;
  const program = new Command('design-sim');
  // Settings made before .command() are inherited by every subcommand.
  program
    .description('Simulate GPU serving fleets and training runs: latency, availability, autoscaling and cost.')
    .version(CLI_VERSION, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(add --help for usage and examples)')
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
      outputError: (s, write) => write(`design-sim: ${printable(s.replace(/^error: /, ''))}`),
    })
    .addHelpText('after', OVERVIEW)
    // Every command's arguments are file names. An empty one (an unset shell variable: `design-sim run "$F"`)
    // resolved to the working folder and was refused as "error:  is a directory … e.g. /*.yaml".
    .hook('preAction', (_program, action) => {
      const empty = action.args.indexOf('');
      if (empty < 0) return;
      const name = action.parent === null || action.parent === program ? action.name() : `${action.parent.name()} ${action.name()}`;
      throw new CliError(`${name}: argument ${empty + 1} is empty: expected a file name`);
    });
  registerRun(program, env);
  registerValidate(program, env);
  registerEstimate(program, env);
  registerPrices(program, env);
  registerCompare(program, env);
  registerSweep(program, env);
  registerOptimize(program, env);
  registerMerge(program, env);
  registerK8s(program, env);
  return program;
}

function reportError(e: unknown, ctx: CliContext): number {
  if (e instanceof CommanderError) {
    // Help and version are successes; everything else commander rejects is a usage error (already printed).
    return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? EXIT_OK : EXIT_USAGE;
  }
  if (e instanceof CliError) {
    ctx.stderr.write(e.issues.length > 0 ? formatIssueLines(e.issues, ctx.errColors) : `design-sim: ${printable(e.message)}\n`);
    return e.exitCode;
  }
  // A bug, not bad input: still one line, no stack trace (DESIGN_SIM_DEBUG=1 shows it).
  const message = e instanceof Error ? e.message : String(e);
  ctx.stderr.write(`design-sim: internal error: ${printable(message)}\n`);
  if (ctx.env.DESIGN_SIM_DEBUG && e instanceof Error && e.stack) ctx.stderr.write(`${e.stack}\n`);
  return EXIT_USAGE;
}

/** Runs the CLI on `argv` (without the node and script entries); resolves to the exit code. */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  const codes: number[] = [];
  const program = buildProgram({ ctx, exit: (code) => void codes.push(code) });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return worstExitCode(codes);
  } catch (e) {
    return worstExitCode([...codes, reportError(e, ctx)]);
  }
}
