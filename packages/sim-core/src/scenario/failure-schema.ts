/**
 * Zod schemas for what breaks: node hardware failures (`nodePools[].failures`, `training.failures`), spot
 * reclaim waves (`nodePools[].spot.waves`) and the scheduled faults of `spec.faults`. Rates without a value
 * default to the published Llama 3 figure (cost-model failure-rate.ts); repair times have no published default
 * this tool can cite, so they are required.
 */
import * as z from 'zod';
import { freeText } from './free-text.ts';
import { MAX_HORIZON_SECONDS, MAX_NODES, MAX_SERVICES } from './limits.ts';
import { nameSchema } from './service-schema.ts';
import { durationSeconds, fraction } from './unit-fields.ts';

const rateFields = {
  perGpuHour: z.number().min(0).max(1).optional().describe('Failures per GPU-hour (default: the Llama 3 run, 419 in 54 days on 16,384 H100s = 1.97e-5)'),
  perNodeHour: z.number().min(0).max(10).optional().describe('Failures per node-hour, instead of perGpuHour'),
};

function oneRate(f: { perGpuHour?: number | undefined; perNodeHour?: number | undefined }, ctx: z.core.$RefinementCtx): void {
  if (f.perGpuHour !== undefined && f.perNodeHour !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['perNodeHour'], input: f.perNodeHour, message: 'give perGpuHour or perNodeHour, not both' });
  }
}

/** `nodePools[].failures`: a node fails (NotReady, its pods lost) at a Poisson rate and is back after `repair`. */
export const nodeFailuresSchema = z
  .strictObject({
    ...rateFields,
    repair: durationSeconds('Time a failed node stays NotReady before it serves again (required: no published default)', { min: 0, max: MAX_HORIZON_SECONDS, exclusiveMin: true }),
  })
  .superRefine(oneRate);

/** `training.failures`: hardware failures of the training nodes, at the same rate function as serving nodes. */
export const trainingFailuresSchema = z.strictObject(rateFields).superRefine(oneRate);

/** `nodePools[].spot.waves`: reclaim events that take a fraction of the pool's spot nodes at once. */
export const spotWavesSchema = z.strictObject({
  perHour: z.number().min(0).max(100).describe('Reclaim events per hour for the pool (Poisson)'),
  fraction: fraction('Share of the pool\'s spot nodes each event takes (ceil(fraction × spot nodes))', { min: 0, max: 1, exclusiveMin: true }),
  capacityOutage: durationSeconds('After an event, new spot capacity in the pool is unavailable this long (default 0)', { min: 0, max: MAX_HORIZON_SECONDS }).default(0),
});

/**
 * `spec.faults[]`: a scheduled outage. `kind: nodes` (the default): some nodes of a pool, a whole pool, or a zone.
 * `kind: metrics`: the metrics pipeline the autoscalers read (Prometheus and its adapters, metrics-server) answers
 * nothing for the services listed (all when `services` is omitted): every HPA metric read and every KEDA trigger
 * read in the window fails (engine/metrics-outage.ts).
 */
export const faultSchema = z
  .strictObject({
    kind: z
      .enum(['nodes', 'metrics'])
      .default('nodes')
      .describe('nodes (default): nodes of a pool, a whole pool or a zone go down; metrics: the autoscalers\' metric reads fail (Prometheus, the metrics adapters, metrics-server down)'),
    at: durationSeconds('When the fault starts (from t = 0)', { min: 0, max: MAX_HORIZON_SECONDS }),
    for: durationSeconds('How long it lasts', { min: 0, max: MAX_HORIZON_SECONDS, exclusiveMin: true }),
    pool: nameSchema.optional().describe('kind nodes: the node pool hit (with `nodes`: that many of its nodes; without: the whole pool)'),
    zone: freeText(63, 1).optional().describe('kind nodes: a zone: every pool in it (nodePools[].zone) is down'),
    nodes: z.number().int().min(1).max(MAX_NODES).optional().describe('kind nodes: nodes of `pool` taken down (drawn at random from the seed); omit for the whole pool'),
    services: z
      .array(nameSchema)
      .min(1)
      .max(MAX_SERVICES)
      .optional()
      .describe('kind metrics: the services whose autoscalers cannot read their metrics; omit for every service'),
  })
  .superRefine((f, ctx) => {
    if (f.kind === 'metrics') {
      for (const key of ['pool', 'zone', 'nodes'] as const) {
        if (f[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], input: f[key], message: `a metrics fault takes no ${key}: it fails the autoscalers' metric reads, not nodes (list the services with \`services\`, or omit it for all)` });
      }
      return;
    }
    if (f.services !== undefined) ctx.addIssue({ code: 'custom', path: ['services'], input: f.services, message: 'services needs kind: metrics (a nodes fault names a pool or a zone)' });
    if ((f.pool === undefined) === (f.zone === undefined)) {
      ctx.addIssue({ code: 'custom', path: [], input: f, message: 'give either pool (optionally with nodes) or zone' });
    }
    if (f.nodes !== undefined && f.pool === undefined) ctx.addIssue({ code: 'custom', path: ['nodes'], input: f.nodes, message: 'nodes needs a pool' });
  });

/** Parsed node failure settings (rate per hour, repair seconds). */
export type NodeFailuresSpec = z.output<typeof nodeFailuresSchema>;
/** Parsed spot waves. */
export type SpotWavesSpec = z.output<typeof spotWavesSchema>;
/** A parsed scheduled fault (seconds). */
export type FaultSpec = z.output<typeof faultSchema>;
