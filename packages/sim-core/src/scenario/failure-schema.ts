/**
 * Zod schemas for what breaks: node hardware failures (`nodePools[].failures`, `training.failures`), spot
 * reclaim waves (`nodePools[].spot.waves`) and the scheduled faults of `spec.faults`. Rates without a value
 * default to the published Llama 3 figure (cost-model failure-rate.ts); repair times have no published default
 * this tool can cite, so they are required.
 */
import { z } from 'zod';
import { freeText } from './free-text.ts';
import { MAX_HORIZON_SECONDS, MAX_NODES } from './limits.ts';
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

/** `spec.faults[]`: a scheduled outage of some nodes of a pool, a whole pool, or a zone. */
export const faultSchema = z
  .strictObject({
    at: durationSeconds('When the fault starts (from t = 0)', { min: 0, max: MAX_HORIZON_SECONDS }),
    for: durationSeconds('How long it lasts', { min: 0, max: MAX_HORIZON_SECONDS, exclusiveMin: true }),
    pool: nameSchema.optional().describe('The node pool hit (with `nodes`: that many of its nodes; without: the whole pool)'),
    zone: freeText(63, 1).optional().describe('A zone: every pool in it (nodePools[].zone) is down'),
    nodes: z.number().int().min(1).max(MAX_NODES).optional().describe('Nodes of `pool` taken down (drawn at random from the seed); omit for the whole pool'),
  })
  .superRefine((f, ctx) => {
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
