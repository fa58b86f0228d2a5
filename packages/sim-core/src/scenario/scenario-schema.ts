/**
 * The design-sim/v1 scenario schema: the single source of truth for the CLI, the web app and
 * the generated JSON Schema. Parsing yields plain numbers in canonical units (durations in
 * seconds, latencies in ms where the field says Ms, fractions 0..1, gpuUtilization targets in
 * percent) with every default applied. Catalog-dependent checks live in validate-scenario.ts.
 */
import { DEFAULT_START_DATE } from '../engine/wall-clock.ts';
import { karpenterSettingsSchema, type KarpenterSettingsSpec } from './karpenter-schema.ts';
import { kueueSettingsSchema, type KueueSettingsSpec } from './kueue-config-schema.ts';
import * as z from 'zod';
import { freeText } from './free-text.ts';
import { claimsSchema } from './claims-schema.ts';
import { baselineSchema, costsSchema } from './costs-schema.ts';
import { parseExpectation, type Expectation } from './expectations.ts';
import {
  MAX_EXPECTATIONS,
  MAX_EXPECTED_LLM_REQUESTS,
  MAX_EXPECTED_REQUESTS,
  MAX_TOTAL_NODES,
  MAX_JOB_PODS,
  MAX_TOTAL_REPLICAS,
  MAX_HORIZON_SECONDS,
  MAX_NODE_POOLS,
  MAX_SERVICES,
  MAX_TEXT_CHARS,
  MAX_SERVICE_SERIES_POINTS,
  MAX_POOL_SERIES_POINTS,
  MAX_TIMESERIES_POINTS,
  MAX_TRAFFIC_SOURCES,
  MIN_DURATION_SECONDS,
} from './limits.ts';
import { cloudOf, maxNodesOf, nodePoolSchema } from './node-pool-schema.ts';
import { clusterAutoscalerFlagsSchema, featureGatesSchema, type ClusterAutoscalerFlagsSpec, type FeatureGatesSpec } from './cluster-autoscaler-schema.ts';
import { poolNamesOf } from './pool-names.ts';
import { nameSchema, serviceSchema } from './service-schema.ts';
import { decodeServiceName } from './disaggregation.ts';
import { suggestNearest } from './suggest.ts';
import { trafficSchema, type TrafficSpec } from './traffic-schema.ts';
import { networkSchema } from './call-schema.ts';
import { checkServiceGraph, expectedVisits } from './graph-checks.ts';
import { splitServiceMetric } from './metrics.ts';
import { runWork, VISIT_COST_IN_REQUESTS } from './run-work.ts';
import { trainingSchema } from './training-schema.ts';
import { faultSchema } from './failure-schema.ts';
import { jobSchema, priorityClassSchema, teamSchema } from './shared-cluster-schema.ts';
import { durationSeconds } from './unit-fields.ts';
import { formatDuration } from './units.ts';
import { formatInteger, formatNumber } from './describe-value.ts';
import { formatPath } from './scenario-issue.ts';

/**
 * Default of `spec.drain`: how long requests in flight at the horizon get to finish. Two minutes covers
 * the longest normal request of the catalog's LLM designs (2,000 output tokens at 100 ms each) while an
 * overloaded backlog, which grows by minutes of work every minute, stays unfinished.
 */
export const DEFAULT_DRAIN_SECONDS = 120;

/** The only apiVersion this parser reads. */
export const API_VERSION = 'design-sim/v1';
/** The only kind this parser reads. */
export const KIND = 'Scenario';

/** True for a real calendar day `YYYY-MM-DD` (text of another shape is left to the regex). */
function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return true; // the regex check reports malformed text
  const [y = 0, m = 0, d = 0] = day.split('-').map(Number);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
  return d >= 1 && d <= days;
}

const text = (description: string) => freeText(MAX_TEXT_CHARS).optional().describe(description);

const metadataSchema = z.strictObject({
  name: nameSchema.describe('Scenario id: lower-case letters, digits and dashes'),
  title: freeText(200).optional().describe('One-line title'),
  description: text('What the scenario shows'),
  prompt: text('The interview question, verbatim or paraphrased'),
  source: freeText(500).optional().describe('Where the question comes from: the guide and the question title'),
  tags: z.array(freeText(63)).max(50).optional().describe('Free tags'),
  strongAnswer: freeText(1000)
    .refine((t) => t.trim().split('\n').length <= 5, { message: 'at most five lines: the short version comes first, the long one goes in notes' })
    .optional()
    .describe('What a strong answer says, in at most five lines (shown before the notes)'),
  notes: text('Remarks, e.g. where the source arithmetic is wrong and by how much'),
  annotations: z.record(z.string(), z.unknown()).optional().describe('Free-form key/values (not validated)'),
});

const clusterSchema = z.strictObject({
  controlPlane: z.enum(['gke', 'eks', 'aks', 'none']).optional().describe("Managed control plane billed per cluster (default: by the first pool's cloud)"),
  clusters: z.number().int().min(1).max(100).default(1).describe('Number of clusters (control-plane fees)'),
  autoscaler: clusterAutoscalerFlagsSchema.prefault({}).describe('Cluster-autoscaler global flags (cluster-autoscaler 1.34 defaults)'),
  featureGates: featureGatesSchema.prefault({}).describe('kube-controller-manager feature gates (Kubernetes 1.34 defaults)'),
  karpenter: karpenterSettingsSchema.prefault({}).describe('Karpenter controller settings (batching window, SpotToSpotConsolidation), upstream defaults'),
  kueue: kueueSettingsSchema.prefault({}).describe("Kueue's manager configuration (waitForPodsReady) for the teams with kueue"),
});

const expectSchema = z
  .array(z.string().max(200))
  .max(MAX_EXPECTATIONS)
  .describe('Pass/fail lines "<metric> <op> <value>", e.g. "latency.p99 < 100ms"')
  .transform((lines, ctx): Expectation[] => {
    const out: Expectation[] = [];
    lines.forEach((line, i) => {
      const r = parseExpectation(line);
      if (r.ok) out.push(r.expectation);
      else ctx.addIssue({ code: 'custom', path: [i], input: line, message: r.message, params: { expected: r.expected, suggestion: r.suggestion } });
    });
    return out;
  });

const specShape = z.strictObject({
  duration: durationSeconds('Simulated horizon (required with services; 10ms to 7d)', { min: MIN_DURATION_SECONDS, max: MAX_HORIZON_SECONDS }).optional(),
  warmup: durationSeconds('Initial period excluded from statistics (default 0)', { min: 0, max: MAX_HORIZON_SECONDS }).default(0),
  drain: durationSeconds(
    'After the horizon no request arrives; those in flight get this long to finish (default 2m; 0s cuts at the horizon). Still in flight then = unfinished: not served, latency counted at its age',
    { min: 0, max: 3600 },
  ).default(DEFAULT_DRAIN_SECONDS),
  seed: z.number().int().min(0).max(4_294_967_295).default(1).describe('RNG seed, a 32-bit unsigned integer (default 1)'),
  interval: durationSeconds('Time-series resolution (default 60s)', { min: MIN_DURATION_SECONDS, max: 86_400 }).default(60),
  catalogDate: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'expected a date YYYY-MM-DD' })
    .refine(isCalendarDay, { message: 'not a calendar day' })
    .optional()
    .describe('Pin the pricing catalog date (YYYY-MM-DD)'),
  startDate: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'expected a date YYYY-MM-DD' })
    .refine(isCalendarDay, { message: 'not a calendar day' })
    .refine((d) => d >= '1970-01-01', { message: 'must be 1970-01-01 or later' })
    .optional()
    .describe(`The UTC day simulated time 0 falls on, at 00:00 UTC (default ${DEFAULT_START_DATE}, a Monday): the clock Karpenter budget schedules are read on`),
  traffic: z
    .union([trafficSchema, z.array(trafficSchema).min(1).max(MAX_TRAFFIC_SOURCES)])
    .optional()
    .describe('Requests arriving at the target service (required with services); a list for several sources, each with its own target and profile'),
  network: networkSchema.prefault({}).describe('Network time added to each call between services'),
  services: z.array(serviceSchema).max(MAX_SERVICES).default([]).describe('Model-serving deployments'),
  nodePools: z.array(nodePoolSchema).max(MAX_NODE_POOLS).default([]).describe('Node groups the services run on; omit for unlimited capacity'),
  cluster: clusterSchema.optional().describe('Control-plane billing, cluster-autoscaler flags and feature gates'),
  faults: z.array(faultSchema).max(100).default([]).describe('Scheduled outages from `at` for `for`: nodes of a pool, a whole pool or a zone (kind nodes), or the autoscalers\' metrics (kind metrics)'),
  priorityClasses: z.array(priorityClassSchema).max(100).default([]).describe('PriorityClasses for services and jobs (higher value schedules first and preempts lower)'),
  teams: z.array(teamSchema).max(200).default([]).describe('Teams (namespaces) sharing the cluster, each with an optional GPU ResourceQuota'),
  jobs: z.array(jobSchema).max(1000).default([]).describe('Training and batch jobs queued on the node pools beside the services'),
  training: trainingSchema.optional().describe('A training run, estimated analytically'),
  costs: costsSchema.optional().describe('Static line items priced from the catalog: storage, data transfer, managed services, nodes, fixed amounts'),
  baseline: baselineSchema.optional().describe('A stated before-figure for cost.savingVsBaseline'),
  expect: expectSchema.default([]),
  claims: claimsSchema.prefault({}),
  canvas: z.record(z.string(), z.unknown()).optional().describe('Free-form web-canvas state (ignored by the CLI)'),
});

type SpecShape = z.output<typeof specShape>;
type Ctx = z.core.$RefinementCtx<SpecShape>;

interface IssueOptions {
  expected?: string | undefined;
  suggestion?: string | undefined;
  /** Other fields under spec the check compared (ScenarioIssue.related). */
  related?: (string | number)[][] | undefined;
}

function issue(ctx: Ctx, path: (string | number)[], input: unknown, message: string, opts: IssueOptions = {}): void {
  const related = opts.related?.map((p) => formatPath(['spec', ...p]));
  ctx.addIssue({ code: 'custom', path, input, message, params: { expected: opts.expected, suggestion: opts.suggestion, related } });
}

/** A check that compares a field with the run's length names spec.duration, which --duration may have set. */
const AGAINST_DURATION = { related: [['duration']] };

function checkUnique(ctx: Ctx, list: readonly { name: string }[], field: 'services' | 'nodePools'): void {
  const seen = new Map<string, number>();
  list.forEach((item, i) => {
    const first = seen.get(item.name);
    if (first !== undefined) issue(ctx, [field, i, 'name'], item.name, `duplicate name "${item.name}" (already used by ${field}[${first}])`);
    else seen.set(item.name, i);
  });
}

/** Cross-references; true when the service graph is sound enough to count its visits. */
function checkReferences(s: SpecShape, ctx: Ctx): boolean {
  const serviceNames = s.services.map((x) => x.name);
  const poolNames = s.nodePools.map((p) => p.name);
  const oneOf = (names: string[]) => (names.length ? `one of ${names.join(' | ')}` : 'nothing (the list is empty)');
  sourcesOf(s.traffic).forEach(({ source, path }) => {
    if (source.target === undefined || s.services.length === 0 || serviceNames.includes(source.target)) return;
    issue(ctx, [...path, 'target'], source.target, `no service named "${source.target}"`, {
      expected: oneOf(serviceNames),
      suggestion: suggestNearest(source.target, serviceNames),
    });
  });
  const graphIssues = checkServiceGraph(s.services);
  for (const g of graphIssues) issue(ctx, g.path, g.input, g.message, { expected: g.expected, suggestion: g.suggestion });
  const checkPools = (owner: { nodePool?: string | string[] | undefined }, at: (string | number)[], what: string) => {
    if (owner.nodePool === undefined) {
      if (s.nodePools.length > 0) issue(ctx, [...at, 'nodePool'], undefined, `missing required field "nodePool" (required when nodePools exist${what}: ${oneOf(poolNames)})`);
      return;
    }
    const list = Array.isArray(owner.nodePool);
    poolNamesOf(owner).forEach((name, j) => {
      const path = list ? [...at, 'nodePool', j] : [...at, 'nodePool'];
      if (!poolNames.includes(name)) issue(ctx, path, name, `no node pool named "${name}"`, { expected: oneOf(poolNames), suggestion: suggestNearest(name, poolNames) });
      else if (poolNamesOf(owner).indexOf(name) !== j) issue(ctx, path, name, `node pool "${name}" is listed twice`);
    });
  };
  s.services.forEach((svc, i) => {
    checkPools(svc, ['services', i], '');
    const decode = svc.llm?.disaggregated?.decode;
    if (decode === undefined) return;
    checkPools(decode, ['services', i, 'llm', 'disaggregated', 'decode'], ', for the decode pool too');
    const name = decodeServiceName(svc.name);
    if (serviceNames.includes(name)) issue(ctx, ['services', i, 'llm', 'disaggregated'], undefined, `the decode pool of "${svc.name}" runs as a service named "${name}", which is already taken: rename that service`);
  });
  return graphIssues.length === 0;
}

/**
 * A service with no replicas and nothing to add them can never serve a request: that is a mistake in
 * the design's input, not a design to simulate (the run would only say "0% available"). With an HPA,
 * spec.replicas 0 disables it (upstream ScalingDisabled), so it is the same mistake. A KEDA ScaledObject is
 * what adds them: it scales 0 → 1 when a trigger is active.
 */
/**
 * The fleet as a whole: each service and pool may be at its own limit and the sum still exhaust memory
 * (50 services × 10,000 replicas is about 9 GB), so the totals have limits of their own (docs/limits.md).
 */
function checkFleetSize(s: SpecShape, ctx: Ctx): void {
  const sizes = s.services.map((svc) => Math.max(svc.replicas, svc.hpa?.maxReplicas ?? 0));
  const replicas = sizes.reduce((a, b) => a + b, 0);
  if (replicas > MAX_TOTAL_REPLICAS) {
    const i = sizes.indexOf(Math.max(...sizes));
    const svc = s.services[i]!;
    const path = svc.hpa !== undefined && svc.hpa.maxReplicas >= svc.replicas ? ['services', i, 'hpa', 'maxReplicas'] : ['services', i, 'replicas'];
    issue(ctx, path, sizes[i], `the services may run ${formatInteger(replicas)} replicas in all (initial replicas or HPA maxReplicas, summed), above the limit of ${formatInteger(MAX_TOTAL_REPLICAS)}: each replica is simulated on its own (docs/limits.md)`);
  }
  // Job pods, as submitted before the horizon (a job repeated every hour in a 12-hour run is submitted 12 times).
  const horizon = s.duration ?? Infinity;
  const submitted = s.jobs.map((j) => (j.at >= horizon ? 0 : j.count === 1 || j.every === undefined ? j.count : Math.min(j.count, Math.floor((horizon - j.at) / j.every) + 1)) * j.pods);
  const pods = submitted.reduce((a, b) => a + b, 0);
  if (pods > MAX_JOB_PODS) {
    const i = submitted.indexOf(Math.max(...submitted));
    const j = s.jobs[i]!;
    issue(ctx, ['jobs', i, j.count > 1 ? 'count' : 'pods'], j.count > 1 ? j.count : j.pods, `the jobs submit ${formatInteger(pods)} pods in the run (pods × submissions before the horizon, summed; this one ${formatInteger(submitted[i]!)}), above the limit of ${formatInteger(MAX_JOB_PODS)}: each pod is scheduled on its own (docs/limits.md)`, {
      // A job field refused on its own (pods: 1e308) is that line alone, not also "Infinity pods" at count.
      related: [['jobs', i, 'pods'], ['jobs', i, 'count'], ['jobs', i, 'every'], ['jobs', i, 'at'], ['duration']],
    });
  }
  const starts = s.nodePools.map((p) => Math.max(p.minNodes, p.initialNodes ?? 0));
  const nodes = starts.reduce((a, b) => a + b, 0);
  if (nodes > MAX_TOTAL_NODES) {
    const i = starts.indexOf(Math.max(...starts));
    const field = (s.nodePools[i]!.initialNodes ?? 0) > s.nodePools[i]!.minNodes ? 'initialNodes' : 'minNodes';
    issue(ctx, ['nodePools', i, field], starts[i], `the pools start ${formatInteger(nodes)} nodes in all (minNodes or initialNodes, summed), above the limit of ${formatInteger(MAX_TOTAL_NODES)}: each node is simulated on its own (docs/limits.md)`);
  }
}

function checkZeroReplicas(s: SpecShape, ctx: Ctx): void {
  s.services.forEach((svc, i) => {
    if (svc.replicas !== 0 || svc.keda !== undefined || svc.knative !== undefined) return;
    const why = svc.hpa === undefined
      ? 'replicas 0 and no autoscaler: this service can never serve a request'
      : 'replicas 0 disables the HPA (Kubernetes "ScalingDisabled"): this service can never serve a request';
    issue(ctx, ['services', i, 'replicas'], 0, why, { expected: svc.hpa === undefined ? 'at least 1 replica' : `at least 1 (the HPA's minReplicas is ${svc.hpa.minReplicas})`, suggestion: String(svc.hpa?.minReplicas ?? 1) });
  });
}

/** Teams, priority classes and pools named by services and jobs exist; names are unique. */
function checkSharedCluster(s: SpecShape, ctx: Ctx): void {
  const teams = s.teams.map((t) => t.name);
  const classes = s.priorityClasses.map((c) => c.name);
  const pools = s.nodePools.map((p) => p.name);
  const ref = (path: (string | number)[], name: string | undefined, list: string[], what: string): void => {
    if (name === undefined || list.includes(name)) return;
    issue(ctx, path, name, `no ${what} named "${name}"`, { expected: list.length ? `one of ${list.join(' | ')}` : `a ${what} (there are none)`, suggestion: suggestNearest(name, list) });
  };
  for (const [list, field] of [[s.teams, 'teams'], [s.priorityClasses, 'priorityClasses'], [s.jobs, 'jobs']] as const) {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(x.name)) issue(ctx, [field, i, 'name'], x.name, `duplicate name "${x.name}"`);
      seen.add(x.name);
    });
  }
  checkCohorts(s, ctx);
  s.services.forEach((svc, i) => {
    ref(['services', i, 'team'], svc.team, teams, 'team');
    ref(['services', i, 'priorityClass'], svc.priorityClass, classes, 'priority class');
  });
  s.jobs.forEach((j, i) => {
    ref(['jobs', i, 'team'], j.team, teams, 'team');
    ref(['jobs', i, 'priorityClass'], j.priorityClass, classes, 'priority class');
    ref(['jobs', i, 'nodePool'], j.nodePool, pools, 'node pool');
  });
  if (s.jobs.length > 0 && s.services.length === 0) issue(ctx, ['jobs'], undefined, 'jobs run beside services in the serving simulation: add at least one service (with traffic and duration)');
}

/** A cohort joins at least two ClusterQueues; a team is governed by a ResourceQuota or by Kueue, not both. */
function checkCohorts(s: SpecShape, ctx: Ctx): void {
  const members = new Map<string, number>();
  for (const t of s.teams) if (t.kueue?.cohort !== undefined) members.set(t.kueue.cohort, (members.get(t.kueue.cohort) ?? 0) + 1);
  s.teams.forEach((t, i) => {
    if (t.kueue === undefined) return;
    if (t.gpuQuota !== undefined) {
      issue(ctx, ['teams', i, 'gpuQuota'], t.gpuQuota, `team "${t.name}" has both gpuQuota and kueue: a ResourceQuota beside a ClusterQueue would refuse the pods of jobs Kueue admitted past it, which is not modelled`, { expected: 'either gpuQuota (a ResourceQuota) or kueue.nominalQuota (a ClusterQueue)' });
    }
    const cohort = t.kueue.cohort;
    if (cohort !== undefined && members.get(cohort) === 1) {
      const others = [...members.keys()].filter((c) => c !== cohort);
      issue(ctx, ['teams', i, 'kueue', 'cohort'], cohort, `cohort "${cohort}" has only team "${t.name}"'s ClusterQueue: there is nothing to borrow from or lend to`, { expected: others.length ? `a cohort shared with another team: one of ${others.join(' | ')}` : 'the same cohort on at least two teams with kueue (or no cohort)', suggestion: suggestNearest(cohort, others) });
    }
  });
  const wait = s.cluster?.kueue?.waitForPodsReady;
  if (wait !== undefined && !s.teams.some((t) => t.kueue !== undefined)) {
    issue(ctx, ['cluster', 'kueue', 'waitForPodsReady'], wait, 'waitForPodsReady has nothing to watch: no team has a Kueue ClusterQueue (it applies to Kueue-admitted workloads only)', { expected: 'a team with kueue (spec.teams[].kueue), or no cluster.kueue.waitForPodsReady' });
  }
}

/** Each fault names a pool, a zone or services that exist, and takes no more nodes than the pool may have. */
function checkFaults(s: SpecShape, ctx: Ctx): void {
  const poolNames = s.nodePools.map((p) => p.name);
  const serviceNames = s.services.map((x) => x.name);
  const zones = [...new Set(s.nodePools.flatMap((p) => (p.zone === undefined ? [] : [p.zone])))];
  s.faults.forEach((f, i) => {
    (f.services ?? []).forEach((name, j) => {
      if (!serviceNames.includes(name)) issue(ctx, ['faults', i, 'services', j], name, `no service named "${name}"`, { expected: serviceNames.length ? `one of ${serviceNames.join(' | ')}` : 'a service (there are none)', suggestion: suggestNearest(name, serviceNames) });
    });
    if (f.pool !== undefined && !poolNames.includes(f.pool)) {
      issue(ctx, ['faults', i, 'pool'], f.pool, `no node pool named "${f.pool}"`, { expected: poolNames.length ? `one of ${poolNames.join(' | ')}` : 'a node pool (there are none)', suggestion: suggestNearest(f.pool, poolNames) });
    }
    // More nodes than the pool can ever hold took the whole pool without a word: say so, and how to write that.
    const pool = s.nodePools.find((p) => p.name === f.pool);
    if (pool !== undefined && f.nodes !== undefined && f.nodes > maxNodesOf(pool)) {
      issue(ctx, ['faults', i, 'nodes'], f.nodes, `more than node pool "${pool.name}" can hold (${formatInteger(maxNodesOf(pool))} nodes at most): leave nodes out to take the whole pool`);
    }
    if (f.zone !== undefined && !zones.includes(f.zone)) {
      issue(ctx, ['faults', i, 'zone'], f.zone, `no node pool is in zone "${f.zone}"`, { expected: zones.length ? `one of ${zones.join(' | ')}` : 'a zone set on a node pool (nodePools[].zone)', suggestion: suggestNearest(f.zone, zones) });
    }
    if (s.duration !== undefined && f.at >= s.duration) issue(ctx, ['faults', i, 'at'], f.at, `the fault starts at ${formatDuration(f.at)}, not before the run ends (${formatDuration(s.duration)})`);
  });
}

/** Traffic as written: one source or a list, each with its path under spec. */
function sourcesOf(traffic: SpecShape['traffic']): { source: z.output<typeof trafficSchema>; path: (string | number)[] }[] {
  if (traffic === undefined) return [];
  return Array.isArray(traffic) ? traffic.map((source, i) => ({ source, path: ['traffic', i] })) : [{ source: traffic, path: ['traffic'] }];
}

/**
 * The run's work, bounded before it starts: requests (the exact integral of each profile) times the
 * expected visits each makes along the service graph. A fan-out graph multiplies the work of every
 * request, so a legal rate can still mean hours of simulation (docs/limits.md, MAX_EXPECTED_REQUESTS).
 */
function checkTraffic(s: SpecShape, ctx: Ctx, duration: number, graphOk: boolean): void {
  const sources = sourcesOf(s.traffic);
  if (sources.length === 0) return;
  for (const { source, path } of sources) {
    const p = source.profile;
    if (p?.type === 'spike' && p.at >= duration) {
      issue(ctx, [...path, 'profile', 'at'], p.at, `the spike starts at ${formatDuration(p.at)}, not before the run ends (${formatDuration(duration)})`, AGAINST_DURATION);
    }
  }
  const work = runWork(
    sources.map(({ source, path }) => ({ profile: source.profile, target: source.target === undefined ? 0 : s.services.findIndex((x) => x.name === source.target), path: [...path, 'profile'] })),
    duration,
    graphOk ? expectedVisits(s.services) : null,
  );
  const total = work.requests;
  const at = work.heaviest ?? ['traffic'];
  const requests = `${formatNumber(Number(total.toPrecision(3)))} requests over ${formatDuration(duration)}`;
  if (s.services.some((svc) => svc.llm !== undefined) && total > MAX_EXPECTED_LLM_REQUESTS && total <= MAX_EXPECTED_REQUESTS) {
    issue(ctx, at, undefined, `expects ${requests}, above the limit of ${formatNumber(MAX_EXPECTED_LLM_REQUESTS)} for token-level llm services: lower the rate or shorten the run (docs/limits.md)`, AGAINST_DURATION);
  }
  if (total > MAX_EXPECTED_REQUESTS) {
    issue(ctx, at, undefined, `expects ${requests}, above the limit of ${formatNumber(MAX_EXPECTED_REQUESTS)}: lower the rate or shorten the run (docs/limits.md)`, AGAINST_DURATION);
  } else if (work.work > MAX_EXPECTED_REQUESTS) {
    const mean = work.visits / total;
    const each = mean >= 100 ? formatInteger(Math.round(mean)) : String(Number(mean.toPrecision(3)));
    const sci = (n: number) => formatNumber(Number(n.toPrecision(3)));
    issue(ctx, at, undefined, `expects ${requests}, each visiting ${each} services on average along the calls: ${sci(work.visits)} service visits, each past a request's first costing about ${VISIT_COST_IN_REQUESTS} requests' simulation, so the work of ${sci(work.work)} requests, above the limit of ${formatNumber(MAX_EXPECTED_REQUESTS)}: lower the rate, the fan-out or the run's length (docs/limits.md)`, AGAINST_DURATION);
  }
}

function checkTime(s: SpecShape, ctx: Ctx, duration: number): void {
  if (s.warmup >= duration) {
    issue(ctx, ['warmup'], s.warmup, `must be shorter than duration (${formatDuration(duration)}), got ${formatDuration(s.warmup)}`, AGAINST_DURATION);
  }
  const points = duration / s.interval;
  if (points > MAX_TIMESERIES_POINTS) {
    const min = formatDuration(Number((duration / MAX_TIMESERIES_POINTS).toPrecision(3)));
    issue(ctx, ['interval'], s.interval, `too fine: ${formatDuration(duration)} / ${formatDuration(s.interval)} is ${Math.ceil(points)} points per series (max ${MAX_TIMESERIES_POINTS}); use at least ${min}`, AGAINST_DURATION);
  } else {
    // Each service and each pool keeps its own series: their points add up (docs/limits.md).
    const own = [
      { count: s.services.length, what: 'services', whose: "the services' own series", max: MAX_SERVICE_SERIES_POINTS },
      { count: s.nodePools.length, what: 'node pools', whose: "the pools' own series", max: MAX_POOL_SERIES_POINTS },
    ].find((c) => points * c.count > c.max);
    if (own !== undefined) {
      const min = formatDuration(Number(((duration * own.count) / own.max).toPrecision(3)));
      issue(ctx, ['interval'], s.interval, `too fine for ${own.count} ${own.what}: ${formatDuration(duration)} / ${formatDuration(s.interval)} is ${formatInteger(Math.ceil(points))} points per series, ${formatInteger(Math.ceil(points) * own.count)} over ${own.whose} (max ${formatInteger(own.max)}); use at least ${min}`, AGAINST_DURATION);
    }
  }
}

function checkSpec(s: SpecShape, ctx: Ctx): void {
  if (s.services.length === 0 && s.training === undefined && s.costs === undefined) {
    issue(ctx, [], undefined, 'nothing to simulate: add services (with traffic and duration), training or costs');
  }
  const itemNames = new Set((s.costs?.items ?? []).map((i) => i.name));
  const names = [...itemNames];
  const expected = names.length ? `one of ${names.join(' | ')}` : 'a spec.costs item (there are none)';
  for (const c of s.claims) {
    if (c.item !== null && !itemNames.has(c.item)) {
      issue(ctx, ['claims', c.key], c.key, `no spec.costs item named "${c.item}"`, { expected, suggestion: suggestNearest(c.item, names) });
    }
  }
  const serviceNames = s.services.map((x) => x.name);
  s.expect.forEach((e, i) => {
    const svc = splitServiceMetric(e.metric)?.service;
    if (svc !== undefined && !serviceNames.includes(svc)) {
      issue(ctx, ['expect', i], e.text, `no service named "${svc}"`, { expected: serviceNames.length ? `one of ${serviceNames.join(' | ')}` : 'a service (there are none)', suggestion: suggestNearest(svc, serviceNames) });
    }
    if (e.item !== undefined && e.item !== null && !itemNames.has(e.item)) {
      issue(ctx, ['expect', i], e.text, `no spec.costs item named "${e.item}"`, { expected, suggestion: suggestNearest(e.item, names) });
    }
  });
  if (s.services.length > 0 && s.duration === undefined) issue(ctx, ['duration'], undefined, 'missing required field "duration" (required when services are present)');
  if (s.services.length > 0 && s.traffic === undefined) issue(ctx, ['traffic'], undefined, 'missing required field "traffic" (required when services are present)');
  if (s.services.length === 0 && s.traffic !== undefined) issue(ctx, ['traffic'], undefined, 'traffic has no service to go to: add spec.services');
  checkUnique(ctx, s.services, 'services');
  checkUnique(ctx, s.nodePools, 'nodePools');
  const graphOk = checkReferences(s, ctx);
  checkZeroReplicas(s, ctx);
  checkFleetSize(s, ctx);
  checkFaults(s, ctx);
  checkSharedCluster(s, ctx);
  checkGlobalAutoscalerFlags(s, ctx);
  if (s.duration !== undefined) {
    checkTime(s, ctx, s.duration);
    checkTraffic(s, ctx, s.duration, graphOk);
  }
}

// --scan-interval and --scale-down-delay-after-add are global flags (one loop for the cluster); older
// scenarios set them per pool, so autoscaled pools must agree unless spec.cluster.autoscaler sets them.
function checkGlobalAutoscalerFlags(s: SpecShape, ctx: Ctx): void {
  for (const flag of GLOBAL_POOL_FLAGS) {
    if (s.cluster?.autoscaler?.[flag] !== undefined) continue;
    const values = autoscaledPoolValues(s.nodePools, flag);
    const first = values[0];
    const other = values.find((v) => v.value !== first?.value);
    if (first && other) {
      issue(ctx, ['nodePools', other.index, 'clusterAutoscaler', flag], other.value, `${flag} is a cluster-wide flag (one autoscaler loop), but pools give ${formatDuration(first.value)} and ${formatDuration(other.value)}: set spec.cluster.autoscaler.${flag}`);
    }
  }
}

const GLOBAL_POOL_FLAGS = ['scanInterval', 'scaleDownDelayAfterAdd'] as const;

function autoscaledPoolValues(pools: SpecShape['nodePools'], flag: (typeof GLOBAL_POOL_FLAGS)[number]): { index: number; value: number }[] {
  return pools.flatMap((p, index) => (p.clusterAutoscaler.enabled ? [{ index, value: p.clusterAutoscaler[flag] }] : []));
}

/** A global cluster-autoscaler flag: spec.cluster.autoscaler's, else the autoscaled pools' (they agree), else the upstream default. */
export function globalAutoscalerFlag(spec: Pick<SpecShape, 'nodePools' | 'cluster'>, flag: (typeof GLOBAL_POOL_FLAGS)[number]): number {
  return spec.cluster?.autoscaler?.[flag] ?? autoscaledPoolValues(spec.nodePools, flag)[0]?.value ?? (flag === 'scanInterval' ? 10 : 600);
}

const CONTROL_PLANE_BY_CLOUD: Readonly<Record<string, 'gke' | 'eks' | 'aks'>> = { gcp: 'gke', aws: 'eks', azure: 'aks' };

/** `spec` after the cross-field defaults are filled. */
type ResolvedSpec = Omit<SpecShape, 'traffic' | 'cluster'> & {
  /** The first (or only) traffic source. */
  traffic?: TrafficSpec;
  /** Every traffic source, the first being `traffic` (one entry when traffic is a single source). */
  trafficSources: TrafficSpec[];
  cluster: {
    controlPlane: 'gke' | 'eks' | 'aks' | 'none';
    clusters: number;
    autoscaler: ClusterAutoscalerFlagsSpec & { scanInterval: number; scaleDownDelayAfterAdd: number };
    featureGates: FeatureGatesSpec;
    karpenter: KarpenterSettingsSpec;
    kueue: KueueSettingsSpec;
  };
};

/** Fills the cross-field defaults (traffic target = first service; control plane by the first pool's cloud), keeping key order. */
function resolve(s: SpecShape): ResolvedSpec {
  const firstPool = s.nodePools[0];
  const byCloud = firstPool === undefined ? 'none' : (CONTROL_PLANE_BY_CLOUD[cloudOf(firstPool.instance)] ?? 'none');
  const { traffic, cluster } = s;
  const out = { ...s } as ResolvedSpec;
  out.trafficSources = sourcesOf(traffic).map(({ source }) => ({ ...source, target: source.target ?? s.services[0]?.name ?? '' }));
  if (out.trafficSources.length > 0) out.traffic = out.trafficSources[0]!;
  const autoscaler = cluster?.autoscaler ?? clusterAutoscalerFlagsSchema.parse({});
  out.cluster = {
    controlPlane: cluster?.controlPlane ?? byCloud,
    clusters: cluster?.clusters ?? 1,
    autoscaler: { ...autoscaler, scanInterval: globalAutoscalerFlag(s, 'scanInterval'), scaleDownDelayAfterAdd: globalAutoscalerFlag(s, 'scaleDownDelayAfterAdd') },
    featureGates: cluster?.featureGates ?? featureGatesSchema.parse({}),
    karpenter: cluster?.karpenter ?? karpenterSettingsSchema.parse({}),
    kueue: cluster?.kueue ?? kueueSettingsSchema.parse({}),
  };
  return out;
}

/** `spec` with cross-field checks and resolved defaults. */
export const specSchema = specShape.superRefine(checkSpec).transform(resolve);

/** A whole scenario document. */
export const scenarioSchema = z
  .strictObject({
    apiVersion: z.literal(API_VERSION).describe('Always design-sim/v1'),
    kind: z.literal(KIND).describe('Always Scenario'),
    metadata: metadataSchema.describe('Name, title and provenance'),
    spec: specSchema.describe('What to simulate'),
  })
  .describe('A design-sim scenario: a serving fleet and/or a training run, with expectations and claims');

/** A parsed, defaulted scenario in canonical units. */
export type Scenario = z.output<typeof scenarioSchema>;
/** A scenario as written (units as strings allowed, defaults optional). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** Parsed `metadata`. */
export type ScenarioMetadata = Scenario['metadata'];
/** Parsed `spec`. */
export type ScenarioSpec = Scenario['spec'];
/** Parsed `spec.cluster` with the control plane resolved. */
export type ClusterSpec = ScenarioSpec['cluster'];
