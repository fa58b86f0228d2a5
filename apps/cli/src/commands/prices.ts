/**
 * `design-sim prices [--gpu h100] [--cloud gcp] [--date 2025-05-01]`: the pricing catalog, one row per
 * price, each with the day its source observed it, a STALE flag where it is older than a known price change
 * or its age limit, and its source key; the sources (URL, date, confidence) and the stale reasons underneath.
 */
import { toPlainJson } from '@design-sim/sim-core';
import {
  catalogAsOf,
  CAPACITY_TYPES,
  getSource,
  GPU_PRICE_MAX_AGE_DAYS,
  LIST_PRICE_MAX_AGE_DAYS,
  listInstances,
  listManagedServices,
  listNeocloudOffers,
  listRates,
  observedLabel,
  SPOT_PRICE_MAX_AGE_DAYS,
  type CloudId,
  type InstanceType,
  type ManagedService,
  type NeocloudOffer,
  type PriceFreshness,
  type RateCard,
} from '@design-sim/cost-model';
import { Option, type Command } from 'commander';
import { CliError } from '../cli-error.ts';
import { EXIT_OK } from '../exit-codes.ts';
import { JSON_FORMAT_VERSION, stringifyJson } from '../format/json-output.ts';
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
  $ design-sim prices --gpu h100 --date 2025-05-01
  $ design-sim prices --cloud aws --json

Instances are USD per instance-hour (neoclouds: per GPU-hour), in force on the catalog date or --date.
"observed" is the day the source saw the price ("≤" when only bounded); STALE marks a price observed before
a known price change, or older than ${GPU_PRICE_MAX_AGE_DAYS} days (GPU), ${SPOT_PRICE_MAX_AGE_DAYS} days (spot) or ${LIST_PRICE_MAX_AGE_DAYS} days (other list prices).`;

/** The observed-date and status cells of one price. */
function dated(f: PriceFreshness | undefined): [string, string] {
  if (f === undefined) return [MISSING, ''];
  return [observedLabel(f), f.status === 'stale' ? 'STALE' : ''];
}

function hardware(i: InstanceType): string {
  if (i.gpu === null) return `CPU ${i.vcpus ?? '?'} vCPU · ${i.memoryGiB ?? '?'} GiB (${i.family})`;
  return `${i.gpuCount} × ${i.gpu.id}`;
}

function instanceRows(i: InstanceType): string[][] {
  const rows = CAPACITY_TYPES.flatMap((c) => {
    const p = i.prices[c];
    if (p === null) return [];
    const perGpu = i.gpuCount > 0 ? formatPrice(p.usdPerHour / i.gpuCount) : MISSING;
    return [[i.id, hardware(i), c, formatPrice(p.usdPerHour), perGpu, ...dated(p.freshness), p.source]];
  });
  return rows.length > 0 ? rows : [[i.id, hardware(i), MISSING, 'unknown', MISSING, MISSING, '', MISSING]];
}

function neocloudRows(n: NeocloudOffer): string[][] {
  return (['on-demand', 'spot'] as const).flatMap((c) => {
    const p = n.prices[c];
    return p === null ? [] : [[n.id, n.gpu.id, c, formatPrice(p.usdPerHour), ...dated(p.freshness), p.source]];
  });
}

function managedRow(m: ManagedService): string[] {
  const p = m.price;
  return [m.id, `${m.service}: ${m.shape}`, m.unit, p === null ? 'unknown' : formatPrice(p.usdPerUnit), ...dated(p?.freshness), p?.source ?? MISSING];
}

function rateRow(r: RateCard): string[] {
  const first = r.tiers[0]?.usdPerGB;
  const tiers = r.tiers.length > 1 ? ` (${r.tiers.length} tiers)` : '';
  return [r.id, r.kind === 'storage' ? 'storage' : 'transfer', `${formatPrice(first)}/${r.unit}${tiers}`, ...dated(r.freshness), r.source];
}

/** One "<what>: reasons" line per stale price, so a flag never appears without its why. */
function staleLines(instances: readonly InstanceType[], offers: readonly NeocloudOffer[], managed: readonly ManagedService[], rates: readonly RateCard[]): string[] {
  const out: string[] = [];
  const add = (what: string, p: { freshness?: PriceFreshness } | null) => {
    if (p?.freshness?.status === 'stale') out.push(`  ${what}: ${p.freshness.reasons.join('; ')}`);
  };
  for (const i of instances) for (const c of CAPACITY_TYPES) add(`${i.id} ${c}`, i.prices[c]);
  for (const n of offers) for (const c of ['on-demand', 'spot'] as const) add(`${n.id} ${c}`, n.prices[c]);
  for (const m of managed) add(m.id, m.price);
  for (const r of rates) add(r.id, r);
  return out;
}

function sourcesOf(points: readonly ({ source: string } | null)[]): string[] {
  return [...new Set(points.filter((p): p is { source: string } => p !== null).map((p) => p.source))].sort();
}

function list(env: CommandEnv, o: PricesOptions): void {
  const { ctx } = env;
  const asOf = o.date ?? catalogAsOf;
  let instances: InstanceType[];
  let offers: NeocloudOffer[];
  let managed: ManagedService[];
  let rates: RateCard[];
  try {
    const cloud = o.cloud === undefined ? {} : { cloud: o.cloud };
    instances = listInstances({ asOf, ...cloud, ...(o.gpu === undefined ? {} : { gpu: o.gpu }) });
    // Neoclouds are not a hyperscaler: shown only when no --cloud narrows the list.
    offers = o.cloud === undefined ? listNeocloudOffers({ asOf, ...(o.gpu === undefined ? {} : { gpu: o.gpu }) }) : [];
    // Managed services and rates have no GPU: --gpu leaves them out.
    managed = o.gpu === undefined ? listManagedServices({ asOf, ...cloud }) : [];
    rates = o.gpu === undefined ? listRates({ asOf }).filter((r) => o.cloud === undefined || r.id.startsWith(`${o.cloud}/`)) : [];
  } catch (e) {
    if (e instanceof RangeError) throw new CliError(`--date ${o.date}: ${e.message}`);
    catalogError(e, '--gpu');
  }
  const points: ({ source: string } | null)[] = [
    ...instances.flatMap((i) => CAPACITY_TYPES.map((c) => i.prices[c])),
    ...offers.flatMap((n) => [n.prices['on-demand'], n.prices.spot]),
    ...managed.map((m) => m.price),
    ...rates,
  ];
  const sources = sourcesOf(points).map(getSource);
  if (o.json) {
    ctx.stdout.write(`${stringifyJson(toPlainJson({ formatVersion: JSON_FORMAT_VERSION, asOf, instances, neoclouds: offers, managedServices: managed, rates, sources }))}\n`);
    env.exit(EXIT_OK);
    return;
  }
  const c = ctx.colors;
  const dateCols = ['observed', 'status', 'source'];
  let out = `${c.bold('Instances')} (USD per instance-hour, prices in force on ${asOf})\n`;
  out +=
    instances.length === 0
      ? '  none match\n'
      : renderTable(['instance', 'hardware', 'price', 'USD/h', 'per GPU', ...dateCols], instances.flatMap(instanceRows), [false, false, false, true, true, false, false, false]);
  if (offers.length > 0) out += `\n${c.bold('Neoclouds')} (USD per GPU-hour)\n${renderTable(['offer', 'GPU', 'price', 'USD/h', ...dateCols], offers.flatMap(neocloudRows), [false, false, false, true])}`;
  if (managed.length > 0) out += `\n${c.bold('Managed services')} (USD per unit)\n${renderTable(['service', 'what', 'unit', 'USD', ...dateCols], managed.map(managedRow), [false, false, false, true])}`;
  if (rates.length > 0) out += `\n${c.bold('Storage and transfer')} (first tier)\n${renderTable(['rate', 'kind', 'USD', ...dateCols], rates.map(rateRow), [false, false, true])}`;
  const stale = staleLines(instances, offers, managed, rates);
  if (stale.length > 0) out += `\n${c.bold('Stale prices')} (still used; why each is flagged)\n${stale.join('\n')}\n`;
  if (sources.length > 0) out += `\n${c.bold('Sources')}\n${sources.map((s) => `  ${s.key}: ${s.url} (${s.date}; confidence ${s.confidence})`).join('\n')}\n`;
  ctx.stdout.write(out);
  env.exit(EXIT_OK);
}

/** Registers `prices` on `program`. */
export function registerPrices(program: Command, env: CommandEnv): void {
  program
    .command('prices')
    .description('the pricing catalog: every price with its date, stale flag and source')
    .option('--gpu <id>', 'only instances with this GPU (id or alias, e.g. h100, a100-80gb, l4)')
    .addOption(new Option('--cloud <cloud>', 'only this cloud').choices(['aws', 'gcp', 'azure']))
    .option('--date <YYYY-MM-DD>', 'prices in force on this date (default: the catalog date)')
    .option('--json', 'print JSON')
    .addHelpText('after', EXAMPLES)
    .action((o: PricesOptions) => list(env, o));
}
