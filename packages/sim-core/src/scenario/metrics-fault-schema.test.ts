/** `spec.faults` of kind metrics and `keda.fallback` at the parsing edge: defaults, located errors, the compiled form. */
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../api/compile-scenario.ts';
import { createSimApi } from '../api/sim-api.ts';
import { formatIssue } from './scenario-issue.ts';

const api = createSimApi();

function doc(service: string, faults = ''): string {
  return `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: metrics-fault }
spec:
  duration: 2h
  traffic: { profile: { type: constant, qps: 1 } }
  services:
    - name: api
      latency: { distribution: constant, ms: 100 }
${service}${faults}`;
}

function report(text: string): string {
  const v = api.validate(text, 'm.yaml');
  return v.ok ? 'ok' : v.issues.map(formatIssue).join('\n');
}

const hpa = '      hpa: { minReplicas: 1, maxReplicas: 8, metrics: [{ type: concurrency, target: 4 }] }\n';
const cpuHpa = '      cpuPerReplica: 2\n      hpa: { minReplicas: 1, maxReplicas: 8, metrics: [{ type: cpuUtilization, target: 60 }] }\n';

describe('spec.faults kind metrics', () => {
  it('compiles to a metrics outage of the listed services (every service when omitted), not to a node fault', () => {
    const v = api.validate(doc(hpa, '  faults:\n    - { kind: metrics, at: 1h, for: 10m, services: [api] }\n    - { kind: metrics, at: 90m, for: 1m }\n'), 'm.yaml');
    if (!v.ok) throw new Error(v.issues.map(formatIssue).join('; '));
    const cfg = compileScenario(v.scenario);
    expect(cfg.faults).toBeUndefined();
    expect(cfg.metricsOutages).toEqual([
      { atSeconds: 3600, forSeconds: 600, services: [0], label: 'metrics of api' },
      { atSeconds: 5400, forSeconds: 60, services: [0], label: 'metrics of every service' },
    ]);
  });

  it('errors are located: an unknown service, node fields on a metrics fault, services on a node fault', () => {
    expect(report(doc(hpa, '  faults: [{ kind: metrics, at: 1h, for: 10m, services: [apj] }]\n'))).toMatchInlineSnapshot(`"m.yaml:11:58 spec.faults[0].services[0]: no service named "apj" (did you mean "api"?)"`);
    expect(report(doc(hpa, '  faults: [{ kind: metrics, at: 1h, for: 10m, pool: gpu }]\n'))).toContain("spec.faults[0].pool: a metrics fault takes no pool: it fails the autoscalers' metric reads, not nodes");
    expect(report(doc(hpa, '  faults: [{ at: 1h, for: 10m, services: [api] }]\n'))).toContain('spec.faults[0].services: services needs kind: metrics');
  });
});

describe('a metrics fault on a service without an autoscaler', () => {
  it('warns at the service it names: nothing there reads metrics', () => {
    const v = api.validate(doc('', '  faults: [{ kind: metrics, at: 1h, for: 10m, services: [api] }]\n'), 'm.yaml');
    expect(v.ok && v.warnings.map(formatIssue)).toEqual(['m.yaml:10:58 spec.faults[0].services[0]: "api" has no autoscaler (hpa or keda): a metrics fault changes nothing there']);
  });
});

describe('keda.fallback', () => {
  it('takes behavior static by default and compiles it', () => {
    const v = api.validate(doc(`      keda: { minReplicaCount: 1, triggers: [{ type: requestRate }], fallback: { failureThreshold: 3, replicas: 10 } }\n${hpa}`), 'm.yaml');
    if (!v.ok) throw new Error(v.issues.map(formatIssue).join('; '));
    expect(compileScenario(v.scenario).services[0]!.keda!.fallback).toEqual({ failureThreshold: 3, replicas: 10, behavior: 'static' });
  });

  it('refuses a fallback when every trigger is cpu (CheckFallbackValid), and behavior scalingModifiers (no scaling modifiers here)', () => {
    expect(report(doc(`      keda: { minReplicaCount: 1, triggers: [{ type: requestRate }], fallback: { failureThreshold: 3, replicas: 10 } }\n${cpuHpa}`))).toContain(
      'spec.services[0].keda.fallback: KEDA refuses a fallback when every trigger is cpu or memory (CheckFallbackValid',
    );
    expect(report(doc(`      keda: { minReplicaCount: 1, triggers: [{ type: requestRate }], fallback: { failureThreshold: 3, replicas: 10, behavior: scalingModifiers } }\n${hpa}`))).toContain('spec.services[0].keda.fallback.behavior');
    expect(report(doc(`      keda: { minReplicaCount: 1, triggers: [{ type: requestRate }], fallback: { failureThreshold: -1, replicas: 10 } }\n${hpa}`))).toContain('spec.services[0].keda.fallback.failureThreshold');
  });
});
