import { parseScenarioText, runScenario } from '@design-sim/sim-core';
import { describe, expect, it } from 'vitest';
import type { PlainObject } from '../model/doc-path.ts';
import { docToYaml } from '../model/scenario-yaml.ts';
import { runDoc, smallDoc, trainingDoc } from '../test-support/fixtures.ts';
import { buildCharts, eventMarks } from './chart-model.ts';
import { overlayCharts } from './compare-charts.ts';
import { compareRows, formatInUnit } from './compare-diff.ts';
import { costBreakdown } from './cost-breakdown.ts';
import { nodeStatus } from './node-status.ts';
import { formatCount, formatMs, formatUsd } from './format.ts';
import { summaryCards } from './summary-cards.ts';

const doc = smallDoc();
const result = runDoc(doc);
const parsed = parseScenarioText(docToYaml(doc), 'small.yaml');
const scenario = parsed.ok ? parsed.scenario : null;

describe('chart model', () => {
  const charts = buildCharts(result, scenario);

  it('draws the four charts with the SLO line from the expectations', () => {
    expect(charts.map((c) => c.id)).toEqual(['qps', 'backlog', 'fleet', 'latency', 'rate', 'cost']);
    expect(charts[3]!.refLines).toEqual([{ value: 100, label: 'SLO p99' }]);
    expect(charts[0]!.series.map((s) => s.key)).toEqual(['offered', 'served', 'dropped', 'capacity']);
    // 6 ready replicas × 20 req/s each.
    expect(Array.from(charts[0]!.series[3]!.values).at(-1)).toBeCloseTo(120, 9);
    // A cost.hourly bound becomes a cost line over the run: $1/h × 10 min.
    expect(charts[5]!.refLines[0]!.value).toBeCloseTo(1 / 6, 9);
    // $/hour: 6 on-demand g5.2xlarge nodes all run long, so the rate is 6 × the catalog's hourly price; no spot, no split.
    const rate = charts[4]!;
    expect(rate.unit).toBe('USD/h');
    expect(rate.series.map((s) => s.key)).toEqual(['rate']);
    expect(rate.refLines).toEqual([{ value: 1, label: 'cost.hourly < 1' }]);
    const perHour = Array.from(rate.series[0]!.values);
    expect(perHour.at(-1)! * (result.summary!.durationSeconds / 3600)).toBeCloseTo(perHour.reduce((a, b) => a + b, 0) * (60 / 3600), 6);
    expect(perHour.at(-1)! / 6).toBeCloseTo(result.summary!.cost.perHourUsd / 6, 1);
    // The accrued cost is the bill so far: it ends at the run's total, the control plane's line included (issue #11:
    // the chart ended at the nodes' $922.87 of serving-autoscaling's $925.27 when it drew timeseries.costUsd alone).
    const accrued = Array.from(charts[5]!.series[0]!.values);
    const lines = result.summary!.cost.lines;
    expect(lines.some((l) => l.unit === 'cluster-hour' && (l.usd ?? 0) > 0)).toBe(true);
    expect(accrued.at(-1)!).toBeCloseTo(result.summary!.cost.totalUsd, 9);
    expect(accrued.at(-1)!).toBeGreaterThan(result.timeseries!.costUsd.at(-1)!);
  });

  it('splits $/hour and the accrued cost into spot and on-demand when a pool has spot nodes', () => {
    const spotDoc = smallDoc();
    const pool = (spotDoc.spec as { nodePools: PlainObject[] }).nodePools[0]!;
    pool.spotShare = 0.5;
    const r = runDoc(spotDoc);
    const c = buildCharts(r, null);
    const rate = c.find((x) => x.id === 'rate')!;
    expect(rate.series.map((s) => s.key)).toEqual(['rate', 'onDemand', 'spot']);
    const [all, onDemand, spot] = rate.series.map((s) => Array.from(s.values));
    for (let i = 0; i < all!.length; i++) expect(onDemand![i]! + spot![i]!).toBeCloseTo(all![i]!, 9);
    expect(spot!.at(-1)).toBeGreaterThan(0);
    // Spot capacity is cheaper per node than on-demand.
    expect(spot!.at(-1)!).toBeLessThan(onDemand!.at(-1)!);
    const cost = c.find((x) => x.id === 'cost')!;
    expect(cost.series.map((s) => s.key)).toEqual(['cost', 'spotCost']);
  });

  it('has nothing to chart for a training-only run', () => {
    expect(buildCharts(runDoc(trainingDoc()), null)).toEqual([]);
  });

  it('marks fleet events on the time axis, merging node events of one interval', () => {
    const r = { ...result, events: [
      { t: 10, kind: 'node-ready' as const, target: 'gpu' },
      { t: 20, kind: 'node-ready' as const, target: 'gpu' },
      { t: 30, kind: 'hpa-scale' as const, target: 'model', from: 2, to: 4 },
      { t: 90, kind: 'spot-lost' as const, target: 'gpu' },
    ] };
    expect(eventMarks(r, 60)).toEqual([
      { t: 10, kind: 'node', label: '2× node ready (gpu)' },
      { t: 30, kind: 'scale', label: 'HPA scales model 2 → 4' },
      { t: 90, kind: 'spot', label: 'spot node lost gpu' },
    ]);
  });
});

describe('a metrics outage (spec.faults kind metrics)', () => {
  it('is marked as faults are: its start stands out, its end is a node-style mark', () => {
    const r = { ...result, events: [
      { t: 3600, kind: 'fault-start' as const, target: 'metrics of model', detail: 'metric reads fail for 600 s' },
      { t: 3635, kind: 'hpa-scale' as const, target: 'model', from: 6, to: 10 },
      { t: 4200, kind: 'fault-end' as const, target: 'metrics of model' },
    ] };
    expect(eventMarks(r, 60)).toEqual([
      { t: 3600, kind: 'spot', label: 'fault starts: metrics of model' },
      { t: 3635, kind: 'scale', label: 'HPA scales model 6 → 10' },
      { t: 4200, kind: 'node', label: 'fault ends: (metrics of model)' },
    ]);
  });
});

describe('latency card percentiles', () => {
  it('the p99 card also shows p50 and p95 of the same run, after warm-up', () => {
    const p99 = summaryCards(result).find((c) => c.metric === 'latency.p99')!;
    const s = result.summary!;
    expect(p99.more).toBe(`p50 ${formatMs(s.latencyMs.p50)} · p95 ${formatMs(s.latencyMs.p95)}`);
    expect(s.latencyMs.p50).toBeLessThanOrEqual(s.latencyMs.p95);
    expect(s.latencyMs.p95).toBeLessThanOrEqual(s.latencyMs.p99);
  });
});

describe('summary cards', () => {
  it('colour each card by the expectations on its metric, neutral without one', () => {
    const cards = summaryCards(result);
    const by = Object.fromEntries(cards.map((c) => [c.metric, c]));
    expect(by['latency.p99']!.status).toBe('pass');
    expect(by['cost.hourly']!.status).toBe('fail');
    expect(by['cost.monthly']!.status).toBe('fail');
    expect(by['gpus.peak']).toMatchObject({ status: 'neutral', raw: 6, value: '6' });
    expect(by['latency.p99']!.raw).toBe(result.summary!.latencyMs.p99);
  });

  it('say a money figure from a bill with unknown prices is a bound, and fail an upper bound on it', () => {
    const doc = smallDoc({ expect: ['cost.hourly < 1000'] });
    const spec = doc.spec as PlainObject;
    delete spec.nodePools;
    delete (spec.services as PlainObject[])[0]!.nodePool;
    const cards = Object.fromEntries(summaryCards(runDoc(doc)).map((c) => [c.metric, c]));
    expect(cards['cost.hourly']).toMatchObject({ value: '≥ $0', status: 'fail' });
    expect(cards['cost.hourly']!.detail).toMatch(/lower bound: the bill is incomplete \(no node pools/);
    expect(cards['cost.per1k']!.value).toMatch(/^≥ \$0/);
    expect(cards['latency.p99']!.value).not.toMatch(/≥/);
  });

  it('show peak nodes instead of "Peak GPUs 0" for a design without GPUs, unless an expectation reads gpus.peak', () => {
    const cpu = (expect: string[]) => {
      const doc = smallDoc({ expect });
      const spec = doc.spec as PlainObject;
      (spec.nodePools as PlainObject[])[0]!.instance = 'aws/us-east-1/m6i.xlarge';
      (spec.services as PlainObject[])[0]!.cpuPerReplica = 1;
      return summaryCards(runDoc(doc));
    };
    const cards = cpu(['latency.p99 < 100ms']);
    expect(cards.map((c) => c.metric)).not.toContain('gpus.peak');
    const nodes = cards.find((c) => c.metric === 'nodes.max')!;
    expect(nodes).toMatchObject({ label: 'Peak nodes', basis: 'whole run, no GPUs', status: 'neutral' });
    expect(nodes.raw).toBeGreaterThan(0);
    expect(cpu(['gpus.peak <= 0']).find((c) => c.metric === 'gpus.peak')).toMatchObject({ value: '0', status: 'pass' });
  });

  it('judge training cost against the budget', () => {
    const cards = summaryCards(runDoc(trainingDoc()));
    expect(cards.map((c) => c.metric)).toEqual(['training.days', 'training.costUsd']);
    expect(cards[1]!.status).toBe('fail');
    expect(cards[1]!.detail).toMatch(/budget \$1,000: short by/);
  });

  it('turn red when the training run cannot fit in GPU memory, and say why', () => {
    const doc = trainingDoc();
    (doc.spec as PlainObject).training = { parameters: '70B', tokens: '1T', gpu: 'a100-40gb', gpus: 8, mfu: 0.4 };
    const r = runDoc(doc);
    expect(r.pass).toBe(false);
    const cards = summaryCards(r);
    expect(cards.map((c) => c.status)).toEqual(['fail', 'fail']);
    expect(cards[0]!.detail).toContain('training does not fit in GPU memory: 1,120 GB of model states');
    // The training node on the canvas gets the red mark too.
    const node = nodeStatus('training', r, null, { services: 0, pools: 0 })!;
    expect(node.failing).toContain('does not fit in GPU memory');
    expect(node.lines.find((l) => l.label === 'memory')!.value).toBe('does not fit');
  });
});

describe('cost breakdown', () => {
  it('splits the bill by pool and capacity type plus the control plane, summing to the total', () => {
    const b = costBreakdown(result);
    expect(b.rows.map((r) => r.group)).toEqual(['pool gpu', 'control plane']);
    expect(b.rows[0]!.label).toBe('on-demand');
    const sum = b.rows.reduce((a, r) => a + (r.usd ?? 0), 0);
    expect(sum).toBeCloseTo(result.summary!.cost.totalUsd, 9);
    expect(b.rows.reduce((a, r) => a + r.share, 0)).toBeCloseTo(1, 9);
    expect(b.rows[0]!.source).toMatch(/^\w+, observed (\d{4}-\d{2}-\d{2}|≤ \d{4}-\d{2}-\d{2}|undated)$/);
  });

  it('carries a stale price with its reason, and adds training and static line items', () => {
    const doc = trainingDoc();
    const spec = doc.spec as PlainObject;
    spec.training = { parameters: '7B', tokens: '140B', instance: 'aws/us-east-1/p4de.24xlarge', nodes: 1, purchase: 'spot', mfu: 0.4 };
    spec.costs = { period: '730h', items: [{ name: 'fsx', storage: 'aws/us-east-1/fsx-lustre-persistent', gb: 1200 }] };
    const b = costBreakdown(runDoc(doc));
    expect(b.rows.map((r) => [r.group, r.label])).toEqual([
      ['training', 'spot'],
      ['line items', 'fsx'],
    ]);
    // The pre-cut p4de spot price is flagged, with why; the FSx rate is current.
    expect(b.rows[0]!.source).toBe('SKY_AWS_PRECUT, observed ≤ 2025-05-31');
    expect(b.rows[0]!.stale).toMatch(/^aws\/us-east-1\/p4de\.24xlarge spot \$6\.8234\/h: STALE: observed by 2025-05-31, before AWS_GPU_CUT_2025_06/);
    expect(b.rows[1]).toMatchObject({ source: 'FSX_C3X, observed undated', stale: null });
    expect(b.rows[1]!.usd).toBeCloseTo(1200 * 0.145, 9);
    expect(b.stalePrices).toHaveLength(1);
  });
});

describe('node status', () => {
  const ctx = { services: 1, pools: 1, fragment: { name: 'gpu' } };

  it('shows replicas, latency and availability on the service, nodes and $/h on the pool', () => {
    const svc = nodeStatus('service', result, null, ctx)!;
    expect(svc.lines.map((l) => `${l.label}@${l.base}`)).toEqual(['replicas@cursor', 'p99@cursor', 'p99@run', 'availability@run']);
    expect(svc.lines[2]!.value).toBe(`${Number(result.summary!.latencyMs.p99.toPrecision(3))} ms`);
    expect(svc.atSeconds).toBe(result.timeseries!.t.at(-1));
    expect(svc.lines[0]!.value).toBe('6 / 6 ready');
    expect(svc.failing).toEqual([]);
    const pool = nodeStatus('nodePool', result, 0, ctx)!;
    expect(pool.lines[0]).toEqual({ label: 'nodes', value: '6', base: 'cursor', headline: true });
    expect(pool.atSeconds).toBe(result.timeseries!.t[0]);
    expect(pool.lines.filter((l) => l.base === 'run').map((l) => l.label)).toEqual(['$/hour (average)', 'peak GPUs']);
    expect(pool.failing).toEqual(['cost.hourly < 1']);
    expect(nodeStatus('loadBalancer', result, null, ctx)).toBeNull();
  });

  it('says "fleet" when several services share the series', () => {
    expect(nodeStatus('service', result, null, { ...ctx, services: 2 })!.lines[0]!.label).toBe('replicas (fleet)');
  });

  it("with several pools, a pool's figures are its own: its nodes at the cursor, its average nodes and $/hour", () => {
    const pool = nodeStatus('nodePool', result, 0, { ...ctx, pools: 2 })!;
    const own = result.summary!.nodePools.find((p) => p.name === 'gpu')!;
    const hours = result.summary!.durationSeconds / 3600;
    expect(pool.lines.filter((l) => l.headline).map((l) => [l.label, l.base, l.value])).toEqual([
      ['nodes', 'cursor', formatCount(own.timeseries.readyNodes[0]!)],
      ['$/hour (average)', 'run', formatUsd(own.costUsd! / hours)],
    ]);
    expect(pool.lines.find((l) => l.label === 'nodes (average)')?.value).toBe(formatCount(own.nodeHours / hours));
    // The fleet's GPU figures say so.
    expect(pool.lines.map((l) => l.label)).toContain('GPU util (fleet)');
  });

  it('a traffic source shows its own offered rate, not the sum of all sources', () => {
    const doc = smallDoc();
    const spec = doc.spec as PlainObject;
    const two = runDoc({ ...doc, spec: { ...spec, traffic: [{ profile: { type: 'constant', qps: 40 } }, { profile: { type: 'constant', qps: 10 } }] } });
    const offered = (docPath: (string | number)[]) => nodeStatus('traffic', two, 3, { ...ctx, docPath })!.lines[0]!;
    const [a, b] = two.summary!.traffic;
    expect(offered(['spec', 'traffic', 0])).toEqual({ label: 'offered', value: `${formatCount(a!.timeseries.offeredQps[3]!)} req/s`, base: 'cursor', headline: true });
    expect(offered(['spec', 'traffic', 1]).value).toBe(`${formatCount(b!.timeseries.offeredQps[3]!)} req/s`);
    // Their own rates (40 and 10 req/s, Poisson over a minute), which sum to the fleet's.
    expect(b!.timeseries.offeredQps[3]!).toBeLessThan(20);
    expect(a!.timeseries.offeredQps[3]! + b!.timeseries.offeredQps[3]!).toBeCloseTo(two.timeseries!.offeredQps[3]!, 9);
    // A single source (no list) is the fleet's series.
    expect(nodeStatus('traffic', result, 3, { ...ctx, docPath: ['spec', 'traffic'] })!.lines[0]!.value).toBe(`${formatCount(result.timeseries!.offeredQps[3]!)} req/s`);
  });

  it("leaves the fleet's GPU figures off a CPU pool (its instance has no GPUs)", () => {
    const labels = (instance: string) => nodeStatus('nodePool', result, null, { ...ctx, fragment: { name: 'gpu', instance } })!.lines.map((l) => l.label);
    expect(labels('aws/us-east-1/m6i.xlarge')).toEqual(['nodes', '$/hour (average)']);
    expect(labels('aws/us-east-1/g5.2xlarge')).toEqual(['nodes', 'GPU util', '$/hour (average)', 'peak GPUs']);
  });
});

describe('compare', () => {
  it('lists B − A for the metrics both runs have', () => {
    const b = runDoc(smallDoc({ replicas: 9 }));
    const rows = compareRows(result, b);
    const peak = rows.find((r) => r.metric === 'gpus.peak')!;
    expect(peak).toMatchObject({ a: 6, b: 9, delta: 3, deltaPct: 50, lowerIsBetter: true });
    expect(rows.some((r) => r.metric.startsWith('training.'))).toBe(false);
  });

  it('writes values and differences in their units', () => {
    expect(formatInUnit('USD/h', 55.15)).toBe('$55.15/h');
    expect(formatInUnit('USD/h', -24.06, true)).toBe('−$24.06/h');
    expect(formatInUnit('USD per 1k requests', 0.0123)).toBe('$0.0123 per 1k requests');
    expect(formatInUnit('ms', 2050)).toBe('2.05 s');
    expect(formatInUnit('ms', 12_000, true)).toBe('+12 s');
    expect(formatInUnit('fraction', 0.9995)).toBe('99.95%');
    expect(formatInUnit('fraction', -0.003, true)).toBe('−0.3 pp');
    expect(formatInUnit('GPUs', 3, true)).toBe('+3 GPUs');
    expect(formatInUnit('GPUs', 0, true)).toBe('±0 GPUs');
    expect(formatInUnit('ms', null)).toBe('—');
  });

  it('overlays A (dashed) and B (solid) on each chart, keeping A on its own times when its intervals differ', () => {
    const b = runDoc(smallDoc({ replicas: 9 }));
    const charts = overlayCharts(buildCharts(result, scenario), buildCharts(b, scenario), result.timeseries!.t, b.timeseries!.t);
    expect(charts.map((c) => c.id)).toEqual(['qps', 'backlog', 'fleet', 'latency', 'rate', 'cost']);
    const fleet = charts.find((c) => c.id === 'fleet')!;
    expect(fleet.series.map((s) => s.key).slice(0, 4)).toEqual(['a-desired', 'b-desired', 'a-ready', 'b-ready']);
    expect(fleet.series.filter((s) => s.key.startsWith('a-')).every((s) => s.dashed === true && s.t === undefined)).toBe(true);
    expect(fleet.series.filter((s) => s.key.startsWith('b-')).every((s) => !s.dashed)).toBe(true);
    expect(Array.from(fleet.series[3]!.values).at(-1)).toBe(9);
    // The SLO line appears once, and A keeps its own times when they differ from B's.
    expect(charts.find((c) => c.id === 'latency')!.refLines).toHaveLength(1);
    const shifted = Float64Array.from(b.timeseries!.t, (x) => x * 2);
    expect(overlayCharts(buildCharts(result, scenario), buildCharts(b, scenario), shifted, b.timeseries!.t)[0]!.series[0]!.t).toBe(shifted);
  });
});

describe('node status in a service graph', () => {
  it('a service node of a multi-service design shows its own figures and only its own failing lines', () => {
    const text = `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: g }
spec:
  duration: 20m
  traffic: { target: api, profile: { type: constant, qps: 50 } }
  services:
    - { name: api, replicas: 2, gpusPerReplica: 0, concurrency: 8, releaseDuringCalls: true, latency: { distribution: constant, ms: 5 }, calls: [{ to: db }] }
    - { name: db, replicas: 1, gpusPerReplica: 0, concurrency: 4, latency: { distribution: exponential, meanMs: 20 } }
  expect:
    - services.db.latency.p99 < 1ms
    - services.api.utilization < 90%
`;
    const p = parseScenarioText(text, 'g.yaml');
    if (!p.ok) throw new Error('parse');
    const r = runScenario(p.scenario);
    const ctx = { services: 2, pools: 0 };
    const db = nodeStatus('service', r, null, { ...ctx, fragment: { name: 'db' } })!;
    const api = nodeStatus('service', r, null, { ...ctx, fragment: { name: 'api' } })!;
    expect(db.lines.map((l) => `${l.label}@${l.base}`)).toEqual(['replicas@cursor', 'p99 with calls@cursor', 'utilization@cursor', 'p99 alone@run', 'p99 with calls@run', 'served@run']);
    expect(db.lines[3]!.value).toBe(`${Number(r.services!.db!.latencyMs.p99.toPrecision(3))} ms`);
    expect(db.failing).toEqual(['services.db.latency.p99 < 1ms']);
    expect(api.failing).toEqual([]);
    // The api's latency with its calls includes the db's.
    expect(r.services!.api!.subtreeLatencyMs.p99).toBeGreaterThan(r.services!.db!.subtreeLatencyMs.p50);
  });

  it('a batching service node says its figure is busy time, not slots in use', () => {
    const text = `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: g }
spec:
  duration: 5m
  traffic: { target: api, profile: { type: constant, qps: 50 } }
  services:
    - { name: api, replicas: 2, gpusPerReplica: 0, concurrency: 8, releaseDuringCalls: true, latency: { distribution: constant, ms: 5 }, calls: [{ to: model }] }
    - { name: model, replicas: 1, gpusPerReplica: 0, concurrency: 1, latency: { distribution: constant, ms: 1 }, batching: { maxBatchSize: 8, maxQueueDelay: 20ms, batchLatency: { baseMs: 5, perItemMs: 1 } } }
`;
    const p = parseScenarioText(text, 'g.yaml');
    if (!p.ok) throw new Error('parse');
    const r = runScenario(p.scenario);
    const ctx = { services: 2, pools: 0 };
    const labels = (name: string) => nodeStatus('service', r, null, { ...ctx, fragment: { name } })!.lines.filter((l) => l.headline).map((l) => l.label);
    expect(labels('model')).toEqual(['p99 with calls', 'busy']);
    expect(labels('api')).toEqual(['p99 with calls', 'utilization']);
    // The utilization chart names the busy series as such.
    const chart = buildCharts(r, p.scenario).find((c) => c.id === 'services')!;
    expect(chart.series.map((s) => s.label)).toEqual(['api', 'model (busy)']);
  });
});
