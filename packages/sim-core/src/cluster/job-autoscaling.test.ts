/**
 * A Job's pending pods make the cluster autoscaler and Karpenter add nodes, as any unschedulable pod does upstream,
 * and the nodes go again once the job ends. Worked through the whole engine with constant provisioning times, each
 * figure derived by hand from the upstream rules:
 * - cluster autoscaler (kubernetes/autoscaler @ 006685c4641726f573c75e865d015404b8f408ea, core/static_autoscaler.go
 *   `RunOnce`): `kube_util.UnschedulablePods` lists the job's pods; `allPodsAreNew` holds a GPU pod back while it is
 *   younger than `unschedulablePodWithGpuTimeBuffer` (30 s, strict); the bin-packing estimator gives one node per
 *   8-GPU pod; scale-down: `isScaleDownInCooldown` (`--scale-down-delay-after-add` 10 min), unneeded for
 *   `--scale-down-unneeded-time` (10 min, removable when `since + 600 < now`), empty nodes deleted together.
 * - Karpenter (kubernetes-sigs/karpenter @ 2266468104f36373ed002241afaee2d3bbc26078): pkg/controllers/provisioning
 *   `PodController.Reconcile` → `Batcher.Trigger` (window closes after BATCH_IDLE_DURATION 1 s), scheduler.go
 *   `Scheduler.add` (a NodeClaim per 8-GPU pod on an 8-GPU type); disruption: podevents `lastPodEventTime` (the pods
 *   ending), `IsUnderConsolidateAfter`, the 10 s poll, the 15 s `commandValidationDelay`, the 10 % budget rounded up.
 * - A quota-blocked job has no pods (Kueue keeps the Job suspended): neither autoscaler sees anything.
 */
import { describe, expect, it } from 'vitest';
import { fleet, p4dNodePool, pool } from '../test-support/builders.ts';
import type { EngineConfig, EngineJob, EnginePool } from '../engine/engine-config.ts';
import type { EngineResult } from '../engine/engine-result.ts';
import { runEngine } from '../engine/simulation.ts';

const PROVISIONING_SECONDS = 180;
const constant = { kind: 'constant', seconds: 0.01 } as const;

/** A CA-managed pool of 8-GPU nodes at 0 nodes (min 0), the builder's upstream defaults, 180 s to Ready. */
const caPool = pool({ name: 'a100', gpusPerNode: 8, minNodes: 0, maxNodes: 10, initialNodes: 0, regularUsdPerHour: 32, provisioning: { kind: 'constant', seconds: PROVISIONING_SECONDS } });

/** A Karpenter NodePool of one 8-GPU type at 0 nodes, WhenEmpty after 30 s, the default 10 % budget. */
const KARPENTER = p4dNodePool({ consolidateAfterSeconds: 30 });
const karpenterPool = pool({ ...caPool, autoscaler: { ...caPool.autoscaler, enabled: false }, karpenter: KARPENTER });

/** A gang of 2 × 8 GPUs for 1005 s, submitted at 5 s (a time off the 10 s loops, so no two events tie). */
function job(o: Partial<EngineJob> = {}): EngineJob {
  return { name: 'train', team: 0, pool: 0, pods: 2, unitsPerPod: 8, durationSeconds: 1005, gang: true, priority: 0, preempts: true, submitAt: [5], checkpointSeconds: null, ...o };
}

/** The job alone on `p`; the service runs without nodes (no pool), so only the job asks for GPUs. */
function run(p: EnginePool, gpuQuota: number | null = null, jobs: EngineJob[] = [job()]): EngineResult {
  const cfg: EngineConfig = { ...fleet({ qps: 1, replicas: 1, serviceTime: constant, durationSeconds: 3600 }), pools: [p], teams: [{ name: 'research', gpuQuota }], jobs };
  return runEngine(cfg);
}

const times = (r: EngineResult, kind: string): number[] => r.events.filter((e) => e.kind === kind).map((e) => e.t);

describe('cluster autoscaler: a job\'s pending pods are unschedulable pods', () => {
  it('2 × 8-GPU gang at 5 s on a pool at 0 nodes: 2 nodes at 40 s, running at 220 s, nodes deleted at 1840 s', () => {
    const r = run(caPool);
    // Admitted at 5 s: both pods created and found unschedulable at once. Loops every 10 s from 0: at 10, 20 and 30 s
    // the pods are "new" (5 + 30 > now: unschedulablePodWithGpuTimeBuffer); at 40 s (35 > 40 is false) ScaleUp:
    // the estimator packs the run's two 8-GPU pods (one equivalence group) onto 2 new 8-GPU nodes.
    expect(times(r, 'node-requested')).toEqual([40, 40]);
    // Ready 180 s later (constant provisioning): the gang binds when the second node is Ready, at 220 s.
    expect(times(r, 'node-ready')).toEqual([220, 220]);
    const [train] = r.shared!.jobs;
    expect(train!.waits).toEqual([220 - 5]);
    expect(train!.completed).toBe(1);
    // Meanwhile (loops 50…210 s) the pods fit the upcoming nodes (filter_out_schedulable): no second scale-up.
    // The job ends at 220 + 1005 = 1225 s; the first loop after, 1230 s, finds both nodes empty (unneeded since 1230;
    // the cool-down ended at 40 + 600 = 640 s); removable once 1230 + 600 < now, at the 1840 s loop, both together.
    expect(times(r, 'node-removed')).toEqual([1840, 1840]);
    // Billed from the request to removal: 2 × (1840 − 40) s at $32 an hour.
    expect(r.accruedCostUsd).toBeCloseTo((2 * (1840 - 40) * 32) / 3600, 9);
  });

  it('4 × 4-GPU pods, not a gang: the estimator packs two per node, 2 nodes at 40 s, every pod running at 220 s', () => {
    // BinpackingNodeEstimator: the run's four pods (one equivalence group) fill the last new node before adding the
    // next: 4 + 4 on each 8-GPU node. Each pod binds when a node is Ready (both at 220 s) and runs 1005 s on its own.
    const r = run(caPool, null, [job({ pods: 4, unitsPerPod: 4, gang: false })]);
    expect(times(r, 'node-requested')).toEqual([40, 40]);
    expect(r.shared!.jobs[0]!.waits).toEqual([215]);
    expect(r.shared!.jobs[0]!.completed).toBe(1);
    expect(times(r, 'node-removed')).toEqual([1840, 1840]);
  });

  it('a gang that only partly fits: one pod is filtered onto the free node, the scale-up adds one node for the other', () => {
    // One empty 8-GPU node stays at min size 1. filter_out_schedulable places the first pod on its 8 free GPUs, so
    // only the second is unschedulable: ScaleUp adds 1 node at 40 s; the gang binds on both at 220 s.
    const r = run(pool({ ...caPool, minNodes: 1, initialNodes: 1 }));
    expect(times(r, 'node-requested')).toEqual([40]);
    expect(r.shared!.jobs[0]!.waits).toEqual([215]);
    // Both nodes empty from 1230 s; the pool keeps its min size: only the added node goes, at 1840 s.
    expect(times(r, 'node-removed')).toEqual([1840]);
  });

  it('a gang that cannot fit the pool\'s max size: one node added and kept, the gang never runs', () => {
    // maxNodes 1: the estimator stops at the group's room (1 node, for the first pod). From the next loop on the
    // first pod fits that (upcoming, then Ready) node and the second has no group left to grow. The scale-down
    // simulation places the pending pod on the node, so it is never removable: held to the end of the run.
    const r = run(pool({ ...caPool, maxNodes: 1 }));
    expect(times(r, 'node-requested')).toEqual([40]);
    expect(times(r, 'node-removed')).toEqual([]);
    expect(r.shared!.jobs[0]!.waits).toEqual([]);
    expect(r.shared!.jobsWaitingAtEnd.queued).toBe(1);
  });

  it('a quota-blocked job has no pods: two gangs against a 16-GPU quota get 2 nodes, not 4', () => {
    // Both submitted at 5 s; quota 16 admits the first, the second stays suspended (no pods: nothing unschedulable).
    // The scale-up at 40 s is for the first gang alone. It ends at 1225 s; the quota frees, the second (1000 s) is
    // admitted and binds at once on the two Ready nodes (wait 1220 s) and ends at 2225 s; the nodes are unneeded
    // from the 2230 s loop and deleted at 2840 s.
    const r = run(caPool, 16, [job({ name: 'a' }), job({ name: 'b', durationSeconds: 1000 })]);
    expect(times(r, 'node-requested')).toEqual([40, 40]);
    expect(r.shared!.jobs.map((j) => j.waits)).toEqual([[215], [1220]]);
    expect(times(r, 'node-removed')).toEqual([2840, 2840]);
  });
});

describe('Karpenter: a job\'s pending pods are provisionable pods', () => {
  it('2 × 8-GPU gang at 5 s: 2 NodeClaims at 6 s, running at 186 s, nodes deleted at 1245 and 1270 s', () => {
    const r = run(karpenterPool);
    // Unschedulable at 5 s → the batch window opens; no other pod, so it closes 1 s later: one round at 6 s. Each
    // 8-GPU pod needs its own NodeClaim (no type holds 16 GPUs): two launches of p4d.24xlarge on-demand.
    expect(times(r, 'node-requested')).toEqual([6, 6]);
    expect(times(r, 'node-ready')).toEqual([186, 186]);
    expect(r.shared!.jobs[0]!.waits).toEqual([186 - 5]);
    // The job ends at 186 + 1005 = 1191 s: its pods going terminal are each node's last pod event (1191). The
    // disruption loop polls every 10 s from 0; at 1230 s the nodes have been empty 39 ≥ 30 s (at 1220 s, 29 < 30).
    // The 10 % budget of 2 nodes is ceil(0.2) = 1: one node, validated 15 s later and deleted at 1245 s. The
    // requeued pass at 1245 s still counts it as disrupting (budget 0), so the next poll, 1255 s, takes the
    // other (ceil(0.1) = 1), deleted at 1255 + 15 = 1270 s.
    expect(times(r, 'node-removed')).toEqual([1245, 1270]);
    expect(r.accruedCostUsd).toBeCloseTo(((1245 - 6 + (1270 - 6)) * 32) / 3600, 9);
  });

  it('a gang that only partly fits: the Ready node takes one pod (addToExistingNode), one NodeClaim for the other', () => {
    // One empty 8-GPU node from t = 0 (consolidation off, so it stays). The round at 6 s puts the first pod on the
    // Ready node's 8 free GPUs and opens one NodeClaim for the second; the gang binds when it is Ready, at 186 s.
    const r = run(pool({ ...karpenterPool, initialNodes: 1, karpenter: { ...KARPENTER, consolidateAfterSeconds: null } }));
    expect(times(r, 'node-requested')).toEqual([6]);
    expect(r.shared!.jobs[0]!.waits).toEqual([181]);
  });

  it('a gang that cannot fit the pool\'s max size: the one node is launched and kept, nominated by every round', () => {
    // maxNodes 1: one NodeClaim at 6 s (the second pod finds no room). The pods requeue every 10 s (15, 25, … s):
    // each round finds the first pod room on the in-flight node, then on the Ready one (Ready at 186 s), and none for
    // the second, so no claim. A round that puts a pod on an existing node nominates it for 20 s (scheduler.go
    // `Results.Record`, statenode.go `nominationWindow`: karpenter/node-nomination.ts): rounds at 196, 206, … s keep
    // it nominated until the next round + 20 s. Consolidatable from 186 + 30 = 216 s, the 220 s poll computes the
    // emptiness command, and its validation at 235 s drops the nominated node (validation.go `validateCandidates`,
    // round 226 s → until 246 s); so does every later one. Before the nomination port the node was deleted at 235 s
    // and launched again at 236 s, every 235 s.
    const r = run(pool({ ...karpenterPool, maxNodes: 1 }));
    expect(times(r, 'node-requested')).toEqual([6]);
    expect(times(r, 'node-removed')).toEqual([]);
    expect(r.shared!.jobs[0]!.waits).toEqual([]);
  });

  it('a gang whose Ready node a round nominated: the node is kept and the gang runs once its second node is Ready', () => {
    // One empty 8-GPU node from t = 0, WhenEmpty after 30 s. The gang at 5 s: the 6 s round puts the first pod on that
    // Ready node (nominating it until 26 s) and launches one NodeClaim for the second; the pods' requeues (15, 25, …)
    // open rounds at 16, 26, 36, … s that nominate it again. The 30 s poll's emptiness command fails its 45 s
    // validation (nominated until 56 s), the loop returns 10 s later (55 s), and so on every 25 s: 180 s computes,
    // 195 s fails again (the gang bound at 186 s, when the NodeClaim's node is Ready: wait 181 s). Polls from 205 s
    // every 10 s. The job ends at 186 + 1005 = 1191 s, both nodes' last pod event; empty 30 s at the 1225 s poll
    // (1215 − 1191 = 24 < 30), no pending pod left to nominate them: one node (budget ceil(0.2) = 1), deleted at
    // 1240 s; the requeued pass counts it as disrupting (budget 0), the 1250 s poll takes the other, deleted at 1265 s.
    // Before the nomination port the node was deleted at 45 s and the gang's second node launched at 46 s.
    const r = run(pool({ ...karpenterPool, initialNodes: 1 }));
    expect(times(r, 'node-requested')).toEqual([6]);
    expect(r.shared!.jobs[0]!.waits).toEqual([181]);
    expect(times(r, 'node-removed')).toEqual([1240, 1265]);
  });

  it('a quota-blocked job triggers no provisioning: two gangs against a 16-GPU quota get 2 NodeClaims', () => {
    // The second gang, suspended by the quota, has no pods: the 6 s round launches for the first only. It binds
    // at 1191 s when the first ends (those two pod events at 1191 s are one, deduped), and ends at 2191 s; empty
    // 30 s at the 2230 s poll (2220 − 2191 = 29 < 30): deleted at 2245 and (next poll 2255 s) 2270 s.
    const r = run(karpenterPool, 16, [job({ name: 'a' }), job({ name: 'b', durationSeconds: 1000 })]);
    expect(times(r, 'node-requested')).toEqual([6, 6]);
    expect(r.shared!.jobs.map((j) => j.waits)).toEqual([[181], [1186]]);
    expect(times(r, 'node-removed')).toEqual([2245, 2270]);
  });
});
