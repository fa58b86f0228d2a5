/** `design-sim estimate …`: back-of-envelope answers (training, serving), each in its own file. */
import type { Command } from 'commander';
import type { CommandEnv } from './command-env.ts';
import { registerEstimateServing } from './estimate-serving.ts';
import { registerEstimateTraining } from './estimate-training.ts';

const EXAMPLES = `
Examples:
  $ design-sim estimate training --params 7e9 --tokens 2e12 --gpu a100-80gb --gpus 32 --mfu 0.4 --spot --budget 50000
  $ design-sim estimate serving --qps 1000 --latency 50ms --slo 250ms --gpu l4`;

/** Registers `estimate` and its subcommands on `program`. */
export function registerEstimate(program: Command, env: CommandEnv): void {
  const estimate = program.command('estimate').description('back-of-envelope answers with the formula shown').addHelpText('after', EXAMPLES);
  registerEstimateTraining(estimate, env);
  registerEstimateServing(estimate, env);
}
