/**
 * The cluster autoscaler's loop against kubernetes/autoscaler cluster-autoscaler 1.34 (tag
 * cluster-autoscaler-1.34.5, commit cb2123ed13148c38fbdb1ede42d8e99761ee2909), each case naming the function
 * it reproduces. Pods and nodes are placed by hand; the actions record what the autoscaler asked for.
 */
import { describe, expect, it } from 'vitest';
import type { EngineClusterAutoscaler, EnginePool } from '../engine/engine-config.ts';
import { Pod, PodState } from '../engine/pod.ts';
import { Rng } from '../random/rng.ts';
import { pool as poolConfig } from '../test-support/builders.ts';
import { type ClusterActions, ClusterAutoscaler, DEFAULT_CLUSTER_AUTOSCALER } from './cluster-autoscaler.ts';
import { JobRun } from './job-queue.ts';
import { type NodeRuntime, NodeState } from './node-runtime.ts';
import { movesInParallel } from './scale-down-planner.ts';
import { PoolRuntime } from './pool-runtime.ts';

interface Svc {
  gpus: number;
  pools: number[];
  /** PriorityClass value; 0 when omitted. */
  priority?: number;
}

function harness(pools: Partial<EnginePool>[], services: Svc[], flags: Partial<EngineClusterAutoscaler> = {}, extra: Partial<ClusterActions> = {}) {
  const runtimes = pools.map((p, i) => new PoolRuntime(i, poolConfig({ gpusPerNode: 8, maxNodes: 10, minNodes: 0, name: `p${i}`, ...p })));
  const pending: Pod[] = [];
  const log: string[] = [];
  let uid = 1000;
  let podUid = 0;
  const ca = new ClusterAutoscaler(
    runtimes,
    pending,
    { ...DEFAULT_CLUSTER_AUTOSCALER, ...flags },
    {
      requestNode: (p, now) => {
        log.push(`${now}: +node ${p.config.name}`);
        p.addNode(uid++, now);
      },
      evictPod: (pod, now) => {
        log.push(`${now}: evict pod ${pod.uid}`);
        unbind(pod);
      },
      evictJobPod: (jp, now) => {
        log.push(`${now}: evict ${jp.run.job.name} pod`);
        jp.node!.jobPods.delete(jp);
        jp.node!.gpusUsed -= jp.units;
        jp.node = null;
      },
      deleteNode: (p, node, now) => {
        log.push(`${now}: -node ${p.config.name}/${node.uid}${node.state === NodeState.Draining ? ' (drained)' : node.state === NodeState.Provisioning ? ' (never ready)' : ''}`);
        p.removeNode(node, now);
      },
      gpusOf: (pod) => services[pod.service]!.gpus,
      poolsOf: (pod) => services[pod.service]!.pools,
      priorityOf: (pod) => services[pod.service]!.priority ?? 0,
      scaleUpTimedOut: (p, now, until) => log.push(`${now}: timeout ${p.config.name} until ${until}`),
      ...extra,
    },
    new Rng(1, 9),
  );
  function unbind(pod: Pod): void {
    const node = pod.node;
    if (!node) return;
    node.pods.delete(pod);
    node.gpusUsed -= services[pod.service]!.gpus;
    pod.node = null;
    pod.state = PodState.Gone;
  }
  function node(p: number, state = NodeState.Ready): NodeRuntime {
    const n = runtimes[p]!.addNode(uid++, 0);
    n.state = state;
    return n;
  }
  function bound(service: number, on: NodeRuntime, createdAt = -3600): Pod {
    const pod = new Pod(podUid++, service, createdAt, 1);
    pod.state = PodState.Ready;
    pod.node = on;
    on.pods.add(pod);
    on.gpusUsed += services[service]!.gpus;
    return pod;
  }
  function pendingPod(service: number, createdAt: number): Pod {
    const pod = new Pod(podUid++, service, createdAt, 1);
    pending.push(pod);
    return pod;
  }
  const scanUntil = (from: number, end: number) => {
    for (let t = from; t <= end; t += 10) ca.scan(t);
  };
  return { pools: runtimes, ca, log, node, bound, pendingPod, scanUntil, pending };
}

describe('scale-up (static_autoscaler.go RunOnce, orchestrator.go ScaleUp)', () => {
  it('TC13: a GPU pod created at t=3 triggers a scale-up at t=40, not before (allPodsAreNew, unschedulablePodWithGpuTimeBuffer)', () => {
    const h = harness([{}], [{ gpus: 1, pools: [0] }]);
    h.pendingPod(0, 3);
    h.scanUntil(0, 60);
    expect(h.log).toEqual(['40: +node p0']);
  });

  it('TC13: a CPU pod (on a CPU pool, requesting vCPUs, no nvidia.com/gpu) created at t=3 triggers a scale-up at t=10: only the 2 s buffer applies', () => {
    // kubernetes/autoscaler @ 006685c4641726f573c75e865d015404b8f408ea cluster-autoscaler/core/static_autoscaler.go
    // allPodsAreNew: the 30 s buffer is for pods where gpu.PodRequestsGpu is true; vCPUs are not GPUs.
    const h = harness([{ unit: 'cpu' }], [{ gpus: 4, pools: [0] }]);
    h.pendingPod(0, 3);
    h.scanUntil(0, 60);
    expect(h.log).toEqual(['10: +node p0']);
  });

  it('counts capacity on upcoming nodes: pods that fit on a node being provisioned do not add another (filter_out_schedulable)', () => {
    const h = harness([{}], [{ gpus: 1, pools: [0] }]);
    for (let i = 0; i < 12; i++) h.pendingPod(0, 0);
    h.ca.scan(40);
    expect(h.log).toEqual(['40: +node p0', '40: +node p0']); // 12 one-GPU pods on 8-GPU nodes: two nodes
    h.ca.scan(50);
    expect(h.log).toHaveLength(2);
  });

  it('the 30 s buffer is judged on the pods left after filtering, cluster-wide: a young pod that fits an upcoming node does not delay an old one', () => {
    // Pool 0 is provisioning a node with room; a pod of service 0 created at t=25 fits there and is dropped
    // before allPodsAreNew, so the t=0 pod of service 1 (pool 1) scales up at t=30 (0 + 30 > 30 is false).
    const h = harness([{}, {}], [{ gpus: 1, pools: [0] }, { gpus: 1, pools: [1] }]);
    h.node(0, NodeState.Provisioning);
    h.pendingPod(1, 0);
    h.pendingPod(0, 25);
    h.scanUntil(30, 30);
    expect(h.log).toEqual(['30: +node p1']);
  });

  it('while every unhelped pod is new, the loop does no scale-down anywhere (DisableScaleDownForLoop)', () => {
    // Pool 0 has an empty node unneeded since t=0; a GPU pod of pool 1 appears at t=605. The deletion due at
    // t=610 waits until the pod is 30 s old (t=640: 605 + 30 > 640 is false), in the same loop as its scale-up.
    const h = harness([{}, {}], [{ gpus: 1, pools: [0] }, { gpus: 1, pools: [1] }], { scaleDownDelayAfterAddSeconds: 0 });
    h.node(0);
    h.ca.lastScaleUp = -1000;
    h.scanUntil(0, 600);
    h.pendingPod(1, 605);
    h.scanUntil(610, 640);
    expect(h.log).toEqual(['640: +node p1', '640: -node p0/1000']);
  });

  it('grows one node group per loop: pods of two pools are helped in consecutive loops', () => {
    const h = harness([{}, {}], [{ gpus: 1, pools: [0] }, { gpus: 1, pools: [1] }]);
    h.pendingPod(0, 0);
    h.pendingPod(1, 0);
    h.scanUntil(30, 40);
    expect(h.log).toHaveLength(2);
    expect(new Set(h.log.map((l) => l.split(' ')[0]))).toEqual(new Set(['30:', '40:']));
  });
});

describe('expanders (expander/waste, price, priority; factory/chain.go)', () => {
  // Two pools a service may use: 4-GPU nodes and 8-GPU nodes; 3 pending one-GPU pods.
  function choice(expander: EngineClusterAutoscaler['expander'], pools: Partial<EnginePool>[]): string {
    const h = harness(pools, [{ gpus: 1, pools: [0, 1] }], { expander });
    for (let i = 0; i < 3; i++) h.pendingPod(0, 0);
    h.ca.scan(30);
    return h.log.join(', ');
  }

  it('least-waste (default) grows the group whose new nodes waste the smallest fraction: 3 of 4 GPUs over 3 of 8', () => {
    expect(choice(['least-waste'], [{ gpusPerNode: 8 }, { gpusPerNode: 4 }])).toBe('30: +node p1');
    expect(choice(['least-waste'], [{ gpusPerNode: 4 }, { gpusPerNode: 8 }])).toBe('30: +node p0');
  });

  it('price grows the group with the lowest node price per requested GPU', () => {
    const pools = [{ gpusPerNode: 4, regularUsdPerHour: 4 }, { gpusPerNode: 8, regularUsdPerHour: 3 }];
    expect(choice(['price'], pools)).toBe('30: +node p1');
  });

  it('priority grows the highest listed group; unlisted groups are not used', () => {
    const pools = [{ gpusPerNode: 4, autoscaler: { ...poolConfig().autoscaler, priority: 10 } }, { gpusPerNode: 8, autoscaler: { ...poolConfig().autoscaler, priority: 50 } }];
    expect(choice(['priority'], pools)).toBe('30: +node p1');
    expect(choice(['priority'], [pools[0]!, { gpusPerNode: 8 }])).toBe('30: +node p0');
  });

  it('a chain runs in order: priority ties go to least-waste', () => {
    const prio = { ...poolConfig().autoscaler, priority: 10 };
    expect(choice(['priority', 'least-waste'], [{ gpusPerNode: 8, autoscaler: prio }, { gpusPerNode: 4, autoscaler: prio }])).toBe('30: +node p1');
  });
});

describe('scale-down timing (unneeded/nodes.go RemovableAt, static_autoscaler.go isScaleDownInCooldown)', () => {
  it('TC14: a node unneeded from t=0, last scale-up at t=-120: deletion at t=610 (strictly after 10 min)', () => {
    const h = harness([{}], []);
    h.node(0);
    h.node(0);
    h.ca.lastScaleUp = -120;
    h.scanUntil(0, 700);
    expect(h.log).toEqual(['610: -node p0/1000', '610: -node p0/1001']);
  });

  it('TC14: a scale-up at t=200 puts scale-down in cool-down until t=800 (cool-down ends at exactly 10 min)', () => {
    const h = harness([{}], []);
    h.node(0);
    h.ca.lastScaleUp = 200;
    h.scanUntil(0, 900);
    expect(h.log).toEqual(['800: -node p0/1000']);
  });

  it('TC14: 4 of 8 GPUs in use (0.5) is a candidate, 5 of 8 (0.625) is not (eligibility.go isNodeAtOrBelowUtilizationThreshold)', () => {
    for (const [gpus, candidate] of [[4, true], [5, false]] as const) {
      const h = harness([{}], [{ gpus, pools: [0] }, { gpus: 1, pools: [0] }]);
      const busy = h.node(0);
      const other = h.node(0);
      h.bound(0, busy);
      h.bound(1, other); // room elsewhere for the busy node's pod, so only utilization decides
      h.ca.scan(0);
      expect(h.ca.planner.unneededSince(busy) !== undefined).toBe(candidate);
    }
  });

  // kubernetes/autoscaler @ f7bb0c3623750695e1bb7f9f52269590f2974cbf cluster-autoscaler/core/scaledown/unneeded/nodes.go:
  // `lookupAndSetRemovalThreshold` picks GetScaleDownUnreadyTime (config/const.go DefaultScaleDownUnreadyTime = 20m)
  // for a node whose GetNodeReadiness is not Ready, and `unremovableReason` keeps it while
  // `!since.Add(threshold).Before(now)`: removable at the first scan strictly after since + 1200 s, t = 1210.
  it('TC14: a node unready from t=0 is deleted at t=1210 (ScaleDownUnreadyTime 20m, strict), a Ready empty one at t=610', () => {
    const h = harness([{}], []);
    const ready = h.node(0);
    const unready = h.node(0, NodeState.NotReady);
    h.ca.lastScaleUp = -120;
    h.scanUntil(0, 1300);
    expect(h.log).toEqual([`610: -node p0/${ready.uid}`, `1210: -node p0/${unready.uid}`]);
  });

  it('TC14: a node unneeded from t=0 that turns unready at t=300 keeps its first-unneeded time and waits 20 min from it (updateInternalState keeps since)', () => {
    const h = harness([{}], []);
    h.node(0); // a second node, so the group stays above min size 0 either way
    const n = h.node(0);
    h.ca.lastScaleUp = -120;
    h.scanUntil(0, 290);
    expect(h.ca.planner.unneededSince(n)).toBe(0);
    n.state = NodeState.NotReady; // failed: its pods are lost (engine crashNodes), it stays empty
    h.log.length = 0;
    h.scanUntil(300, 1300);
    expect(h.log.filter((l) => l.endsWith(`/${n.uid}`))).toEqual([`1210: -node p0/${n.uid}`]);
  });

  it('an unready node that is Ready again before its 20 min falls back to the 10 min threshold from the same since', () => {
    const h = harness([{}], []);
    h.node(0);
    const n = h.node(0, NodeState.NotReady);
    h.ca.lastScaleUp = -120;
    h.scanUntil(0, 690); // unready since 0: not removable before 1210
    expect(h.log.filter((l) => l.endsWith(`/${n.uid}`))).toEqual([]);
    n.state = NodeState.Ready; // repaired at t=695
    h.scanUntil(700, 700);
    expect(h.log.filter((l) => l.endsWith(`/${n.uid}`))).toEqual([`700: -node p0/${n.uid}`]);
  });

  it('the unready time is a node-group option (GetScaleDownUnreadyTime): 5 min deletes at t=310; a node that failed while draining is not a candidate', () => {
    const h = harness([{ autoscaler: { ...poolConfig({}).autoscaler, scaleDownUnreadySeconds: 300 } }], []);
    const n = h.node(0, NodeState.NotReady);
    const beingDeleted = h.node(0, NodeState.NotReady);
    beingDeleted.stateBeforeFailure = NodeState.Draining;
    h.ca.lastScaleUp = -1000; // no cool-down (delay after add ends at -400)
    h.scanUntil(0, 400);
    expect(h.log).toEqual([`310: -node p0/${n.uid}`]);
    expect(h.ca.planner.unneededSince(beingDeleted)).toBeUndefined();
  });

  it('a threshold of 0 deletes at the first loop (unremovableReason: `removalThreshold > 0 &&` skips the wait)', () => {
    const h = harness([{ autoscaler: { ...poolConfig({}).autoscaler, scaleDownUnneededSeconds: 0 } }], []);
    const n = h.node(0);
    h.ca.lastScaleUp = -1000;
    h.scanUntil(0, 0);
    expect(h.log).toEqual([`0: -node p0/${n.uid}`]);
  });

  // clusterstate.go IsClusterHealthy: unhealthy iff unready > OkTotalUnreadyCount (3) && unready > 45% of registered
  // nodes; static_autoscaler.go RunOnce then returns before scale-up and scale-down and calls CleanUpUnneededNodes.
  it('IsClusterHealthy: 5 of 10 nodes unready (5 > 3 and 5 > 4.5) halts the loop: no unready node deleted, no scale-up, unneeded times forgotten', () => {
    const h = harness([{ maxNodes: 20 }], [{ gpus: 8, pools: [0] }]);
    const nodes = Array.from({ length: 10 }, () => h.node(0));
    for (const n of nodes.slice(5)) h.bound(0, n); // 5 full nodes: the pending 8-GPU pod needs a new one
    for (const n of nodes.slice(0, 5)) {
      n.state = NodeState.NotReady;
      n.readyAt = -3600; // long started: Unready, not NotStarted
    }
    h.pendingPod(0, -100);
    h.ca.lastScaleUp = -1000;
    h.scanUntil(0, 2000);
    expect(h.log).toEqual([]);
    expect(h.ca.planner.unneededSince(nodes[0]!)).toBeUndefined();
  });

  it('IsClusterHealthy: 4 of 10 unready (4 ≤ 4.5) is healthy and the unready nodes go at 1210 s; so are 3 of 4 (≤ OkTotalUnreadyCount)', () => {
    for (const [total, down] of [[10, 4], [4, 3]] as const) {
      const h = harness([{ maxNodes: 20 }], [{ gpus: 8, pools: [0] }]);
      const nodes = Array.from({ length: total }, () => h.node(0));
      for (const n of nodes.slice(down)) h.bound(0, n); // full: not candidates
      for (const n of nodes.slice(0, down)) {
        n.state = NodeState.NotReady;
        n.readyAt = -3600;
      }
      h.ca.lastScaleUp = -1000;
      h.scanUntil(0, 1300);
      expect(h.log).toEqual(nodes.slice(0, down).map((n) => `1210: -node p0/${n.uid}`));
    }
  });

  it('a node unready within MaxNodeStartupTime (15 min) of its creation is NotStarted and does not count against health', () => {
    const h = harness([{}], []);
    const nodes = Array.from({ length: 5 }, () => h.node(0, NodeState.NotReady)); // readyAt 0: created at 0
    h.ca.lastScaleUp = -1000;
    h.scanUntil(0, 890);
    expect(h.ca.planner.unneededSince(nodes[0]!)).toBe(0); // healthy so far: tracked as unneeded since 0
    h.scanUntil(900, 900); // 0 + 900 > 900 is false: all 5 Unready now, 5 > 3 and 5 > 2.25 → unhealthy
    expect(h.ca.planner.unneededSince(nodes[0]!)).toBeUndefined();
    expect(h.log).toEqual([]);
  });

  // Third check (2026-12-05), by hand from kubernetes/autoscaler @ cb2123ed (cluster-autoscaler-1.34.5):
  // budgets.go `CropNodes` gives empty nodes `MaxScaleDownParallelism` (10) − deletions in progress; at 610 s none is
  // in progress, so 10 of the 12 go (lowest uids: the planner's order). static_autoscaler.go `RunOnce` sets
  // lastScaleDownDeleteTime = 610 (ScaleDownNodeDeleteStarted); `isScaleDownInCooldown` at 620 s:
  // 610 + ScaleDownDelayAfterDelete (flag default 0) After(620) is false, and lastScaleDownFailTime is only set when
  // `StartDeletion` returns an error (a taint failure), so the next loop deletes the last 2.
  it('12 empty nodes: 10 at 610 s (max-scale-down-parallelism), the other 2 at the next loop, 620 s (delay-after-delete 0)', () => {
    const h = harness([{ maxNodes: 20 }], []);
    const nodes = Array.from({ length: 12 }, () => h.node(0));
    h.ca.lastScaleUp = -1000;
    h.scanUntil(0, 700);
    expect(h.log).toEqual([...nodes.slice(0, 10).map((n) => `610: -node p0/${n.uid}`), ...nodes.slice(10).map((n) => `620: -node p0/${n.uid}`)]);
  });

  it('deletes empty nodes and starts a drain in the same loop (budgets.go CropNodes: empty, then drain)', () => {
    const h = harness([{}], [{ gpus: 2, pools: [0] }]);
    const full = h.node(0);
    const empty = h.node(0);
    const light = h.node(0);
    for (let i = 0; i < 3; i++) h.bound(0, full); // 6/8: not a candidate, room for the 2-GPU pod of `light`
    h.bound(0, light);
    h.ca.lastScaleUp = -1000;
    h.scanUntil(0, 610);
    expect(h.log).toEqual([`610: -node p0/${empty.uid}`, '610: evict pod 3', `610: -node p0/${light.uid} (drained)`]);
  });
});

describe('scale-down fit (simulator/cluster.go RemovalSimulator.SimulateNodeRemoval → findPlaceFor)', () => {
  it('3-GPU replicas on 8-GPU nodes at 6/8, 6/8, 3/8 keep three nodes forever: no single node has 3 free GPUs (NoPlaceToMovePods)', () => {
    // Summed, the other nodes have 4 free GPUs, which the old engine compared with 3 and drained the third
    // node every 820 s; upstream places each pod on one node and finds none.
    const h = harness([{}], [{ gpus: 3, pools: [0] }]);
    const [a, b, c] = [h.node(0), h.node(0), h.node(0)];
    h.bound(0, a);
    h.bound(0, a);
    h.bound(0, b);
    h.bound(0, b);
    h.bound(0, c);
    h.ca.lastScaleUp = -1000;
    h.scanUntil(0, 4 * 3600);
    expect(h.log).toEqual([]);
    expect(h.ca.planner.unneededSince(c)).toBeUndefined();
  });

  it('with 2-GPU replicas (6/8, 6/8, 2/8) the lone pod fits on one node and the third node drains', () => {
    const h = harness([{}], [{ gpus: 2, pools: [0] }]);
    const [a, b, c] = [h.node(0), h.node(0), h.node(0)];
    for (let i = 0; i < 3; i++) h.bound(0, a);
    for (let i = 0; i < 3; i++) h.bound(0, b);
    h.bound(0, c);
    h.ca.lastScaleUp = -1000;
    h.scanUntil(0, 610);
    expect(h.log).toEqual(['610: evict pod 6', `610: -node p0/${c.uid} (drained)`]);
  });

  it('placements persist within a loop: two light nodes cannot both count on the same free GPUs', () => {
    // a: 6/8 (2 free); b and c each hold one 2-GPU pod. Only one of b, c is removable at a time (planner.go
    // categorizeNodes persists each successful simulation); the other drains after the first is gone.
    const h = harness([{}], [{ gpus: 2, pools: [0] }], { maxDrainParallelism: 5 });
    const [a, b, c] = [h.node(0), h.node(0), h.node(0)];
    for (let i = 0; i < 3; i++) h.bound(0, a);
    h.bound(0, b);
    h.bound(0, c);
    h.ca.scan(0);
    const unneeded = [b, c].filter((n) => h.ca.planner.unneededSince(n) !== undefined);
    // b's pod takes a's last 2 GPUs and b leaves the destinations; c's pod then has nowhere to go.
    expect(unneeded).toEqual([b]);
  });

  it('a node with no place for its pods is not simulated again for 5 minutes (unremovable-node-recheck-timeout)', () => {
    const h = harness([{}], [{ gpus: 3, pools: [0] }, { gpus: 5, pools: [0] }]);
    const [a, b, c] = [h.node(0), h.node(0), h.node(0)];
    h.bound(0, a);
    h.bound(0, a); // 6/8
    h.bound(1, b);
    const leaving = h.bound(0, b); // 8/8
    const lone = h.bound(0, c); // 3/8: its pod fits on neither a nor b: unremovable until t=300
    h.ca.scan(0);
    // Room appears at t=10 (b drops to 5/8, 3 free), but c is only re-simulated once its recheck time has passed.
    b.pods.delete(leaving);
    b.gpusUsed -= 3;
    h.scanUntil(10, 290);
    expect(h.ca.planner.unneededSince(c)).toBeUndefined();
    h.ca.scan(300); // unremovable.Nodes.Update keeps a TTL only while ttl.After(now): at t=300 it has expired
    expect(h.ca.planner.unneededSince(c)).toBe(300);
    expect(lone.node).toBe(c);
  });
});

describe('provisioning failures (clusterstate.go updateScaleRequests, static_autoscaler.go removeOldUnregisteredNodes)', () => {
  it('a node that never becomes ready times out strictly after max-node-provision-time, backs its group off 5 min and is deleted', () => {
    const h = harness([{}], [{ gpus: 1, pools: [0] }]);
    h.pendingPod(0, 0);
    h.scanUntil(30, 950);
    // Requested at t=30; first seen unregistered at t=40; the request times out at t=940 (30 + 900 < 940), the
    // node is removed at t=950 (40 + 900 < 950). The group is backed off until 940 + 300 = 1240.
    expect(h.log).toEqual(['30: +node p0', '940: timeout p0 until 1240', '950: -node p0/1000 (never ready)']);
    expect(h.ca.isBackedOff(0, 1240)).toBe(true);
    expect(h.ca.isBackedOff(0, 1241)).toBe(false);
  });

  it('while a group is backed off, a pod that may use another group gets a node there', () => {
    const h = harness([{}, {}], [{ gpus: 1, pools: [0, 1] }], { expander: ['priority'] });
    h.pools[0]!.config.autoscaler.priority = 10; // p0 preferred; p1 unlisted is only used when p0 is out
    h.pools[1]!.config.autoscaler.priority = 1;
    h.pendingPod(0, 0);
    h.scanUntil(30, 960);
    // removeOldUnregisteredNodes runs before the scale-up in RunOnce.
    expect(h.log).toEqual(['30: +node p0', '940: timeout p0 until 1240', '950: -node p0/1000 (never ready)', '950: +node p1']);
  });
});

// A Job's pods are pods like any other to the autoscaler: simulator/utilization/info.go `Calculate` sums the requests
// of every pod on the node (only DaemonSet and mirror pods can be left out, by flags), and the drainability rules
// (simulator/drainability/rules/replicated) accept a pod controlled by a Job as replicated, so it must fit on another
// node and is evicted by the drain (kubernetes/autoscaler @ f7bb0c3623750695e1bb7f9f52269590f2974cbf).
describe("a job's pods in scale-down (utilization.Calculate, GetPodsToMove)", () => {
  function jobPod(h: ReturnType<typeof harness>, on: NodeRuntime, units: number, name = 'train') {
    const run = new JobRun({ name, team: 0, pool: 0, pods: 1, unitsPerPod: units, durationSeconds: 7200, gang: true, priority: 0, preempts: true, submitAt: [0], checkpointSeconds: null }, 0, 0);
    const jp = run.pods[0]!;
    jp.node = on;
    jp.startedAt = 0;
    on.jobPods.add(jp);
    on.gpusUsed += units;
    return h;
  }

  it('a node whose 8 GPUs a job holds is 100% utilized, not empty: it stays (it used to be deleted as empty at 610 s)', () => {
    const h = harness([{}], [{ gpus: 1, pools: [0] }]);
    const busy = h.node(0);
    jobPod(h, busy, 8);
    const other = h.node(0);
    h.bound(0, other);
    h.scanUntil(0, 3600);
    expect(h.log).toEqual([]);
  });

  it('a 2-GPU job pod (25% ≤ 50%) that fits on another node is drained with its node at 610 s (NotUnneededLongEnough until then)', () => {
    const h = harness([{}], [{ gpus: 1, pools: [0] }]);
    const small = h.node(0);
    jobPod(h, small, 2);
    const other = h.node(0);
    h.bound(0, other);
    h.bound(0, other);
    h.bound(0, other);
    h.bound(0, other);
    h.bound(0, other); // 5 of 8: not underutilized, and room for the job's 2 GPUs
    h.scanUntil(0, 620);
    expect(h.log).toEqual(['610: evict train pod', `610: -node p0/${small.uid} (drained)`]);
  });
});

describe('expendable pods (core/utils/expendable.go; static_autoscaler.go RunOnce FilterOutExpendablePods)', () => {
  it('their GPUs are free in the snapshot: a pending priority-0 pod that fits there once they go is not helped', () => {
    // One Ready 8-GPU node full of eight 1-GPU pods at priority -20. A 1-GPU pod at priority 0 (old: not "new"):
    // filter_out_schedulable places it on the node, whose snapshot holds no expendable pod, so no scale-up (the
    // scheduler preempts one of them). With --expendable-pods-priority-cutoff -30 they count: one node at once.
    for (const [cutoff, expected] of [[-10, []], [-30, ['0: +node p0']]] as const) {
      const h = harness([{}], [{ gpus: 1, pools: [0], priority: -20 }, { gpus: 1, pools: [0] }], { expendablePodsPriorityCutoff: cutoff });
      const n = h.node(0);
      for (let i = 0; i < 8; i++) h.bound(0, n);
      h.pendingPod(1, -3600);
      h.ca.scan(0);
      expect(h.log).toEqual(expected);
    }
  });

  it('a drain evicts the node\'s other pods, not its expendable one, and deletes the node with it', () => {
    // Node A: a priority-0 pod and a priority -20 pod (1 GPU each); node B: five priority-0 GPUs (5/8 > 0.5, not a
    // candidate). A's utilization is 1/8 (the expendable pod is not in its NodeInfo); its one pod to move fits B.
    // Unneeded from 0; RemovableAt at 610 (0 + 600 < 610): GetPodsToMove lists the priority-0 pod only, so it alone
    // is evicted, and the node is deleted once it is gone (at once here), with the expendable pod still on it.
    const h = harness([{}], [{ gpus: 1, pools: [0] }, { gpus: 1, pools: [0], priority: -20 }]);
    const a = h.node(0);
    const b = h.node(0);
    const mine = h.bound(0, a);
    const expendable = h.bound(1, a);
    for (let i = 0; i < 5; i++) h.bound(0, b);
    h.scanUntil(0, 610);
    expect(h.log).toEqual([`610: evict pod ${mine.uid}`, `610: -node p0/${a.uid} (drained)`]);
    expect(expendable.state).toBe(PodState.Ready);
  });

  it('with a cutoff below its priority the same pod is moved and evicted too (2/8 to place, B has 3 free)', () => {
    const h = harness([{}], [{ gpus: 1, pools: [0] }, { gpus: 1, pools: [0], priority: -20 }], { expendablePodsPriorityCutoff: -30 });
    const a = h.node(0);
    const b = h.node(0);
    const mine = h.bound(0, a);
    const other = h.bound(1, a);
    for (let i = 0; i < 5; i++) h.bound(0, b);
    h.scanUntil(0, 610);
    expect(h.log).toEqual([`610: evict pod ${mine.uid}`, `610: evict pod ${other.uid}`, `610: -node p0/${a.uid} (drained)`]);
  });
});

describe('pods waiting for their preemption victims (core/utils/expendable.go FilterOutExpendableAndSplit)', () => {
  it('a nominated pod whose node exists is set aside; nominated to a node that is gone, it is helped', () => {
    // A full Ready node and an old 1-GPU pending pod nominated to it: waitingForLowerPriorityPreemption, no scale-up.
    // The same pod nominated to a node since deleted ("node is gone"): unschedulable, one node at once.
    const h = harness([{}], [{ gpus: 1, pools: [0] }]);
    const full = h.node(0);
    for (let i = 0; i < 8; i++) h.bound(0, full);
    const pod = h.pendingPod(0, -3600);
    pod.nominated = [full];
    h.ca.scan(0);
    expect(h.log).toEqual([]);
    const gone = h.node(0);
    h.pools[0]!.removeNode(gone, 5);
    pod.nominated = [gone];
    h.ca.scan(10);
    expect(h.log).toEqual(['10: +node p0']);
  });
});

describe('addPreemptingPodsToSnapshot (core/podlistprocessor/filter_out_expendable.go)', () => {
  it('a nominated pod takes its room on the nominated node: a pending pod that would have fitted there gets a node', () => {
    // Node A: 6 of 8 GPUs held (its victims among them). P (2 GPUs) is nominated to A and force-added there: A has
    // 0 free in the snapshot. Q (2 GPUs, old) no longer fits A, so it is helped: one node at once. Without P's
    // nomination Q would fit A's 2 free GPUs (filter_out_schedulable) and no node would be added.
    for (const [nominate, expected] of [[true, ['0: +node p0']], [false, []]] as const) {
      const h = harness([{}], [{ gpus: 2, pools: [0] }, { gpus: 6, pools: [0] }]);
      const a = h.node(0);
      h.bound(1, a);
      const p = h.pendingPod(0, -3600);
      if (nominate) p.nominated = [a];
      else p.state = PodState.Gone; // not pending: only Q is
      h.pendingPod(0, -3600);
      h.ca.scan(0);
      expect(h.log).toEqual(expected);
    }
  });
});

// PodDisruptionBudgets, against kubernetes/autoscaler @ cb2123ed13148c38fbdb1ede42d8e99761ee2909:
// core/scaledown/planner/planner.go `categorizeNodes` with core/scaledown/pdb/basic.go (`CanRemovePods`,
// `RemovePods`), simulator/drainability/rules/pdb/rule.go `Drainable`, and core/scaledown/actuation/drain.go
// `evictPod` (DefaultEvictionRetryTime 10 s, --max-pod-eviction-time 2m).
describe('PodDisruptionBudgets in scale-down', () => {
  it("the loop's tracker: a node found removable spends the budget, so the next candidate holding a pod of it is blocked", () => {
    // Nodes a and b each hold one pod of service 0 (1 of 8 GPUs, under the 0.5 threshold); c holds 6 pods of service 1
    // (0.75: not a candidate, 2 GPUs free). Service 0's budget allows 1 disruption. In node order: a's pod fits on b
    // (first fit), a is removable and spends the disruption (1 − 1 = 0); b now holds its own pod and a's moved one,
    // both of service 0 with 0 left: `Drainable` blocks it (NotEnoughPdb). Without the budget b's 2 pods fit on c.
    const setup = (allowed: Map<number, number> | null) => {
      const h = harness([{}], [{ gpus: 1, pools: [0] }, { gpus: 1, pools: [0] }], {}, allowed === null ? {} : { disruptionsAllowed: () => allowed });
      const a = h.node(0);
      const b = h.node(0);
      const c = h.node(0);
      h.bound(0, a);
      h.bound(0, b);
      for (let i = 0; i < 6; i++) h.bound(1, c);
      h.ca.scan(0);
      return { h, a, b, c };
    };
    const withBudget = setup(new Map([[0, 1]]));
    expect(withBudget.h.ca.planner.unneededSince(withBudget.a)).toBe(0);
    expect(withBudget.h.ca.planner.unneededSince(withBudget.b)).toBeUndefined();
    const without = setup(null);
    expect(without.h.ca.planner.unneededSince(without.a)).toBe(0);
    expect(without.h.ca.planner.unneededSince(without.b)).toBe(0);
    // A budget with 2 left lets both through in one loop (2 − 1 = 1 ≥ 1 at b).
    const two = setup(new Map([[0, 2]]));
    expect(two.h.ca.planner.unneededSince(two.b)).toBe(0);
  });

  it('a budget already at 0 blocks the node (BlockedByPod), rechecked after --unremovable-node-recheck-timeout', () => {
    let allowed = 0;
    const h = harness([{}], [{ gpus: 1, pools: [0] }, { gpus: 1, pools: [0] }], {}, { disruptionsAllowed: () => new Map([[0, allowed]]) });
    const a = h.node(0);
    const c = h.node(0);
    h.bound(0, a);
    for (let i = 0; i < 6; i++) h.bound(1, c);
    h.ca.scan(0);
    expect(h.ca.planner.unneededSince(a)).toBeUndefined();
    allowed = 1;
    h.scanUntil(10, 290);
    expect(h.ca.planner.unneededSince(a)).toBeUndefined(); // recheck at 0 + 300 s
    h.ca.scan(300);
    expect(h.ca.planner.unneededSince(a)).toBe(300);
  });

  // A node with 2 pods of service 0 under a budget that allows 1: removable (one disruption left is enough to
  // start, `CanRemovePods` only marks it risky), unneeded from 0, deleted at the first scan past 600 s (610).
  /** Service 0 under a budget that allows one disruption at a time (`replacementReady` gives it back); drain timers kept. */
  function budgetHarness(pools: Partial<EnginePool>[] = [{}], services: Svc[] = [{ gpus: 1, pools: [0] }, { gpus: 1, pools: [0] }]) {
    let allowed = 1;
    const timers: { t: number; fn: (now: number) => void }[] = [];
    const uncordoned: number[] = [];
    const h = harness(pools, services, {}, {
      disruptionsAllowed: () => new Map([[0, allowed]]),
      // checkAndDecrement: refused at 0, else one disruption spent.
      evictionAllowed: (pod) => pod.service !== 0 || allowed-- > 0 || (allowed++, false),
      schedule: (t, fn) => timers.push({ t, fn }),
      nodeUncordoned: (_n, now) => uncordoned.push(now),
    });
    return { h, timers, uncordoned, replacementReady: () => (allowed = 1) };
  }

  function drainHarness() {
    const { h, timers, uncordoned, replacementReady } = budgetHarness();
    const a = h.node(0);
    const c = h.node(0);
    h.bound(0, a);
    h.bound(0, a);
    for (let i = 0; i < 4; i++) h.bound(1, c);
    h.scanUntil(0, 610);
    const runTimersUntil = (end: number, onTick: (t: number) => void = () => {}) => {
      for (;;) {
        timers.sort((x, y) => x.t - y.t);
        const next = timers[0];
        if (next === undefined || next.t > end) return;
        timers.shift();
        onTick(next.t);
        next.fn(next.t);
      }
    };
    return { h, a, uncordoned, runTimersUntil, replacementReady };
  }

  it('evicts what the budget allows and retries the rest every 10 s; the replacement Ready at 655 s lets the 660 s retry through', () => {
    const d = drainHarness();
    expect(d.h.log).toEqual(['610: evict pod 0']);
    expect(d.a.state).toBe(NodeState.Draining);
    d.runTimersUntil(800, (t) => t === 660 && d.replacementReady());
    expect(d.h.log).toEqual(['610: evict pod 0', '660: evict pod 1']);
    expect(d.uncordoned).toEqual([]);
  });

  // Third check (2026-12-05), by hand from kubernetes/autoscaler @ cb2123ed (cluster-autoscaler-1.34.5):
  // static_autoscaler.go `RunOnce` sets lastScaleDownFailTime only when `StartDeletion` returns an error (tainting
  // failed); a drain that fails later, in `deleteNodesAsync` (evictions refused past --max-pod-eviction-time), does not,
  // so `isScaleDownInCooldown` (… || lastScaleDownFailTime + 3 min After(now)) stays false. Node a (2 pods of a budget
  // allowing 1) drains from 610 s and fails at 730 s; node e emptied at 140 s is unneeded from the 140 s loop and is
  // deleted at the first loop with 140 + 600 < now: 750 s. Were the failure a scale-down failure, not before 910 s.
  it('a drain that fails asynchronously does not start --scale-down-delay-after-failure: an empty node still goes at 750 s', () => {
    const { h, timers, uncordoned } = budgetHarness();
    const a = h.node(0);
    const b = h.node(0);
    const e = h.node(0);
    h.bound(0, a);
    h.bound(0, a);
    for (let i = 0; i < 5; i++) h.bound(1, b); // 5/8 > 0.5: not a candidate; room for a's 2 pods
    const onE = Array.from({ length: 5 }, () => h.bound(1, e)); // 5/8 until 140 s
    for (let t = 0; t <= 800; t += 10) {
      timers.sort((x, y) => x.t - y.t);
      while (timers[0] !== undefined && timers[0].t <= t) timers.shift()!.fn(t);
      if (t === 140) {
        for (const pod of onE) {
          e.pods.delete(pod);
          e.gpusUsed -= 1;
        }
      }
      h.ca.scan(t);
    }
    expect(uncordoned).toEqual([730]);
    expect(h.log).toEqual(['610: evict pod 0', `750: -node p0/${e.uid}`]);
  });

  it('CanRemovePods inParallel: false only when a budget has fewer disruptions left than the pods of it that would move', () => {
    const pod = (owner: number) => ({ uid: 0, owner, gpus: 1, pools: [0] });
    const left = new Map([[0, 1], [1, 2]]);
    expect(movesInParallel([pod(0)], left)).toBe(true);
    expect(movesInParallel([pod(0), pod(0)], left)).toBe(false); // 1 < 2
    expect(movesInParallel([pod(1), pod(1), pod(0)], left)).toBe(true); // 2 ≥ 2, 1 ≥ 1
    expect(movesInParallel([pod(2), pod(2), pod(2)], left)).toBe(true); // no budget selects owner 2
  });

  // By hand from kubernetes/autoscaler @ cb2123ed (cluster-autoscaler-1.34.5) core/scaledown/planner/planner.go:
  // `categorizeNodes` marks a removable node risky when `CanRemovePods` (pdb/basic.go) says its pods cannot all move at
  // once (a budget with fewer disruptions left than the node's pods of it: inParallel false), and `NodesToDelete` sorts
  // the nodes to drain with `sortByRisk` (not risky first, each part in order) before `CropNodes` keeps one drain
  // (--max-drain-parallelism 1). Pool 0 has a (2 pods of service 0, whose budget allows 1: risky) and c (5 pods of
  // service 1: 5/8 > 0.5, a destination, not a candidate, 3 GPUs free); pool 1 has b (1 pod of service 1, no budget).
  // Service 0 may run on pool 0 only, so in each loop a's pods go to c, then b's pod too; a and b are unneeded from 0.
  // At 610 s (0 + 600 < 610) both may go: b is drained first (its pod 7 evicted, the node deleted once empty), and a at
  // the 620 s loop (pod 0 evicted; pod 1 waits on the budget). Without sortByRisk, a (first in order) took the one drain
  // at 610 s and b waited behind it.
  it('drains the node whose pods may all move before a risky one (sortByRisk): b at 610 s, a at 620 s', () => {
    const { h } = budgetHarness([{}, {}], [{ gpus: 1, pools: [0] }, { gpus: 1, pools: [0, 1] }]);
    const a = h.node(0);
    const c = h.node(0);
    const b = h.node(1);
    h.bound(0, a);
    h.bound(0, a);
    for (let i = 0; i < 5; i++) h.bound(1, c);
    h.bound(1, b);
    h.scanUntil(0, 600);
    expect([h.ca.planner.unneededSince(a), h.ca.planner.unneededSince(b), h.ca.planner.unneededSince(c)]).toEqual([0, 0, undefined]);
    expect(h.log).toEqual([]);
    h.ca.scan(610);
    expect(h.log).toEqual(['610: evict pod 7', `610: -node p1/${b.uid} (drained)`]);
    expect(a.state).toBe(NodeState.Ready);
    h.ca.scan(620);
    expect(h.log.slice(2)).toEqual(['620: evict pod 0']);
    expect(a.state).toBe(NodeState.Draining);
  });

  it('gives up after --max-pod-eviction-time: tries at 610, 620, …, 720 s, then at 730 s the drain fails and the node is untainted', () => {
    const d = drainHarness();
    d.runTimersUntil(729);
    expect(d.a.state).toBe(NodeState.Draining);
    const at: number[] = [];
    d.runTimersUntil(10_000, (t) => at.push(t));
    // Retries at 620 … 720 (11, each before 610 + 120 = 730); after the 720 s one the loop sleeps to 730, which is not
    // before retryUntil: the eviction fails there, and the drain with it.
    expect(at).toEqual([730]); // 620 … 720 ran above (11 retries, each before 610 + 120 = 730)
    expect(d.h.log).toEqual(['610: evict pod 0']);
    expect(d.uncordoned).toEqual([730]);
    expect(d.a.state).toBe(NodeState.Ready);
  });
});
