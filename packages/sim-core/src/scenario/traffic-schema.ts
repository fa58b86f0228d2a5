/** Zod schema for `spec.traffic`: the arrival process and the request-rate profile. */
import { z } from 'zod';
import { MAX_HORIZON_SECONDS, MAX_PROFILE_POINTS, MAX_QPS } from './limits.ts';
import { clockOrDuration, count, durationSeconds } from './unit-fields.ts';
import { formatDuration } from './units.ts';

const qps = (description: string) => count(`${description} (requests/s; accepts "10K")`, { min: 0, max: MAX_QPS });
const time = (description: string) => durationSeconds(description, { min: 0, max: MAX_HORIZON_SECONDS });
const span = (description: string) => durationSeconds(description, { min: 0, max: MAX_HORIZON_SECONDS, exclusiveMin: true });

const constantProfile = z.strictObject({
  type: z.literal('constant').describe('A constant rate'),
  qps: qps('Constant request rate'),
});

const stepProfile = z.strictObject({
  type: z.literal('step').describe('A jump from `from` to `to` at `at`'),
  from: qps('Rate before the step'),
  to: qps('Rate from the step on'),
  at: time('When the step happens (from the start of the run)'),
});

const rampProfile = z
  .strictObject({
    type: z.literal('ramp').describe('A linear change from `from` to `to` between `start` and `end`'),
    from: qps('Rate up to `start`'),
    to: qps('Rate from `end` on'),
    start: time('When the linear ramp starts'),
    end: time('When the linear ramp ends'),
  })
  .superRefine((p, ctx) => {
    if (p.end <= p.start) {
      ctx.addIssue({ code: 'custom', path: ['end'], input: p.end, message: `must be after start (${formatDuration(p.start)}), got ${formatDuration(p.end)}` });
    }
  });

const spikeProfile = z
  .strictObject({
    type: z.literal('spike').describe('A burst from `base` up to `peak` and back'),
    base: qps('Rate outside the spike'),
    peak: qps('Rate at the top of the spike'),
    at: time('When the spike starts rising'),
    duration: span('How long the rate holds at `peak` (excluding the ramps)'),
    rampUp: time('Linear rise from base to peak, starting at `at`').default(0),
    rampDown: time('Linear fall from peak back to base after the hold').default(0),
  })
  .superRefine((p, ctx) => {
    if (p.peak < p.base) {
      ctx.addIssue({ code: 'custom', path: ['peak'], input: p.peak, message: `must be at least base (${p.base}) for a spike, got ${p.peak}; use a step or points profile for a dip` });
    }
  });

const diurnalProfile = z
  .strictObject({
    type: z.literal('diurnal').describe('A daily cosine between `min` and `max`, peaking at `peakAt`'),
    min: qps('Rate at the trough'),
    max: qps('Rate at the peak'),
    peakAt: clockOrDuration('Time of day of the peak ("14:00"), simulated time 0 being 00:00', { min: 0, max: MAX_HORIZON_SECONDS }).default(14 * 3600),
    period: span('Length of one cycle').default(86_400),
  })
  .superRefine((p, ctx) => {
    if (p.max < p.min) {
      ctx.addIssue({ code: 'custom', path: ['max'], input: p.max, message: `must be at least min (${p.min}), got ${p.max}` });
    }
  });

const pointTime = time('Time of the point');
const pointQps = qps('Rate at the point');
const point = z
  .union([z.tuple([pointTime, pointQps]), z.strictObject({ at: pointTime, qps: pointQps })])
  .transform((p) => (Array.isArray(p) ? { at: p[0], qps: p[1] } : p));

const pointsProfile = z
  .strictObject({
    type: z.literal('points').describe('A piecewise-linear table of (time, rate) points'),
    points: z
      .array(point)
      .min(1)
      .max(MAX_PROFILE_POINTS)
      .describe('Piecewise-linear rate: [[t, qps], ...] or [{at, qps}, ...]; flat before the first and after the last point'),
  })
  .superRefine((p, ctx) => {
    p.points.forEach((pt, i) => {
      const prev = p.points[i - 1];
      if (prev !== undefined && pt.at < prev.at) {
        ctx.addIssue({ code: 'custom', path: ['points', i], input: pt.at, message: `times must not decrease: ${formatDuration(pt.at)} comes after ${formatDuration(prev.at)}` });
      }
    });
  });

/** The request-rate profile, discriminated by `type`. */
export const trafficProfileSchema = z
  .discriminatedUnion('type', [constantProfile, stepProfile, rampProfile, spikeProfile, diurnalProfile, pointsProfile])
  .describe('Request rate over time');

/** `spec.traffic`: which service receives requests, how arrivals are spaced, and the rate profile. */
export const trafficSchema = z.strictObject({
  target: z.string().optional().describe('Service that receives the traffic (default: the first service)'),
  arrivals: z.enum(['poisson', 'uniform']).default('poisson').describe('Poisson (exponential gaps) or uniform (evenly spaced) arrivals'),
  profile: trafficProfileSchema,
});

/** A parsed traffic profile; all rates in requests/s and times in seconds from the start of the run. */
export type TrafficProfile = z.output<typeof trafficProfileSchema>;
/** A parsed `spec.traffic` block before the default target is resolved. */
export type TrafficSpecInput = z.input<typeof trafficSchema>;
/** A parsed `spec.traffic` block; `target` always names a service after parsing. */
export type TrafficSpec = Omit<z.output<typeof trafficSchema>, 'target'> & { target: string };
