/**
 * A cluster shared by teams inside the simulation: ResourceQuota refuses replicas beyond a team's GPUs,
 * a higher-priority service preempts the lowest-priority pods (preemption.ts, kube-scheduler's rules), a gang
 * training job preempts a batch of experiments and they resume after it, and the ledger's GPU-hours add up.
 */
import { describe, expect, it } from 'vitest';
import { fleet, pool, service } from '../test-support/builders.ts';
import type { EngineConfig, EngineJob, EngineTeam } from './engine-config.ts';
import { A10G_POOL } from '../karpenter/test-pools.ts';
import { runEngine } from './simulation.ts';

const fixed = { ...pool().autoscaler, enabled: false };
const twoNodes = pool({ name: 'a100', gpusPerNode: 4, minNodes: 2, maxNodes: 2, initialNodes: 2, autoscaler: fixed });
const constant = { kind: 'constant', seconds: 0.01 } as const;

function job(o: Partial<EngineJob>): EngineJob {
  return { name: 'job', team: 0, pool: 0, pods: 1, unitsPerPod: 1, durationSeconds: 600, gang: true, priority: 0, preempts: true, submitAt: [0], checkpointSeconds: null, ...o };
}

describe('ResourceQuota', () => {
  it('refuses replicas beyond the team\'s GPU quota: 6 asked, quota 4, 4 run', () => {
    const cfg: EngineConfig = {
      ...fleet({ qps: 10, replicas: 6, serviceTime: constant, durationSeconds: 600, service: { pools: [0], team: 0 }, pools: [twoNodes] }),
      teams: [{ name: 'nlp', gpuQuota: 4 }],
    };
    const r = runEngine(cfg);
    expect(r.replicas.max).toBe(4);
    expect(r.shared!.teams[0]!.quotaRefusals).toBeGreaterThan(0);
    // 4 GPUs bound for the whole run: 4 × 600 GPU-seconds.
    expect(r.shared!.teams[0]!.gpuSeconds).toBeCloseTo(2400, 6);
  });
});

describe('priority and preemption', () => {
  it('a production replica that does not fit preempts one experiment pod, as kube-scheduler picks it', () => {
    // Experiments (priority 100) fill node 0 and half of node 1; production (priority 1000) gets 2 of its 3 replicas.
    // Both nodes offer one experiment victim of the same priority and start: upstream's last tie-break, the first node.
    const base = fleet({ qps: 10, replicas: 6, serviceTime: constant, durationSeconds: 600, pools: [twoNodes] });
    const cfg: EngineConfig = {
      ...base,
      traffic: [base.traffic[0]!, { ...base.traffic[0]!, service: 1 }],
      services: [
        service({ name: 'experiments', serviceTime: constant, initialReplicas: 6, pools: [0], team: 1, priority: 100, preempts: true }),
        service({ name: 'production', serviceTime: constant, initialReplicas: 3, pools: [0], team: 0, priority: 1000, preempts: true }),
      ],
      teams: [{ name: 'serving', gpuQuota: null }, { name: 'research', gpuQuota: null }],
    };
    const r = runEngine(cfg);
    expect(r.shared!.servingPreempted).toEqual([1, 0]);
    expect(r.services[1]!.replicas.max).toBe(3);
    expect(r.shared!.teams[1]!.podsPreempted).toBe(1);
    const e = r.events.find((x) => x.kind === 'pod-preempted')!;
    expect(e.target).toBe('experiments');
  });

  it('a gang training job preempts the experiments it needs, which resume after it (from their checkpoint)', () => {
    // Two 4-GPU nodes. Experiments: 8 one-GPU pods (non-gang, priority 100, 1 h each, checkpoint every 10 min) from t = 0.
    // Training: a gang of 2 × 4 GPUs (priority 500, 30 min) at t = 900: all 8 experiment pods go (lowest priority).
    const base = fleet({ qps: 1, replicas: 1, serviceTime: constant, durationSeconds: 4 * 3600 });
    const cfg: EngineConfig = {
      ...base,
      pools: [twoNodes],
      teams: [{ name: 'research', gpuQuota: null }, { name: 'training', gpuQuota: null }],
      jobs: [
        job({ name: 'experiments', team: 0, pods: 8, unitsPerPod: 1, gang: false, priority: 100, durationSeconds: 3600, checkpointSeconds: 600 }),
        job({ name: 'pretrain', team: 1, pods: 2, unitsPerPod: 4, gang: true, priority: 500, durationSeconds: 1800, submitAt: [900] }),
      ],
    };
    const r = runEngine(cfg);
    const [exp, train] = r.shared!.jobs;
    expect(train!.waits).toEqual([0]);
    expect(train!.completed).toBe(1);
    expect(exp!.interruptions).toBe(8);
    expect(exp!.completed).toBe(1);
    // Each pod ran 900 s, kept 600 s (its last checkpoint): 300 s × 8 GPUs lost.
    expect(exp!.lostGpuSeconds).toBeCloseTo(8 * 300, 6);
    // GPU-hours: training 8 GPUs × 1800 s; experiments 8 × (900 + 3000) s of running.
    expect(r.shared!.teams[1]!.gpuSeconds).toBeCloseTo(8 * 1800, 6);
    expect(r.shared!.teams[0]!.gpuSeconds).toBeCloseTo(8 * 3900, 6);
  });

  it('a job whose class never preempts waits its turn', () => {
    const base = fleet({ qps: 1, replicas: 1, serviceTime: constant, durationSeconds: 3 * 3600 });
    const r = runEngine({
      ...base,
      pools: [twoNodes],
      teams: [{ name: 'a', gpuQuota: null }],
      jobs: [job({ name: 'low', pods: 2, unitsPerPod: 4, priority: 100, durationSeconds: 3600 }), job({ name: 'high', pods: 2, unitsPerPod: 4, priority: 500, preempts: false, durationSeconds: 600, submitAt: [60] })],
    });
    expect(r.shared!.jobs[0]!.interruptions).toBe(0);
    expect(r.shared!.jobs[1]!.waits).toEqual([3540]);
  });
});

describe('GPU utilization of a shared cluster', () => {
  it('counts a running job pod\'s GPUs as busy, as DCGM reads a GPU a training pod computes on', () => {
    // Two fixed nodes of 4 GPUs for 600 s. One replica (1 GPU, 10 ms per request at 10 req/s: 10% busy) and a job of
    // 3 pods × 1 GPU running from 0 to 300 s. Busy GPU-seconds: 0.1 × 600 + 3 × 300 = 960 of 8 × 600 = 4,800: 0.2.
    // Without the job's pods the fleet read 60 / 4,800 = 1.25%.
    const cfg: EngineConfig = {
      ...fleet({ qps: 10, replicas: 1, serviceTime: constant, durationSeconds: 600, service: { pools: [0], team: 0 }, pools: [twoNodes] }),
      teams: [{ name: 'ml', gpuQuota: null }],
      jobs: [job({ pods: 3, durationSeconds: 300 })],
    };
    const r = runEngine(cfg);
    expect(r.shared!.jobs[0]!.completed).toBe(1);
    expect(r.gpuUtilizationMean).toBeCloseTo(0.2, 2);
  });
});

describe('preemption and PodDisruptionBudgets', () => {
  // kube-scheduler preemption.go @ 98be7dfc `pickOneNodeForPreemption`: the first criterion is the fewest PDB
  // violations (`SelectVictimsOnNode` counts them, default_preemption.go @ e4d77d92), before the lowest priority.
  it('a replica prefers the node whose victim no budget protects, over a lower-priority victim under minAvailable 1', () => {
    // Pool 0: one node where `prod` (priority 1000) runs until it fails at 60 s. Pool 1: two fixed 1-GPU nodes, one
    // replica of `low` (priority 100, minAvailable 1: 0 disruptions allowed) and one of `mid` (priority 200, no budget).
    // prod's replacement needs a GPU: both nodes offer one victim. Without budgets upstream takes low's node (the lower
    // priority); low's eviction would violate its budget (1 violation against 0), so mid's node is picked.
    const off = { ...pool().autoscaler, enabled: false };
    const shared = pool({ name: 'shared', gpusPerNode: 1, minNodes: 2, maxNodes: 2, initialNodes: 2, autoscaler: off });
    const own = pool({ name: 'own', gpusPerNode: 1, minNodes: 1, maxNodes: 1, initialNodes: 1, autoscaler: off });
    const base = fleet({ qps: 1, replicas: 1, serviceTime: constant, durationSeconds: 600, arrivals: 'uniform' });
    const cfg: EngineConfig = {
      ...base,
      pools: [own, shared],
      traffic: [base.traffic[0]!, { ...base.traffic[0]!, service: 1 }, { ...base.traffic[0]!, service: 2 }],
      services: [
        service({ name: 'prod', serviceTime: constant, initialReplicas: 1, pools: [0, 1], priority: 1000, preempts: true }),
        service({ name: 'low', serviceTime: constant, initialReplicas: 1, pools: [1], priority: 100, preempts: true, disruptionBudget: { minAvailable: 1 } }),
        service({ name: 'mid', serviceTime: constant, initialReplicas: 1, pools: [1], priority: 200, preempts: true }),
      ],
      faults: [{ atSeconds: 60, forSeconds: 3600, pools: [0], nodes: null, label: 'pool own' }],
    };
    const r = runEngine(cfg);
    // A budget is best effort in preemption: mid's replacement (priority 200) then finds only low's node, and a node
    // whose every candidate violates a budget is still a candidate, so low goes too (before the port: prod took
    // low's node, and low's replacement, of the lowest priority, could preempt nothing: [0, 1, 0]).
    expect(r.shared!.servingPreempted).toEqual([0, 1, 1]);
    expect(r.events.filter((x) => x.kind === 'pod-preempted').map((x) => [x.t, x.target])).toEqual([[60, 'mid'], [60, 'low']]);
  });

  it('a gang\'s plan spends a budget\'s allowed disruptions as it takes victims: its second pod goes elsewhere', () => {
    // Three fixed 1-GPU nodes: two replicas of `svc` (priority 100, minAvailable 1: one disruption allowed) and one of
    // `other` (priority 500, no budget), neither preempting (other's replacement would take svc's last node). A gang of 2 × 1 GPU (priority 1000) arrives at 60 s and every
    // node is full. Its first pod: three candidates with no violation; the lowest-priority victim wins (an svc node).
    // Its second pod: the plan has already taken one svc replica, so svc's budget allows no more (1 − 1 = 0) and svc's
    // other node would cost a violation, while `other`'s costs none: criterion 1 of `pickOneNodeForPreemption`
    // (kube-scheduler preemption.go @ 98be7dfc) picks `other`'s node. Counting the budget once per plan instead of per
    // victim taken (each pod's pick seeing the budget as it was before the plan), the second pod takes the second svc
    // replica ([2, 0]) and leaves svc with none.
    const nodes = pool({ name: 'gpu', gpusPerNode: 1, minNodes: 3, maxNodes: 3, initialNodes: 3, autoscaler: fixed });
    const base = fleet({ qps: 1, replicas: 1, serviceTime: constant, durationSeconds: 900, arrivals: 'uniform' });
    const r = runEngine({
      ...base,
      pools: [nodes],
      traffic: [base.traffic[0]!, { ...base.traffic[0]!, service: 1 }],
      services: [
        service({ name: 'svc', serviceTime: constant, initialReplicas: 2, pools: [0], priority: 100, disruptionBudget: { minAvailable: 1 } }),
        service({ name: 'other', serviceTime: constant, initialReplicas: 1, pools: [0], priority: 500, preempts: false }),
      ],
      teams: [{ name: 'ml', gpuQuota: null }],
      jobs: [job({ name: 'train', pods: 2, unitsPerPod: 1, gang: true, priority: 1000, durationSeconds: 600, submitAt: [60] })],
    });
    expect(r.shared!.servingPreempted).toEqual([1, 1]);
    expect(r.events.filter((x) => x.kind === 'pod-preempted').map((x) => [x.t, x.target, x.detail])).toEqual([[60, 'svc', 'pod 0'], [60, 'other', 'pod 2']]);
    expect(r.shared!.jobs[0]!.completed).toBe(1);
    // svc kept one replica serving throughout.
    expect(r.services[0]!.replicas.min).toBeGreaterThanOrEqual(1);
  });
});

describe('a serving pod waiting for its preemption victims (cluster/nomination.ts)', () => {
  // kubernetes-sigs/karpenter @ 2266468104f36373ed002241afaee2d3bbc26078 pkg/utils/pod/scheduling.go `IsProvisionable`
  // (`!IsPreempting`); kube-scheduler default_preemption.go `PodEligibleToPreemptOthers` @ e4d77d92 (it waits while
  // its victim terminates on the nominated node).
  it('is not provisioned by Karpenter: only the victim\'s replacement gets a node (one g5.xlarge at 61 s)', () => {
    // Pool 0: one fixed 1-GPU node, where production (priority 1000, pools 0 and 1) runs from t = 0. Pool 1: a Karpenter
    // NodePool with one 1-GPU node, where batch (priority 100) runs requests of 100 s back to back. Pool 0 goes down at
    // 60 s: production's replacement finds no free GPU, preempts batch on pool 1's node and is nominated there while
    // batch finishes the request in service (until about 100 s). Batch's replacement is pending at 60 s and provisionable;
    // production is not. The batch window closes at 61 s with one 1-GPU pod: the cheapest offering, g5.xlarge spot.
    const off = { ...pool().autoscaler, enabled: false };
    const fixedPool = pool({ name: 'fixed', gpusPerNode: 1, minNodes: 1, maxNodes: 1, initialNodes: 1, autoscaler: off });
    const karpenter = { ...A10G_POOL, consolidateAfterSeconds: null, expireAfterSeconds: null, initialType: 1 };
    const kPool = pool({ name: 'k', gpusPerNode: 1, minNodes: 0, maxNodes: 10, initialNodes: 1, autoscaler: off, karpenter, provisioning: { kind: 'constant', seconds: 60 } });
    const base = fleet({ qps: 1, replicas: 1, serviceTime: constant, durationSeconds: 600, arrivals: 'uniform' });
    const cfg: EngineConfig = {
      ...base,
      pools: [fixedPool, kPool],
      traffic: [base.traffic[0]!, { ...base.traffic[0]!, service: 1 }],
      services: [
        service({ name: 'production', serviceTime: constant, initialReplicas: 1, pools: [0, 1], priority: 1000, preempts: true }),
        service({ name: 'batch', serviceTime: { kind: 'constant', seconds: 100 }, initialReplicas: 1, pools: [1], priority: 100, preempts: true }),
      ],
      faults: [{ atSeconds: 60, forSeconds: 3600, pools: [0], nodes: null, label: 'pool fixed' }],
    };
    const r = runEngine(cfg);
    expect(r.shared!.servingPreempted).toEqual([0, 1]);
    expect(r.events.find((e) => e.kind === 'pod-preempted')!.t).toBe(60);
    const launched = r.events.filter((e) => e.kind === 'node-requested');
    expect(launched.map((e) => [e.t, e.detail])).toEqual([[61, 'aws/us-east-1/g5.xlarge spot']]);
    // Both serve again: production on batch's old node once the victim is gone, batch on the new node (Ready at 121 s).
    expect(r.services.map((s) => s.replicas.max)).toEqual([1, 1]);
  });
});

describe('Kueue ClusterQueues in a cohort (cluster/kueue-scheduler.ts)', () => {
  // kubernetes-sigs/kueue @ ff69552e79ad21652c36caa97038382e55625cf7: resource_node.go `available`, preemption.go
  // `classicalPreemptions`, common/ordering.go `CandidatesOrdering`, scheduler.go `makeClassicalIterator`.
  const sixteen = pool({ name: 'a100', gpusPerNode: 8, minNodes: 2, maxNodes: 2, initialNodes: 2, autoscaler: fixed });
  const queue = (nominalQuota: number, o: Partial<NonNullable<EngineTeam['kueue']>> = {}): NonNullable<EngineTeam['kueue']> => ({
    nominalQuota,
    borrowingLimit: null,
    lendingLimit: null,
    cohort: 0,
    reclaimWithinCohort: 'Never',
    withinClusterQueue: 'Never',
    queueingStrategy: 'BestEffortFIFO',
    ...o,
  });
  const run = (teams: EngineTeam[], jobs: EngineJob[], seconds = 2 * 3600) => runEngine({ ...fleet({ qps: 1, replicas: 1, serviceTime: constant, durationSeconds: seconds }), pools: [sixteen], teams, jobs });
  // Team A: a1 (8 GPUs) at 0 and a2 (8 GPUs) at 60, one hour each, checkpoint every 5 min; team B: b1 (8 GPUs) at 600.
  const borrowAndReclaim = [
    job({ name: 'a1', team: 0, unitsPerPod: 8, durationSeconds: 3600, checkpointSeconds: 300 }),
    job({ name: 'a2', team: 0, unitsPerPod: 8, durationSeconds: 3600, checkpointSeconds: 300, submitAt: [60] }),
    job({ name: 'b1', team: 1, unitsPerPod: 8, durationSeconds: 3600, submitAt: [600] }),
  ];

  it('reclaimWithinCohort Any: B takes back its 8 GPUs at 600 s from A\'s most recently admitted workload', () => {
    // A's a2 borrows B's idle 8 (cohort 16 − 8 used). At 600 s B's b1 fits nominal (0 + 8 ≤ 8) but not the cohort
    // (16 used): candidates are A's workloads (A is above nominal), newest admission first: a2 (60 s) before a1 (0 s).
    // a2 evicted at 600 s after 540 s of work (kept 300 s: 240 s × 8 GPUs lost); b1 admitted and bound at 600 s.
    // a2 is pending again, A at nominal: it waits for a1's end at 3600 s and needs 3300 s more: done at 6900 s.
    const r = run([{ name: 'a', gpuQuota: null, kueue: queue(8, { reclaimWithinCohort: 'Any' }) }, { name: 'b', gpuQuota: null, kueue: queue(8, { reclaimWithinCohort: 'Any' }) }], borrowAndReclaim);
    const [a1, a2, b1] = r.shared!.jobs;
    expect(r.events.filter((e) => e.kind === 'job-preempted').map((e) => [e.t, e.target])).toEqual([[600, 'a2']]);
    expect(b1!.waits).toEqual([0]);
    expect(a1!.interruptions).toBe(0);
    expect(a2!.interruptions).toBe(1);
    expect(a2!.lostGpuSeconds).toBeCloseTo(240 * 8, 6);
    expect(a2!.completed).toBe(1);
    // a2 on its nodes 60–600 s and 3600–6900 s: 8 × (540 + 3300) GPU-seconds; a1 8 × 3600; B 8 × 3600.
    expect(r.shared!.teams[0]!.gpuSeconds).toBeCloseTo(8 * (3600 + 540 + 3300), 6);
    // Borrowed: A above its nominal 8 only while a1 and a2 were both admitted, 60–600 s.
    expect(r.shared!.teams[0]!.kueue).toEqual({ nominalQuota: 8, borrowedGpuSeconds: 8 * 540, reclaims: 0, reclaimedFrom: 1 });
    expect(r.shared!.teams[1]!.kueue).toEqual({ nominalQuota: 8, borrowedGpuSeconds: 0, reclaims: 1, reclaimedFrom: 0 });
  });

  it('reclaimWithinCohort Never (the default): B waits until one of A\'s workloads ends, at 3600 s', () => {
    const r = run([{ name: 'a', gpuQuota: null, kueue: queue(8) }, { name: 'b', gpuQuota: null, kueue: queue(8) }], borrowAndReclaim);
    const [, a2, b1] = r.shared!.jobs;
    expect(a2!.interruptions).toBe(0);
    expect(b1!.waits).toEqual([3000]);
    // A borrowed 8 GPUs from 60 s to a1's end at 3600 s.
    expect(r.shared!.teams[0]!.kueue!.borrowedGpuSeconds).toBeCloseTo(8 * 3540, 6);
  });

  it('borrowingLimit 4: A reaches at most 12 of the cohort\'s 16; its fourth 4-GPU job waits for the first to end', () => {
    // available = min(8 − 12 + 4, 16 − 12) = 0 for the fourth; without the limit all four fit (16).
    const four = [0, 1, 2, 3].map((k) => job({ name: `a${k}`, team: 0, unitsPerPod: 4, durationSeconds: 3600, submitAt: [k] }));
    const limited = run([{ name: 'a', gpuQuota: null, kueue: queue(8, { borrowingLimit: 4 }) }, { name: 'b', gpuQuota: null, kueue: queue(8) }], four);
    expect(limited.shared!.jobs.map((j) => j.waits)).toEqual([[0], [0], [0], [3600 - 3]]);
    const open = run([{ name: 'a', gpuQuota: null, kueue: queue(8) }, { name: 'b', gpuQuota: null, kueue: queue(8) }], four);
    expect(open.shared!.jobs.map((j) => j.waits)).toEqual([[0], [0], [0], [0]]);
  });

  it('lendingLimit 2: B lends only 2 of its 8, so A holds at most 10, and B gets its kept 6 at once', () => {
    // Cohort quota 8 (A) + 2 (B lends) = 10: A's six 2-GPU jobs at 0–5 s, the sixth waits for the first (3600 s).
    // B's gang of 3 × 2 GPUs at 600 s: B's local 6 are free (no preemption); nodes hold 10 of 16, 6 free.
    const six = [0, 1, 2, 3, 4, 5].map((k) => job({ name: `a${k}`, team: 0, unitsPerPod: 2, durationSeconds: 3600, submitAt: [k] }));
    const b = job({ name: 'b', team: 1, pods: 3, unitsPerPod: 2, durationSeconds: 600, submitAt: [600] });
    const r = run([{ name: 'a', gpuQuota: null, kueue: queue(8) }, { name: 'b', gpuQuota: null, kueue: queue(8, { lendingLimit: 2 }) }], [...six, b]);
    expect(r.shared!.jobs.map((j) => j.waits)).toEqual([[0], [0], [0], [0], [0], [3600 - 5], [0]]);
  });

  it('StrictFIFO: a blocked large head holds back a later small job that BestEffortFIFO admits', () => {
    // One queue (nominal 8, no cohort): a 4-GPU job runs 0–3600 s; an 8-GPU job at 60 s cannot fit; a 4-GPU job at
    // 120 s fits beside the first. BestEffortFIFO admits it at 120 s (wait 0) and the large one at 3600 s (3540);
    // StrictFIFO keeps the small one behind the large one: large 3600–4200 s, small at 4200 s (wait 4080).
    const jobs = [
      job({ name: 'first', unitsPerPod: 4, durationSeconds: 3600 }),
      job({ name: 'large', unitsPerPod: 8, durationSeconds: 600, submitAt: [60] }),
      job({ name: 'small', unitsPerPod: 4, durationSeconds: 600, submitAt: [120] }),
    ];
    const best = run([{ name: 'a', gpuQuota: null, kueue: queue(8, { cohort: null }) }], jobs);
    expect(best.shared!.jobs.map((j) => j.waits)).toEqual([[0], [3540], [0]]);
    const strict = run([{ name: 'a', gpuQuota: null, kueue: queue(8, { cohort: null, queueingStrategy: 'StrictFIFO' }) }], jobs);
    expect(strict.shared!.jobs.map((j) => j.waits)).toEqual([[0], [3540], [4080]]);
  });
});

describe('Kueue waitForPodsReady (cluster/kueue-pods-ready.ts)', () => {
  // kubernetes-sigs/kueue @ ff69552e79ad21652c36caa97038382e55625cf7: workload_controller.go `reconcileNotReadyTimeout`
  // (evict an admitted workload not PodsReady `timeout` after admission) and `triggerDeactivation`; workload.go
  // `UpdateRequeueState` (requeue after 60 × 2^(n−1) s, capped, + up to 0.01% jitter); scheduler.go
  // `waitForPodsReadyIfNeeded` (blockAdmission).
  const sixteen = pool({ name: 'a100', gpusPerNode: 8, minNodes: 2, maxNodes: 2, initialNodes: 2, autoscaler: fixed });
  const queue = (nominalQuota: number): NonNullable<EngineTeam['kueue']> => ({ nominalQuota, borrowingLimit: null, lendingLimit: null, cohort: null, reclaimWithinCohort: 'Never', withinClusterQueue: 'Never', queueingStrategy: 'BestEffortFIFO' });
  const wait = (o: Partial<NonNullable<EngineConfig['waitForPodsReady']>> = {}): NonNullable<EngineConfig['waitForPodsReady']> => ({
    timeoutSeconds: 300,
    recoveryTimeoutSeconds: 300,
    blockAdmission: false,
    requeuingTimestamp: 'Eviction',
    backoffLimitCount: null,
    backoffBaseSeconds: 60,
    backoffMaxSeconds: 3600,
    ...o,
  });
  // The seed-003 case in small: team "ops" (no ClusterQueue) runs a 2 × 4-GPU hog of higher priority for an hour, one
  // pod on each 8-GPU node (LeastAllocated), so team A's 8-GPU gang g (admitted at 0 s, A's whole nominal quota) finds no
  // node and cannot preempt; A's 4-GPU job a2 comes at 60 s.
  const hog = job({ name: 'hog', team: 1, pods: 2, unitsPerPod: 4, gang: false, durationSeconds: 3600, priority: 100 });
  const g = job({ name: 'g', team: 0, unitsPerPod: 8, durationSeconds: 1800 });
  const a2 = job({ name: 'a2', team: 0, unitsPerPod: 4, durationSeconds: 600, submitAt: [60] });
  const run = (nominal: number, jobs: EngineJob[], waitForPodsReady: NonNullable<EngineConfig['waitForPodsReady']> | null) =>
    runEngine({ ...fleet({ qps: 1, replicas: 1, serviceTime: constant, durationSeconds: 2 * 3600 }), pools: [sixteen], teams: [{ name: 'a', gpuQuota: null, kueue: queue(nominal) }, { name: 'ops', gpuQuota: null }], jobs, waitForPodsReady });

  it('timeout 300 s: the gang is evicted at 300 s, a2 is admitted then (wait 240 s, not 5,340 s), and the gang runs after five requeues', () => {
    // Without waitForPodsReady g holds A's quota until it is placed at 3600 s (hog done) and ends at 5400 s; only then is
    // a2 admitted: wait 5400 − 60.
    const held = run(8, [hog, g, a2], null);
    expect(held.shared!.jobs.map((j) => j.waits)).toEqual([[0], [3600], [5400 - 60]]);
    // 300 s: g evicted (count 1, requeue at 360 s + jitter), A's 8 freed: a2 admitted and placed beside the hog (4 free).
    // 360 s: g back but 4 + 8 > 8: inadmissible until a2 ends at 900 s; admitted then, evicted at 1200 s (count 2: 120 s);
    // readmitted 1320 s, evicted 1620 s (count 3: 240 s); 1860 s → 2160 s (count 4: 480 s); 2640 s → 2940 s (count 5:
    // 960 s) → requeued at 3900 s, after the hog's end at 3600 s: placed at once, wait 3900 s plus the jitter of
    // requeues 2–5 (< 0.0001 × (120 + 240 + 480 + 960) = 0.18 s); it ends 1800 s later.
    const r = run(8, [hog, g, a2], wait());
    const [, gs, a2s] = r.shared!.jobs;
    expect(a2s!.waits).toEqual([240]);
    expect(gs!.waits).toHaveLength(1);
    expect(gs!.waits[0]!).toBeGreaterThanOrEqual(3900);
    expect(gs!.waits[0]!).toBeLessThan(3900.18);
    expect(gs!.completed).toBe(1);
    const evictions = r.events.filter((e) => e.kind === 'job-evicted');
    expect(evictions.map((e) => e.target)).toEqual(['g', 'g', 'g', 'g', 'g']);
    const at = evictions.map((e) => e.t);
    expect(at.slice(0, 2)).toEqual([300, 1200]);
    [1620, 2160, 2940].forEach((t, i) => {
      expect(at[2 + i]!).toBeGreaterThanOrEqual(t);
      expect(at[2 + i]!).toBeLessThan(t + 0.18);
    });
    expect(r.shared!.teams[0]!.kueue).toEqual({ nominalQuota: 8, borrowedGpuSeconds: 0, reclaims: 0, reclaimedFrom: 0, podsReadyEvictions: 5, deactivated: 0 });
    // A's GPU-seconds: a2 4 × 600 and g 8 × 1800, nothing while g was admitted but unplaced.
    expect(r.shared!.teams[0]!.gpuSeconds).toBeCloseTo(4 * 600 + 8 * 1800, 6);
  });

  it('backoffLimitCount 2: the third timeout (at 1620 s) deactivates the gang, which never runs', () => {
    // Timeouts at 300 s (count 1) and 1200 s (count 2) requeue it; at 1620 s count + 1 = 3 > 2: deactivated.
    const r = run(8, [hog, g, a2], wait({ backoffLimitCount: 2 }));
    const [, gs, a2s] = r.shared!.jobs;
    expect(a2s!.waits).toEqual([240]);
    expect(gs!.waits).toEqual([]);
    expect(gs!.completed).toBe(0);
    const evictions = r.events.filter((e) => e.kind === 'job-evicted');
    expect(evictions).toHaveLength(3);
    expect(evictions[2]!.t).toBeGreaterThanOrEqual(1620);
    expect(evictions[2]!.t).toBeLessThan(1620 + 0.012);
    expect(evictions[2]!.detail).toContain('deactivated');
    expect(r.shared!.teams[0]!.kueue).toMatchObject({ podsReadyEvictions: 2, deactivated: 1 });
  });

  it('recoveryTimeout: a running gang that lost its nodes is evicted 300 s later (WaitForRecovery), then by the start timeout until the nodes are back', () => {
    // r (8 GPUs, 1 h, checkpoint 5 min) runs from 0 s; the pool is down 1000–2400 s. 1000 s: r's pod is lost (1000 s done,
    // 900 s kept): PodsReady=False, WaitForRecovery. 1300 s: evicted (count 1, requeue at 1360 s); readmitted then, not
    // ready by 1660 s (count 2, 120 s) → 1780 s → 2080 s (count 3, 240 s) → readmitted at 2320 s; placed when the nodes
    // are back at 2400 s and done 2700 s later, at 5100 s. Jitter: < 0.0001 × (60 + 120 + 240) = 0.042 s.
    const r1 = job({ name: 'r', team: 0, unitsPerPod: 8, durationSeconds: 3600, checkpointSeconds: 300 });
    const r = runEngine({
      ...fleet({ qps: 1, replicas: 1, serviceTime: constant, durationSeconds: 2 * 3600 }),
      pools: [sixteen],
      teams: [{ name: 'a', gpuQuota: null, kueue: queue(8) }],
      jobs: [r1],
      faults: [{ atSeconds: 1000, forSeconds: 1400, pools: [0], nodes: null, label: 'pool a100' }],
      waitForPodsReady: wait(),
    });
    const evictions = r.events.filter((e) => e.kind === 'job-evicted');
    expect(evictions.map((e) => (e.detail ?? '').match(/\((\w+)\)/)![1])).toEqual(['WaitForRecovery', 'WaitForStart', 'WaitForStart']);
    expect(evictions[0]!.t).toBe(1300);
    [1660, 2080].forEach((t, i) => {
      expect(evictions[1 + i]!.t).toBeGreaterThanOrEqual(t);
      expect(evictions[1 + i]!.t).toBeLessThan(t + 0.042);
    });
    const rs = r.shared!.jobs[0]!;
    expect(rs.completed).toBe(1);
    expect(rs.interruptions).toBe(1);
    expect(rs.lostGpuSeconds).toBeCloseTo(100 * 8, 6);
    expect(r.shared!.teams[0]!.gpuSeconds).toBeCloseTo(8 * (1000 + 2700), 6);
    expect(r.shared!.teams[0]!.kueue).toMatchObject({ podsReadyEvictions: 3, deactivated: 0 });
  });

  it('requeuingStrategy.timestamp: Eviction queues the evicted gang behind a job created after it, Creation ahead of it (StrictFIFO)', () => {
    // StrictFIFO queue of 8 (the head blocks). g (8) admitted at 0 s; x1 (4, 600 s) at 60 s, x3 (4, 1200 s) at 100 s and
    // x4 (4, 600 s) at 200 s wait. 300 s: g evicted; x1 and x3 admitted (8). g is back at 360 s, queued by
    // GetQueueOrderTimestamp: Eviction → 300 s, behind x4 (200 s); Creation → 0 s, ahead of it.
    // Eviction: x1 ends at 900 s, head x4 fits the 4 freed: wait 700 s.
    // Creation: head g (8) does not fit the 4 and blocks x4; x3 ends at 1500 s: g admitted, evicted at 1800 s; x4 then: 1600 s.
    const strict = (nominal: number): NonNullable<EngineTeam['kueue']> => ({ ...queue(nominal), queueingStrategy: 'StrictFIFO' });
    const jobs = [
      hog,
      g,
      job({ name: 'x1', team: 0, unitsPerPod: 4, durationSeconds: 600, submitAt: [60] }),
      job({ name: 'x3', team: 0, unitsPerPod: 4, durationSeconds: 1200, submitAt: [100] }),
      job({ name: 'x4', team: 0, unitsPerPod: 4, durationSeconds: 600, submitAt: [200] }),
    ];
    const runWith = (requeuingTimestamp: 'Eviction' | 'Creation') =>
      runEngine({ ...fleet({ qps: 1, replicas: 1, serviceTime: constant, durationSeconds: 2 * 3600 }), pools: [sixteen], teams: [{ name: 'a', gpuQuota: null, kueue: strict(8) }, { name: 'ops', gpuQuota: null }], jobs, waitForPodsReady: wait({ requeuingTimestamp }) });
    const eviction = runWith('Eviction').shared!.jobs;
    expect(eviction.slice(2).map((j) => j.waits)).toEqual([[240], [200], [700]]);
    const creation = runWith('Creation').shared!.jobs;
    expect(creation.slice(2).map((j) => j.waits)).toEqual([[240], [200], [1600]]);
  });

  it('blockAdmission: with quota to spare (nominal 16), a2 is not admitted while g waits for its pods: wait 240 s, not 0', () => {
    // Without blockAdmission a2 fits (8 + 4 ≤ 16) and is placed beside the hog at 60 s. With it, the scheduler holds a2
    // until no admitted workload is unready: g's eviction at 300 s.
    const free = run(16, [hog, g, a2], wait());
    expect(free.shared!.jobs[2]!.waits).toEqual([0]);
    const blocked = run(16, [hog, g, a2], wait({ blockAdmission: true }));
    expect(blocked.shared!.jobs[2]!.waits).toEqual([240]);
    expect(blocked.events.find((e) => e.kind === 'job-evicted')!.t).toBe(300);
  });
});
