/**
 * The HPA on CPU utilization (a Resource metric, percent of the request): GetResourceReplicas with the
 * CPU readiness rules of groupPods (kubernetes/pkg/controller/podautoscaler/replica_calculator.go), fed by
 * the work each replica's slots do. Slots held while waiting on calls do no work: an HPA on CPU does not
 * see a thread pool exhausted by a slow dependency.
 */
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../api/compile-scenario.ts';
import { parseScenarioText } from '../scenario/parse-scenario.ts';
import { runEngine } from './simulation.ts';

const design = (calls: string, dbMs: number) => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: cpu-hpa }
spec:
  duration: 40m
  drain: 0s
  network: { sameZone: 0ms }
  traffic: { target: api, profile: { type: step, from: 100, to: 300, at: 10m } }
  services:
    - name: api
      cpuPerReplica: 2
      concurrency: 8
      routing: shared-queue
      latency: { distribution: exponential, meanMs: 40 }
      ${calls}
      hpa:
        minReplicas: 2
        maxReplicas: 30
        metrics: [{ type: cpuUtilization, target: 50% }]
    - { name: db, replicas: 50, gpusPerReplica: 0, concurrency: 64, latency: { distribution: constant, ms: ${dbMs} } }
`;

function run(text: string) {
  const p = parseScenarioText(text, 'cpu.yaml');
  if (!p.ok) throw new Error(JSON.stringify(p.issues));
  return runEngine(compileScenario(p.scenario));
}

describe('HPA on CPU utilization', () => {
  it('scales a CPU service to ceil(load × work ÷ (slots × target)): 300 req/s × 40 ms ÷ (8 × 50%) = 3 replicas', () => {
    const r = run(design('', 1));
    const scales = r.events.filter((e) => e.kind === 'hpa-scale' && e.target === 'api');
    const last = scales[scales.length - 1]?.to ?? 2;
    // 300 × 0.04 = 12 busy slots; at 50% of 8 slots per replica: 3 replicas (the tolerance band may keep 4).
    expect(last).toBeGreaterThanOrEqual(3);
    expect(last).toBeLessThanOrEqual(4);
    expect(r.events.some((e) => e.kind === 'hpa-scale' && (e.to ?? 0) > (e.from ?? 0))).toBe(true);
  });

  it('does not see a thread pool held by a slow dependency: threads run out, CPU stays low, no scale-up', () => {
    const r = run(design('calls: [{ to: db }]', 400));
    // 300 req/s × 0.44 s held = 132 slots needed; 2 replicas × 8 = 16: requests fail while CPU reads only the 40 ms of work.
    const peak = Math.max(2, ...r.events.filter((e) => e.kind === 'hpa-scale' && e.target === 'api').map((e) => e.to ?? 0));
    expect(peak).toBeLessThan(17);
    expect(r.measured.served / r.measured.offered).toBeLessThan(0.5);
    expect(r.services[0]!.utilization).toBeLessThan(0.2);
  });
});
