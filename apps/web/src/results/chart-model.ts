/**
 * What the four result charts draw, as data (pure): the series of each chart, its reference lines
 * (SLO, budget) and the fleet events marked on the time axis.
 */
import type { EngineEvent, RunResult, Scenario } from '@design-sim/sim-core';
import { accruedBillUsd, hourlyRateUsd } from '@design-sim/cost-model';
import { replicaCapacityQps } from './service-capacity.ts';

/** One line of a chart. */
export interface ChartSeries {
  key: string;
  label: string;
  values: ArrayLike<number>;
  /** CSS colour (a custom property). */
  color: string;
  dashed?: boolean;
  /** The unit of this series' values when the chart's own is a bare count (`replicas`, `nodes`): the tooltip says it. */
  unit?: string;
  /** Drawn as a filled area under the line. */
  area?: boolean;
  /** The series' own interval ends (s) when they are not the chart's (a compared run with another interval). */
  t?: ArrayLike<number>;
}

/** A horizontal reference line (an SLO, a cost bound). */
export interface RefLine {
  value: number;
  label: string;
}

/** One chart. */
export interface ChartModel {
  id: 'qps' | 'backlog' | 'fleet' | 'latency' | 'rate' | 'cost' | 'llm' | 'kv' | 'prefix' | 'services' | 'pools';
  title: string;
  unit: string;
  series: ChartSeries[];
  refLines: RefLine[];
  /** A note shown under the title (e.g. why a series is missing). */
  note: string | null;
}

/** A fleet event on the time axis. */
export interface EventMark {
  t: number;
  kind: 'scale' | 'node' | 'spot';
  label: string;
}

function capacitySeries(result: RunResult, scenario: Scenario | null): { series: ChartSeries | null; note: string | null } {
  const ts = result.timeseries!;
  const services = scenario?.spec.services ?? [];
  if (services.length !== 1) return { series: null, note: services.length > 1 ? 'capacity line shown for one-service designs only (series are fleet totals)' : null };
  const svc = services[0]!;
  const perReplica = replicaCapacityQps(svc);
  if (perReplica === null) return { series: null, note: svc.llm ? 'no capacity line for token-level LLM serving (throughput depends on the batch)' : null };
  // Cache hits never reach a replica: the offered rate the fleet can absorb is the replicas' rate over the miss ratio.
  const hit = svc.cache?.hitRatio ?? 0;
  const scale = hit < 1 ? 1 / (1 - hit) : Infinity;
  const values = Float64Array.from(ts.readyReplicas, (r) => r * perReplica * scale);
  const label = `capacity (ready × ${Number(perReplica.toPrecision(3))}/s${hit > 0 ? ` ÷ ${Number((1 - hit).toPrecision(3))} misses` : ''})`;
  return { series: { key: 'capacity', label, values, color: 'var(--c-capacity)', dashed: true }, note: null };
}

function expectationLines(scenario: Scenario | null, metricPrefix: string, label: (metric: string) => string): RefLine[] {
  return (scenario?.spec.expect ?? [])
    .filter((e) => e.metric.startsWith(metricPrefix) && (e.op === '<' || e.op === '<='))
    .map((e) => ({ value: e.value, label: label(e.metric) }));
}

/** The charts of a serving run (empty for a training-only run). */
export function buildCharts(result: RunResult, scenario: Scenario | null): ChartModel[] {
  const ts = result.timeseries;
  if (ts === null) return [];
  const cap = capacitySeries(result, scenario);
  const qps: ChartSeries[] = [
    { key: 'offered', label: 'offered', values: ts.offeredQps, color: 'var(--c-offered)' },
    { key: 'served', label: 'served', values: ts.servedQps, color: 'var(--c-served)' },
    { key: 'dropped', label: 'dropped + timed out', values: ts.droppedQps, color: 'var(--c-bad)' },
  ];
  if (cap.series !== null) qps.push(cap.series);
  const hours = Math.max(result.summary?.durationSeconds ?? 0, 1) / 3600;
  const costCap = (scenario?.spec.expect ?? [])
    .filter((e) => (e.metric === 'cost.hourly' || e.metric === 'cost.total') && (e.op === '<' || e.op === '<='))
    .map((e) => ({ value: e.metric === 'cost.total' ? e.value : e.value * hours, label: e.metric === 'cost.total' ? 'cost bound' : `${e.text} over the run` }));
  const charts: ChartModel[] = [
    { id: 'qps', title: 'Requests per second', unit: 'req/s', series: qps, refLines: [], note: cap.note },
    {
      id: 'backlog',
      // With calls the engine's backlog series count visits: a request and each call it has out (json-output.md).
      title: result.breakdown === null ? 'Requests in flight (at interval ends)' : 'Visits in flight: requests and their calls (at interval ends)',
      unit: result.breakdown === null ? 'requests' : 'visits',
      series: [
        { key: 'waiting', label: 'waiting', values: ts.waiting, color: 'var(--c-bad)', area: true },
        { key: 'inService', label: result.breakdown === null ? 'in service' : 'in service or waiting on calls', values: ts.inService, color: 'var(--c-served)' },
        // A closed loop's concurrency: each user has one request in flight or is thinking.
        ...(ts.users.some((u) => u > 0) ? [{ key: 'users', label: 'closed-loop users', values: ts.users, color: 'var(--c-offered)', dashed: true }] : []),
      ],
      refLines: [],
      note: null,
    },
    {
      id: 'fleet',
      title: 'Replicas and nodes',
      unit: 'count',
      series: [
        { key: 'desired', label: 'replicas desired', values: ts.desiredReplicas, color: 'var(--c-desired)', dashed: true, unit: 'replicas' },
        { key: 'ready', label: 'replicas ready', values: ts.readyReplicas, color: 'var(--c-served)', unit: 'replicas' },
        { key: 'nodes', label: 'nodes ready', values: ts.readyNodes, color: 'var(--c-nodes)', unit: 'nodes' },
        { key: 'provisioning', label: 'nodes provisioning', values: ts.provisioningNodes, color: 'var(--c-warn)', unit: 'nodes' },
      ],
      refLines: [],
      note: null,
    },
    {
      id: 'latency',
      title: 'Latency',
      unit: 'ms',
      series: [
        { key: 'p50', label: 'p50', values: ts.latencyP50Ms, color: 'var(--c-served)' },
        { key: 'p95', label: 'p95', values: ts.latencyP95Ms, color: 'var(--c-offered)' },
        { key: 'p99', label: 'p99', values: ts.latencyP99Ms, color: 'var(--c-p99)' },
      ],
      refLines: expectationLines(scenario, 'latency.', (m) => `SLO ${m.slice('latency.'.length)}`),
      note: null,
    },
    costRateChart(ts, scenario),
    {
      id: 'cost',
      title: 'Accrued cost',
      unit: 'USD',
      series: [
        // The bill so far: the nodes' accrual (timeseries.costUsd) and the control plane's hours, so it ends at the run's total.
        { key: 'cost', label: 'cost so far', values: result.summary === null ? ts.costUsd : accruedBillUsd(ts.t, ts.costUsd, result.summary.cost.lines, result.summary.durationSeconds), color: 'var(--c-cost)', area: true },
        ...(hasSpot(ts) ? [{ key: 'spotCost', label: 'of which spot', values: ts.spotCostUsd, color: 'var(--c-warn)', dashed: true }] : []),
      ],
      refLines: costCap,
      note: null,
    },
  ];
  // Token-level LLM runs also report generated tokens per second and KV-cache use (TTFT is not a series: it is on the cards).
  if (result.summary?.llm) charts.push(...llmCharts(ts, scenario, result.summary.llm.prefixCache !== null));
  const perService = serviceUtilizationChart(result);
  if (perService !== null) charts.push(perService);
  const perPool = poolNodesChart(result);
  if (perPool !== null) charts.push(perPool);
  return charts;
}

/** True when some of the run's cost was accrued on spot nodes. */
function hasSpot(ts: NonNullable<RunResult['timeseries']>): boolean {
  const n = ts.spotCostUsd.length;
  return n > 0 && ts.spotCostUsd[n - 1]! > 0;
}

/** $/hour in each interval (cost-model's hourlyRateUsd over the accrued series), split into spot and the rest when there are spot nodes. */
function costRateChart(ts: NonNullable<RunResult['timeseries']>, scenario: Scenario | null): ChartModel {
  const total = hourlyRateUsd(ts.t, ts.costUsd);
  const series: ChartSeries[] = [{ key: 'rate', label: 'all nodes', values: total, color: 'var(--c-cost)' }];
  if (hasSpot(ts)) {
    const spot = hourlyRateUsd(ts.t, ts.spotCostUsd);
    const regular = hourlyRateUsd(ts.t, Float64Array.from(ts.costUsd, (c, i) => c - ts.spotCostUsd[i]!));
    series.push({ key: 'onDemand', label: 'on-demand / committed', values: regular, color: 'var(--c-offered)' }, { key: 'spot', label: 'spot', values: spot, color: 'var(--c-warn)' });
  }
  const caps = (scenario?.spec.expect ?? []).filter((e) => e.metric === 'cost.hourly' && (e.op === '<' || e.op === '<=')).map((e) => ({ value: e.value, label: e.text }));
  return { id: 'rate', title: 'Cost per hour (nodes)', unit: 'USD/h', series, refLines: caps, note: null };
}

/** Colours for one line per component (service or pool), in order (more components than colours repeat them dashed). */
const COMPONENT_COLORS = ['var(--c-offered)', 'var(--c-served)', 'var(--c-capacity)', 'var(--c-nodes)', 'var(--c-p99)', 'var(--c-cost)', 'var(--c-desired)', 'var(--c-warn)'];

/** One line per component: its `key`, `label` and values, coloured by its place in the list. */
function componentLines(items: readonly { key: string; label: string; values: ArrayLike<number> }[]): ChartSeries[] {
  return items.map((x, i) => ({ ...x, color: COMPONENT_COLORS[i % COMPONENT_COLORS.length]!, ...(i >= COMPONENT_COLORS.length ? { dashed: true } : {}) }));
}

/**
 * Designs of several services (a graph, or a disaggregated LLM's prefill and decode pools): each one's
 * utilization over time, in percent of its replicas' capacity, so that where the load lands is visible.
 */
function serviceUtilizationChart(result: RunResult): ChartModel | null {
  const services = Object.entries(result.services ?? {});
  if (services.length < 2) return null;
  return {
    id: 'services',
    title: 'Utilization by service',
    unit: '%',
    series: componentLines(services.map(([name, s]) => ({ key: `svc:${name}`, label: s.utilizationBasis === 'busy' ? `${name} (busy)` : name, values: Float64Array.from(s.timeseries.utilization, (v) => v * 100) }))),
    refLines: [],
    note: null,
  };
}

/** Designs of several node pools: each pool's own ready nodes over time (the fleet chart shows their sum). */
function poolNodesChart(result: RunResult): ChartModel | null {
  const pools = result.summary?.nodePools ?? [];
  if (pools.length < 2) return null;
  return {
    id: 'pools',
    title: 'Nodes by pool (ready, at interval ends)',
    unit: 'nodes',
    series: componentLines(pools.map((p) => ({ key: `pool:${p.name}`, label: p.name, values: p.timeseries.readyNodes }))),
    refLines: [],
    note: null,
  };
}

function llmCharts(ts: NonNullable<RunResult['timeseries']>, scenario: Scenario | null, prefixCaching: boolean): ChartModel[] {
  const floors = (scenario?.spec.expect ?? [])
    .filter((e) => e.metric === 'tokens.outputPerSecond' && (e.op === '>' || e.op === '>='))
    .map((e) => ({ value: e.value, label: e.text }));
  return [
    { id: 'llm', title: 'LLM output tokens', unit: 'tokens/s', series: [{ key: 'tokens', label: 'output tokens/s', values: ts.outputTokensPerSecond, color: 'var(--c-capacity)' }], refLines: floors, note: null },
    {
      id: 'kv',
      title: 'KV-cache utilization',
      unit: '%',
      // The series is a 0..1 share of the fleet's KV cache reserved; shown in percent like the HPA target.
      series: [{ key: 'kv', label: 'KV cache reserved', values: Float64Array.from(ts.kvCacheUtilization, (v) => v * 100), color: 'var(--c-nodes)', area: true }],
      refLines: [],
      note: null,
    },
    ...(prefixCaching
      ? [
          {
            id: 'prefix' as const,
            title: 'Prompt tokens from the prefix cache',
            unit: '%',
            // Share of the prompt tokens of the requests finished in each interval that were read from the cache.
            series: [{ key: 'prefixHit', label: 'prompt tokens from the cache', values: Float64Array.from(ts.prefixHitRate, (v) => v * 100), color: 'var(--c-served)', area: true }],
            refLines: [],
            note: null,
          },
        ]
      : []),
  ];
}

const EVENT_KIND: Readonly<Record<EngineEvent['kind'], EventMark['kind']>> = {
  'hpa-scale': 'scale',
  'keda-scale': 'scale',
  'knative-scale': 'scale',
  'node-requested': 'node',
  'node-ready': 'node',
  'node-removed': 'node',
  'scale-up-timeout': 'node',
  'spot-notice': 'spot',
  'spot-lost': 'spot',
  'in-flight-limit': 'scale',
  // Faults are disruptions, marked like spot losses so they stand out on every chart.
  'spot-wave': 'spot',
  'node-failed': 'spot',
  'node-repaired': 'node',
  'fault-start': 'spot',
  'fault-end': 'node',
  'pod-preempted': 'scale',
  'pod-evicted': 'scale',
  'pod-deleted': 'scale',
  'pod-killed': 'scale',
  'drain-failed': 'node',
  'job-preempted': 'scale',
  'job-evicted': 'scale',
  'insufficient-capacity': 'node',
  consolidation: 'node',
  drift: 'node',
};

const EVENT_VERB: Readonly<Record<EngineEvent['kind'], string>> = {
  'hpa-scale': 'HPA scales',
  'keda-scale': 'KEDA scales',
  'knative-scale': 'Knative KPA scales',
  'node-requested': 'node requested',
  'node-ready': 'node ready',
  'node-removed': 'node removed',
  'scale-up-timeout': 'scale-up timed out: node pool backed off',
  'spot-notice': 'spot interruption notice',
  'spot-lost': 'spot node lost',
  'in-flight-limit': 'in-flight limit reached: arrivals dropped',
  'spot-wave': 'spot reclaim wave',
  'node-failed': 'node failed',
  'node-repaired': 'node back',
  'fault-start': 'fault starts:',
  'fault-end': 'fault ends:',
  'pod-preempted': 'pod preempted:',
  'pod-evicted': 'pod evicted within its disruption budget:',
  'pod-deleted': "pod deleted past its disruption budget at its node's termination grace period:",
  'pod-killed': 'pod killed at the end of its termination grace period:',
  'drain-failed': 'drain failed on a disruption budget: node kept',
  'job-preempted': 'job preempted:',
  'job-evicted': "job evicted, its pods not ready in time (Kueue waitForPodsReady):",
  'insufficient-capacity': 'insufficient capacity: launch refused',
  consolidation: 'Karpenter consolidation',
  drift: 'Karpenter drift (NodePool rollout)',
};

/** Events to mark on the time axis; node events of one kind in the same interval are merged into one mark. */
export function eventMarks(result: RunResult, intervalSeconds: number): EventMark[] {
  const out: EventMark[] = [];
  const seen = new Map<string, EventMark & { n: number }>();
  for (const e of result.events) {
    const kind = EVENT_KIND[e.kind];
    const change = e.from !== undefined && e.to !== undefined ? ` ${e.from} → ${e.to}` : '';
    if (kind === 'scale' || kind === 'spot') {
      out.push({ t: e.t, kind, label: `${EVENT_VERB[e.kind]} ${e.target}${change}` });
      continue;
    }
    const slot = `${e.kind}:${Math.floor(e.t / intervalSeconds)}`;
    const prev = seen.get(slot);
    if (prev !== undefined) {
      prev.n += 1;
      prev.label = `${prev.n}× ${EVENT_VERB[e.kind]} (${e.target})`;
    } else {
      const mark = { t: e.t, kind, label: `${EVENT_VERB[e.kind]} (${e.target})`, n: 1 };
      seen.set(slot, mark);
      out.push(mark);
    }
  }
  return out.map(({ t, kind, label }) => ({ t, kind, label }));
}
