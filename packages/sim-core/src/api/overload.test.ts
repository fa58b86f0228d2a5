import { describe, expect, it } from 'vitest';
import { createTimeSeries } from '../metrics/timeseries.ts';
import { fleet } from '../test-support/builders.ts';
import { runEngine } from '../engine/simulation.ts';
import { detectOverload } from './overload.ts';
import { servingDiagnostics } from './diagnostics.ts';
import { createSimApi } from './sim-api.ts';

/** A series whose backlog at each interval end is `backlog[i]`, at `qps` offered. */
function series(backlog: number[], qps = 100, step = 60) {
  const s = createTimeSeries(backlog.length);
  backlog.forEach((b, i) => {
    s.t[i] = (i + 1) * step;
    s.offeredQps[i] = qps;
    s.inService[i] = b;
  });
  return s;
}

describe('detectOverload', () => {
  it('finds a backlog growing from a step and extrapolates when it started', () => {
    // Stable at ~5 until 5 min, then +60 req/s.
    const b = [5, 4, 6, 5, 5, ...Array.from({ length: 25 }, (_, i) => 5 + 60 * 60 * (i + 1))];
    const o = detectOverload(series(b))!;
    expect(o.growthPerSecond).toBeCloseTo(60, 6);
    expect(o.fromSeconds).toBe(300);
  });

  it('ignores a stable queue that fluctuates, and a busy spell that is draining at the end', () => {
    const noisy = Array.from({ length: 30 }, (_, i) => 80 + ((i * 37) % 23) - 11);
    expect(detectOverload(series(noisy, 1000))).toBeNull();
    const recovering = [5, 5, 2000, 6000, 9000, 7000, 3000, 800, 10, 6];
    expect(detectOverload(series(recovering))).toBeNull();
  });

  it('ignores growth smaller than the noise of the arrivals', () => {
    expect(detectOverload(series([50, 52, 55, 58, 60, 63], 1000))).toBeNull();
  });
});

describe('an overloaded fixed fleet is a failure, not a green run (issue 10 §1)', () => {
  // 100 req/s into 2 replicas of 50 ms: 40 req/s of capacity, for 30 minutes.
  const r = runEngine(fleet({ qps: 100, replicas: 2, serviceTime: { kind: 'constant', seconds: 0.05 }, durationSeconds: 1800, drainSeconds: 0 }));

  it('puts every request in one bucket and most of them in unfinished', () => {
    const m = r.measured;
    expect(m.offered).toBe(m.served + m.dropped + m.timedOut + m.unfinished);
    expect(m.served / 1800).toBeCloseTo(40, 0);
    expect(m.unfinished).toBeGreaterThan(100_000);
    expect(m.unfinished).toBe(r.censored);
  });

  it('shows the backlog in the percentiles: unfinished requests count at their age', () => {
    // The median request is unfinished, of age about half the run.
    expect(r.latency.quantile(0.5)).toBeGreaterThan(5 * 60 * 1000);
  });

  it('says so in one sentence: overloaded from 0:00, the backlog grows by about 60 req/s', () => {
    const d = servingDiagnostics(r);
    expect(d.map((x) => x.code)).toEqual(['overloaded']);
    expect(d[0]!.severity).toBe('error');
    expect(d[0]!.message).toMatch(/^overloaded from 0:00: the backlog grows by (59\.\d|60\.\d|60) req\/s/);
  });

  it('the drain serves what it can in 2 minutes and no more', () => {
    const drained = runEngine(fleet({ qps: 100, replicas: 2, serviceTime: { kind: 'constant', seconds: 0.05 }, durationSeconds: 1800 }));
    expect(drained.measured.served - r.measured.served).toBe(40 * 120);
  });
});

describe('replicas that never got a node', () => {
  const doc = (maxNodes: number, duration = '30m') => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: ns }
spec:
  duration: ${duration}
  traffic: { profile: { type: constant, qps: 10 } }
  services:
    - { name: model, replicas: 4, latency: { distribution: constant, ms: 50 }, nodePool: gpu }
  nodePools:
    - { name: gpu, instance: aws/us-east-1/g5.2xlarge, minNodes: 2, maxNodes: ${maxNodes} }
`;

  it('fails the run when a service ran with fewer replicas than it asks for because its pool is full', () => {
    const r = createSimApi().run(doc(2), 'ns.yaml');
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
    expect(r.result.summary!.replicas.max).toBe(2);
    expect(r.result.pass).toBe(false);
    expect(r.result.diagnostics).toEqual([
      { severity: 'error', code: 'unscheduled', message: 'model: 2 replicas never got a node (pending for up to 30 min at the end: pool gpu at its maxNodes, 2); the run served with the replicas that did' },
    ]);
  });

  it('says so in a run shorter than a node takes to come up, when the replicas waited the whole run', () => {
    const r = createSimApi().run(doc(2, '10m'), 'ns.yaml');
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
    expect(r.result.diagnostics.map((d) => d.message)).toEqual(['model: 2 replicas never got a node (pending for up to 10 min at the end: pool gpu at its maxNodes, 2); the run served with the replicas that did']);
    expect(r.result.pass).toBe(false);
    // Replicas the autoscaler's nodes take in (minutes after t = 0) are not flagged in a short run.
    const scaled = createSimApi().run(doc(4, '10m'), 'ns.yaml');
    if (!scaled.ok) throw new Error(scaled.issues.map((i) => i.message).join('; '));
    expect(scaled.result.diagnostics).toEqual([]);
  });

  it('names three services one by one, and more in one line', () => {
    const chain = (n: number) => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: chain }
spec:
  duration: 10m
  traffic: { profile: { type: constant, qps: 10 } }
  services:
${Array.from({ length: n }, (_, i) => `    - { name: s${i}, replicas: 2, cpuPerReplica: 1, latency: { distribution: constant, ms: 1 }, nodePool: app${i + 1 < n ? `, calls: [{ to: s${i + 1} }]` : ''} }`).join('\n')}
  nodePools:
    - { name: app, instance: aws/us-east-1/m6i.xlarge, minNodes: 1, maxNodes: 1 }
`;
    const unscheduled = (n: number) => {
      const r = createSimApi().run(chain(n), 'chain.yaml');
      if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
      return r.result.diagnostics.filter((d) => d.code === 'unscheduled').map((d) => d.message);
    };
    // One m6i.xlarge (4 vCPU) holds 4 one-CPU replicas: s0 and s1 get theirs.
    expect(unscheduled(5)).toEqual(['s2', 's3', 's4'].map((s) => `${s}: 2 replicas never got a node (pending for up to 10 min at the end: pool app at its maxNodes, 1); the run served with the replicas that did`));
    expect(unscheduled(12)).toEqual(['10 services (s2, s3, s4 and 7 more): 20 replicas never got a node (pending for up to 10 min at the end: pool app at its maxNodes, 1); the run served with the replicas that did']);
  });

  it('says nothing when the cluster autoscaler can add the nodes', () => {
    const r = createSimApi().run(doc(4), 'ns.yaml');
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
    expect(r.result.diagnostics).toEqual([]);
    expect(r.result.summary!.replicas.max).toBe(4);
  });
});
