import { describe, expect, it } from 'vitest';
import { createSimApi } from './sim-api.ts';

// Two services on two pools; the model's HPA grows its pool, the api's pool stays at its floor.
const TWO_POOLS = `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: two-pools }
spec:
  duration: 40m
  traffic: { target: api, profile: { type: step, from: 50, to: 400, at: 5m } }
  services:
    - { name: api, replicas: 2, cpuPerReplica: 1, concurrency: 64, releaseDuringCalls: true, latency: { distribution: constant, ms: 5 }, nodePool: cpu, calls: [{ to: model }] }
    - name: model
      replicas: 2
      latency: { distribution: exponential, meanMs: 50 }
      nodePool: gpu
      hpa: { maxReplicas: 20, metrics: [{ type: concurrency, target: 4 }] }
  nodePools:
    - { name: cpu, instance: aws/us-east-1/m6i.xlarge, minNodes: 1, maxNodes: 2 }
    - { name: gpu, instance: aws/us-east-1/g5.2xlarge, minNodes: 2, maxNodes: 20 }
`;

describe("each node pool's own nodes over time", () => {
  it('sum, interval by interval, to the fleet series, and follow each pool on its own', () => {
    const r = createSimApi().run(TWO_POOLS, 'two-pools.yaml');
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
    const ts = r.result.timeseries!;
    const [cpu, gpu] = r.result.summary!.nodePools;
    for (const p of [cpu!, gpu!]) {
      expect(p.timeseries.readyNodes).toHaveLength(ts.t.length);
      expect(p.timeseries.provisioningNodes).toHaveLength(ts.t.length);
    }
    ts.t.forEach((_, i) => {
      expect(cpu!.timeseries.readyNodes[i]! + gpu!.timeseries.readyNodes[i]!).toBe(ts.readyNodes[i]);
      expect(cpu!.timeseries.provisioningNodes[i]! + gpu!.timeseries.provisioningNodes[i]!).toBe(ts.provisioningNodes[i]);
    });
    // The CPU pool stays at its one node; the GPU pool grows past its floor of 2 when the load steps up.
    expect(Math.max(...cpu!.timeseries.readyNodes)).toBe(1);
    expect(gpu!.timeseries.readyNodes[0]).toBe(2);
    expect(Math.max(...gpu!.timeseries.readyNodes)).toBeGreaterThan(2);
    // Node-hours agree with the series (node-seconds accrue continuously; the series samples each minute's end).
    const sampled = gpu!.timeseries.readyNodes.reduce((a, n) => a + n, 0) / 60;
    expect(gpu!.nodeHours).toBeGreaterThan(0.8 * sampled);
    expect(gpu!.nodeHours).toBeLessThan(1.25 * sampled);
  });
});
