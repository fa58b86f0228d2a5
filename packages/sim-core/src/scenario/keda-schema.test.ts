/** `services[].keda` and the start-up stages at the parsing edge: located errors, warnings, defaults. */
import { describe, expect, it } from 'vitest';
import { createSimApi } from '../api/sim-api.ts';
import { compileScenario } from '../api/compile-scenario.ts';
import { formatIssue } from './scenario-issue.ts';

const api = createSimApi();

function doc(service: string): string {
  return `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: keda-parse }
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
  return ['ok', ...v.warnings.map((w) => `warning: ${formatIssue(w)}`)].join('\n');
}

describe('services[].keda', () => {
  it('takes KEDA defaults: minReplicaCount 0, pollingInterval 30 s, cooldownPeriod 300 s, initialCooldownPeriod 0, activation above 0, requestRate window 1 min', () => {
    const v = api.validate(doc('      replicas: 0\n      keda: { triggers: [{ type: requestRate }] }\n'), 'k.yaml');
    if (!v.ok) throw new Error(v.issues.map(formatIssue).join('; '));
    expect(compileScenario(v.scenario).services[0]!.keda).toEqual({
      minReplicaCount: 0,
      pollingIntervalSeconds: 30,
      cooldownPeriodSeconds: 300,
      initialCooldownPeriodSeconds: 0,
      idleReplicaCount: null,
      triggers: [{ type: 'requestRate', metric: null, activationThreshold: 0, windowSeconds: 60 }],
      buffer: null,
    });
  });

  it('replicas 0 is valid with keda (it scales from zero), an error without', () => {
    expect(report(doc('      replicas: 0\n      keda: { triggers: [{ type: requestRate }] }\n'))).toBe('ok');
    expect(report(doc('      replicas: 0\n'))).toContain('replicas 0 and no autoscaler');
  });

  it('errors are located: the HPA floor KEDA sets, a buffer that can never be used, an unknown trigger', () => {
    expect(report(doc('      keda: { minReplicaCount: 2, triggers: [{ type: requestRate }] }\n      hpa: { minReplicas: 1, maxReplicas: 4, metrics: [{ type: concurrency, target: 4 }] }\n'))).toMatchInlineSnapshot(
      `"k.yaml:11:27 spec.services[0].hpa.minReplicas: KEDA sets the HPA's minReplicas to minReplicaCount when it is above 0 (GetHPAMinReplicas): write hpa.minReplicas: 2"`,
    );
    expect(report(doc('      keda: { minReplicaCount: 1, triggers: [{ type: requestRate }], buffer: {} }\n'))).toContain('spec.services[0].keda.buffer: the buffer holds requests at zero replicas');
    expect(report(doc('      keda: { triggers: [{ type: cpu }] }\n'))).toContain('spec.services[0].keda.triggers[0].type');
  });

  it('a minReplicaCount past its limit is one line: the HPA floor and the buffer are not judged against it', () => {
    // Found by the CLI fuzzer: minReplicaCount: 1e308 also said "write hpa.minReplicas: 1e+308" (a value refused
    // in turn) and that the buffer could never be used.
    const hpa = '      hpa: { minReplicas: 1, maxReplicas: 4, metrics: [{ type: concurrency, target: 4 }] }\n';
    expect(report(doc(`      keda: { minReplicaCount: 1e308, triggers: [{ type: requestRate }], buffer: {} }\n${hpa}`))).toBe('k.yaml:10:32 spec.services[0].keda.minReplicaCount: must be at most 10,000, got 1e308');
    expect(report(doc(`      keda: { minReplicaCount: 2, idleReplicaCount: 0.5, triggers: [{ type: requestRate }], buffer: {} }\n${hpa}`))).toBe('k.yaml:10:53 spec.services[0].keda.idleReplicaCount: expected a whole number, got 0.5');
  });

  it('idleReplicaCount must be below minReplicaCount (CheckReplicaCountBoundsAreValid), located at the field; with idle 0 a buffer is allowed', () => {
    const hpa = '      hpa: { minReplicas: 2, maxReplicas: 4, metrics: [{ type: concurrency, target: 4 }] }\n';
    expect(report(doc(`      keda: { minReplicaCount: 2, idleReplicaCount: 2, triggers: [{ type: requestRate }] }\n${hpa}`))).toMatchInlineSnapshot(`"k.yaml:10:53 spec.services[0].keda.idleReplicaCount: must be less than minReplicaCount (2), got 2 (CheckReplicaCountBoundsAreValid)"`);
    expect(report(doc('      keda: { idleReplicaCount: 0, triggers: [{ type: requestRate }] }\n'))).toMatchInlineSnapshot(`"k.yaml:10:33 spec.services[0].keda.idleReplicaCount: must be less than minReplicaCount (0), got 0 (CheckReplicaCountBoundsAreValid): with minReplicaCount 0 the service already scales to zero, remove idleReplicaCount"`);
    expect(report(doc(`      keda: { minReplicaCount: 2, idleReplicaCount: 0, triggers: [{ type: requestRate }], buffer: {} }\n${hpa}`))).toBe('ok');
    const v = api.validate(doc(`      keda: { minReplicaCount: 2, idleReplicaCount: 0, triggers: [{ type: requestRate }] }\n${hpa}`), 'k.yaml');
    if (!v.ok) throw new Error(v.issues.map(formatIssue).join('; '));
    expect(compileScenario(v.scenario).services[0]!.keda).toMatchObject({ minReplicaCount: 2, idleReplicaCount: 0 });
  });

  it('warns when no trigger can see a request at zero', () => {
    expect(report(doc('      keda: { triggers: [{ type: prometheus, metric: queueLength }], buffer: {} }\n'))).toMatchInlineSnapshot(`
      "ok
      warning: k.yaml:10:25 spec.services[0].keda.triggers: no trigger can see requests while the service is at zero (prometheus queries read the replicas, which are gone): once scaled to zero it never wakes (did you mean "{ type: requestRate }"?)"
    `);
    expect(report(doc('      keda: { triggers: [{ type: pendingRequests }] }\n'))).toContain('pendingRequests sees nothing without a buffer');
    expect(report(doc('      keda: { triggers: [{ type: pendingRequests }], buffer: { timeout: 5m } }\n'))).toBe('ok');
    const hpa = '      hpa: { minReplicas: 3, maxReplicas: 4, metrics: [{ type: concurrency, target: 4 }] }\n';
    expect(report(doc(`      keda: { minReplicaCount: 3, idleReplicaCount: 0, triggers: [{ type: prometheus, metric: queueLength }] }\n${hpa}`))).toContain('once scaled to zero it never wakes');
    expect(report(doc(`      keda: { minReplicaCount: 3, idleReplicaCount: 1, triggers: [{ type: requestRate }] }\n${hpa}`))).toContain(
      'spec.services[0].keda.idleReplicaCount: KEDA supports only idleReplicaCount 0: the HPA it creates keeps minReplicas 3',
    );
  });
});

describe('services[].startup stages', () => {
  it('computes the pull and the load from sizes and throughputs (defaults by source), and keeps given durations as before', () => {
    const v = api.validate(
      doc('      startup: { image: { sizeGB: 5.2 }, weights: { source: persistentVolume, sizeGB: 16.06 }, engineStart: 64s, readiness: 10s }\n'),
      'k.yaml',
    );
    if (!v.ok) throw new Error(v.issues.map(formatIssue).join('; '));
    const st = compileScenario(v.scenario).services[0]!.startup;
    // 5.2 GB ÷ 37 MB/s; 16.06 GB ÷ 335 MB/s + 64 s.
    expect(st.imagePullSeconds).toBeCloseTo(5200 / 37, 9);
    expect(st.modelLoadSeconds).toBeCloseTo(16060 / 335 + 64, 9);
    expect(st.readinessSeconds).toBe(10);
    expect(st.stages).toMatchObject({ weightsSource: 'persistentVolume', weightsMBps: 335, engineStartSeconds: 64 });
    const old = api.validate(doc('      startup: { imagePull: 50s, modelLoad: 2m, readiness: 10s }\n'), 'k.yaml');
    if (!old.ok) throw new Error('unexpected');
    expect(compileScenario(old.scenario).services[0]!.startup).toEqual({ imagePullSeconds: 50, modelLoadSeconds: 120, readinessSeconds: 10 });
  });

  it('a time and its physics together are an error; weights without a size need an llm block', () => {
    expect(report(doc('      startup: { imagePull: 50s, image: { sizeGB: 5 } }\n'))).toContain('spec.services[0].startup.imagePull: give imagePull (seconds) or image (size and bandwidth), not both');
    expect(report(doc('      startup: { modelLoad: 2m, weights: { source: hub, sizeGB: 16 } }\n'))).toContain('give modelLoad (seconds) or weights (source and size), not both');
    expect(report(doc('      startup: { weights: { source: hub } }\n'))).toContain("spec.services[0].startup.weights.sizeGB: give the weights' size in GB");
    // Found by the CLI fuzzer: throughputMBps 5e-324 printed "weights ∞ s (16.06 GB from hub at 5e-324 MB/s)".
    expect(report(doc('      startup: { image: { sizeGB: 5, registryMBps: 0.5 }, weights: { source: hub, sizeGB: 16, throughputMBps: 5e-324 } }\n'))).toBe(
      ['k.yaml:10:52 spec.services[0].startup.image.registryMBps: must be at least 1, got 0.5', 'k.yaml:10:111 spec.services[0].startup.weights.throughputMBps: must be at least 1, got 5e-324'].join('\n'),
    );
  });
});
