/**
 * PodDisruptionBudgets through the whole engine: a Karpenter replace-consolidation drains an 8-GPU node holding the
 * 8 replicas of one service. Times worked by hand from the scenario (constant provisioning, fixed start-up) and
 * upstream's constants: kubernetes-sigs/karpenter @ 2266468104f36373ed002241afaee2d3bbc26078
 * pkg/controllers/node/termination/terminator/eviction.go (`evictionQueueBaseDelay` 100 ms, `evictionQueueMaxDelay`
 * 10 s, a 429 requeued through `ItemExponentialFailureRateLimiter`), kubernetes/kubernetes @ 003e86297d18a8538c9da3619871393f9703bf70
 * pkg/controller/disruption/disruption.go (maxUnavailable 1 of 8: desiredHealthy 7) and @ 01aa0f3f6052c9866dcb69054d8924fa8c96e3cb
 * pkg/registry/core/pod/storage/eviction.go (`checkAndDecrement`: 429 at 0 allowed).
 */
import { describe, expect, it } from 'vitest';
import { createSimApi } from '../api/sim-api.ts';
import type { RunResult } from '../api/run-result.ts';

const api = createSimApi();

function run(yaml: string): RunResult {
  const r = api.run(yaml, 'pdb.yaml');
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return r.result;
}

const PULL = 30;
const LOAD = 55;
const QPS = 20;

/** The service both cases drain: 8 one-GPU replicas of fixed start-up, with `budget` (a `disruptionBudget:` line or ''). */
const withModel = (name: string, minutes: number, budget: string, pool: string): string => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: ${name} }
spec:
  duration: ${minutes}m
  seed: 3
  traffic: { profile: { type: constant, qps: ${QPS} } }
  services:
    - name: model
      replicas: 8
      latency: { distribution: constant, ms: 100 }
      startup: { imagePull: ${PULL}s, modelLoad: ${LOAD}s, readiness: 0s }
      nodePool: gpu
${budget}  nodePools:
    - name: gpu
      provisioning: { distribution: constant, value: 60s }
${pool}`;

/** One a3-megagpu-8g holding 8 one-GPU replicas; Karpenter may replace it by the cheaper a3-highgpu-8g. */
const karpenter = (budget: string): string =>
  withModel('pdb', 20, budget, `      initialNodes: 1
      provisioner: karpenter
      instance: gcp/us-central1/a3-megagpu-8g
      karpenter:
        instanceTypes: [gcp/us-central1/a3-megagpu-8g, gcp/us-central1/a3-highgpu-8g]
        capacityTypes: [on-demand]
        disruption: { consolidateAfter: 1m }
`);

const events = (r: RunResult, kind: string) => r.events.filter((e) => e.kind === kind);

/** Offsets from the first refusal at which a refused pod is tried again: 0.1 s doubling per failure, capped at 10 s. */
function retryOffsets(until: number): number[] {
  const out: number[] = [];
  let t = 0;
  for (let failures = 0; t <= until; failures++) {
    t += Math.min(0.1 * 2 ** failures, 10);
    out.push(t);
  }
  return out;
}

describe('PodDisruptionBudget maxUnavailable: 1 on a Karpenter drain', () => {
  it('evicts one pod at a time, each once the previous replacement is Ready, and deletes the node after the last', () => {
    const r = run(karpenter('      disruptionBudget: { maxUnavailable: 1 }\n'));
    // The replace command: consolidatable at the 60 s poll, launched at 75 s after the 15 s validation, Ready at
    // 135 s; the old node is drained then (the same timeline as karpenter-integration.test.ts).
    const drainAt = 135;
    expect(events(r, 'consolidation').map((e) => e.t)).toEqual([drainAt]);
    // 8 Ready of desiredHealthy 7: one disruption. The first pod goes at once; the other 7 are refused (429) and
    // retried together at drainAt + 0.1, 0.3, 0.7, 1.5, 3.1, 6.3, 12.7, then every 10 s. Each replacement binds to
    // the new node at its eviction: the first pulls the image (30 s) and loads (55 s), later ones find the image
    // cached (55 s). The next eviction is the first retry at or after that replacement is Ready.
    const offsets = retryOffsets(600);
    const expected = [drainAt];
    let readyAt = drainAt + PULL + LOAD;
    for (let k = 1; k < 8; k++) {
      const next = drainAt + offsets.find((o) => drainAt + o >= readyAt - 1e-9)!;
      expected.push(next);
      readyAt = next + LOAD;
    }
    // By hand: 135, 227.7 (first retry after 220), then every 60 s (55 s load + 5 s to the next 10 s retry): 587.7.
    expect(expected[1]).toBeCloseTo(227.7, 9);
    expect(expected[7]).toBeCloseTo(587.7, 9);
    const evicted = events(r, 'pod-evicted');
    expect(evicted).toHaveLength(8);
    evicted.forEach((e, i) => expect(e.t).toBeCloseTo(expected[i]!, 6));
    for (const e of evicted) expect(e.detail).toMatch(/disruptions allowed 1, healthy 8\/7/);
    // The node goes once its last pod has finished its in-flight request (100 ms at most).
    const removed = events(r, 'node-removed');
    expect(removed).toHaveLength(1);
    expect(removed[0]!.t).toBeGreaterThanOrEqual(expected[7]! - 1e-9);
    expect(removed[0]!.t).toBeLessThanOrEqual(expected[7]! + 0.1 + 1e-9);
    // Never fewer than 7 Ready replicas: nothing is dropped.
    expect(r.summary!.requests.dropped).toBe(0);
    expect(r.summary!.replicas.min).toBeGreaterThanOrEqual(7);
  });

  it('without a budget the drain evicts all 8 at once (no eviction waits) and the service is down until the replacements load', () => {
    const r = run(karpenter(''));
    const drainAt = 135;
    // No budget, no pod-evicted events; the node is removed at the drain (its pods finish in-flight work at once).
    expect(events(r, 'pod-evicted')).toHaveLength(0);
    const removed = events(r, 'node-removed');
    expect(removed).toHaveLength(1);
    expect(removed[0]!.t).toBeLessThanOrEqual(drainAt + 0.1 + 1e-9);
    // No Ready replica from 135 s until the 8 replacements have pulled (30 s) and loaded (55 s): 85 s of 20 qps
    // Poisson arrivals are refused, 1700 expected (σ ≈ 41).
    const outage = PULL + LOAD;
    expect(Math.abs(r.summary!.requests.dropped - QPS * outage)).toBeLessThan(4 * Math.sqrt(QPS * outage));
    const withBudget = run(karpenter('      disruptionBudget: { maxUnavailable: 1 }\n'));
    expect(withBudget.summary!.requests.offered).toBe(r.summary!.requests.offered);
    expect(r.summary!.requests.served / r.summary!.requests.offered).toBeLessThan(0.95);
    expect(withBudget.summary!.requests.served).toBe(withBudget.summary!.requests.offered);
  });

  it('a budget that allows no disruption keeps the node from being a consolidation candidate at all (pdb.go CanEvictPods)', () => {
    // minAvailable 8 of 8 Ready: desiredHealthy 8, disruptionsAllowed 0: `ValidatePodsDisruptable` rejects the node
    // at every poll, so no replacement is launched and the node stays for the whole run.
    const r = run(karpenter("      disruptionBudget: { minAvailable: 8 }\n"));
    expect(events(r, 'consolidation')).toHaveLength(0);
    expect(events(r, 'node-requested')).toHaveLength(0);
    expect(events(r, 'node-removed')).toHaveLength(0);
  });
});

/** Two a3-highgpu-8g nodes of a cluster-autoscaler group; the 8 replicas spread 4 and 4 (LeastAllocated). */
const clusterAutoscaler = (budget: string): string =>
  withModel('pdb-ca', 40, budget, `      instance: gcp/us-central1/a3-highgpu-8g
      initialNodes: 2
      minNodes: 1
      maxNodes: 2
`);

// kubernetes/autoscaler @ cb2123ed13148c38fbdb1ede42d8e99761ee2909: planner.go `categorizeNodes` with the loop's
// RemainingPdbTracker, actuation/drain.go `evictPod` (10 s retries before start + --max-pod-eviction-time 2m).
describe('PodDisruptionBudget maxUnavailable: 1 on a cluster-autoscaler scale-down', () => {
  it('evicts what the budget allows within 2 minutes, fails the drain, and needs a second scale-down 10 minutes later', () => {
    const r = run(clusterAutoscaler('      disruptionBudget: { maxUnavailable: 1 }\n'));
    // Node 0 (4 of 8 GPUs, at the 0.5 threshold) is unneeded from t = 0: its 4 pods fit on node 1, and one disruption
    // is allowed (a node with more pods than that is only "risky"); drained at 610 s (0 + 600 < now). Pod 0 goes at
    // once; its replacement binds to node 1, which has the image (its own replicas), and is Ready 55 s later, 665 s;
    // the 10 s retries refuse until 670 s, which evicts the next pod (Ready at 725 s). Retries at 680 … 720 s are
    // refused and the loop sleeps to 730 s, not before 610 + 120: the drain fails and node 0 is untainted with 2 pods.
    // It is unneeded again from the 730 s loop, drained at 1340 s: one pod at once, the last at 1340 + 55 → 1400 s.
    expect(events(r, 'pod-evicted').map((e) => e.t)).toEqual([610, 670, 1340, 1400]);
    expect(events(r, 'drain-failed').map((e) => e.t)).toEqual([730]);
    const removed = events(r, 'node-removed');
    expect(removed).toHaveLength(1);
    expect(removed[0]!.t).toBeGreaterThanOrEqual(1400);
    expect(removed[0]!.t).toBeLessThanOrEqual(1400.1 + 1e-9);
    expect(r.summary!.replicas.min).toBe(7);
    // Without the budget all 4 go at 610 s and the node with them (after their in-flight requests): 4 Ready replicas
    // for 55 s, still enough for 20 qps at 10 per replica, so nothing is dropped either way; node 0 is billed ~790 s less.
    const plain = run(clusterAutoscaler(''));
    expect(events(plain, 'pod-evicted')).toHaveLength(0);
    expect(events(plain, 'node-removed')[0]!.t).toBeLessThanOrEqual(610.1 + 1e-9);
    expect(plain.summary!.replicas.min).toBe(4);
    expect(plain.summary!.requests.dropped).toBe(0);
    expect(r.summary!.requests.dropped).toBe(0);
  });
});
