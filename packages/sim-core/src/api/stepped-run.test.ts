import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../scenario/index.ts';
import { toPlainJson } from './plain-json.ts';
import { beginScenario, runScenario } from './run-scenario.ts';

const scenario = (yaml: string) => {
  const p = parseScenarioText(yaml, 'stepped.yaml');
  if (!p.ok) throw new Error(p.issues.map((i) => i.message).join('; '));
  return p.scenario;
};

// One source with an HPA and a pool that grows; several sources (open, closed loop) into a graph with calls.
const AUTOSCALED = `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: autoscaled }
spec:
  duration: 30m
  warmup: 2m
  traffic: { profile: { type: step, from: 100, to: 600, at: 5m } }
  services:
    - name: model
      replicas: 4
      latency: { distribution: exponential, meanMs: 50 }
      nodePool: gpu
      hpa: { maxReplicas: 40, metrics: [{ type: concurrency, target: 4 }] }
  nodePools:
    - { name: gpu, instance: aws/us-east-1/g5.2xlarge, minNodes: 4, maxNodes: 40 }
`;
const GRAPH = `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: graph }
spec:
  duration: 10m
  traffic:
    - { target: api, profile: { type: constant, qps: 200 } }
    - { target: reports, profile: { type: constant, qps: 30 } }
    - { target: api, arrivals: closed, users: 10, thinkTime: 500ms }
  services:
    - { name: api, replicas: 4, concurrency: 16, latency: { distribution: exponential, meanMs: 5 }, calls: [{ to: db, probability: 0.4 }, { parallel: [{ to: cache }, { to: db }] }] }
    - { name: reports, replicas: 2, concurrency: 8, latency: { distribution: lognormal, p50Ms: 20, p99Ms: 90 }, calls: [{ to: db }] }
    - { name: cache, replicas: 2, concurrency: 64, latency: { distribution: constant, ms: 1 } }
    - { name: db, replicas: 3, concurrency: 8, latency: { distribution: exponential, meanMs: 8 } }
`;

describe('a run in steps', () => {
  for (const [name, yaml] of [['an autoscaled fleet', AUTOSCALED], ['a graph with three sources', GRAPH]] as const) {
    it(`${name}: the same result, and the same snapshots, as one run, whatever the steps`, () => {
      const s = scenario(yaml);
      const snaps: unknown[] = [];
      const whole = runScenario(s, { onProgress: (f, partial) => snaps.push([f, toPlainJson(partial().summary)]) });
      // Steps at odd times, at an interval's end (120 s), twice at the same time, and past the horizon.
      const stepSnaps: unknown[] = [];
      const run = beginScenario(s, { onProgress: (f, partial) => stepSnaps.push([f, toPlainJson(partial().summary)]) });
      for (const t of [0, 0.0137, 59.99, 120, 120, 333.3, 1e9]) run.advanceTo(t);
      expect(toPlainJson(run.finish())).toEqual(toPlainJson(whole));
      expect(stepSnaps).toEqual(snaps);
    });
  }
});
