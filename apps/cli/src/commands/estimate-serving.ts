/**
 * `design-sim estimate serving`: replicas needed for a latency percentile by Erlang C (M/M/c, each of
 * a replica's `concurrency` slots a server), then the bill on the cheapest catalog instance for the GPU.
 * With `--service constant` the wait is still taken from M/M/c and the service time added as a constant:
 * conservative, since deterministic service waits less than exponential (the Lee–Longton approximation
 * Wq(M/G/c) ≈ (1 + Cs²)/2 · Wq(M/M/c) gives about half for Cs = 0).
 */
import { costPerMillionRequests, HOURS_PER_MONTH, type CloudId } from '@design-sim/cost-model';
import { erlangC, formatDuration, MAX_CONCURRENCY, serversForSlo, sojournQuantile, toPlainJson } from '@design-sim/sim-core';
import { Option, type Command } from 'commander';
import { CliError } from '../cli-error.ts';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes.ts';
import { JSON_FORMAT_VERSION, stringifyJson } from '../format/json-output.ts';
import { formatInt, formatMs, formatNum, formatPercent, formatUsd } from '../format/numbers.ts';
import { chooseGpuPrice, type GpuPriceChoice } from '../pipeline/gpu-price.ts';
import type { CommandEnv } from './command-env.ts';
import { parseLatencyOption, parsePercentileOption, parsePositiveInteger, parsePositiveIntegerAtMost, parsePriceOption, parseQpsOption } from './option-parsers.ts';

/**
 * Largest M/M/c searched, servers (sim-core's serversForSlo default): 10⁷ request slots answers 1M QPS at
 * a 5 s mean (5·10⁶ Erlangs) in about a second; beyond it the answer is to split the traffic.
 */
const MAX_SERVERS = 10_000_000;

interface ServingOptions {
  qps: number;
  latency: number;
  slo?: number;
  percentile: number;
  concurrency: number;
  service: 'exponential' | 'constant';
  gpu?: string;
  gpusPerReplica: number;
  instance?: string;
  cloud?: CloudId;
  spot?: boolean;
  price?: number;
  json?: boolean;
}

/** The queueing answer: servers, replicas and what they achieve. */
export interface ServingSizing {
  offeredErlangs: number;
  servers: number;
  replicas: number;
  utilization: number;
  probabilityOfWait: number;
  /** Predicted latency at the percentile, s (M/M/c; for constant service, the upper bound). */
  latencyAtPercentileSeconds: number;
}

const EXAMPLES = `
Examples:
  $ design-sim estimate serving --qps 1000 --latency 50ms --gpu l4
  $ design-sim estimate serving --qps 1000 --latency 50ms --slo 250ms --gpu l4 --cloud gcp
  $ design-sim estimate serving --qps 1000 --latency 50ms --slo 100ms --service constant --gpu a10g --spot

--latency is the mean service time of one request; --slo the latency target at --percentile (default 99).
Without --slo, replicas are sized so that fewer than 1% of requests wait at all.
Exit codes: 0 answered, 1 no replica count meets the SLO, 2 invalid input.`;

/**
 * Smallest server count whose Erlang C probability of waiting satisfies `ok(c, C)`, from the first
 * stable count; Infinity if none up to MAX_SERVERS. Erlang B is carried along the recurrence
 * B(c) = a·B(c−1) / (c + a·B(c−1)), so the search is O(c) in all, not O(c²).
 */
function smallestServers(lambda: number, mu: number, ok: (c: number, erlangCProbability: number) => boolean): number {
  const a = lambda / mu;
  let b = 1;
  for (let c = 1; c <= MAX_SERVERS; c++) {
    b = (a * b) / (c + a * b);
    if (c <= a) continue;
    const rho = a / c;
    if (ok(c, b / (1 - rho * (1 - b)))) return c;
  }
  return Infinity;
}

/** Sizes the fleet; replicas is Infinity when the SLO cannot be met. */
export function sizeServing(o: Pick<ServingOptions, 'qps' | 'latency' | 'slo' | 'percentile' | 'concurrency' | 'service'>): ServingSizing {
  const lambda = o.qps;
  const mu = 1 / o.latency;
  const tail = 1 - o.percentile;
  let servers: number;
  if (o.slo === undefined) servers = smallestServers(lambda, mu, (_c, pWait) => pWait <= tail);
  else if (o.service === 'exponential') {
    // With unlimited servers nobody waits and P(T > t) = e^{−μt}: if that already misses, no count helps
    // (checked first: serversForSlo would otherwise search all MAX_SERVERS counts).
    servers = Math.exp(-mu * o.slo) > tail ? Infinity : serversForSlo(lambda, mu, o.slo, o.percentile, MAX_SERVERS);
  } else {
    // M/M/c waiting tail P(Wq > t) = C·e^{−(cμ−λ)t}, with t = SLO − S for a constant service time S.
    const slack = o.slo - o.latency;
    servers = slack <= 0 ? Infinity : smallestServers(lambda, mu, (c, pWait) => pWait * Math.exp(-(c * mu - lambda) * slack) <= tail);
  }
  const replicas = Math.ceil(servers / o.concurrency);
  const c = replicas * o.concurrency;
  const q = { lambda, mu, servers: c };
  const finite = Number.isFinite(c);
  const waitQuantile = finite ? Math.max(0, Math.log(erlangC(q) / tail) / (c * mu - lambda)) : Infinity;
  return {
    offeredErlangs: lambda / mu,
    servers,
    replicas,
    utilization: finite ? lambda / (c * mu) : NaN,
    probabilityOfWait: finite ? erlangC(q) : NaN,
    latencyAtPercentileSeconds: !finite ? Infinity : o.service === 'exponential' ? sojournQuantile(q, o.percentile) : o.latency + waitQuantile,
  };
}

/** ρ to two significant digits, or as many as it takes to stay below 1: a stable fleet never reads "ρ = 1". */
function formatUtilization(rho: number): string {
  let digits = 2;
  while (digits < 15 && rho < 1 && Number(rho.toPrecision(digits)) >= 1) digits++;
  return formatNum(rho, digits);
}

/**
 * "p99", "p99.9", "p99.9999": as many digits as it takes not to read as p100 (three significant digits wrote the
 * highest percentile --percentile takes, 99.9999, as "p100").
 */
export function percentileName(percentile: number): string {
  const pct = percentile * 100;
  let digits = 3;
  while (digits < 15 && Number(pct.toPrecision(digits)) >= 100) digits++;
  return `p${formatNum(pct, digits)}`;
}

/** The tail beyond a percentile, as a percentage of requests: "1%", "0.0001%" (three decimals wrote 10⁻⁶ as "0%"). */
export function tailPercent(percentile: number): string {
  return `${formatNum((1 - percentile) * 100, 3)}%`;
}

/** P(wait) as a percentage: two decimals, or two significant digits below 0.01% (a P(wait) of 10⁻⁷ read "0%"). */
function waitPercent(p: number): string {
  return p > 0 && p < 1e-4 ? `${formatNum(p * 100, 2)}%` : formatPercent(p, 2);
}

function formula(o: ServingOptions): string {
  const base = 'a = λ·S Erlangs; M/M/c Erlang C: C(c,a) = B/(1−ρ(1−B)), B = Erlang B, ρ = a/c';
  if (o.slo === undefined) return `${base}; smallest c with C(c,a) ≤ ${tailPercent(o.percentile)} (${percentileName(o.percentile).slice(1)}% of requests never wait); replicas = ⌈c ÷ concurrency⌉`;
  if (o.service === 'exponential') return `${base}; P(T>t) = (1−C)e^{−μt} + C(θe^{−μt} − μe^{−θt})/(θ−μ), θ = cμ−λ; smallest c with P(T>SLO) ≤ ${tailPercent(o.percentile)}; replicas = ⌈c ÷ concurrency⌉`;
  return `${base}; constant service S: P(T>t) ≤ C·e^{−(cμ−λ)(t−S)} (the M/M/c wait: conservative, as constant service waits less — about half on average by the Lee–Longton approximation); smallest c with P(T>SLO) ≤ ${tailPercent(o.percentile)}; replicas = ⌈c ÷ concurrency⌉`;
}

function infeasible(o: ServingOptions): string {
  const pct = percentileName(o.percentile);
  const slo = o.slo === undefined ? '' : formatMs(o.slo * 1000);
  const tail = 1 - o.percentile;
  if (o.slo !== undefined && o.service === 'exponential' && Math.exp(-o.slo / o.latency) > tail) {
    const serviceAlone = -Math.log(tail) * o.latency;
    return `no replica count meets ${pct} ≤ ${slo}: with exponential service (mean ${formatMs(o.latency * 1000)}) the service time alone exceeds ${formatMs(serviceAlone * 1000)} for ${tailPercent(o.percentile)} of requests; raise --slo, or use --service constant if the model's time is steady`;
  }
  const what = o.slo === undefined ? `so that ${pct.slice(1)}% of requests never wait` : `for ${pct} ≤ ${slo}`;
  return `no answer ${what} within ${formatInt(MAX_SERVERS)} request slots (the offered load is ${formatNum(o.qps * o.latency)} Erlangs): split the traffic across several fleets`;
}

interface Bill {
  nodes: number;
  usdPerHour: number;
  monthlyUsd: number;
  perMillionUsd: number | null;
}

function bill(o: ServingOptions, s: ServingSizing, choice: GpuPriceChoice): Bill | null {
  if (choice.usdPerGpuHour === null || !Number.isFinite(s.replicas)) return null;
  const gpuCount = choice.instance?.gpuCount ?? o.gpusPerReplica;
  if (o.gpusPerReplica > gpuCount) throw new CliError(`--gpus-per-replica ${o.gpusPerReplica}: ${choice.instance?.id ?? 'the instance'} has ${gpuCount} GPUs per node`);
  const perNode = Math.floor(gpuCount / o.gpusPerReplica);
  const nodes = Math.ceil(s.replicas / perNode);
  const usdPerHour = nodes * gpuCount * choice.usdPerGpuHour;
  return { nodes, usdPerHour, monthlyUsd: usdPerHour * HOURS_PER_MONTH, perMillionUsd: costPerMillionRequests(usdPerHour, o.qps) };
}

/** The one-line answer. */
export function servingLine(o: ServingOptions, s: ServingSizing, choice: GpuPriceChoice | null, b: Bill | null): string {
  const pct = percentileName(o.percentile);
  const load = `${formatNum(o.qps)} QPS × ${formatMs(o.latency * 1000)} = ${formatNum(s.offeredErlangs)} Erlangs`;
  const per = o.concurrency === 1 ? '' : ` (${formatInt(s.servers)} slots ÷ ${o.concurrency} per replica)`;
  const target = o.slo === undefined ? `${waitPercent(s.probabilityOfWait)} of requests wait` : `${pct} ≤ ${formatMs(o.slo * 1000)}`;
  const sizing = `${load} → ${formatInt(s.replicas)} replicas${per}, ρ = ${formatUtilization(s.utilization)}: ${target}, predicted ${pct} ${formatMs(s.latencyAtPercentileSeconds * 1000)} (${o.service} service)`;
  if (choice === null) return sizing;
  if (b === null) return `${sizing}; cost unknown (no ${choice.capacity} price for ${choice.gpu.id})`;
  const where = choice.instance === null ? `${choice.gpu.id} GPUs` : choice.instance.id;
  return `${sizing}; ${formatInt(b.nodes)} × ${where} ${choice.capacity} = ${formatUsd(b.usdPerHour)}/h, ${formatUsd(b.monthlyUsd)}/month, ${formatUsd(b.perMillionUsd)} per 1M requests`;
}

function estimate(env: CommandEnv, o: ServingOptions): void {
  const { ctx } = env;
  if (o.slo !== undefined && o.service === 'constant' && o.slo <= o.latency) throw new CliError(`--slo ${formatDuration(o.slo)} is not above --latency ${formatDuration(o.latency)}: no queue can meet it`);
  const sizing = sizeServing(o);
  const wantCost = o.gpu !== undefined || o.instance !== undefined;
  const choice = wantCost ? chooseGpuPrice({ gpu: o.gpu, instance: o.instance, cloud: o.cloud, capacity: o.spot ? 'spot' : 'on-demand', price: o.price }) : null;
  if (!Number.isFinite(sizing.replicas)) {
    ctx.stdout.write(`${infeasible(o)}\n${ctx.colors.dim(`  formula: ${formula(o)}`)}\n`);
    env.exit(EXIT_FAILED);
    return;
  }
  const b = choice === null ? null : bill(o, sizing, choice);
  if (o.json) {
    ctx.stdout.write(`${stringifyJson(toPlainJson({ formatVersion: JSON_FORMAT_VERSION, input: o, sizing, gpu: choice?.gpu.id ?? null, instance: choice?.instance?.id ?? null, usdPerGpuHour: choice?.usdPerGpuHour ?? null, priceSource: choice?.note ?? null, cost: b, formula: formula(o) }))}\n`);
  } else {
    const lines = [servingLine(o, sizing, choice, b), ctx.colors.dim(`  formula: ${formula(o)}`)];
    if (choice !== null) lines.push(ctx.colors.dim(`  price: ${choice.note}`));
    ctx.stdout.write(`${lines.join('\n')}\n`);
  }
  env.exit(EXIT_OK);
}

/** Registers `estimate serving` under the `estimate` command. */
export function registerEstimateServing(estimateCmd: Command, env: CommandEnv): void {
  estimateCmd
    .command('serving')
    .description('replicas for a latency target by Erlang C, and their cost, in one line')
    .requiredOption('--qps <n>', 'requests per second, e.g. 1000 or 1.5K', parseQpsOption)
    .requiredOption('--latency <duration>', 'mean service time of one request, e.g. 50ms', parseLatencyOption)
    .option('--slo <duration>', 'latency target at --percentile, e.g. 250ms', parseLatencyOption)
    .option('--percentile <p>', 'percentile of the target, e.g. 99 or 99.9', parsePercentileOption, 0.99)
    // At most the scenario format's limit: 1e9 slots made the Erlang C of one replica a billion-step loop (a hang).
    .option('--concurrency <n>', 'requests one replica serves at once', parsePositiveIntegerAtMost(MAX_CONCURRENCY), 1)
    .addOption(new Option('--service <dist>', 'service-time distribution').choices(['exponential', 'constant']).default('exponential'))
    .option('--gpu <id>', 'GPU id or alias for the bill, e.g. l4, a10g, h100')
    .option('--gpus-per-replica <n>', 'GPUs one replica needs', parsePositiveInteger, 1)
    .option('--instance <id>', 'price from this catalog instance, e.g. gcp/us-central1/g2-standard-8')
    .addOption(new Option('--cloud <cloud>', 'only consider this cloud').choices(['aws', 'gcp', 'azure']))
    .option('--spot', 'use spot prices')
    .option('--price <usd>', 'price per GPU-hour instead of the catalog', parsePriceOption)
    .option('--json', 'print JSON')
    .addHelpText('after', EXAMPLES)
    .action((o: ServingOptions) => estimate(env, o));
}
