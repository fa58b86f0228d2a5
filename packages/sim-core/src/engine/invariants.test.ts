/**
 * Invariants that hold for every configuration (fast-check), conservation of requests, and
 * determinism. These are properties of any correct simulator, not of this one's past output.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeBehavior } from '../hpa/index.ts';
import { fleet, pool } from '../test-support/builders.ts';
import type { EngineConfig } from './engine-config.ts';
import { erlangB } from '../theory/index.ts';
import { runEngine } from './simulation.ts';
import { expectConserved } from '../test-support/conservation.ts';

interface Knobs {
  qpsLow: number;
  qpsHigh: number;
  replicas: number;
  minReplicas: number;
  maxReplicas: number;
  target: number;
  maxNodes: number;
  gpusPerNode: number;
  spotShare: number;
  spotRate: number;
  routing: 'least-outstanding' | 'round-robin' | 'random' | 'shared-queue';
  queueMax: number;
  timeout: number;
  legacy: boolean;
  seed: number;
}

function autoscaled(k: Knobs): EngineConfig {
  const min = Math.min(k.minReplicas, k.maxReplicas);
  return fleet({
    profile: { type: 'step', from: k.qpsLow, to: k.qpsHigh, at: 600 },
    replicas: Math.max(min, Math.min(k.replicas, k.maxReplicas)),
    serviceTime: { kind: 'lognormal', mu: Math.log(0.05), sigma: 0.5 },
    routing: k.routing,
    durationSeconds: 2400,
    intervalSeconds: 60,
    seed: k.seed,
    queueMaxLength: k.queueMax,
    queueTimeoutSeconds: k.timeout,
    service: {
      pools: [0],
      startup: { imagePullSeconds: 30, modelLoadSeconds: 60, readinessSeconds: 5 },
      hpa: {
        controller: { minReplicas: min, maxReplicas: k.maxReplicas, behavior: k.legacy ? null : normalizeBehavior({}) },
        metrics: [{ type: 'qpsPerReplica', source: 'Pods', targetType: 'AverageValue', target: k.target, windowSeconds: 120, scrapeIntervalSeconds: 30 }],
        syncPeriodSeconds: 15,
      },
    },
    pools: [
      pool({
        gpusPerNode: k.gpusPerNode,
        minNodes: 1,
        maxNodes: k.maxNodes,
        initialNodes: Math.min(k.maxNodes, Math.max(1, Math.ceil(k.replicas / k.gpusPerNode))),
        spotShare: k.spotShare,
        spot: k.spotShare > 0 ? { interruptionsPerNodeHour: k.spotRate, noticeSeconds: 120 } : null,
        provisioning: { kind: 'lognormal', mu: Math.log(120), sigma: 0.4 },
      }),
    ],
  });
}

const knobs: fc.Arbitrary<Knobs> = fc.record({
  qpsLow: fc.integer({ min: 1, max: 200 }),
  qpsHigh: fc.integer({ min: 1, max: 600 }),
  replicas: fc.integer({ min: 1, max: 12 }),
  minReplicas: fc.integer({ min: 1, max: 4 }),
  maxReplicas: fc.integer({ min: 4, max: 40 }),
  target: fc.integer({ min: 5, max: 30 }),
  maxNodes: fc.integer({ min: 2, max: 40 }),
  gpusPerNode: fc.constantFrom(1, 2, 4, 8),
  spotShare: fc.constantFrom(0, 0.5, 1),
  spotRate: fc.constantFrom(0.5, 2, 10),
  routing: fc.constantFrom('least-outstanding', 'round-robin', 'random', 'shared-queue'),
  queueMax: fc.constantFrom(Infinity, 0, 8, 64),
  timeout: fc.constantFrom(Infinity, 0.5, 2),
  legacy: fc.boolean(),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
});

describe('invariants over random autoscaled fleets (fast-check)', () => {
  it('conserves requests, keeps replicas and nodes in bounds, never lets cost fall', () => {
    fc.assert(
      fc.property(knobs, (k) => {
        const cfg = autoscaled(k);
        const r = runEngine(cfg);
        expectConserved(r);
        expect(r.requests.drained).toBeLessThanOrEqual(r.requests.served);
        const hpa = cfg.services[0]!.hpa!.controller;
        const ts = r.timeseries;
        for (let i = 0; i < ts.t.length; i++) {
          expect(ts.desiredReplicas[i]).toBeGreaterThanOrEqual(hpa.minReplicas);
          expect(ts.desiredReplicas[i]).toBeLessThanOrEqual(hpa.maxReplicas);
          expect(ts.readyReplicas[i]).toBeLessThanOrEqual(hpa.maxReplicas);
          expect(ts.readyNodes[i]! + ts.provisioningNodes[i]!).toBeLessThanOrEqual(k.maxNodes);
          expect(ts.pendingPods[i]).toBeGreaterThanOrEqual(0);
          expect(ts.offeredQps[i]).toBeGreaterThanOrEqual(0);
          if (i > 0) expect(ts.costUsd[i]).toBeGreaterThanOrEqual(ts.costUsd[i - 1]!);
          // The spot part of the cost: never falling, never above the whole, nothing without spot nodes.
          if (i > 0) expect(ts.spotCostUsd[i]).toBeGreaterThanOrEqual(ts.spotCostUsd[i - 1]!);
          expect(ts.spotCostUsd[i]).toBeLessThanOrEqual(ts.costUsd[i]! * (1 + 1e-12));
          if (k.spotShare === 0) expect(ts.spotCostUsd[i]).toBe(0);
          if (k.spotShare === 1) expect(ts.spotCostUsd[i]).toBeCloseTo(ts.costUsd[i]!, 9);
          expect(ts.gpuUtilization[i]).toBeGreaterThanOrEqual(0);
          expect(ts.gpuUtilization[i]).toBeLessThanOrEqual(1);
        }
        expect(r.nodes.min).toBeGreaterThanOrEqual(1);
        expect(r.nodes.max).toBeLessThanOrEqual(k.maxNodes);
      }),
      { numRuns: 40, seed: 20261123 },
    );
  });
});

describe('pod shutdown', () => {
  it('scale-down drains in-flight requests to completion and spot deaths retry them, both counted', () => {
    const k: Knobs = { qpsLow: 400, qpsHigh: 40, replicas: 30, minReplicas: 2, maxReplicas: 40, target: 10, maxNodes: 40, gpusPerNode: 1, spotShare: 1, spotRate: 10, routing: 'least-outstanding', queueMax: Infinity, timeout: Infinity, legacy: false, seed: 4 };
    const cfg = autoscaled(k);
    cfg.services[0]!.serviceTime = { kind: 'constant', seconds: 2 }; // long requests: some are in flight at every shutdown
    cfg.services[0]!.concurrency = 40;
    const r = runEngine(cfg);
    expect(r.requests.drained).toBeGreaterThan(0);
    expect(r.requests.retried).toBeGreaterThan(0);
    expect(r.spotInterruptions).toBeGreaterThan(0);
    expectConserved(r);
  });
});

describe('conservation and determinism', () => {
  it('the same configuration and seed give identical results, a different seed different ones', () => {
    const k: Knobs = { qpsLow: 50, qpsHigh: 300, replicas: 3, minReplicas: 2, maxReplicas: 30, target: 10, maxNodes: 20, gpusPerNode: 2, spotShare: 0.5, spotRate: 2, routing: 'least-outstanding', queueMax: 32, timeout: 2, legacy: false, seed: 9 };
    const a = runEngine(autoscaled(k));
    const b = runEngine(autoscaled(k));
    const c = runEngine(autoscaled({ ...k, seed: 10 }));
    const digest = (r: typeof a) => JSON.stringify({ q: r.requests, e: r.events, ts: Object.values(r.timeseries).map((x) => Array.from(x)), l: [r.latency.mean(), r.latency.quantile(0.99)] });
    expect(digest(a)).toBe(digest(b));
    expect(digest(a)).not.toBe(digest(c));
  });

  it('a queue of length 0 drops every request that finds all replicas busy', () => {
    const r = runEngine(fleet({ qps: 200, replicas: 2, serviceTime: { kind: 'constant', seconds: 0.05 }, routing: 'shared-queue', queueMaxLength: 0, durationSeconds: 600 }));
    // Offered load 10 Erlangs on 2 servers with no waiting room: the Erlang B loss system, B(2, 10) = 50/61.
    // (Erlang B is insensitive to the service-time distribution, so constant service obeys it too.)
    const lossRate = r.requests.dropped / r.requests.offered;
    expect(Math.abs(lossRate / erlangB(2, 10) - 1)).toBeLessThan(0.02);
    expect(r.latency.max).toBeCloseTo(50, 9);
  });

  it('an overloaded queue with a timeout times requests out instead of serving them late', () => {
    const r = runEngine(fleet({ qps: 300, replicas: 2, serviceTime: { kind: 'exponential', meanSeconds: 0.05 }, queueTimeoutSeconds: 0.5, durationSeconds: 600 }));
    expect(r.requests.timedOut).toBeGreaterThan(0);
    // A served request waited at most the timeout, then one service time (p99.9 of Exp(50 ms) ≈ 345 ms).
    expect(r.latency.quantile(0.999)).toBeLessThan(500 + 400);
    expectConserved(r);
  });
});

describe('the in-flight limit', () => {
  it('drops arrivals once the limit of requests in flight is reached, counts them, and reports it once', () => {
    const cfg = fleet({ qps: 200, replicas: 1, serviceTime: { kind: 'constant', seconds: 0.05 }, durationSeconds: 60 });
    cfg.maxInFlightRequests = 1000;
    const r = runEngine(cfg);
    expect(r.inFlightLimitDrops).toBeGreaterThan(0);
    expect(r.requests.unfinished).toBeLessThanOrEqual(1000);
    expect(r.events.filter((e) => e.kind === 'in-flight-limit')).toHaveLength(1);
    // The limit is on visits (slots), grouped: it read "2000000 requests in flight" under a fan-out's calls.
    expect(r.events.find((e) => e.kind === 'in-flight-limit')?.detail).toBe('1,000 visits (requests and their calls) were in flight');
    expectConserved(r);
  });
});
