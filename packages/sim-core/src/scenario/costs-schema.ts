/**
 * `spec.costs`: static line items billed over a period, priced from the catalog by cost-model's
 * `lineItemCosts`. They are the costs a simulation does not produce: a training run's storage and network
 * budget, a hybrid link, a platform's database and queue. And `spec.baseline`: a stated before-figure that
 * the simulated fleet's hourly cost is compared with (`cost.savingVsBaseline`).
 */
import * as z from 'zod';
import { freeText } from './free-text.ts';
import { nameSchema } from './service-schema.ts';
import { MAX_COST_ITEM_BYTES_PER_SECOND, MAX_COST_ITEM_GB, MAX_COST_ITEM_USD, MAX_QPS } from './limits.ts';
import { count, durationSeconds } from './unit-fields.ts';

const YEAR = 365 * 86_400;
const KINDS = ['storage', 'transfer', 'managed', 'instance', 'controlPlane', 'usd'] as const;
/** Fields each kind of item may carry besides name, its kind key and note. */
const ALLOWED: Readonly<Record<(typeof KINDS)[number], readonly string[]>> = {
  storage: ['gb'],
  transfer: ['gb', 'linkGbps'],
  managed: ['count', 'gb', 'requestsPerSecond', 'bytesPerSecond'],
  instance: ['count', 'purchase'],
  controlPlane: ['count'],
  usd: [],
};

/** One line item: exactly one of `storage`, `transfer`, `managed`, `instance` or `usd` says what it is. */
export const costItemSchema = z
  .strictObject({
    name: nameSchema.describe('Unique item name; claims name it as costs.monthly[name]'),
    storage: z.string().min(1).optional().describe('Storage rate id, billed per GB-month for the whole period, e.g. aws/us-east-1/s3-standard'),
    transfer: z.string().min(1).optional().describe('Data-transfer rate id, billed per GB moved during the period, e.g. aws/us-east-1/egress-inter-az'),
    managed: z.string().min(1).optional().describe('Managed service id (database, cache, queue, port), e.g. aws/us-east-1/rds-postgres-db.t3.large'),
    instance: z.string().min(1).optional().describe('Catalog instance id, for nodes that run the whole period'),
    controlPlane: z.enum(['aws', 'gcp', 'azure']).optional().describe("A managed Kubernetes control plane (EKS, GKE, AKS) billed per cluster-hour at the cloud's catalog fee; count = clusters (default 1)"),
    usd: count('A fixed amount for the period, not from the catalog: say where it comes from in note', { min: 0, max: MAX_COST_ITEM_USD }).optional(),
    gb: count('GB stored (storage), moved (transfer) or provisioned (a GB-hour managed service)', { min: 0, max: MAX_COST_ITEM_GB }).optional(),
    // At least 1 Mbit/s: 5e-324 (legal when only > 0 was asked) reported "∞ h to move over its link".
    linkGbps: z.number().min(0.001).max(1e6).optional().describe('Link speed, Gbit/s (at least 0.001): also report how long the transfer takes (costs.transferHours[name])'),
    count: z.number().min(0).max(1e6).optional().describe('Nodes (instance), clusters (controlPlane) or units of an hourly managed service (default 1)'),
    requestsPerSecond: count('Billed requests per second, for services priced per million requests', { min: 0, max: MAX_QPS }).optional(),
    bytesPerSecond: count('Message bytes per second, for services priced per TiB', { min: 0, max: MAX_COST_ITEM_BYTES_PER_SECOND }).optional(),
    purchase: z.enum(['on-demand', 'spot', 'commit1y', 'commit3y']).optional().describe('How instance nodes are bought (default on-demand)'),
    note: freeText(1000).optional().describe('Where the item or its quantity comes from (required with usd)'),
  })
  .superRefine((item, ctx) => {
    const kinds = KINDS.filter((k) => item[k] !== undefined);
    if (kinds.length !== 1) {
      const message = kinds.length === 0 ? `missing what the item is: give one of ${KINDS.join(', ')}` : `give one of ${kinds.join(', ')}, not ${kinds.length}`;
      ctx.addIssue({ code: 'custom', path: kinds.length === 0 ? [] : [kinds[1]!], input: item, message });
      return;
    }
    const kind = kinds[0]!;
    for (const field of ['gb', 'linkGbps', 'count', 'requestsPerSecond', 'bytesPerSecond', 'purchase'] as const) {
      if (item[field] !== undefined && !ALLOWED[kind].includes(field)) {
        ctx.addIssue({ code: 'custom', path: [field], input: item[field], message: `a ${kind} item takes no ${field} (allowed: ${ALLOWED[kind].join(', ') || 'none'})` });
      }
    }
    if ((kind === 'storage' || kind === 'transfer') && item.gb === undefined) ctx.addIssue({ code: 'custom', path: ['gb'], input: undefined, message: `missing required field "gb" (GB ${kind === 'storage' ? 'stored' : 'moved'})` });
    if (kind === 'instance' && item.count === undefined) ctx.addIssue({ code: 'custom', path: ['count'], input: undefined, message: 'missing required field "count" (how many nodes)' });
    if (kind === 'usd' && (item.note ?? '').trim() === '') ctx.addIssue({ code: 'custom', path: ['note'], input: undefined, message: 'a fixed usd amount needs a note saying where the number comes from' });
  });

/** `spec.costs`. */
export const costsSchema = z
  .strictObject({
    // At least a second: 5e-324 scaled a month's rates by 1/period past a double and stopped the run with cost-model's
    // own words ("the simulation stopped: volume must be a finite number >= 0 GB, got Infinity").
    period: durationSeconds('How long every item is billed (default 730h, one billing month; at least 1s)', { min: 1, max: 10 * YEAR }).default(730 * 3600),
    items: z.array(costItemSchema).min(1).max(100).describe('The line items'),
  })
  .superRefine((c, ctx) => {
    const seen = new Map<string, number>();
    c.items.forEach((item, i) => {
      const first = seen.get(item.name);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['items', i, 'name'], input: item.name, message: `duplicate name "${item.name}" (already used by items[${first}])` });
      else seen.set(item.name, i);
    });
  });

/** `spec.baseline`: a stated hourly cost the simulated fleet is compared with. */
export const baselineSchema = z.strictObject({
  // At least a cent an hour: 5e-324 made the saving "-Infinity% below the stated baseline of $0.00/h".
  hourlyUsd: z.number().min(0.01).max(1e7).describe('The before-figure, USD per hour (at least 0.01)'),
  label: freeText(200, 1).describe('What the figure is and where it comes from'),
});

/** A parsed cost item. */
export type CostItemSpec = z.output<typeof costItemSchema>;
/** Parsed `spec.costs` (period in seconds). */
export type CostsSpec = z.output<typeof costsSchema>;
/** Parsed `spec.baseline`. */
export type BaselineSpec = z.output<typeof baselineSchema>;
