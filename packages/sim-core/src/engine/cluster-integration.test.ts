/**
 * The cluster autoscaler inside the simulation: nodes that never become Ready, the scale-up timeout and the
 * node-group backoff (kubernetes/autoscaler cluster-autoscaler-1.34.5: clusterstate/clusterstate.go
 * `updateScaleRequests`, utils/backoff/exponential_backoff.go `Backoff`, core/static_autoscaler.go
 * `removeOldUnregisteredNodes`), and a service on two pools chosen by the priority expander
 * (expander/priority/priority.go `BestOptions`).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLUSTER_AUTOSCALER } from '../cluster/cluster-autoscaler.ts';
import { fleet, pool } from '../test-support/builders.ts';
import type { EngineConfig } from './engine-config.ts';
import { runEngine } from './simulation.ts';

const autoscaler = pool().autoscaler;

function nodeEvents(cfg: EngineConfig): string[] {
  return runEngine(cfg)
    .events.filter((e) => e.kind !== 'hpa-scale')
    .map((e) => `${e.t} ${e.kind} ${e.target}${e.detail === 'never became ready' ? ' (never ready)' : ''}`);
}

describe('provisioning failures', () => {
  it('a pool whose nodes never come up is retried after 5, then 10 minutes of backoff', () => {
    // Four 1-GPU pods pending at t=0 on an empty pool of 4-GPU nodes. Scale-up at t=30 (the 30 s GPU-pod
    // buffer); the node is first seen unregistered at t=40; the request times out at the first scan strictly
    // after 30 + 900 (t=940), backing the pool off until 1240, and the node is deleted at t=950. The next try
    // is at t=1250 (backoffUntil.Before(now) is strict), times out at t=2160 and backs off twice as long, to
    // t=2760; the third try is at t=2770.
    const cfg = fleet({
      qps: 10,
      replicas: 4,
      serviceTime: { kind: 'constant', seconds: 0.01 },
      durationSeconds: 3000,
      service: { pools: [0] },
      pools: [pool({ name: 'gpu', gpusPerNode: 4, provisioningFailure: 1 })],
    });
    const events = nodeEvents(cfg).filter((e) => !e.includes('node-ready'));
    expect(events).toEqual([
      '30 node-requested gpu',
      '940 scale-up-timeout gpu',
      '950 node-removed gpu (never ready)',
      '1250 node-requested gpu',
      '2160 scale-up-timeout gpu',
      '2170 node-removed gpu (never ready)',
      '2770 node-requested gpu',
    ]);
  });

  it('a service on a spot pool (priority 50) and an on-demand pool (priority 10) falls back while spot is backed off', () => {
    const cfg = fleet({
      qps: 10,
      replicas: 4,
      serviceTime: { kind: 'constant', seconds: 0.01 },
      durationSeconds: 1500,
      service: { pools: [0, 1] },
      pools: [
        pool({ name: 'spot', gpusPerNode: 4, spotShare: 1, provisioningFailure: 1, autoscaler: { ...autoscaler, priority: 50 } }),
        pool({ name: 'on-demand', gpusPerNode: 4, autoscaler: { ...autoscaler, priority: 10 } }),
      ],
    });
    cfg.clusterAutoscaler = { ...DEFAULT_CLUSTER_AUTOSCALER, expander: ['priority'] };
    expect(nodeEvents(cfg)).toEqual([
      '30 node-requested spot',
      '940 scale-up-timeout spot',
      '950 node-removed spot (never ready)',
      '950 node-requested on-demand',
      '1130 node-ready on-demand',
    ]);
    const r = runEngine(cfg);
    expect(r.timeseries.readyReplicas.at(-1)).toBe(4);
  });

  it('with failure probability 0 nothing changes, and a probability draws from its own stream (other draws unchanged)', () => {
    const base = fleet({ qps: 10, replicas: 8, serviceTime: { kind: 'constant', seconds: 0.01 }, durationSeconds: 1200, service: { pools: [0] }, pools: [pool({ gpusPerNode: 1, provisioning: { kind: 'lognormal', mu: Math.log(200), sigma: 0.3 } })] });
    const some = { ...base, pools: [{ ...base.pools[0]!, provisioningFailure: 0.5 }] };
    const ready = (cfg: EngineConfig) => runEngine(cfg).events.filter((e) => e.kind === 'node-ready').map((e) => e.t);
    const all = ready(base);
    const withFailures = ready(some);
    expect(all).toHaveLength(8);
    expect(withFailures.length).toBeLessThan(8);
    // Nodes that do come up come up at the times they would have without failures.
    for (const t of withFailures) expect(all).toContain(t);
  });
});
