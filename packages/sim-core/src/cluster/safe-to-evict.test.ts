/**
 * `cluster-autoscaler.kubernetes.io/safe-to-evict` on a service's pods (`services[].podAnnotations`) through the whole
 * engine, worked by hand from kubernetes/autoscaler @ cb2123ed13148c38fbdb1ede42d8e99761ee2909:
 * - simulator/drainability/rules/rules.go `Default` (rule order) and `Rules.Drainable` (the first rule with an outcome
 *   decides): `SafeToEvict` ("true" → drainable, the later rules unasked), `NotSafeToEvict` ("false" → BlockDrain
 *   `NotSafeToEvictAnnotation`), `PDB` (a budget with < 1 disruption left → BlockDrain `NotEnoughPdb`);
 *   utils/drain/drain.go `HasSafeToEvictAnnotation` (== "true"), `HasNotSafeToEvictAnnotation` (== "false").
 * - simulator/drain.go `GetPodsToMove` (a blocked pod makes the node unremovable); core/scaledown/planner/planner.go
 *   `categorizeNodes` (unremovable: not rechecked for 5 min), actuation/drain.go `evictPod` (evictions still go
 *   through the Eviction API: 10 s retries until start + --max-pod-eviction-time 2m).
 * The fleet is engine/disruption-budgets.test.ts's: 8 one-GPU replicas spread 4 and 4 over two a3-highgpu-8g nodes of a
 * group with minNodes 1; node 0 (4 of 8 GPUs, at the 0.5 threshold) is unneeded from t = 0 and drained at 610 s.
 */
import { describe, expect, it } from 'vitest';
import { createSimApi } from '../api/sim-api.ts';
import type { RunResult } from '../api/run-result.ts';

const api = createSimApi();

function run(yaml: string): RunResult {
  const r = api.run(yaml, 'ste.yaml');
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return r.result;
}

/** `extra`: lines of the service (podAnnotations, disruptionBudget) or ''. */
const doc = (extra: string): string => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: ste }
spec:
  duration: 40m
  seed: 3
  traffic: { profile: { type: constant, qps: 20 } }
  services:
    - name: model
      replicas: 8
      latency: { distribution: constant, ms: 100 }
      startup: { imagePull: 30s, modelLoad: 55s, readiness: 0s }
      nodePool: gpu
${extra}  nodePools:
    - name: gpu
      provisioning: { distribution: constant, value: 60s }
      instance: gcp/us-central1/a3-highgpu-8g
      initialNodes: 2
      minNodes: 1
      maxNodes: 2
`;

const events = (r: RunResult, kind: string) => r.events.filter((e) => e.kind === kind);
const annotate = (value: string) => `      podAnnotations: { "cluster-autoscaler.kubernetes.io/safe-to-evict": "${value}" }\n`;

describe('safe-to-evict "false" (NotSafeToEvict rule)', () => {
  it('the underutilized node is never removed in 40 min; without the annotation it goes at 610 s', () => {
    const plain = run(doc(''));
    const removed = events(plain, 'node-removed');
    expect(removed).toHaveLength(1);
    expect(removed[0]!.t).toBeGreaterThanOrEqual(610);
    expect(removed[0]!.t).toBeLessThanOrEqual(610.1 + 1e-9);
    // Every loop finds node 0 (and node 1) BlockedByPod: no node unneeded, nothing drained.
    const pinned = run(doc(annotate('false')));
    expect(events(pinned, 'node-removed')).toEqual([]);
    expect(events(pinned, 'drain-failed')).toEqual([]);
    expect(pinned.summary!.replicas.min).toBe(8);
  });
});

describe('safe-to-evict "true" (SafeToEvict rule, before the PDB rule)', () => {
  it('under minAvailable 8 (0 disruptions allowed): without it the node is never planned; with it the planner drains at 610 s and the Eviction API refuses for 2 min, three times', () => {
    const budget = '      disruptionBudget: { minAvailable: 8 }\n';
    // PDB rule: NotEnoughPdb at every loop (rechecked every 5 min): no drain, no failure.
    const blocked = run(doc(budget));
    expect(events(blocked, 'node-removed')).toEqual([]);
    expect(events(blocked, 'drain-failed')).toEqual([]);
    // "true" answers first, so the PDB rule is not asked: node 0 is unneeded from 0, drained at 610 s; every eviction is
    // a 429 (0 allowed) at 610, 620, …, 720 s; the loop's next sleep reaches 730 s, not before 610 + 120: the drain
    // fails at 730 s and the node is untainted. Unneeded again from the 730 s loop: drained at 1340 s (730 + 600 <
    // 1340), failed at 1460 s; again from 1460 s: drained at 2070 s, failed at 2190 s; the next (2800 s) is past 40 min.
    const overridden = run(doc(budget + annotate('true')));
    expect(events(overridden, 'drain-failed').map((e) => e.t)).toEqual([730, 1460, 2190]);
    expect(events(overridden, 'pod-evicted')).toEqual([]);
    expect(events(overridden, 'node-removed')).toEqual([]);
    expect(overridden.summary!.replicas.min).toBe(8);
  });
});

describe('safe-to-evict on a Job\'s pods (`jobs[].podAnnotations`)', () => {
  // Two a3-highgpu-8g nodes (minNodes 1), a job of 2 pods × 2 GPUs (not a gang) from t = 0: LeastAllocated puts one on
  // each node, 2 of 8 GPUs (0.25, under the 0.5 threshold). Both are unneeded from t = 0. At the 610 s loop node 0 is
  // removable (its pod fits node 1), and then node 1 is not (the group's minNodes 1): node 0 is drained, its job pod
  // evicted (a Job's pods are replicated pods: drainable), and the node, empty, deleted at once. With "false" on the
  // job's pods `GetPodsToMove` blocks both nodes (NotSafeToEvictAnnotation): nothing is removed.
  const jobDoc = (annotations: string) => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: ste-job }
spec:
  duration: 40m
  seed: 3
  traffic: { profile: { type: constant, qps: 1 } }
  services:
    - { name: api, replicas: 1, gpusPerReplica: 0, cpuPerReplica: 1, latency: { distribution: constant, ms: 50 }, nodePool: cpu }
  teams: [{ name: research }]
  jobs:
    - name: sweep
      team: research
      nodePool: gpu
      pods: 2
      gpusPerPod: 2
      gang: false
      duration: 1h
${annotations}  nodePools:
    - { name: cpu, instance: aws/us-east-1/m6i.xlarge, initialNodes: 1, minNodes: 1, maxNodes: 1 }
    - name: gpu
      provisioning: { distribution: constant, value: 60s }
      instance: gcp/us-central1/a3-highgpu-8g
      initialNodes: 2
      minNodes: 1
      maxNodes: 2
`;
  const gpuRemoved = (r: RunResult) => events(r, 'node-removed').filter((e) => e.target === 'gpu').map((e) => e.t);

  it('"false" keeps both nodes for the 40 min; without it node 0 goes at 610 s and its pod is rescheduled on node 1', () => {
    const plain = run(jobDoc(''));
    expect(gpuRemoved(plain)).toEqual([610]);
    expect(plain.summary!.shared!.jobs[0]!.interruptions).toBe(1);
    const pinned = run(jobDoc('      podAnnotations: { "cluster-autoscaler.kubernetes.io/safe-to-evict": "false" }\n'));
    expect(gpuRemoved(pinned)).toEqual([]);
    expect(pinned.summary!.shared!.jobs[0]!.interruptions).toBe(0);
  });
});
