/** `services[].knative` at the parsing edge: upstream defaults, located errors for bad values and for a second autoscaler. */
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../api/compile-scenario.ts';
import { createSimApi } from '../api/sim-api.ts';
import { formatIssue } from './scenario-issue.ts';

const api = createSimApi();

function doc(service: string): string {
  return `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: kpa-parse }
spec:
  duration: 1h
  traffic: { profile: { type: constant, qps: 1 } }
  services:
    - name: api
      latency: { distribution: constant, ms: 100 }
${service}`;
}

function report(text: string): string {
  const v = api.validate(text, 'k.yaml');
  if (!v.ok) return v.issues.map(formatIssue).join('\n');
  return 'ok';
}

describe('services[].knative', () => {
  it('takes config-autoscaler defaults (config.go defaultConfig) and starts the Deployment at initial-scale', () => {
    const v = api.validate(doc('      knative: {}\n'), 'k.yaml');
    if (!v.ok) throw new Error(v.issues.map(formatIssue).join('; '));
    const s = v.scenario.spec.services[0]!;
    expect(s.replicas).toBe(1);
    expect(s.knative).toEqual({
      metric: 'concurrency',
      metricAggregationAlgorithm: 'linear',
      targetUtilizationPercentage: 70,
      containerConcurrency: 0,
      minScale: 0,
      maxScale: 0,
      initialScale: 1,
      allowZeroInitialScale: false,
      scaleDownDelay: 0,
      stableWindow: 60,
      panicWindowPercentage: 10,
      panicThresholdPercentage: 200,
      targetBurstCapacity: 211,
      maxScaleUpRate: 1000,
      maxScaleDownRate: 2,
      enableScaleToZero: true,
      scaleToZeroGracePeriod: 30,
      scaleToZeroPodRetentionPeriod: 0,
    });
  });

  it('refuses a second autoscaler, and replicas other than initialScale, located', () => {
    expect(report(doc('      knative: {}\n      hpa: { minReplicas: 1, maxReplicas: 4, metrics: [{ type: concurrency, target: 4 }] }\n'))).toContain(
      'k.yaml:10:16 spec.services[0].knative: a service has one autoscaler: the KPA (knative) or an HPA (hpa), not both',
    );
    expect(report(doc('      knative: {}\n      keda: { triggers: [{ type: requestRate }] }\n'))).toContain('spec.services[0].knative: a service has one autoscaler: the KPA (knative) or a KEDA ScaledObject (keda), not both');
    expect(report(doc('      replicas: 2\n      knative: {}\n'))).toContain("spec.services[0].replicas: the KPA starts the revision's Deployment at initialScale (1): remove replicas, or set knative.initialScale: 2");
    expect(report(doc('      replicas: 1\n      knative: {}\n'))).toBe('ok');
  });

  it('refuses values upstream validation refuses (annotation_validation.go, config.go validate), at the field', () => {
    expect(report(doc('      knative: { stableWindow: 5s }\n'))).toMatch(/k\.yaml:10:32 spec\.services\[0\]\.knative\.stableWindow: .*at least 6s/);
    expect(report(doc('      knative: { stableWindow: 61.5s }\n'))).toContain('knative.stableWindow: must be a whole number');
    expect(report(doc('      knative: { panicThresholdPercentage: 100 }\n'))).toContain('spec.services[0].knative.panicThresholdPercentage');
    expect(report(doc('      knative: { maxScaleDownRate: 1 }\n'))).toContain('spec.services[0].knative.maxScaleDownRate');
    expect(report(doc('      knative: { minScale: 3, maxScale: 2 }\n'))).toContain('spec.services[0].knative.maxScale: maxScale (2) must be at least minScale (3), or 0 for no limit (validateMinMaxScale)');
    expect(report(doc('      knative: { maxScale: 4, activationScale: 5 }\n'))).toContain('knative.activationScale: activationScale (5) must be at most maxScale (4)');
    expect(report(doc('      knative: { initialScale: 0 }\n'))).toContain('knative.initialScale: initialScale 0 is not allowed by the cluster');
    expect(report(doc('      knative: { initialScale: 0, allowZeroInitialScale: true }\n'))).toBe('ok');
    expect(report(doc('      knative: { containerConcurrency: 4 }\n'))).toContain("knative.containerConcurrency: containerConcurrency is the queue-proxy's limit of requests served at once, which is the service's concurrency (1)");
    expect(report(doc('      knative: { metric: cpu }\n'))).toContain('spec.services[0].knative.metric');
  });

  it('a scale already refused is not compared again: one line, not also min ≤ max or activationScale within them', () => {
    // Found by the CLI fuzzer (content/nim-llama3-8b-scale-to-zero-knative.yaml): minScale 1e308 also printed
    // "maxScale: maxScale (2) must be at least minScale (1e+308)", and maxScale -1 "activationScale (2) must be at most maxScale (-1)".
    expect(report(doc('      knative: { minScale: 1e308, maxScale: 2 }\n'))).toMatchInlineSnapshot(`"k.yaml:10:28 spec.services[0].knative.minScale: must be at most 10,000, got 1e308"`);
    expect(report(doc('      knative: { maxScale: -1, activationScale: 2 }\n'))).toMatchInlineSnapshot(`"k.yaml:10:28 spec.services[0].knative.maxScale: must be at least 0, got -1"`);
    expect(report(doc('      knative: { minScale: 1.5, activationScale: 2, maxScale: 3 }\n'))).toMatchInlineSnapshot(`"k.yaml:10:28 spec.services[0].knative.minScale: expected a whole number, got 1.5"`);
    expect(report(doc('      concurrency: 0\n      knative: { containerConcurrency: 4 }\n'))).toMatchInlineSnapshot(`"k.yaml:10:20 spec.services[0].concurrency: must be at least 1, got 0"`);
    expect(report(doc('      replicas: 2\n      knative: { initialScale: -1 }\n'))).toMatchInlineSnapshot(`"k.yaml:11:32 spec.services[0].knative.initialScale: must be at least 0, got -1"`);
  });

  it('compiles the target as ResolveMetricTarget does: total × utilization, the annotation target capped at containerConcurrency, 200 rps by default', () => {
    const compiled = (block: string, concurrency = 1) => {
      const v = api.validate(doc(`      concurrency: ${concurrency}\n      knative: ${block}\n`), 'k.yaml');
      if (!v.ok) throw new Error(v.issues.map(formatIssue).join('; '));
      const k = compileScenario(v.scenario).services[0]!.knative!;
      return [k.decider.targetValue, k.decider.totalValue];
    };
    expect(compiled('{}')).toEqual([70, 100]); // container-concurrency-target-default 100 × 70 %
    expect(compiled('{ target: 10 }')[0]).toBeCloseTo(7, 12);
    expect(compiled('{ target: 10, containerConcurrency: 4 }', 4)[0]).toBeCloseTo(2.8, 12); // min(10, 4) × 0.7
    expect(compiled('{ containerConcurrency: 4, targetUtilizationPercentage: 100 }', 4)).toEqual([4, 4]);
    expect(compiled('{ metric: rps }')).toEqual([140, 200]);
    const v = api.validate(doc('      knative: { panicThresholdPercentage: 300, stableWindow: 2m }\n'), 'k.yaml');
    if (!v.ok) throw new Error(v.issues.map(formatIssue).join('; '));
    const k = compileScenario(v.scenario).services[0]!.knative!;
    expect([k.decider.panicThreshold, k.decider.stableWindowSeconds, k.pa.activationTimeoutSeconds]).toEqual([3, 120, 630]);
    expect(k.aggregation).toBeUndefined();
    const w = api.validate(doc('      knative: { metricAggregationAlgorithm: weighted-exponential }\n'), 'k.yaml');
    if (!w.ok) throw new Error(w.issues.map(formatIssue).join('; '));
    expect(compileScenario(w.scenario).services[0]!.knative!.aggregation).toBe('weighted-exponential');
  });

  it('runs end to end from YAML: the KPA scales the service (knative-scale events)', () => {
    // 200 req/s × 0.1 s = 20 in flight: ceil(20 / 7) = 3 pods where it starts with 1.
    const text = doc('      concurrency: 100\n      knative: { target: 10 }\n').replace('duration: 1h', 'duration: 10m').replace('qps: 1 }', 'qps: 200 }');
    const res = api.run(text, 'k.yaml');
    if (!res.ok) throw new Error(JSON.stringify(res));
    const scales = res.result.events.filter((e) => e.kind === 'knative-scale');
    expect(scales[0]).toMatchObject({ from: 1, to: 3 });
  });

  it('requests the activator refuses at zero fail the run (failed-at-zero) with the Knative fix', () => {
    // Starts at zero (initial-scale 0); a replica takes 60 s to load; the activator holds at most 2 requests.
    const block = '      startup: { modelLoad: 60s }\n      knative: { initialScale: 0, allowZeroInitialScale: true, buffer: { capacity: 2 } }\n';
    const res = api.run(doc(block).replace('duration: 1h', 'duration: 5m'), 'k.yaml');
    if (!res.ok) throw new Error(JSON.stringify(res));
    const d = res.result.diagnostics.find((x) => x.code === 'failed-at-zero');
    expect(d?.message).toMatch(/requests failed at zero replicas \(\d+ refused \(no buffer, or it was full\)\): raise knative.buffer's capacity and timeout above a cold start, or keep a warm replica \(minScale 1\)/);
  });

  it('the scale-to-zero summary covers the KPA: time at zero, the cold start and its parts, the held requests', () => {
    // engine/knative-integration.test.ts's second case through YAML: at zero until the decision at 102 s, ready at 107 s.
    const text = doc('      latency: { distribution: constant, ms: 1000 }\n      concurrency: 1000\n      startup: { modelLoad: 5s }\n      knative: { target: 10, initialScale: 0, allowZeroInitialScale: true }\n')
      .replace('      latency: { distribution: constant, ms: 100 }\n', '')
      .replace('duration: 1h', 'duration: 200s')
      .replace('traffic: { profile: { type: constant, qps: 1 } }', 'traffic: { arrivals: uniform, profile: { type: step, from: 0, to: 1, at: 100s } }');
    const res = api.run(text, 'k.yaml');
    if (!res.ok) throw new Error(JSON.stringify(res));
    const z = res.result.summary!.scaleToZero!;
    expect([z.services, z.knative, z.coldStarts, z.waited, z.failed]).toEqual([['api'], ['api'], 1, 7, 0]);
    expect(z.hoursAtZero * 3600).toBeCloseTo(102, 6);
    // First request 100.5 s → decision 102 s → ready 107 s: 1.5 s waiting for the KPA, 5 s of containers.
    expect(z.coldStartParts!.pollWait * 60).toBeCloseTo(1.5, 6);
    expect(z.coldStartParts!.containers * 60).toBeCloseTo(5, 6);
  });

  it('scaleToZero.* expectations have a value with knative (no "will fail" warning)', () => {
    const v = api.validate(doc('      knative: {}\n').replace('  services:', '  expect: [scaleToZero.failed <= 0]\n  services:'), 'k.yaml');
    if (!v.ok) throw new Error(v.issues.map(formatIssue).join('; '));
    expect(v.warnings.map(formatIssue)).toEqual([]);
  });
});

