/** Zod schema for `spec.traffic`: the arrival process and the request-rate profile. */
import * as z from 'zod';
import { MAX_HORIZON_SECONDS, MAX_PROFILE_POINTS, MAX_QPS, MAX_THINK_SECONDS, MAX_TRACE_TIME_SCALE, MAX_USERS, MIN_TRACE_TIME_SCALE } from './limits.ts';
import { clockOrDuration, count, durationSeconds } from './unit-fields.ts';
import { formatDuration } from './units.ts';

const qps = (description: string) => count(`${description} (requests/s; accepts "10K")`, { min: 0, max: MAX_QPS });
const time = (description: string) => durationSeconds(description, { min: 0, max: MAX_HORIZON_SECONDS });
const users = (description: string) => count(`${description} (a whole number; accepts "1K")`, { min: 0, max: MAX_USERS, integer: true });
const span = (description: string) => durationSeconds(description, { min: 0, max: MAX_HORIZON_SECONDS, exclusiveMin: true });

/** Words of one family of profile shapes: the rate of an open loop, or the users of a closed one. */
interface ShapeWords<K extends string> {
  /** Field of a constant profile and of a point object: `qps` or `users`. */
  key: K;
  /** "Rate" or "Users", starting a description. */
  Value: string;
  /** "rate" or "number of users", inside one. */
  value: string;
  /** What a constant profile holds ("request rate"). */
  what: string;
}

/**
 * The profile shapes (constant, step, ramp, spike, diurnal, points) over one value: requests/s for an
 * open loop's `profile`, users for a closed loop's `users`. One definition, so both read alike.
 */
function profileShapes<K extends string>(w: ShapeWords<K>, v: (description: string) => ValueField) {
  const keyed = <T>(schema: T) => ({ [w.key]: schema }) as Record<K, T>;
  const constantProfile = z.strictObject({
    type: z.literal('constant').describe(`A constant ${w.value}`),
    ...keyed(v(`Constant ${w.what}`)),
  });

  const stepProfile = z.strictObject({
    type: z.literal('step').describe('A jump from `from` to `to` at `at`'),
    from: v(`${w.Value} before the step`),
    to: v(`${w.Value} from the step on`),
    at: time('When the step happens (from the start of the run)'),
  });

  const rampProfile = z
    .strictObject({
      type: z.literal('ramp').describe('A linear change from `from` to `to` between `start` and `end`'),
      from: v(`${w.Value} up to \`start\``),
      to: v(`${w.Value} from \`end\` on`),
      start: time('When the linear ramp starts'),
      end: time('When the linear ramp ends'),
    })
    .superRefine((p, ctx) => {
      if (p.end <= p.start) {
        ctx.addIssue({ code: 'custom', path: ['end'], input: p.end, message: `must be after start (${formatDuration(p.start)}), got ${formatDuration(p.end)}`, params: { siblings: ['start'] } });
      }
    });

  const spikeProfile = z
    .strictObject({
      type: z.literal('spike').describe('A burst from `base` up to `peak` and back'),
      base: v(`${w.Value} outside the spike`),
      peak: v(`${w.Value} at the top of the spike`),
      at: time('When the spike starts rising'),
      duration: span('How long the rate holds at `peak` (excluding the ramps)'),
      rampUp: time('Linear rise from base to peak, starting at `at`').default(0),
      rampDown: time('Linear fall from peak back to base after the hold').default(0),
    })
    .superRefine((p, ctx) => {
      if (p.peak < p.base) {
        ctx.addIssue({ code: 'custom', path: ['peak'], input: p.peak, message: `must be at least base (${p.base}) for a spike, got ${p.peak}; use a step or points profile for a dip`, params: { siblings: ['base'] } });
      }
    });

  const diurnalProfile = z
    .strictObject({
      type: z.literal('diurnal').describe('A daily cosine between `min` and `max`, peaking at `peakAt`'),
      min: v(`${w.Value} at the trough`),
      max: v(`${w.Value} at the peak`),
      peakAt: clockOrDuration('Time of day of the peak ("14:00"), simulated time 0 being 00:00', { min: 0, max: MAX_HORIZON_SECONDS }).default(14 * 3600),
      period: span('Length of one cycle').default(86_400),
    })
    .superRefine((p, ctx) => {
      if (p.max < p.min) {
        ctx.addIssue({ code: 'custom', path: ['max'], input: p.max, message: `must be at least min (${p.min}), got ${p.max}`, params: { siblings: ['min'] } });
      }
    });

  const pointTime = time('Time of the point');
  const pointValue = v(`${w.Value} at the point`);
  const point = z
    .union([z.tuple([pointTime, pointValue]), z.strictObject({ at: pointTime, ...keyed(pointValue) })])
    .transform((p) => (Array.isArray(p) ? ({ at: p[0], [w.key]: p[1] } as { at: number } & Record<K, number>) : (p as { at: number } & Record<K, number>)));

  const pointsProfile = z
    .strictObject({
      type: z.literal('points').describe(`A piecewise-linear table of (time, ${w.value}) points`),
      points: z
        .array(point)
        .min(1)
        .max(MAX_PROFILE_POINTS)
        .describe(`Piecewise-linear ${w.value}: [[t, ${w.key}], ...] or [{at, ${w.key}}, ...]; flat before the first and after the last point`),
    })
    .superRefine((p, ctx) => {
      p.points.forEach((pt, i) => {
        const prev = p.points[i - 1];
        if (prev !== undefined && pt.at < prev.at) {
          ctx.addIssue({ code: 'custom', path: ['points', i], input: pt.at, message: `times must not decrease: ${formatDuration(pt.at)} comes after ${formatDuration(prev.at)}` });
        }
      });
    });
  return [constantProfile, stepProfile, rampProfile, spikeProfile, diurnalProfile, pointsProfile] as const;
}

type ValueField = ReturnType<typeof count>;

const rateShapes = profileShapes({ key: 'qps', Value: 'Rate', value: 'rate', what: 'request rate' }, qps);
const userShapes = profileShapes({ key: 'users', Value: 'Users', value: 'number of users', what: 'number of users' }, users);

/** The request-rate profile, discriminated by `type`. */
export const trafficProfileSchema = z.discriminatedUnion('type', rateShapes).describe('Request rate over time');

/** A closed loop's user count: a number, or a profile shape over users (a concurrency sweep is a step or points profile). */
export const usersSchema = z
  .union([users('Users, each with one request in flight or thinking'), z.discriminatedUnion('type', userShapes)])
  .describe('Closed-loop users: a number, or a profile (constant, step, ramp, spike, diurnal, points) over users; the count at time t is the profile rounded down');

/** A closed-loop user's pause between a reply and its next request: a fixed duration or a distribution. */
export const thinkTimeSchema = z
  .union([
    durationSeconds('Fixed think time (e.g. 0s, 500ms, 2s)', { min: 0, max: MAX_THINK_SECONDS }),
    z.strictObject({ distribution: z.literal('constant').describe('Always `value`'), value: durationSeconds('Think time', { min: 0, max: MAX_THINK_SECONDS }) }),
    z.strictObject({
      distribution: z.literal('exponential').describe('Exponential with mean `mean` (a population of independent users: the "Z" of a closed queueing network)'),
      mean: durationSeconds('Mean think time', { min: 0, max: MAX_THINK_SECONDS }),
    }),
  ])
  .transform((t): ThinkTime => (typeof t === 'number' ? { distribution: 'constant', value: t } : t))
  .describe('Pause between a reply (or failure) and the user\'s next request: a duration, or { distribution: exponential, mean }');

/** A think time in seconds. */
export type ThinkTime = { distribution: 'constant'; value: number } | { distribution: 'exponential'; mean: number };

/** Formats a trace file can be in. */
export const TRACE_FORMATS = ['azure-llm', 'csv', 'jsonl'] as const;

/** `traffic.trace`: arrivals (and token counts) replayed from a file. */
export const traceSchema = z.strictObject({
  file: z.string().min(1).max(4096).describe('Trace file: relative to the scenario file, or absolute (run from the CLI)'),
  format: z
    .enum(TRACE_FORMATS)
    .describe('azure-llm: the Azure LLM inference trace CSV (TIMESTAMP,ContextTokens,GeneratedTokens); csv: t,inputTokens,outputTokens (t in seconds); jsonl: {"t","inputTokens","outputTokens","session"?} per line'),
  timeScale: z.number().min(MIN_TRACE_TIME_SCALE).max(MAX_TRACE_TIME_SCALE).default(1).describe('Simulated time = trace time × timeScale (0.5 replays twice as fast); the first row is time 0'),
  loop: z.boolean().default(false).describe('Start the trace again after its last row (one mean gap later) until the run ends'),
});

/** `spec.traffic`: which service receives requests and how they arrive (open loop, closed loop or a trace). */
export const trafficSchema = z
  .strictObject({
    target: z.string().optional().describe('Service that receives the traffic (default: the first service)'),
    arrivals: z
      .enum(['poisson', 'uniform', 'closed'])
      .default('poisson')
      .describe('poisson (exponential gaps) or uniform (evenly spaced) arrivals at `profile`\'s rate; closed: `users` each send a request, wait for its end and think'),
    profile: trafficProfileSchema.optional().describe('Request rate over time (poisson and uniform arrivals)'),
    users: usersSchema.optional(),
    thinkTime: thinkTimeSchema.optional(),
    trace: traceSchema.optional().describe('Replay arrivals and token counts from a file instead of a profile'),
  })
  .superRefine((t, ctx) => {
    const no = (field: 'profile' | 'users' | 'thinkTime' | 'arrivals', why: string) => ctx.addIssue({ code: 'custom', path: [field], input: t[field], message: `not allowed ${why}` });
    if (t.trace !== undefined) {
      if (t.profile !== undefined) no('profile', 'with trace (the trace gives the arrival times)');
      if (t.users !== undefined) no('users', 'with trace (a trace is an open loop)');
      if (t.thinkTime !== undefined) no('thinkTime', 'with trace (a trace is an open loop)');
      if (t.arrivals !== 'poisson') no('arrivals', 'with trace (the trace gives the arrival times)');
      return;
    }
    if (t.arrivals === 'closed') {
      if (t.users === undefined) ctx.addIssue({ code: 'custom', path: ['users'], input: undefined, message: 'missing required field "users" (required with arrivals: closed)' });
      if (t.profile !== undefined) no('profile', 'with arrivals: closed (the users set the load; give users a profile instead)');
      return;
    }
    if (t.users !== undefined) no('users', `with arrivals: ${t.arrivals} (add arrivals: closed)`);
    if (t.thinkTime !== undefined) no('thinkTime', `with arrivals: ${t.arrivals} (add arrivals: closed)`);
    if (t.profile === undefined) ctx.addIssue({ code: 'custom', path: ['profile'], input: undefined, message: 'missing required field "profile" (or arrivals: closed with users, or trace)' });
  });

/** A parsed traffic profile; all rates in requests/s and times in seconds from the start of the run. */
export type TrafficProfile = z.output<typeof trafficProfileSchema>;
/** A parsed closed-loop user count. */
export type UsersSpec = z.output<typeof usersSchema>;
/** A parsed trace block. */
export type TraceSpec = z.output<typeof traceSchema>;
/** A parsed `spec.traffic` block before the default target is resolved. */
export type TrafficSpecInput = z.input<typeof trafficSchema>;
/** A parsed `spec.traffic` block; `target` always names a service after parsing. */
export type TrafficSpec = Omit<z.output<typeof trafficSchema>, 'target'> & { target: string };
