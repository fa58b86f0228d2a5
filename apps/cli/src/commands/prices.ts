/**
 * `design-sim prices [--gpu h100] [--cloud gcp]`: the pricing catalog as a table, every price with
 * its source key, and the sources (URL, date, confidence) listed underneath.
 */
import { catalogAsOf, CAPACITY_TYPES, getSource, listInstances, listNeocloudOffers, type CloudId, type InstanceType, type NeocloudOffer, type PricePoint } from '@design-sim/cost-model';
import { Option, type Command } from 'commander';
import { CliError } from '../cli-error.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { JSON_FORMAT_VERSION, stringifyJson, toPlainJson } from '../format/json-output.ts';
import { formatPrice, MISSING } from '../format/numbers.ts';
import { renderTable } from '../format/table.ts';
import { catalogError } from '../pipeline/gpu-price.ts';
import type { CommandEnv } from './command-env.ts';

interface PricesOptions {
  gpu?: string;
  cloud?: CloudId;
  date?: string;
  json?: boolean;
}

const EXAMPLES = `
Examples:
  $ design-sim prices
  $ design-sim prices --gpu h100 --cloud gcp
  $ design-sim prices --gpu l4 --json

Prices are USD per instance-hour (neoclouds: per GPU-hour), in force on the catalog date or --date.`;

const price = (p: PricePoint | null): string => (p === null ? MISSING : formatPrice(p.usdPerHour));

function instanceRow(i: InstanceType): string[] {
  const od = i.prices['on-demand'];
  const sources = [...new Set(CAPACITY_TYPES.flatMap((c) => (i.prices[c] === null ? [] : [i.prices[c]!.source])))];
  return [
    i.id,
    i.gpu === null ? `CPU (${i.family})` : `${i.gpuCount} × ${i.gpu.id}`,
    ...CAPACITY_TYPES.map((c) => price(i.prices[c])),
    od === null ? MISSING : formatPrice(od.usdPerHour / i.gpuCount),
    sources.join(', '),
  ];
}

function neocloudRow(n: NeocloudOffer): string[] {
  const sources = [n.prices['on-demand']?.source, n.prices.spot?.source].filter((s): s is string => s !== undefined);
  return [n.id, n.gpu.id, price(n.prices['on-demand']), price(n.prices.spot), [...new Set(sources)].join(', ')];
}

function sourcesOf(instances: readonly InstanceType[], offers: readonly NeocloudOffer[]): string[] {
  const keys = new Set<string>();
  for (const i of instances) for (const c of CAPACITY_TYPES) if (i.prices[c] !== null) keys.add(i.prices[c]!.source);
  for (const n of offers) for (const p of [n.prices['on-demand'], n.prices.spot]) if (p !== null) keys.add(p.source);
  return [...keys].sort();
}

function list(env: CommandEnv, o: PricesOptions): void {
  const { ctx } = env;
  const asOf = o.date ?? catalogAsOf;
  let instances: InstanceType[];
  let offers: NeocloudOffer[];
  try {
    instances = listInstances({ asOf, ...(o.cloud === undefined ? {} : { cloud: o.cloud }), ...(o.gpu === undefined ? {} : { gpu: o.gpu }) });
    // Neoclouds are not a hyperscaler: shown only when no --cloud narrows the list.
    offers = o.cloud === undefined ? listNeocloudOffers({ asOf, ...(o.gpu === undefined ? {} : { gpu: o.gpu }) }) : [];
  } catch (e) {
    if (e instanceof RangeError) throw new CliError(`--date ${o.date}: ${e.message}`);
    catalogError(e, '--gpu');
  }
  const sources = sourcesOf(instances, offers).map(getSource);
  if (o.json) {
    ctx.stdout.write(`${stringifyJson(toPlainJson({ formatVersion: JSON_FORMAT_VERSION, asOf, instances, neoclouds: offers, sources }))}\n`);
    env.exit(EXIT_OK);
    return;
  }
  const c = ctx.colors;
  let out = `${c.bold('Instances')} (USD per instance-hour, prices in force on ${asOf})\n`;
  out += instances.length === 0 ? '  none match\n' : renderTable(['instance', 'GPUs', 'on-demand', 'spot', '1y commit', '3y commit', 'on-demand per GPU', 'sources'], instances.map(instanceRow), [false, false, true, true, true, true, true, false]);
  if (offers.length > 0) out += `\n${c.bold('Neoclouds')} (USD per GPU-hour)\n${renderTable(['offer', 'GPU', 'on-demand', 'spot', 'sources'], offers.map(neocloudRow), [false, false, true, true, false])}`;
  if (sources.length > 0) out += `\n${c.bold('Sources')}\n${sources.map((s) => `  ${s.key}: ${s.url} (${s.date}; confidence ${s.confidence})`).join('\n')}\n`;
  ctx.stdout.write(out);
  env.exit(EXIT_OK);
}

/** Registers `prices` on `program`. */
export function registerPrices(program: Command, env: CommandEnv): void {
  program
    .command('prices')
    .description('the GPU pricing catalog as a table, with sources')
    .option('--gpu <id>', 'only instances with this GPU (id or alias, e.g. h100, a100-80gb, l4)')
    .addOption(new Option('--cloud <cloud>', 'only this cloud').choices(['aws', 'gcp', 'azure']))
    .option('--date <YYYY-MM-DD>', 'prices in force on this date (default: the catalog date)')
    .option('--json', 'print JSON')
    .addHelpText('after', EXAMPLES)
    .action((o: PricesOptions) => list(env, o));
}
