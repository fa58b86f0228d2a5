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
    // One pending pod from the HPA's first sync (at h): the round at h + 1 s refuses g5.xlarge and g5.12xlarge spot
    // (2 ICEs) and the launch fails. Nothing triggers on a failed launch: the pod's requeue (controller.go
    // `PodController.Reconcile`, RequeueAfter 10 s) at h + 10 s opens the next batch, whose round at h + 11 s
    // launches on-demand (spot is cached unavailable): 10 s after the ICEs.
    expect(p.insufficientCapacity).toBe(2);
    expect(p.failedLaunches).toBe(1);
    expect(p.launches).toEqual([{ instanceId: 'aws/us-east-1/g5.xlarge', capacity: 'on-demand', nodes: 1 }]);
    const ice = events(r, 'insufficient-capacity');
    const launch = events(r, 'node-requested')[0]!;
    expect(ice[0]!.t).toBeCloseTo(events(r, 'hpa-scale')[0]!.t + 1, 9);
    expect(launch.t - ice[0]!.t).toBeCloseTo(10, 9);
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

describe('Karpenter multi-node consolidation after a load drop', () => {
  // Two services on one on-demand pool of g5.12xlarge (4 GPUs): `steady` takes the traffic and keeps its replicas;
  // `batch` starts at 8 replicas, gets no traffic (concurrency 0), and its HPA (`behavior: {}`: 300 s scale-down
  // stabilization, 100% per 15 s) drops it to 1 in one step at T (read from the run: its first sync + 300 s).
  // Initial nodes: ceil(steady / 4) + ceil(8 / 4) = 3 (compile-scenario.ts nodesForInitialReplicas), packed by
  // LeastAllocated. consolidateAfter 1m, budget 100% (the default 10% of 3 nodes allows 1, and multi-node needs 2).
  const design = (steady: number) => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: k }
spec:
  duration: 30m
  seed: 3
  traffic: { profile: { type: constant, qps: 1 }, target: steady }
  services:
    - name: steady
      replicas: ${steady}
      latency: { distribution: constant, ms: 50 }
      startup: { imagePull: 0s, modelLoad: 0s, readiness: 0s }
      nodePool: gpu
    - name: batch
      replicas: 8
      latency: { distribution: constant, ms: 50 }
      startup: { imagePull: 0s, modelLoad: 0s, readiness: 0s }
      nodePool: gpu
      hpa: { minReplicas: 1, maxReplicas: 8, metrics: [{ type: concurrency, target: 1 }], behavior: {} }
  nodePools:
    - name: gpu
      initialNodes: 3
      provisioning: { distribution: constant, value: 60s }
      provisioner: karpenter
      instance: aws/us-east-1/g5.12xlarge
      karpenter:
        instanceTypes: [aws/us-east-1/g5.12xlarge, aws/us-east-1/g5.xlarge]
        capacityTypes: [on-demand]
        disruption: { consolidateAfter: 1m, budgets: [{ nodes: "100%" }] }
`;
  // After the drop every node has had a pod event at T (a pod terminating), so all are Consolidatable at T + 60. No
  // command was computed before (no node had room for another's pods, and a 4-GPU replacement is never cheaper than
  // a g5.12xlarge), so the disruption loop is still on its 10 s grid from 0: the first pass is at ceil((T + 60) / 10)
  // × 10; multi-node runs there, and its command is validated 15 s later.
  const firstPass = (r: RunResult) => {
    const drop = events(r, 'hpa-scale').filter((e) => e.target === 'batch');
    expect(drop.map((e) => [e.from, e.to])).toEqual([[8, 1]]);
    return Math.ceil((drop[0]!.t + 60) / 10) * 10;
  };

  it('3 steady replicas: two nodes are deleted in one command, their pods going to the third', () => {
    // Placement: steady one pod a node; batch 3, 3, 2 (nodes 0, 1, 2). The ReplicaSet deletes 7: the 6 batch pods on
    // nodes 0 and 1 (rank 3) before node 2's (rank 2). Left: nodes 0, 1 one pod each, node 2 two (2 GPUs free).
    // Multi-node: nodes 0, 1 first (SavingsRatio 5.672 / 2 against 5.672 / 3); max = 3 − 1 = 2. mid 1 → nodes 0, 1:
    // both pods fit on node 2 → delete, saved. mid 2 → all three: 4 pods need one 4-GPU node, g5.12xlarge, not
    // below the candidates' own 5.672 (filterOutSameInstanceType) → invalid. Both go at the same instant (single-node
    // alone took them one at a time, 15 s apart).
    const r = run(design(3));
    const at = firstPass(r) + 15;
    expect(at).toBe(385);
    const c = events(r, 'consolidation');
    expect(c.map((e) => [e.t, e.detail])).toEqual([
      [at, 'underutilized node 0 (aws/us-east-1/g5.12xlarge on-demand) drained with node 1 (multi-node): their pods fit elsewhere'],
      [at, 'underutilized node 1 (aws/us-east-1/g5.12xlarge on-demand) drained with node 0 (multi-node): their pods fit elsewhere'],
    ]);
    const p = r.summary!.nodePools[0]!;
    expect(p.consolidations).toEqual({ empty: 0, deleted: 2, replaced: 0 });
    expect(p.launches).toEqual([]);
    // Two g5.12xlarge until 385 s, one for the whole 1800 s.
    expect(p.nodeHours).toBeCloseTo((2 * at + 1800) / 3600, 9);
    expect(p.costUsd).toBeCloseTo(((2 * at + 1800) / 3600) * 5.672, 9);
    expect(r.summary!.replicas.min).toBe(4);
  });

  it('4 steady replicas: two nodes are replaced by one g5.xlarge, launched after the validation and Ready before the drain', () => {
    // Placement: steady 2, 1, 1; batch 2, 3, 3 (every GPU used). The ReplicaSet deletes the 6 batch pods of nodes 1 and
    // 2 and one of node 0's: node 0 keeps 3 pods (1 GPU free), nodes 1, 2 one each. Multi-node: nodes 1, 2 first; mid
    // 1 → their 2 pods: one fits on node 0, one is left → one NodeClaim of ≥ 1 GPU: g5.xlarge 1.006 and g5.12xlarge
    // 5.672, both below 2 × 5.672 = 11.344; filterOutSameInstanceType keeps types below 5.672: g5.xlarge. mid 2 → 5
    // pods, no type: invalid. The replacement is launched at the validation (385 s), Ready 60 s later; the wait that
    // looks every 10 s from 395 s sees it Ready at 445 s and drains both nodes.
    const r = run(design(4));
    const validated = firstPass(r) + 15;
    expect(validated).toBe(385);
    expect(events(r, 'node-requested').map((e) => [e.t, e.detail])).toEqual([[validated, 'aws/us-east-1/g5.xlarge on-demand']]);
    const drained = validated + 60;
    expect(events(r, 'consolidation').map((e) => [e.t, e.detail])).toEqual([
      [drained, 'node 1 (aws/us-east-1/g5.12xlarge on-demand) with node 2 (multi-node) replaced by node 3 (aws/us-east-1/g5.xlarge on-demand)'],
      [drained, 'node 2 (aws/us-east-1/g5.12xlarge on-demand) with node 1 (multi-node) replaced by node 3 (aws/us-east-1/g5.xlarge on-demand)'],
    ]);
    const p = r.summary!.nodePools[0]!;
    expect(p.consolidations).toEqual({ empty: 0, deleted: 0, replaced: 2 });
    expect(p.launches).toEqual([{ instanceId: 'aws/us-east-1/g5.xlarge', capacity: 'on-demand', nodes: 1 }]);
    // Billed from launch to removal: node 0 for 1800 s, nodes 1 and 2 until 445 s (g5.12xlarge, $5.672/h), the
    // g5.xlarge ($1.006/h) from 385 s: $17.016/h before, $6.678/h after.
    expect(p.costUsd).toBeCloseTo(((1800 + 2 * drained) * 5.672 + (1800 - validated) * 1.006) / 3600, 9);
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

describe('Karpenter scheduled disruption budgets', () => {
  // One fixed replica on two initial nodes: the second node is empty from t = 0 and, with WhenEmpty and
  // consolidateAfter 0s, Consolidatable at once. The disruption loop polls every 10 s from 0 (nothing else starts a
  // command), and an empty node found at a pass is deleted after commandValidationDelay, 15 s later, if the Empty
  // budget still allows it (EmptinessValidator). The budget `nodes: "0"` from 00:00 for 8h on weekdays blocks it
  // while Budget.IsActive holds: until 08:00 exactly (pkg/apis/v1/nodepool.go: Next(08:00 − 8h) is the next day's
  // 00:00, after 08:00, so inactive at 08:00). The first pass then is at 28 800 s, the deletion at 28 815 s.
  const blocked = (startDate: string) =>
    doc({
      replicas: 1,
      fixed: true,
      initialNodes: 2,
      duration: '9h',
      pool: KARPENTER('', '{ consolidationPolicy: WhenEmpty, consolidateAfter: 0s, budgets: [{ nodes: "0", schedule: "0 0 * * mon-fri", duration: 8h }, { nodes: "10%" }] }'),
    }).replace('  seed: 3\n', `  seed: 3\n  startDate: "${startDate}"\n`);

  it('on a Monday the empty node is kept until the window ends at 08:00, then deleted at the next pass + 15 s', () => {
    const r = run(blocked('2024-01-01'));
    const removed = events(r, 'node-removed');
    expect(removed.map((e) => e.t)).toEqual([28_815]);
    expect(events(r, 'consolidation').map((e) => e.t)).toEqual([28_815]);
    const p = r.summary!.nodePools[0]!;
    expect(p.consolidations).toEqual({ empty: 1, deleted: 0, replaced: 0 });
    // Node count over time: 2 nodes until 28 815 s, then 1 until 32 400 s.
    expect(p.nodeHours).toBeCloseTo((28_815 + 32_400) / 3600, 9);
  });

  it('on a Saturday the weekday schedule never fires: the node goes at the first pass, 15 s', () => {
    const r = run(blocked('2024-01-06'));
    expect(events(r, 'node-removed').map((e) => e.t)).toEqual([15]);
    expect(r.summary!.nodePools[0]!.nodeHours).toBeCloseTo((15 + 32_400) / 3600, 9);
  });
});

describe('determinism', () => {
  it('the same seed gives the same result', () => {
    const yaml = doc({ replicas: 6, duration: '2h', pool: KARPENTER('      stockouts: [{ capacityType: spot, instance: aws/us-east-1/g5.12xlarge, from: 0s, duration: 30m }]', '{ consolidateAfter: 30s }') });
    expect(JSON.stringify(run(yaml).summary)).toBe(JSON.stringify(run(yaml).summary));
  });
});
