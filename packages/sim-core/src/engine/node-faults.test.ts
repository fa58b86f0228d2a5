/**
 * Failures and interruptions inside the simulation (cluster/node-faults.ts): reclaim waves take
 * ceil(fraction × spot nodes) at once, hardware failures arrive at their rate per node-hour (checked against
 * the Poisson count's spread over a long run), scheduled faults take the named nodes down for their
 * duration and the requests on them fail, and the same seed gives the same failures.
 */
import { describe, expect, it } from 'vitest';
import { fleet, pool } from '../test-support/builders.ts';
import type { EngineConfig } from './engine-config.ts';
import { runEngine } from './simulation.ts';

const noAutoscaling = { ...pool().autoscaler, enabled: false };

/** Ten 1-GPU replicas on ten nodes of a fixed pool (no autoscaler): what faults do is all that changes. */
function tenNodes(o: { pool?: Parameters<typeof pool>[0]; durationSeconds?: number; faults?: EngineConfig['faults']; seed?: number; qps?: number; serviceSeconds?: number }): EngineConfig {
  return {
    ...fleet({
      qps: o.qps ?? 20,
      replicas: 10,
      serviceTime: { kind: 'exponential', meanSeconds: o.serviceSeconds ?? 0.1 },
      durationSeconds: o.durationSeconds ?? 3600,
      seed: o.seed ?? 1,
      service: { pools: [0] },
      pools: [pool({ name: 'gpu', gpusPerNode: 1, minNodes: 10, maxNodes: 10, initialNodes: 10, autoscaler: noAutoscaling, ...o.pool })],
    }),
    ...(o.faults ? { faults: o.faults } : {}),
  };
}

/** `n` one-GPU replicas on `n` autoscaled one-GPU nodes (up to `maxNodes`, 60 s to provision), 3 h, with `faults`. */
function autoscaledNodes(n: number, maxNodes: number, faults: NonNullable<EngineConfig['faults']>): EngineConfig {
  return {
    ...fleet({
      qps: 1,
      replicas: n,
      serviceTime: { kind: 'constant', seconds: 0.01 },
      durationSeconds: 3 * 3600,
      service: { pools: [0] },
      pools: [pool({ name: 'gpu', gpusPerNode: 1, minNodes: 0, maxNodes, initialNodes: n, provisioning: { kind: 'constant', seconds: 60 } })],
    }),
    faults,
  };
}

describe('spot reclaim waves', () => {
  it('each wave takes ceil(fraction × spot nodes): 35% of 10 is 4 nodes, then 35% of the 6 left is 3', () => {
    // Ten spot nodes, no autoscaler and no independent interruptions: nothing replaces what a wave takes.
    const r = runEngine(tenNodes({
      durationSeconds: 4 * 3600,
      pool: { spotShare: 1, spot: { interruptionsPerNodeHour: 0, noticeSeconds: 120, waves: { perHour: 0.5, fraction: 0.35, outageSeconds: 0 }, fallback: 'none' } },
    }));
    const waves = r.events.filter((e) => e.kind === 'spot-wave');
    expect(waves.length).toBeGreaterThanOrEqual(2);
    let left = 10;
    for (const w of waves) {
      const take = Math.ceil(0.35 * left - 1e-9);
      expect(w.from).toBe(left);
      expect(w.to).toBe(left - take);
      left -= take;
    }
    expect(r.faults!.spotWaveNodes).toBe(10 - left);
    // Every node a wave takes gets a notice at the wave's instant (and counts as a spot interruption).
    const first = waves[0]!;
    expect(r.events.filter((e) => e.kind === 'spot-notice' && e.t === first.t)).toHaveLength(4);
    expect(r.spotInterruptions).toBe(10 - left);
  });

  it('during the capacity outage new nodes come up on-demand with fallback on-demand, and fail without it', () => {
    // One spot node, a wave that takes it, then 30 min without spot capacity: the autoscaler asks for a node.
    const run = (fallback: 'none' | 'on-demand') =>
      runEngine({
        ...fleet({
          qps: 5,
          replicas: 1,
          serviceTime: { kind: 'constant', seconds: 0.01 },
          durationSeconds: 1800,
          service: { pools: [0] },
          pools: [pool({ name: 'gpu', gpusPerNode: 1, minNodes: 0, maxNodes: 3, initialNodes: 1, spotShare: 1, spot: { interruptionsPerNodeHour: 0, noticeSeconds: 120, waves: { perHour: 60, fraction: 1, outageSeconds: 1800 }, fallback } })],
        }),
      });
    const withFallback = run('on-demand');
    const requested = withFallback.events.filter((e) => e.kind === 'node-requested');
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.every((e) => e.detail === 'on-demand')).toBe(true);
    expect(withFallback.nodeUsage.some((u) => u.capacity === 'on-demand' && u.nodeSeconds > 0)).toBe(true);
    const without = run('none');
    expect(without.events.some((e) => e.kind === 'node-ready' && e.t > 0)).toBe(false);
    expect(without.events.some((e) => e.kind === 'scale-up-timeout')).toBe(true);
  });
});

describe('hardware failures', () => {
  it('arrive at their rate per node-hour: 10 nodes × 7 days at 0.002/h expect 3.36, and the count of many seeds matches', () => {
    // Repairs of 1 s keep the nodes up, so exposure is 10 × 168 node-hours per run; 40 seeds give 40 Poisson
    // counts of mean 3.36 whose sum (mean 134.4, sd 11.6) must fall within 4 sd.
    let total = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const r = runEngine(tenNodes({ seed, qps: 0.01, durationSeconds: 7 * 86_400, pool: { failures: { perNodeHour: 0.002, repairSeconds: 1 } } }));
      total += r.faults!.nodeFailures;
    }
    const mean = 40 * 10 * 168 * 0.002;
    expect(Math.abs(total - mean)).toBeLessThan(4 * Math.sqrt(mean));
  });

  it('the same seed gives the same failures; another seed, others', () => {
    const cfg = (seed: number) => tenNodes({ seed, durationSeconds: 86_400, qps: 1, pool: { failures: { perNodeHour: 0.01, repairSeconds: 600 } } });
    const times = (seed: number) => runEngine(cfg(seed)).events.filter((e) => e.kind === 'node-failed').map((e) => `${e.t} ${e.detail}`);
    expect(times(7)).toEqual(times(7));
    expect(times(7).length).toBeGreaterThan(0);
    expect(times(8)).not.toEqual(times(7));
  });

  it('a failure makes the node NotReady for its repair time, then it serves again', () => {
    const r = runEngine(tenNodes({ durationSeconds: 86_400, qps: 1, pool: { failures: { perNodeHour: 0.01, repairSeconds: 600 } } }));
    const failed = r.events.filter((e) => e.kind === 'node-failed');
    const back = r.events.filter((e) => e.kind === 'node-repaired');
    expect(failed.length).toBeGreaterThan(0);
    for (const f of failed) {
      const node = f.detail!.split(':')[0];
      const repaired = back.find((b) => b.detail!.startsWith(`${node} `) && b.t >= f.t);
      if (f.t + 600 <= 86_400) expect(repaired?.t).toBeCloseTo(f.t + 600, 6);
    }
  });
});

describe('scheduled faults', () => {
  it('3 nodes of 10 down for 10 min: their pods are lost, requests on them fail and the run is counted', () => {
    // Every replica is busy (20 req/s of 0.45 s work on 10 replicas, ρ = 0.9): the 3 crashed pods had requests
    // in service. With the pool full and no autoscaler the 3 replacements wait for the nodes to come back.
    const r = runEngine(tenNodes({ qps: 20, serviceSeconds: 0.45, faults: [{ atSeconds: 1200, forSeconds: 600, pools: [0], nodes: 3, label: '3 nodes of gpu' }] }));
    const f = r.faults!;
    expect(f.scheduledFaults).toBe(1);
    expect(f.scheduledFaultNodes).toBe(3);
    expect(f.podsLost).toBe(3);
    expect(f.visitsFailed).toBeGreaterThan(0);
    expect(r.requests.dropped).toBeGreaterThanOrEqual(f.visitsFailed);
    // Replacements start when the nodes are back (t = 1800, pods start instantly in this config): 3 × 600 s lost.
    expect(f.lostPodSeconds).toBeCloseTo(3 * 600, 6);
    expect(r.events.filter((e) => e.kind === 'fault-start' || e.kind === 'fault-end').map((e) => `${e.t} ${e.kind} ${e.target}`)).toEqual(['1200 fault-start 3 nodes of gpu', '1800 fault-end 3 nodes of gpu']);
  });

  it('the cluster autoscaler removes a node that stays unready: first loop strictly after 20 min unneeded (ScaleDownUnreadyTime)', () => {
    // Three 1-GPU replicas on three autoscaled 1-GPU nodes; one node fails at t = 1000 for 2 h. Its pod is lost and
    // its replacement gets a new node, so the failed node is empty, unneeded from the first loop that sees it unready
    // (t = 1000 or 1010), and cluster-autoscaler/core/scaledown/unneeded/nodes.go `unremovableReason` keeps it until
    // since + 1200 s is strictly before now: removed at 2210 or 2220 (scans every 10 s). It never comes back.
    const r = runEngine(autoscaledNodes(3, 4, [{ atSeconds: 1000, forSeconds: 7200, pools: [0], nodes: 1, label: 'one node' }]));
    const removed = r.events.filter((e) => e.kind === 'node-removed');
    expect(removed.map((e) => e.t)).toHaveLength(1);
    expect([2210, 2220]).toContain(removed[0]!.t);
    expect(r.events.some((e) => e.kind === 'node-repaired')).toBe(false);
    expect(r.events.filter((e) => e.kind === 'node-requested' && e.t > 0)).toHaveLength(1);
  });

  it('a whole pool down makes the cluster unhealthy (5 of 5 nodes unready): the autoscaler neither adds nor removes nodes until it is back', () => {
    // clusterstate.go IsClusterHealthy: 5 unready > OkTotalUnreadyCount 3 and > 45% of 5; RunOnce stops before
    // scale-up and scale-down. Without the check the autoscaler would ask for nodes for the 5 lost pods at once and
    // delete the failed nodes 20 min later.
    const r = runEngine(autoscaledNodes(5, 10, [{ atSeconds: 1000, forSeconds: 7200, pools: [0], nodes: null, label: 'pool gpu' }]));
    const during = (kind: string) => r.events.filter((e) => e.kind === kind && e.t >= 1000 && e.t < 8200);
    expect(during('node-requested')).toEqual([]);
    expect(during('node-removed')).toEqual([]);
    expect(r.events.filter((e) => e.kind === 'node-repaired')).toHaveLength(5);
  });

  it('a design without failures, waves or faults has no faults block (nothing runs for them)', () => {
    expect(runEngine(tenNodes({ durationSeconds: 600 })).faults).toBeNull();
  });
});
