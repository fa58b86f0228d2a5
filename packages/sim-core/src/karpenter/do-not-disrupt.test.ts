/**
 * `karpenter.sh/do-not-disrupt: "true"` on a service's pods (`services[].podAnnotations`) through the whole engine,
 * worked by hand from kubernetes-sigs/karpenter @ 2266468104f36373ed002241afaee2d3bbc26078:
 * - pkg/controllers/state/statenode.go `ValidatePodsDisruptable` → pkg/utils/pod/scheduling.go `IsDisruptable`
 *   (`IsDoNotDisruptActive`: "true" is active): a node running such a pod is no candidate of a graceful method
 *   (disruption/types.go `NewCandidate` ignores the error only for an eventual method with a terminationGracePeriod).
 * - pkg/controllers/nodeclaim/expiration/controller.go `Reconcile`: expiration reads no pod; the NodeClaim is deleted.
 * - node/termination/terminator/eviction.go `Queue.Reconcile`: `needsForceDelete` first; an active pod that is not
 *   `IsEvictable` (do-not-disrupt) is requeued (`Requeue: true`, the queue's backoff 0.1 s doubling to 10 s) and never
 *   evicted; past deadline − the pod's grace it is force-deleted (`forceDelete`, grace int64(deadline − now)).
 * - pkg/utils/pdb/pdb.go `IsCurrentlyReschedulable` (`IsDisruptable`): no capacity is provisioned for such a pod while
 *   it runs on a deleting node.
 */
import { describe, expect, it } from 'vitest';
import { createSimApi } from '../api/sim-api.ts';
import type { RunResult } from '../api/run-result.ts';

const api = createSimApi();

function run(yaml: string): RunResult {
  const r = api.run(yaml, 'dnd.yaml');
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return r.result;
}

const DND = '      podAnnotations: { "karpenter.sh/do-not-disrupt": "true" }\n';

/** One fixed replica (1 GPU, 50 ms requests at 1 qps) on one initial Karpenter node; `annotations` a podAnnotations line or ''. */
const doc = (annotations: string, pool: string): string => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: dnd }
spec:
  duration: 1h
  seed: 3
  traffic: { profile: { type: constant, qps: 1 } }
  services:
    - name: model
      replicas: 1
      latency: { distribution: constant, ms: 50 }
      startup: { imagePull: 0s, modelLoad: 0s, readiness: 0s }
      nodePool: gpu
${annotations}  nodePools:
    - name: gpu
      initialNodes: 1
      provisioning: { distribution: constant, value: 60s }
      provisioner: karpenter
${pool}`;

const events = (r: RunResult, kind: string) => r.events.filter((e) => e.kind === kind);

describe('karpenter.sh/do-not-disrupt against consolidation (a graceful method)', () => {
  // One on-demand g5.12xlarge ($5.672/h) holding one 1-GPU pod; g5.xlarge ($1.006/h) holds it for less.
  const pool = `      instance: aws/us-east-1/g5.12xlarge
      karpenter:
        instanceTypes: [aws/us-east-1/g5.12xlarge, aws/us-east-1/g5.xlarge]
        capacityTypes: [on-demand]
        disruption: { consolidateAfter: 1m }
`;

  it('the node without the annotation is replaced (launch at 75 s, drained at 135 s); with it, never a candidate in the hour', () => {
    // Without: Consolidatable at the 60 s poll (consolidateAfter 1m from Ready at 0), the 15 s validation → launch at
    // 75 s, Ready 60 s later; the wait polling every 10 s from 85 s drains the old node at 135 s.
    const plain = run(doc('', pool));
    expect(events(plain, 'node-requested').map((e) => e.t)).toEqual([75]);
    expect(events(plain, 'consolidation').map((e) => e.t)).toEqual([135]);
    // With: `ValidatePodsDisruptable` fails at every poll (the pod is active and its annotation "true").
    const pinned = run(doc(DND, pool));
    expect(events(pinned, 'consolidation')).toEqual([]);
    expect(events(pinned, 'node-requested')).toEqual([]);
    expect(events(pinned, 'node-removed')).toEqual([]);
    expect(pinned.summary!.nodePools[0]!.consolidations).toEqual({ empty: 0, deleted: 0, replaced: 0 });
  });

  it('the same annotation on the NodePool template (its nodes): never a candidate either (statenode.go ValidateNodeDisruptable)', () => {
    const node = run(doc('', pool.replace('        disruption: { consolidateAfter: 1m }\n', '        disruption: { consolidateAfter: 1m }\n        nodeAnnotations: { "karpenter.sh/do-not-disrupt": "true" }\n')));
    expect(events(node, 'consolidation')).toEqual([]);
    expect(events(node, 'node-requested')).toEqual([]);
    // "false" on the node does nothing: replaced as without it.
    const off = run(doc('', pool.replace('        disruption: { consolidateAfter: 1m }\n', '        disruption: { consolidateAfter: 1m }\n        nodeAnnotations: { "karpenter.sh/do-not-disrupt": "false" }\n')));
    expect(events(off, 'consolidation').map((e) => e.t)).toEqual([135]);
  });
});

describe('karpenter.sh/do-not-disrupt against expiration (forceful in v1)', () => {
  // One g5.xlarge, budget 0 (irrelevant to expiration), expireAfter 30m: deleted at 1800 s whatever the pod says.
  const pool = (extra: string) => `      karpenter:
        instanceTypes: [aws/us-east-1/g5.xlarge]
        capacityTypes: [on-demand]
        disruption: { consolidateAfter: Never, budgets: [{ nodes: "0" }] }
        expireAfter: 30m
${extra}`;

  it('without a terminationGracePeriod the node expires at 1800 s but its drain waits for ever: the pod keeps serving, nothing is launched', () => {
    const r = run(doc(DND, pool('')));
    expect(r.summary!.nodePools[0]!.expired).toBe(1);
    // The eviction queue requeues the pod for ever; IsCurrentlyReschedulable is false, so no NodeClaim for it.
    expect(events(r, 'pod-deleted')).toEqual([]);
    expect(events(r, 'node-removed')).toEqual([]);
    expect(events(r, 'node-requested')).toEqual([]);
    expect(r.summary!.requests.dropped).toBe(0);
  });

  it('with terminationGracePeriod 2m: deadline 1920 s; force-deleted at the first retry after 1890 s (1892.7 s) with 27 s; its replacement launched 1 s later', () => {
    const r = run(doc(DND, pool('        terminationGracePeriod: 2m\n')));
    expect(r.summary!.nodePools[0]!.expired).toBe(1);
    // Retries from 1800 s at +0.1, 0.3, 0.7, 1.5, 3.1, 6.3, 12.7 s, then every 10 s (the 10 s cap): 1812.7, 1822.7, …,
    // 1882.7, 1892.7. needsForceDelete: now > 1920 − 30 (the pod's default grace) = 1890 → 1892.7 s, grace
    // int64(1920 − 1892.7) = 27 s.
    const deleted = events(r, 'pod-deleted');
    expect(deleted).toHaveLength(1);
    expect(deleted[0]!.t).toBeCloseTo(1892.7, 6);
    // Its one in-flight 50 ms request at most finishes in the grace; the node goes with its last pod.
    const removed = events(r, 'node-removed');
    expect(removed).toHaveLength(1);
    expect(removed[0]!.t).toBeGreaterThanOrEqual(1892.7 - 1e-6);
    expect(removed[0]!.t).toBeLessThan(1892.8);
    // The Deployment's replacement pod is pending at 1892.7 s: the batch closes 1 s later (BATCH_IDLE_DURATION).
    const launched = events(r, 'node-requested');
    expect(launched).toHaveLength(1);
    expect(launched[0]!.t).toBeCloseTo(1893.7, 6);
    // Without the annotation the pod is evicted at 1800 s and its replacement launched at 1801 s.
    const plain = run(doc('', pool('        terminationGracePeriod: 2m\n')));
    expect(events(plain, 'node-requested').map((e) => e.t)).toEqual([1801]);
    expect(events(plain, 'pod-deleted')).toEqual([]);
  });

  it('on the NodePool template it does not hold expiration back either: the node expires at 1800 s and its pod is evicted then', () => {
    const r = run(doc('', pool('        nodeAnnotations: { "karpenter.sh/do-not-disrupt": "true" }\n')));
    expect(r.summary!.nodePools[0]!.expired).toBe(1);
    expect(events(r, 'node-requested').map((e) => e.t)).toEqual([1801]);
  });
});

describe('karpenter.sh/do-not-disrupt on a Job\'s pods (`jobs[].podAnnotations`)', () => {
  // A 25 min training job (1 × 1 GPU, no checkpoint) submitted at 0 on a Karpenter pool of g5.xlarge with expireAfter
  // 20m; the service runs on a fixed CPU pool. Its pod is unschedulable at 0: the batch window closes at 1 s, the
  // NodeClaim is launched at 1 s and Ready at 61 s, the job runs from 61 s (to 61 + 1500 = 1561 s) and the NodeClaim
  // expires at 1 + 1200 = 1201 s (expiration/controller.go `Reconcile`: forceful, it reads no pod).
  const jobDoc = (annotations: string, extra = '') => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: dnd-job }
spec:
  duration: 1h
  seed: 3
  traffic: { profile: { type: constant, qps: 1 } }
  services:
    - { name: api, replicas: 1, gpusPerReplica: 0, cpuPerReplica: 1, latency: { distribution: constant, ms: 50 }, nodePool: cpu }
  teams: [{ name: research }]
  jobs:
    - name: train
      team: research
      nodePool: gpu
      gpusPerPod: 1
      duration: 25m
${annotations}  nodePools:
    - { name: cpu, instance: aws/us-east-1/m6i.xlarge, initialNodes: 1, minNodes: 1, maxNodes: 1 }
    - name: gpu
      initialNodes: 0
      provisioning: { distribution: constant, value: 60s }
      provisioner: karpenter
      karpenter:
        instanceTypes: [aws/us-east-1/g5.xlarge]
        capacityTypes: [on-demand]
        disruption: { consolidateAfter: Never, budgets: [{ nodes: "0" }] }
        expireAfter: 20m
${extra}`;
  const JOB_DND = '      podAnnotations: { "karpenter.sh/do-not-disrupt": "true" }\n';
  const gpuEvents = (r: RunResult, kind: string) => events(r, kind).filter((e) => e.target === 'gpu').map((e) => e.t);

  it('without it the job is evicted at every expiry and never finishes in the hour (1201 s, 2402 s)', () => {
    const r = run(jobDoc(''));
    // Evicted at 1201 s with no checkpoint: pending again, a NodeClaim at 1202 s (Ready 1262 s) that expires at
    // 2402 s, 140 s before the job's end (1262 + 1500 = 2762 s); the third, launched at 2403 s, outlives the hour.
    expect(gpuEvents(r, 'node-requested')).toEqual([1, 1202, 2403]);
    expect(gpuEvents(r, 'node-removed')).toEqual([1201, 2402]);
    const [train] = r.summary!.shared!.jobs;
    expect(train!.completed).toBe(0);
    expect(train!.interruptions).toBe(2);
  });

  it('with it and no terminationGracePeriod the expired node waits for the job: it ends at 1561 s and the node goes with it', () => {
    const r = run(jobDoc(JOB_DND));
    expect(r.summary!.nodePools.find((p) => p.name === 'gpu')!.expired).toBe(1);
    // `IsCurrentlyReschedulable` is false for the pod (`IsDisruptable`): no NodeClaim is launched for it meanwhile.
    expect(gpuEvents(r, 'node-requested')).toEqual([1]);
    expect(gpuEvents(r, 'node-removed')).toEqual([1561]);
    const [train] = r.summary!.shared!.jobs;
    expect(train!.completed).toBe(1);
    expect(train!.interruptions).toBe(0);
  });

  it('with terminationGracePeriod 2m the pod is deleted at the first retry past 1321 − 30 s (1293.7 s); its run starts over on a new node', () => {
    // Deadline 1201 + 120 = 1321 s. The eviction queue retries from 1201 s at +0.1, 0.3, 0.7, 1.5, 3.1, 6.3, 12.7 s,
    // then every 10 s: …, 1283.7, 1293.7; `needsForceDelete` with the pod's default 30 s grace: now > 1291 → 1293.7 s.
    const r = run(jobDoc(JOB_DND, '        terminationGracePeriod: 2m\n'));
    const removed = gpuEvents(r, 'node-removed');
    expect(removed[0]).toBeCloseTo(1293.7, 6);
    const launched = gpuEvents(r, 'node-requested');
    expect(launched).toHaveLength(3);
    expect(launched[1]).toBeCloseTo(1294.7, 6);
    expect(r.summary!.shared!.jobs[0]!.interruptions).toBe(2);
  });
});
