/**
 * `design-sim estimate training`: the 6·N·D back-of-envelope in one line, with the formula and the
 * price's source. No checkpoint or interruption losses (a scenario's spec.training models those).
 */
import { MIXED_ADAM_BYTES_PER_PARAM, trainingEstimate, type CloudId, type TrainingEstimate } from '@design-sim/cost-model';
import { describeTrainingMemory, MAX_TRAINING_GPUS, MAX_TRAINING_PARAMETERS, MAX_TRAINING_TOKENS, MIN_TRAINING_MFU, trainingDiagnostics, trainingMemoryFit, toPlainJson } from '@design-sim/sim-core';
import { Option, type Command } from 'commander';
import { CliError } from '../cli-error.ts';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes.ts';
import { JSON_FORMAT_VERSION, stringifyJson } from '../format/json-output.ts';
import { formatInt, formatNum, formatSci, formatUsd } from '../format/numbers.ts';
import { chooseGpuPrice, type GpuPriceChoice } from '../pipeline/gpu-price.ts';
import type { CommandEnv } from './command-env.ts';
import { parseCountAtMost, parseFractionAtLeast, parsePositiveIntegerAtMost, parsePriceOption, parseUsdOption } from './option-parsers.ts';

interface TrainingOptions {
  params: number;
  tokens: number;
  gpu?: string;
  gpus: number;
  mfu: number;
  precision: 'bf16' | 'fp8';
  spot?: boolean;
  budget?: number;
  price?: number;
  instance?: string;
  cloud?: CloudId;
  zeroStage?: '0' | '1' | '2' | '3';
  json?: boolean;
}

const EXAMPLES = `
Examples:
  $ design-sim estimate training --params 7e9 --tokens 2e12 --gpu a100-80gb --gpus 32 --mfu 0.4
  $ design-sim estimate training --params 7B --tokens 2T --gpu a100-80gb --gpus 32 --mfu 40% --spot --budget 50000
  $ design-sim estimate training --params 70B --tokens 15T --gpu h100 --gpus 1024 --mfu 0.4 --price 2.49

Exit codes: 0 answered (and within --budget), 1 over --budget or the model states do not fit in GPU memory, 2 invalid input.`;

const FORMULA = 'FLOPs = 6·N·D; time = FLOPs ÷ (GPUs × peak dense FLOP/s × MFU); cost = GPUs × hours × $/GPU-hour (no checkpoint or interruption losses)';

/** The one-line answer. */
export function trainingLine(o: TrainingOptions, e: TrainingEstimate, choice: GpuPriceChoice): string {
  const peakTflops = e.peakFlopsPerGpu / 1e12;
  const time = `${formatSci(o.params)} params × ${formatSci(o.tokens)} tokens × 6 = ${formatSci(e.flops)} FLOPs ÷ (${formatInt(o.gpus)} × ${choice.gpu.id} ${formatNum(peakTflops)} TFLOPS ${o.precision} × MFU ${formatNum(o.mfu)}) = ${formatNum(e.idealDays)} days, ${formatInt(e.idealGpuHours)} GPU-hours`;
  if (choice.usdPerGpuHour === null || e.idealCostUsd === null) return `${time}; cost unknown (no price)`;
  const cost = `${time} × ${formatUsd(choice.usdPerGpuHour)}/GPU-h (${choice.capacity}) = ${formatUsd(e.idealCostUsd)}`;
  const b = e.budget;
  if (b === undefined) return cost;
  return b.fits
    ? `${cost}: within the ${formatUsd(b.budgetUsd)} budget (${formatUsd(b.budgetUsd - e.idealCostUsd)} to spare)`
    : `${cost}: over the ${formatUsd(b.budgetUsd)} budget by ${formatUsd(b.shortfallUsd)} (it buys ${formatSci(b.tokensAffordable)} tokens or ${formatNum(b.daysAffordable)} days)`;
}

function estimate(env: CommandEnv, o: TrainingOptions): void {
  const capacity = o.spot ? 'spot' : 'on-demand';
  const choice = chooseGpuPrice({ gpu: o.gpu, instance: o.instance, cloud: o.cloud, capacity, price: o.price });
  let e: TrainingEstimate;
  try {
    e = trainingEstimate({
      parameters: o.params,
      tokens: o.tokens,
      gpu: choice.gpu,
      gpuCount: o.gpus,
      mfu: o.mfu,
      precision: o.precision,
      usdPerGpuHour: choice.usdPerGpuHour,
      ...(o.budget === undefined ? {} : { budgetUsd: o.budget }),
    });
  } catch (err) {
    throw new CliError(`estimate training: ${err instanceof Error ? err.message : String(err)}`);
  }
  const { ctx } = env;
  const memoryFit = trainingMemoryFit({ parameters: o.params, zeroStage: o.zeroStage === undefined ? undefined : (Number(o.zeroStage) as 0 | 1 | 2 | 3), activationGBPerGpu: undefined }, choice.gpu, o.gpus);
  const adam = MIXED_ADAM_BYTES_PER_PARAM;
  if (o.json) {
    ctx.stdout.write(`${stringifyJson(toPlainJson({ formatVersion: JSON_FORMAT_VERSION, input: o, gpu: choice.gpu.id, usdPerGpuHour: choice.usdPerGpuHour, priceSource: choice.note, estimate: e, memoryFit }))}\n`);
  } else {
    const t = { memoryGB: (o.params * (adam.weights + adam.gradients + adam.optimizer)) / 1e9, gpuCount: o.gpus, memoryFit };
    const errors = trainingDiagnostics(t).map((d) => `${ctx.colors.red(`✗ error: ${d.message}`)}\n`);
    ctx.stdout.write(`${trainingLine(o, e, choice)}\n${ctx.colors.dim(`  memory: ${describeTrainingMemory(t)}`)}\n${ctx.colors.dim(`  formula: ${FORMULA}`)}\n${ctx.colors.dim(`  price: ${choice.note}`)}\n${errors.join('')}`);
  }
  env.exit((e.budget === undefined || e.budget.fits) && memoryFit.fits ? EXIT_OK : EXIT_FAILED);
}

/** Registers `estimate training` under the `estimate` command. */
export function registerEstimateTraining(estimateCmd: Command, env: CommandEnv): void {
  estimateCmd
    .command('training')
    .description('training time and cost from 6·N·D, in one line')
    .requiredOption('--params <count>', 'model parameters, e.g. 7e9 or 7B', parseCountAtMost(MAX_TRAINING_PARAMETERS))
    .requiredOption('--tokens <count>', 'training tokens, e.g. 2e12 or 2T', parseCountAtMost(MAX_TRAINING_TOKENS))
    .option('--gpu <id>', 'GPU id or alias from the catalog, e.g. a100-80gb, h100')
    .requiredOption('--gpus <n>', 'number of GPUs', parsePositiveIntegerAtMost(MAX_TRAINING_GPUS))
    .option('--mfu <fraction>', 'model FLOPs utilization, e.g. 0.4 or 40%', parseFractionAtLeast(MIN_TRAINING_MFU), 0.4)
    .addOption(new Option('--precision <p>', 'precision the peak FLOP/s is quoted at').choices(['bf16', 'fp8']).default('bf16'))
    .option('--spot', 'use spot prices')
    .option('--budget <usd>', 'budget to check against, e.g. 50000 or 50K', parseUsdOption)
    .option('--price <usd>', 'price per GPU-hour instead of the catalog', parsePriceOption)
    .option('--instance <id>', 'price from this catalog instance, e.g. aws/us-east-1/p4de.24xlarge')
    .addOption(new Option('--cloud <cloud>', 'only consider this cloud').choices(['aws', 'gcp', 'azure']))
    .addOption(new Option('--zero-stage <n>', 'ZeRO stage sharding the model states over the GPUs (0 = none … 3 = FSDP full shard); default: check stage 3').choices(['0', '1', '2', '3']))
    .option('--json', 'print JSON')
    .addHelpText('after', EXAMPLES)
    .action((o: TrainingOptions) => estimate(env, o));
}
