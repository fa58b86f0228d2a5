import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { HpaBehaviorInput } from '../hpa/hpa-behavior-input.ts';
import { parseScenarioText } from './parse-scenario.ts';
import { scenarioSchema, type Scenario } from './scenario-schema.ts';
import { BASE_YAML, edit, parseOk, report } from './scenario-test-builders.ts';

const example = (name: string) => parseOk(readFileSync(new URL(`../../../../examples/${name}.yaml`, import.meta.url), 'utf8')).scenario;

const TRAINING_ONLY = `apiVersion: design-sim/v1
kind: Scenario
metadata:
  name: t
spec:
  training:
    parameters: 7B
    tokens: 2T
    instance: aws/us-east-1/p4de.24xlarge
    nodes: 4
    mfu: 40%
`;

describe('hpa.behavior keeps field presence', () => {
  it('omitted behavior is undefined (the legacy controller path)', () => {
    const hpa = parseOk(BASE_YAML).scenario.spec.services[0]?.hpa;
    expect(hpa).toBeDefined();
    expect(hpa?.behavior).toBeUndefined();
    expect(hpa !== undefined && 'behavior' in hpa).toBe(false);
  });

  it('`behavior: {}` stays {} (the API defaults), as in examples/hpa-step.yaml', () => {
    expect(example('hpa-step').spec.services[0]?.hpa?.behavior).toStrictEqual({});
  });

  it('a partial block keeps exactly the fields written', () => {
    const behavior = example('serving-autoscaling').spec.services[0]?.hpa?.behavior;
    expect(behavior?.scaleDown).toStrictEqual({ stabilizationWindowSeconds: 300, policies: [{ type: 'Percent', value: 10, periodSeconds: 60 }] });
    expect(Object.keys(behavior?.scaleUp ?? {})).toEqual(['stabilizationWindowSeconds', 'selectPolicy', 'policies']);
  });

  it('is typed as HpaBehaviorInput | undefined', () => {
    expectTypeOf<NonNullable<Scenario['spec']['services'][number]['hpa']>['behavior']>().toEqualTypeOf<HpaBehaviorInput | undefined>();
  });

  it('enforces the API validation limits', () => {
    const behavior = '        behavior: { scaleUp: { stabilizationWindowSeconds: 4000, policies: [{ type: Pods, value: 0, periodSeconds: 1801 }] }, scaleDown: { policies: [] } }\n';
    expect(report(edit(['        maxReplicas: 40\n', `        maxReplicas: 40\n${behavior}`]))).toMatchInlineSnapshot(`
      "examples/bad.yaml:18:60 spec.services[0].hpa.behavior.scaleUp.stabilizationWindowSeconds: must be at most 3,600, got 4,000
      examples/bad.yaml:18:98 spec.services[0].hpa.behavior.scaleUp.policies[0].value: must be greater than 0, got 0
      examples/bad.yaml:18:116 spec.services[0].hpa.behavior.scaleUp.policies[0].periodSeconds: must be at most 1,800, got 1,801
      examples/bad.yaml:18:150 spec.services[0].hpa.behavior.scaleDown.policies: must have at least 1 item, got 0"
    `);
  });
});

describe('defaults from the spec', () => {
  const s = parseOk(edit(['      replicas: 4\n', ''])).scenario;
  const svc = s.spec.services[0];
  const pool = s.spec.nodePools[0];

  it('spec-level', () => {
    expect({ seed: s.spec.seed, interval: s.spec.interval, warmup: s.spec.warmup, expect: s.spec.expect.length, claims: s.spec.claims }).toEqual({ seed: 1, interval: 60, warmup: 0, expect: 1, claims: [] });
    expect(s.spec.traffic).toMatchObject({ target: 'model', arrivals: 'poisson' });
    expect(s.spec.cluster).toMatchObject({ controlPlane: 'gke', clusters: 1, featureGates: { HPAConfigurableTolerance: false } });
    // cluster-autoscaler 1.34 flag defaults; scanInterval and scaleDownDelayAfterAdd resolved from the pool.
    expect(s.spec.cluster.autoscaler).toEqual({
      expander: ['least-waste'],
      scanInterval: 10,
      scaleDownDelayAfterAdd: 600,
      maxScaleDownParallelism: 10,
      maxDrainParallelism: 1,
      unremovableNodeRecheckTimeout: 300,
      initialNodeGroupBackoffDuration: 300,
      maxNodeGroupBackoffDuration: 1800,
      nodeGroupBackoffResetTimeout: 10800,
      expendablePodsPriorityCutoff: -10,
    });
  });

  it('service-level: replicas default to hpa.minReplicas, then 1', () => {
    expect(svc).toMatchObject({ replicas: 1, gpusPerReplica: 1, routing: 'least-outstanding', startup: { imagePull: 0, modelLoad: 0, readiness: 0 } });
    expect(svc?.hpa).toMatchObject({ minReplicas: 1, syncPeriod: 15, tolerance: 0.1 });
    const withMin = parseOk(edit(['      replicas: 4\n', ''], ['        maxReplicas: 40', '        minReplicas: 6\n        maxReplicas: 40'])).scenario;
    expect(withMin.spec.services[0]?.replicas).toBe(6);
  });

  it('HPA metric windows and scrape intervals by metric type', () => {
    expect(svc?.hpa?.metrics[0]).toEqual({ type: 'concurrency', targetType: 'AverageValue', target: 3, window: 0, scrapeInterval: 15 });
    const qps = parseOk(edit(['type: concurrency', 'type: qpsPerReplica'])).scenario.spec.services[0]?.hpa?.metrics[0];
    expect(qps).toEqual({ type: 'qpsPerReplica', target: 3, window: 120, scrapeInterval: 30 });
  });

  it('node-pool-level: CA flag defaults, initialNodes = minNodes, spot notice by cloud', () => {
    expect(pool).toMatchObject({ minNodes: 0, initialNodes: 0, spotShare: 0, purchase: 'on-demand' });
    expect(pool?.clusterAutoscaler).toEqual({ scanInterval: 10, scaleDownUnneededTime: 600, scaleDownUnreadyTime: 1200, scaleDownDelayAfterAdd: 600, scaleDownUtilizationThreshold: 0.5, maxNodeProvisionTime: 900, enabled: true });
    const gcpSpot = parseOk(edit(['      maxNodes: 40\n', '      maxNodes: 40\n      spotShare: 25%\n      spot: { interruptionsPerNodeHour: 0.01 }\n'])).scenario.spec.nodePools[0];
    expect(gcpSpot?.spot).toEqual({ interruptionsPerNodeHour: 0.01, notice: 30, fallback: 'none' });
    expect(gcpSpot?.spotShare).toBe(0.25);
    expect(example('serving-autoscaling').spec.nodePools[0]?.spot?.notice).toBe(120);
  });

  it('diurnal peakAt defaults to 14:00 and period to 24h', () => {
    const d = parseOk(edit(['{ type: step, from: 100, to: 600, at: 5m }', '{ type: diurnal, min: 1, max: 2 }'])).scenario.spec.traffic?.profile;
    expect(d).toEqual({ type: 'diurnal', min: 1, max: 2, peakAt: 50_400, period: 86_400 });
  });

  it('training: purchase on-demand, precision bf16; no hardware defaults', () => {
    expect(parseOk(TRAINING_ONLY).scenario.spec.training).toEqual({ parameters: 7e9, tokens: 2e12, instance: 'aws/us-east-1/p4de.24xlarge', nodes: 4, purchase: 'on-demand', mfu: 0.4, precision: 'bf16' });
  });
});

describe('canonical units', () => {
  it('durations in seconds, Ms fields in ms, fractions 0..1, gpuUtilization in percent, counts as numbers', () => {
    const s = parseOk(
      edit(
        ['  duration: 30m', '  duration: 1h30m'],
        ['p50Ms: 80, p99Ms: 250', 'p50Ms: 80, p99Ms: 1.5s'],
        ['type: concurrency\n            target: 3', 'type: gpuUtilization\n            target: "70%"'],
        ['from: 100', 'from: 10K'],
        ['timeout: 2s', 'timeout: 500ms'],
      ),
    ).scenario;
    expect(s.spec.duration).toBe(5400);
    expect(s.spec.services[0]?.latency).toEqual({ distribution: 'lognormal', p50Ms: 80, p99Ms: 1500 });
    expect(s.spec.services[0]?.hpa?.metrics[0]?.target).toBe(70);
    expect(s.spec.traffic?.profile).toMatchObject({ from: 10_000 });
    expect(s.spec.services[0]?.queue?.timeout).toBe(0.5);
  });

  it('parsed output is plain JSON-safe data (round-trips through JSON)', () => {
    const s = example('serving-autoscaling');
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('the schema is usable directly with safeParse on plain objects', () => {
    const r = scenarioSchema.safeParse({ apiVersion: 'design-sim/v1', kind: 'Scenario', metadata: { name: 'x' }, spec: { training: { parameters: 1e9, tokens: 1e10, gpu: 'h100', gpus: 8, mfu: 0.3 } } });
    expect(r.success).toBe(true);
  });
});

describe('cross-field checks', () => {
  it('references: traffic target, node pools, unique names', () => {
    expect(
      report(
        edit(
          ['    profile:', '    target: modle\n    profile:'],
          ['      nodePool: l4', '      nodePool: l5'],
          ['    - name: l4\n      instance: gcp/us-central1/g2-standard-8\n      maxNodes: 40\n', '    - name: l4\n      instance: gcp/us-central1/g2-standard-8\n      maxNodes: 40\n    - name: l4\n      instance: gcp/us-central1/g2-standard-8\n      maxNodes: 4\n'],
        ),
      ),
    ).toMatchInlineSnapshot(`
      "examples/bad.yaml:8:13 spec.traffic.target: no service named "modle" (did you mean "model"?)
      examples/bad.yaml:16:17 spec.services[0].nodePool: no node pool named "l5" (did you mean "l4"?)
      examples/bad.yaml:26:13 spec.nodePools[1].name: duplicate name "l4" (already used by nodePools[0])"
    `);
    expect(report(edit(['      nodePool: l4\n', '']))).toMatchInlineSnapshot(`"examples/bad.yaml:10:7 spec.services[0].nodePool: missing required field "nodePool" (required when nodePools exist: one of l4)"`);
  });

  it('sizes: minReplicas ≤ maxReplicas, minNodes ≤ maxNodes, initialNodes in range', () => {
    expect(
      report(
        edit(
          ['        maxReplicas: 40', '        minReplicas: 50\n        maxReplicas: 40'],
          ['      maxNodes: 40', '      minNodes: 41\n      maxNodes: 40'],
        ),
      ),
    ).toMatchInlineSnapshot(`
      "examples/bad.yaml:18:22 spec.services[0].hpa.maxReplicas: must be at least minReplicas (50), got 40
      examples/bad.yaml:26:17 spec.nodePools[0].maxNodes: must be at least minNodes (41), got 40"
    `);
    expect(report(edit(['      maxNodes: 40', '      maxNodes: 40\n      initialNodes: 50']))).toMatchInlineSnapshot(`"examples/bad.yaml:25:21 spec.nodePools[0].initialNodes: must be between minNodes (0) and maxNodes (40), got 50"`);
  });

  it('time: warmup < duration; ramp start < end; spikes go up and start inside the run', () => {
    expect(report(edit(['  duration: 30m\n', '  duration: 30m\n  warmup: 30m\n']))).toMatchInlineSnapshot(`"examples/bad.yaml:7:11 spec.warmup: must be shorter than duration (30m), got 30m"`);
    // The check compared spec.duration too: a flag that set it (--duration) is named with the issue (apps/cli).
    const warm = parseScenarioText(edit(['  duration: 30m\n', '  duration: 30m\n  warmup: 30m\n']), 'bad.yaml');
    expect(warm.ok ? [] : warm.issues.map((i) => i.related)).toEqual([['spec.duration']]);
    const pool = parseScenarioText(edit(['      maxNodes: 40', '      maxNodes: 40\n      initialNodes: 50']), 'bad.yaml');
    expect(pool.ok ? [] : pool.issues.map((i) => i.related)).toEqual([['spec.nodePools[0].minNodes', 'spec.nodePools[0].maxNodes']]);
    expect(report(edit(['{ type: step, from: 100, to: 600, at: 5m }', '{ type: ramp, from: 1, to: 2, start: 10m, end: 5m }']))).toMatchInlineSnapshot(`"examples/bad.yaml:8:61 spec.traffic.profile.end: must be after start (10m), got 5m"`);
    expect(report(edit(['{ type: step, from: 100, to: 600, at: 5m }', '{ type: spike, base: 100, peak: 50, at: 1h, duration: 5m }']))).toMatchInlineSnapshot(`
      "examples/bad.yaml:8:46 spec.traffic.profile.peak: must be at least base (100) for a spike, got 50; use a step or points profile for a dip
      examples/bad.yaml:8:54 spec.traffic.profile.at: the spike starts at 1h, not before the run ends (30m)"
    `);
    expect(report(edit(['{ type: step, from: 100, to: 600, at: 5m }', '{ type: diurnal, min: 10, max: 5 }']))).toMatchInlineSnapshot(`"examples/bad.yaml:8:45 spec.traffic.profile.max: must be at least min (10), got 5"`);
    expect(report(edit(['{ type: step, from: 100, to: 600, at: 5m }', '{ type: points, points: [[0, 1], [10m, 2], [5m, 3]] }']))).toMatchInlineSnapshot(`"examples/bad.yaml:8:57 spec.traffic.profile.points[2]: times must not decrease: 5m comes after 10m"`);
    expect(report(edit(['p50Ms: 80, p99Ms: 250', 'p50Ms: 80, p99Ms: 20']))).toMatchInlineSnapshot(`"examples/bad.yaml:13:61 spec.services[0].latency.p99Ms: must be at least p50Ms (80), got 20"`);
    // Found by the audit: each value legal, but σ = ln(3.6e306)/2.326 ≈ 303, an infinite mean: the run's replicas
    // soon each held a request that never ended (46 of 29,892 served).
    expect(report(edit(['p50Ms: 80, p99Ms: 250', 'p50Ms: 1e-300, p99Ms: 3600000']))).toMatchInlineSnapshot(`"examples/bad.yaml:13:65 spec.services[0].latency.p99Ms: with p50Ms 1e-300 the fitted log-normal's mean is infinite, above the limit of 3,600,000 ms per request (p99/p50 = 3.6e306: the tail is too heavy; check the units)"`);
    expect(report(edit(['p50Ms: 80, p99Ms: 250', 'p50Ms: 1, p99Ms: 3000000']))).toMatchInlineSnapshot(`"examples/bad.yaml:13:60 spec.services[0].latency.p99Ms: with p50Ms 1 the fitted log-normal's mean is 841,000,000 ms, above the limit of 3,600,000 ms per request (p99/p50 = 3,000,000: the tail is too heavy; check the units)"`);
    // A subnormal median overflows the ratio itself: it was "p99/p50 = Infinity" (found by the CLI fuzzer).
    expect(report(edit(['p50Ms: 80, p99Ms: 250', 'p50Ms: 1e-320, p99Ms: 250']))).toMatchInlineSnapshot(`"examples/bad.yaml:13:65 spec.services[0].latency.p99Ms: with p50Ms 1e-320 the fitted log-normal's mean is infinite, above the limit of 3,600,000 ms per request (p99/p50 above 1e308: the tail is too heavy; check the units)"`);
    // A heavy but honest tail (p99 = 100 × p50: mean 7.1 × p50) is accepted.
    expect(report(edit(['p50Ms: 80, p99Ms: 250', 'p50Ms: 80, p99Ms: 8000']))).toBe('ok');
  });

  it('what must be present: duration and traffic with services; something to simulate', () => {
    expect(report(edit(['  duration: 30m\n', ''], ['  traffic:\n    profile: { type: step, from: 100, to: 600, at: 5m }\n', '']))).toMatchInlineSnapshot(`
      "examples/bad.yaml:5:1 spec.duration: missing required field "duration" (required when services are present)
      examples/bad.yaml:5:1 spec.traffic: missing required field "traffic" (required when services are present)"
    `);
    expect(report('apiVersion: design-sim/v1\nkind: Scenario\nmetadata: { name: x }\nspec: { duration: 1h }\n')).toMatchInlineSnapshot(`"examples/bad.yaml:4:7 spec: nothing to simulate: add services (with traffic and duration), training or costs"`);
    expect(report('apiVersion: design-sim/v1\nkind: Scenario\nmetadata: { name: x }\nspec:\n  duration: 1h\n  traffic: { profile: { type: constant, qps: 1 } }\n  training: { parameters: 1B, tokens: 1T, gpu: h100, gpus: 8, mfu: 0.4 }\n')).toMatchInlineSnapshot(`"examples/bad.yaml:6:12 spec.traffic: traffic has no service to go to: add spec.services"`);
  });

  it('training hardware: one of the two forms, complete', () => {
    expect(report(TRAINING_ONLY.replace('    nodes: 4\n', '    nodes: 4\n    gpus: 32\n'))).toMatchInlineSnapshot(`"examples/bad.yaml:11:11 spec.training.gpus: give either instance + nodes or gpu + gpus (+ pricePerGpuHour), not both"`);
    expect(report(TRAINING_ONLY.replace('    instance: aws/us-east-1/p4de.24xlarge\n', ''))).toMatchInlineSnapshot(`"examples/bad.yaml:6:3 spec.training.instance: missing required field "instance" (nodes needs an instance type)"`);
    expect(report(TRAINING_ONLY.replace('    instance: aws/us-east-1/p4de.24xlarge\n    nodes: 4\n', ''))).toMatchInlineSnapshot(`"examples/bad.yaml:6:3 spec.training: missing the hardware: give either instance + nodes or gpu + gpus"`);
    expect(report(TRAINING_ONLY.replace('    mfu: 40%\n', '    mfu: 140%\n'))).toMatchInlineSnapshot(`"examples/bad.yaml:11:10 spec.training.mfu: must be at most 100%, got "140%""`);
    // 1e-300 ran 1e302 days and billed "$∞", exit 0; 1e-300 parameters were priced. MIN_TRAINING_MFU is 1%.
    expect(report(TRAINING_ONLY.replace('    mfu: 40%\n', '    mfu: 1e-300\n'))).toBe('examples/bad.yaml:11:10 spec.training.mfu: must be at least 1%, got 1e-300');
    expect(report(TRAINING_ONLY.replace('    mfu: 40%\n', '    mfu: 1%\n'))).toBe('ok');
    expect(report(TRAINING_ONLY.replace(/parameters: .*\n/, 'parameters: 1e-300\n'))).toMatch(/spec\.training\.parameters: must be at least 1, got 1e-300$/);
    // Found by the CLI fuzzer: every: 5e-324 made more segments than a double counts ("∞ days … $∞"). MIN_CHECKPOINT_EVERY_SECONDS is 1 s.
    expect(report(TRAINING_ONLY.replace('    mfu: 40%\n', '    mfu: 40%\n    checkpoint: { every: 5e-324, save: 1m }\n'))).toBe('examples/bad.yaml:12:26 spec.training.checkpoint.every: must be at least 1s, got 5e-324');
    expect(report(TRAINING_ONLY.replace('    mfu: 40%\n', '    mfu: 40%\n    checkpoint: { every: 1s, save: 1m }\n'))).toBe('ok');
  });

  it('an empty name is one line, not two', () => {
    expect(report(TRAINING_ONLY.replace('  name: t\n', '  name: ""\n'))).toBe('examples/bad.yaml:4:9 metadata.name: must not be empty, got ""');
    expect(report(TRAINING_ONLY.replace('  name: t\n', '  name: A\n'))).toMatch(/metadata\.name: expected lower-case letters, digits and dashes, starting and ending with a letter or digit \(\[a-z0-9-\]\+, a DNS label\), got "A"/);
  });

  it('a fraction a hair above 1 is offered 1, not a percentage a hundredth of it', () => {
    const spot = (v: string) => report(edit(['      maxNodes: 40\n', `      maxNodes: 40\n      spotShare: ${v}\n`]));
    expect(spot('1.0000001')).toMatchInlineSnapshot(`"examples/bad.yaml:25:18 spec.nodePools[0].spotShare: expected a fraction between 0 and 1 or a percentage like "50%", got 1.0000001 (did you mean "1"?)"`);
    expect(spot('30')).toMatch(/got 30 \(did you mean "30%"\?\)$/);
  });

  it('catalogDate must be a calendar day', () => {
    expect(report(edit(['  duration: 30m\n', '  duration: 30m\n  catalogDate: "2026-02-30"\n']))).toMatchInlineSnapshot(`"examples/bad.yaml:7:16 spec.catalogDate: not a calendar day"`);
    expect(report(edit(['  duration: 30m\n', '  duration: 30m\n  catalogDate: 2026/11/23\n']))).toMatchInlineSnapshot(`"examples/bad.yaml:7:16 spec.catalogDate: expected a date YYYY-MM-DD, got "2026/11/23" (did you mean "2026-11-23"?)"`);
    expect(report(edit(['  duration: 30m\n', '  duration: 30m\n  catalogDate: "2024-02-29"\n']))).toBe('ok');
  });

  it('claims: known metrics, values in the metric’s units', () => {
    const claim = (key: string, value: number, more: object = {}) => ({ key, metric: key, item: null, value, quote: null, notModelled: null, ...more });
    expect(parseOk(`${TRAINING_ONLY}  claims:\n    training.days: 18\n    training.costUsd: $21,230\n    training.hours: 2d\n`).scenario.spec.claims).toEqual([
      claim('training.days', 18),
      claim('training.costUsd', 21_230),
      claim('training.hours', 48),
    ]);
    const quoted = `${TRAINING_ONLY}  claims:\n    training.days: { value: 18, quote: "≈ 18 days" }\n    training.costUsd: { value: 21230, notModelled: "a reason" }\n`;
    expect(parseOk(quoted).scenario.spec.claims).toEqual([claim('training.days', 18, { quote: '≈ 18 days' }), claim('training.costUsd', 21_230, { notModelled: 'a reason' })]);
    expect(report(`${TRAINING_ONLY}  claims:\n    training.dayz: 18\n    training.costUsd: lots\n    training.budgetFits: maybe\n`)).toMatchInlineSnapshot(`
      "examples/bad.yaml:13:5 spec.claims["training.dayz"]: unknown metric "training.dayz" (did you mean "training.days"?)
      examples/bad.yaml:14:23 spec.claims["training.costUsd"]: training.costUsd is in USD: expected a USD amount like 40000, $40,000 or 40K, got "lots"
      examples/bad.yaml:15:26 spec.claims["training.budgetFits"]: training.budgetFits is a yes/no value: expected true or false (or 1 / 0), got "maybe""
    `);
  });
});

describe('warnings', () => {
  it('probable mistakes parse but are reported', () => {
    const text = edit(
      ['type: concurrency\n            target: 3', 'type: gpuUtilization\n            target: 0.7'],
      ['      replicas: 4\n', '      replicas: 80\n'],
      ['at: 5m', 'at: 1h'],
      ['    - latency.p99 < 2s', '    - latency.p99 < 2s\n    - training.days < 3'],
    );
    expect(report(text)).toMatchInlineSnapshot(`
      "ok
      warning: examples/bad.yaml:8:52 spec.traffic.profile.at: happens at 1h, after the run ends (30m)
      warning: examples/bad.yaml:11:17 spec.services[0].replicas: 80 is outside hpa [1, 40]: the HPA moves it to 40 at its first sync
      warning: examples/bad.yaml:20:21 spec.services[0].hpa.metrics[0].target: gpuUtilization targets are in percent: 0.7 means 0.7% (did you mean "70%"?)
      warning: examples/bad.yaml:27:7 spec.expect[1]: training.days has no value in this scenario (no training): this line will fail"
    `);
  });

  it('a per-direction HPA tolerance is ignored while HPAConfigurableTolerance is off (Kubernetes 1.34)', () => {
    const tol = ['        maxReplicas: 40\n', '        maxReplicas: 40\n        behavior: { scaleUp: { tolerance: 0.05 } }\n'] as [string, string];
    expect(report(edit(tol))).toMatchInlineSnapshot(`
      "ok
      warning: examples/bad.yaml:18:43 spec.services[0].hpa.behavior.scaleUp.tolerance: ignored: per-direction tolerance needs the HPAConfigurableTolerance feature gate, alpha and off in Kubernetes 1.34 (the controller-wide tolerance applies); set spec.cluster.featureGates.HPAConfigurableTolerance: true to model a cluster with it on (the 1.35 default)"
    `);
    expect(report(edit(tol, ['  expect:\n', '  cluster:\n    featureGates: { HPAConfigurableTolerance: true }\n  expect:\n']))).toBe('ok');
  });

  it('an interval as long as the measured run is flagged: its series has one point', () => {
    expect(report(edit(['  duration: 30m', '  duration: 30m\n  warmup: 5m\n  interval: 25m']))).toMatchInlineSnapshot(`
      "ok
      warning: examples/bad.yaml:8:13 spec.interval: 25m is not shorter than the measured run (25m after a 5m warm-up): the time series has one point, and the figures read at interval ends (backlog, replicas, scale-up times) are read once (did you mean "25s"?)"
    `);
    expect(report(edit(['  duration: 30m', '  duration: 30m\n  warmup: 5m\n  interval: 24m']))).toBe('ok');
  });

  it('a long, busy run is flagged as slow', () => {
    expect(report(edit(['{ type: step, from: 100, to: 600, at: 5m }', '{ type: constant, qps: 5000 }'], ['  duration: 30m', '  duration: 1d']))).toMatchInlineSnapshot(`
      "ok
      warning: examples/bad.yaml:8:14 spec.traffic.profile: about 432,000,000 requests: the run may take several minutes"
    `);
  });
});

describe('routing with executors', () => {
  it('rejects shared-queue routing for llm and batching services, which queue per replica', async () => {
    const { parseScenarioText } = await import('./parse-scenario.ts');
    const text = `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: x }
spec:
  duration: 10m
  traffic: { profile: { type: constant, qps: 5 } }
  services:
    - name: llm
      routing: shared-queue
      llm: { model: llama-3.1-8b, gpu: h100-sxm-80gb, inputTokens: 100, outputTokens: 100 }
`;
    const r = parseScenarioText(text, 'x.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => `${i.line}:${i.path}`)).toEqual(['9:spec.services[0].routing']);
  });
});

describe('run-size limits for token-level services', () => {
  it('refuses an llm run expected to simulate more than 1e8 requests, naming the limit', async () => {
    const { parseScenarioText } = await import('./parse-scenario.ts');
    const text = `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: x }
spec:
  duration: 7d
  traffic: { profile: { type: constant, qps: 500 } }
  services:
    - name: llm
      llm: { model: llama-3.1-8b, gpu: h100-sxm-80gb, inputTokens: 100, outputTokens: 100 }
`;
    const r = parseScenarioText(text, 'x.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.message).toMatch(/302,000,000 requests over 7d, above the limit of 100,000,000 for token-level llm services/);
  });
});

describe('hpa metric source (External for a shared queue)', () => {
  const metricsOf = (text: string) => parseOk(text).scenario.spec.services[0]?.hpa?.metrics;
  const sharedQueue = (metric: string) => edit(['      concurrency: 4\n', '      concurrency: 4\n      routing: shared-queue\n'], ['          - type: concurrency\n            target: 3\n', metric]);

  it('queueLength on a shared-queue service defaults to External AverageValue; elsewhere metrics are Pods', async () => {
    const { hpaMetricSource } = await import('./hpa-metric-source.ts');
    const shared = metricsOf(sharedQueue('          - type: queueLength\n            target: 10\n'))!;
    expect(hpaMetricSource(shared[0]!, 'shared-queue')).toBe('External');
    expect(shared[0]).toMatchObject({ targetType: 'AverageValue' });
    const perPod = metricsOf(edit(['          - type: concurrency\n            target: 3\n', '          - type: queueLength\n            target: 10\n']))!;
    expect(hpaMetricSource(perPod[0]!, 'least-outstanding')).toBe('Pods');
  });

  it('rejects a per-pod sample of a shared queue and a Value target on a Pods metric', () => {
    expect(report(sharedQueue('          - { type: queueLength, source: Pods, target: 10 }\n'))).toMatchInlineSnapshot(`"examples/bad.yaml:20:42 spec.services[0].hpa.metrics[0].source: a shared queue is one queue at the balancer, not a per-pod sample: it reaches the HPA as an External metric (omit source, or write source: External)"`);
    expect(report(edit(['          - type: concurrency\n            target: 3\n', '          - { type: concurrency, targetType: Value, target: 30 }\n']))).toMatchInlineSnapshot(`"examples/bad.yaml:19:46 spec.services[0].hpa.metrics[0].targetType: a Pods metric takes an AverageValue target only (autoscaling/v2 PodsMetricSource): use source: External for a Value target"`);
  });
});

describe('cluster autoscaler: global flags, expander, node groups', () => {
  const twoPools = (extra = '') =>
    edit([
      '    - name: l4\n      instance: gcp/us-central1/g2-standard-8\n      maxNodes: 40\n',
      `    - name: l4\n      instance: gcp/us-central1/g2-standard-8\n      maxNodes: 40\n    - name: l4-spot\n      instance: gcp/us-central1/g2-standard-8\n      maxNodes: 40\n      spotShare: 100%\n${extra}`,
    ]);

  it('a service may list several pools; each must exist, once', () => {
    const ok = parseOk(twoPools().replace('      nodePool: l4\n', '      nodePool: [l4-spot, l4]\n')).scenario;
    expect(ok.spec.services[0]?.nodePool).toEqual(['l4-spot', 'l4']);
    expect(report(twoPools().replace('      nodePool: l4\n', '      nodePool: [l4-spt, l4, l4]\n'))).toMatchInlineSnapshot(`
      "examples/bad.yaml:15:18 spec.services[0].nodePool[0]: no node pool named "l4-spt" (did you mean "l4-spot"?)
      examples/bad.yaml:15:30 spec.services[0].nodePool[2]: node pool "l4" is listed twice"
    `);
  });

  it('expander: one name or a chain, checked like the --expander flag', () => {
    const parse = (expander: string) => parseOk(edit(['  expect:\n', `  cluster:\n    autoscaler: { expander: "${expander}" }\n  expect:\n`])).scenario.spec.cluster.autoscaler.expander;
    expect(parse('priority,least-waste')).toEqual(['priority', 'least-waste']);
    expect(parse('price')).toEqual(['price']);
    const bad = (expander: string) => report(edit(['  expect:\n', `  cluster:\n    autoscaler: { expander: "${expander}" }\n  expect:\n`]));
    expect(bad('least_waste')).toMatchInlineSnapshot(`"examples/bad.yaml:26:29 spec.cluster.autoscaler.expander: unknown expander "least_waste" (did you mean "least-waste"?)"`);
    expect(bad('random,price')).toMatchInlineSnapshot(`"examples/bad.yaml:26:29 spec.cluster.autoscaler.expander: "price" comes after random, which always leaves one option: it would never be used"`);
  });

  it('scanInterval and scaleDownDelayAfterAdd are cluster-wide: autoscaled pools must agree unless spec.cluster.autoscaler sets them', () => {
    expect(report(twoPools('      clusterAutoscaler: { scanInterval: 30s }\n'))).toMatchInlineSnapshot(`"examples/bad.yaml:29:42 spec.nodePools[1].clusterAutoscaler.scanInterval: scanInterval is a cluster-wide flag (one autoscaler loop), but pools give 10s and 30s: set spec.cluster.autoscaler.scanInterval"`);
    const set = parseOk(twoPools('      clusterAutoscaler: { scanInterval: 30s }\n').replace('  expect:\n', '  cluster:\n    autoscaler: { scanInterval: 20s }\n  expect:\n')).scenario;
    expect(set.spec.cluster.autoscaler.scanInterval).toBe(20);
    const disabled = parseOk(twoPools('      clusterAutoscaler: { scanInterval: 30s, enabled: false }\n')).scenario;
    expect(disabled.spec.cluster.autoscaler.scanInterval).toBe(10);
  });

  it('node-group fields: provisioningFailure and the priority-expander priority', () => {
    const p = parseOk(twoPools('      provisioningFailure: 5%\n      clusterAutoscaler: { priority: 50 }\n')).scenario.spec.nodePools[1];
    expect(p).toMatchObject({ provisioningFailure: 0.05, clusterAutoscaler: { priority: 50, maxNodeProvisionTime: 900 } });
  });
});
