/**
 * Karpenter and stock-outs through the whole engine: worked cases with constant provisioning times so the
 * timings can be checked by hand (karpenter-controller.ts cites the upstream functions).
 */
import { describe, expect, it } from 'vitest';
import { createSimApi } from '../api/sim-api.ts';
import type { RunResult } from '../api/run-result.ts';

const api = createSimApi();

function run(yaml: string): RunResult {
  const r = api.run(yaml, 'k.yaml');
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return r.result;
}

/** A fixed-size fleet: `replicas` pods from t = 15 s (the HPA's first sync raises 1 → replicas). */
function doc(o: { replicas: number; pool: string; duration?: string; initialNodes?: number; fixed?: boolean }): string {
  const hpa = o.fixed ? '' : `      hpa: { minReplicas: ${o.replicas}, maxReplicas: ${o.replicas}, metrics: [{ type: concurrency, target: 1 }] }\n`;
  return `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: k }
spec:
  duration: ${o.duration ?? '1h'}
  seed: 3
  traffic: { profile: { type: constant, qps: 1 } }
  services:
    - name: model
      replicas: ${o.fixed ? o.replicas : 1}
      latency: { distribution: constant, ms: 50 }
      startup: { imagePull: 0s, modelLoad: 0s, readiness: 0s }
      nodePool: gpu
${hpa}  nodePools:
    - name: gpu
      initialNodes: ${o.initialNodes ?? 1}
      provisioning: { distribution: constant, value: 60s }
${o.pool}
`;
}

const KARPENTER = (extra = '', disruption = '{ consolidateAfter: Never }') => `      provisioner: karpenter
      karpenter:
        instanceTypes: [aws/us-east-1/g5.xlarge, aws/us-east-1/g5.12xlarge]
        capacityTypes: [spot, on-demand]
        disruption: ${disruption}
${extra}`;

const events = (r: RunResult, kind: string) => r.events.filter((e) => e.kind === kind);

describe('Karpenter provisioning', () => {
  it('batches the pending pods after the idle second and launches the cheapest type that holds them', () => {
    const r = run(doc({ replicas: 4, pool: KARPENTER() }));
    // HPA 1 → 4 at its first sync; the three new pods are pending together: one NodeClaim holds them, and of
    // the types that fit three GPUs only g5.12xlarge is left; spot is preferred (getCapacityType).
    const hpa = events(r, 'hpa-scale')[0]!;
    const launched = events(r, 'node-requested');
    expect(launched.map((e) => e.detail)).toEqual(['aws/us-east-1/g5.12xlarge spot']);
    expect(launched[0]!.t).toBeCloseTo(hpa.t + 1, 9); // BATCH_IDLE_DURATION 1 s after the last pending pod
    expect(r.summary!.nodePools[0]).toMatchObject({ provisioner: 'karpenter', launches: [{ instanceId: 'aws/us-east-1/g5.12xlarge', capacity: 'spot', nodes: 1 }], insufficientCapacity: 0 });
    expect(r.summary!.replicas.max).toBe(4);
    // The spot part of the cost series (per type at its spot price): every node this pool bills is spot here.
    const ts = r.timeseries!;
    const n = ts.t.length - 1;
    expect(ts.spotCostUsd[n]).toBeGreaterThan(0);
    expect(ts.spotCostUsd[n]).toBeCloseTo(ts.costUsd[n]!, 9);
    for (let i = 1; i <= n; i++) expect(ts.spotCostUsd[i]).toBeGreaterThanOrEqual(ts.spotCostUsd[i - 1]!);
  });

  it('falls back to on-demand when spot is stocked out: the ICE is cached and the next batch launches on-demand', () => {
    const r = run(doc({ replicas: 2, pool: KARPENTER('      stockouts: [{ capacityType: spot, from: 0s, duration: 1h }]') }));
    const p = r.summary!.nodePools[0]!;
    // One pending pod: g5.xlarge and g5.12xlarge spot are each refused (2 ICEs), the launch fails, 1 s later on-demand.
    expect(p.insufficientCapacity).toBe(2);
    expect(p.failedLaunches).toBe(1);
    expect(p.launches).toEqual([{ instanceId: 'aws/us-east-1/g5.xlarge', capacity: 'on-demand', nodes: 1 }]);
    const ice = events(r, 'insufficient-capacity');
    const launch = events(r, 'node-requested')[0]!;
    expect(launch.t - ice[0]!.t).toBeCloseTo(1, 9);
    expect(r.pass).toBe(true);
    // The fallback node is on-demand: it adds to the cost, not to its spot part.
    const ts = r.timeseries!;
    const n = ts.t.length - 1;
    expect(ts.spotCostUsd[n]).toBeLessThan(ts.costUsd[n]!);
  });

  it('the same stock-out fails a cluster-autoscaler node group, which backs off and leaves the pod pending (a failed run)', () => {
    const ca = `      instance: aws/us-east-1/g5.xlarge
      maxNodes: 4
      spotShare: 1
      stockouts: [{ capacityType: spot, from: 0s, duration: 2h }]`;
    const r = run(doc({ replicas: 2, pool: ca, duration: '1h' }));
    const p = r.summary!.nodePools[0]!;
    expect(p.provisioner).toBe('cluster-autoscaler');
    expect(p.launches).toEqual([]);
    // Backoffs of 5, 10, 20 min (exponential_backoff.go): four failed scale-ups within the hour, never a node.
    expect(p.failedLaunches).toBe(4);
    const backoffs = events(r, 'insufficient-capacity').map((e) => Number(/until (\d+) s/.exec(e.detail!)![1]) - e.t);
    expect(backoffs.map((b) => Math.round(b))).toEqual([300, 600, 1200, 1800]);
    expect(r.summary!.replicas.max).toBe(1);
    expect(r.diagnostics.map((d) => [d.severity, d.code])).toContainEqual(['error', 'unscheduled']);
    expect(r.pass).toBe(false);
  });
});

describe('Karpenter consolidation', () => {
  it('deletes an empty node once consolidateAfter has passed (next 10 s poll, then the 15 s validation)', () => {
    // Two initial g5.xlarge nodes, one pod: the second node is empty from t = 0; consolidateAfter 5m.
    const r = run(doc({ replicas: 1, initialNodes: 2, pool: KARPENTER('', '{ consolidationPolicy: WhenEmpty, consolidateAfter: 5m }'), fixed: true }));
    const c = events(r, 'consolidation');
    expect(c).toHaveLength(1);
    expect(c[0]!.detail).toMatch(/^empty node 1 /);
    // Polls at 0, 10, …: the first with 300 s since the node became ready is t = 300; deleted at 315.
    expect(c[0]!.t).toBe(315);
    expect(r.summary!.nodePools[0]!.consolidations).toEqual({ empty: 1, deleted: 0, replaced: 0 });
  });

  it('respects the default 10% budget: 20 empty nodes go at most ceil(10% of the nodes) at a time', () => {
    const r = run(doc({ replicas: 1, initialNodes: 21, duration: '30m', pool: KARPENTER('', '{ consolidationPolicy: WhenEmpty, consolidateAfter: 0s }'), fixed: true }));
    const byTime = new Map<number, number>();
    for (const e of events(r, 'consolidation')) byTime.set(e.t, (byTime.get(e.t) ?? 0) + 1);
    const waves = [...byTime.entries()].sort((a, b) => a[0] - b[0]);
    // 21 nodes → ceil(2.1) = 3; 18 → 2; 16 → 2; … down to 1 node left (the one with the pod).
    let nodes = 21;
    for (const [, n] of waves) {
      expect(n).toBe(Math.min(Math.ceil(0.1 * nodes), nodes - 1));
      nodes -= n;
    }
    expect(nodes).toBe(1);
    // controller.go Reconcile: the pass at 0 is blocked 15 s in the validator (validation.go Validate), starts the
    // command at 15 and requeues at once; that pass finds the budget used by the 3 nodes being deleted, so the
    // next comes 10 s later (25), is validated until 40, and so on: one wave every 25 s.
    expect(waves.slice(0, 4).map((w) => w[0])).toEqual([15, 40, 65, 90]);
  });

  it('replaces a node by a cheaper one, pre-spun before the drain', () => {
    // One initial on-demand g5.12xlarge ($5.672/h) holding one 1-GPU pod: g5.xlarge ($1.006/h) holds it for less.
    const pool = `      provisioner: karpenter
      instance: aws/us-east-1/g5.12xlarge
      karpenter:
        instanceTypes: [aws/us-east-1/g5.12xlarge, aws/us-east-1/g5.xlarge]
        capacityTypes: [on-demand]
        disruption: { consolidateAfter: 1m }`;
    const r = run(doc({ replicas: 1, pool, fixed: true }));
    const c = events(r, 'consolidation');
    expect(c).toHaveLength(1);
    expect(c[0]!.detail).toMatch(/replaced by node \d+ \(aws\/us-east-1\/g5\.xlarge on-demand\)/);
    expect(r.summary!.nodePools[0]!.consolidations.replaced).toBe(1);
    // Consolidatable at the 60 s poll, launched after the 15 s validation (75 s), Ready 60 s later; the wait that
    // checks every 10 s from 85 s sees it Ready at 135 s and drains the old node then.
    const launch = events(r, 'node-requested')[0]!;
    expect(launch.t).toBe(75);
    expect(c[0]!.t).toBe(135);
    expect(r.summary!.nodePools[0]!.launches).toEqual([{ instanceId: 'aws/us-east-1/g5.xlarge', capacity: 'on-demand', nodes: 1 }]);
  });
});

describe('Karpenter expiration', () => {
  // pkg/controllers/nodeclaim/expiration/controller.go Reconcile deletes the NodeClaim at CreationTimestamp +
  // expireAfter (not before: `Now().Before(expirationTime)` requeues), reading no budget; the node is drained and its
  // pod's replacement is provisioned as a pending pod: batch closes 1 s later (BATCH_IDLE_DURATION), the new node is
  // Ready 60 s after its launch.
  const pool = (expireAfter: string) => KARPENTER(`        expireAfter: ${expireAfter}\n`, '{ consolidateAfter: Never, budgets: [{ nodes: "0" }] }');

  it('an initial node with expireAfter 30m goes at 1800 s although the budget allows 0 disruptions; its pod moves to a new node', () => {
    const r = run(doc({ replicas: 1, pool: pool('30m'), fixed: true }));
    const removed = events(r, 'node-removed');
    expect(removed).toHaveLength(1);
    expect(removed[0]!.t).toBeGreaterThanOrEqual(1800);
    expect(removed[0]!.t).toBeLessThan(1801); // drained: the pod finishes its in-service request (50 ms) and leaves
    const launched = events(r, 'node-requested');
    expect(launched.map((e) => e.t)).toEqual([1801]);
    expect(events(r, 'node-ready').filter((e) => e.t > 0).map((e) => e.t)).toEqual([1861]);
    expect(r.summary!.nodePools[0]!.launches).toEqual([{ instanceId: 'aws/us-east-1/g5.xlarge', capacity: 'spot', nodes: 1 }]);
    expect(r.summary!.nodePools[0]!.expired).toBe(1);
  });

  it('Never (or the 720h default, beyond any 7-day horizon) expires nothing', () => {
    for (const p of [pool('Never'), KARPENTER()]) {
      const r = run(doc({ replicas: 1, pool: p, fixed: true }));
      expect(events(r, 'node-removed')).toEqual([]);
      expect(events(r, 'node-requested')).toEqual([]);
      expect(r.summary!.nodePools[0]!.expired).toBe(0);
    }
  });
});

describe('determinism', () => {
  it('the same seed gives the same result', () => {
    const yaml = doc({ replicas: 6, duration: '2h', pool: KARPENTER('      stockouts: [{ capacityType: spot, instance: aws/us-east-1/g5.12xlarge, from: 0s, duration: 30m }]', '{ consolidateAfter: 30s }') });
    expect(JSON.stringify(run(yaml).summary)).toBe(JSON.stringify(run(yaml).summary));
  });
});
