/**
 * The Knative Pod Autoscaler inside the engine (engine/knative-driver.ts over knative/*.ts, each tested alone against
 * upstream's cases). Uniform arrivals and constant 1 s work make every figure workable by hand from
 * knative/serving@98e5ef90 (autoscaler.go `Scale`, bucketing.go `WindowAverage`, scaler.go `handleScaleToZero`):
 *
 * - The collector writes one bucket a second: at t = k the requests in flight at the ready pods averaged over
 *   (k − 1, k] (ten samples), plus the activator's report; the decider runs at t = 2, 4, …, before that second's
 *   scrape, so it averages the buckets up to k − 1 (the unwritten second leaves the window: `d < window` branch).
 * - Target 10 × 70 % = 7 concurrent requests a pod (ResolveMetricTarget); panic window 10 % of 60 s = 6 s.
 */
import { describe, expect, it } from 'vitest';
import { fleet } from '../test-support/builders.ts';
import type { EngineKnative } from './engine-config.ts';
import { runEngine } from './simulation.ts';

const kpa = (pa: Partial<EngineKnative['pa']> = {}): EngineKnative => ({
  metric: 'concurrency',
  decider: { maxScaleUpRate: 1000, maxScaleDownRate: 2, targetValue: 7, totalValue: 10, targetBurstCapacity: 211, panicThreshold: 2, stableWindowSeconds: 60, scaleDownDelaySeconds: 0, activationScale: 0, reachable: true },
  pa: { minScale: 0, maxScale: 0, initialScale: 2, enableScaleToZero: true, stableWindowSeconds: 60, scaleToZeroGracePeriodSeconds: 30, scaleToZeroPodRetentionSeconds: 0, targetBurstCapacity: 211, activationTimeoutSeconds: 630, ...pa },
  panicWindowPercentage: 10,
  buffer: { capacity: Infinity, timeoutSeconds: Infinity },
});

describe('Knative KPA in the engine', () => {
  it('a step from 10 to 100 req/s: panic, scale-up, no scale-down in panic, un-panic, halving at most, scale to zero; then the activator pokes it from zero', () => {
    // 10 req/s until 200 s, 100 req/s until 230 s, none until 400 s, then 1 req/s; 1 s each; new pods ready at once.
    const r = runEngine(
      fleet({
        profile: { type: 'points', points: [[0, 10], [200, 10], [200, 100], [230, 100], [230, 0], [400, 0], [400, 1]] },
        arrivals: 'uniform',
        replicas: 2,
        concurrency: 1000,
        serviceTime: { kind: 'constant', seconds: 1 },
        durationSeconds: 450,
        intervalSeconds: 10,
        service: { knative: kpa() },
      }),
    );
    // Times to the millisecond: uniform arrival times carry float error (400.4999999972 s).
    const steps = r.events.filter((e) => e.kind === 'knative-scale').map((e) => [Math.round(e.t * 1000) / 1000, e.from, e.to]);
    expect(steps).toEqual([
      // Buckets: 10 a second before 200 s; 54.5 for (200, 201] (samples at 200.0537 + 0.1k see 10k + 5 new and 9 − k
      // old requests: (9k + 14) averages 54.5); 100 from 202 s. At 202 s the panic window is 197..201:
      // (4 × 10 + 54.5) / 5 = 18.9, ceil(18.9 / 7) = 3, 3 / 2 < 2: no panic.
      // 204 s: 199..203 = (10 + 10 + 54.5 + 100 + 100) / 5 = 54.9 → ceil(7.84) = 8, 8 / 2 = 4 ≥ 2: PANIC; the stable
      // window (145..203, 59 buckets) is 814.5 / 59 = 13.8 → 2; in panic max(2, 8) = 8.
      [204, 2, 8],
      // 206 s: (54.5 + 4 × 100) / 5 = 90.9 → 13 (13 / 8 < 2: not over the threshold, still in panic since 204 s).
      [206, 8, 13],
      // 208 s: 100 → ceil(14.29) = 15.
      [208, 13, 15],
      // Traffic stops at 230 s (bucket 231: 50, then 0): the panic count falls but panic holds 15 until 204 + 60 < t,
      // i.e. 266 s. Then stable: 207..265 = (24 × 100 + 50) / 59 = 41.53 → 6, but at most a halving: floor(15 / 2) = 7.
      [266, 15, 7],
      // 268 s: (22 × 100 + 50) / 59 = 38.14 → 6 (floor(7 / 2) = 3 does not bind); 270 s: 2050 / 59 = 34.75 → 5.
      [268, 7, 6],
      [270, 6, 5],
      // 274 s: 1650 / 59 = 27.97 → 4; 280 s: 1050 / 59 = 17.80 → 3; 284 s: 650 / 59 = 11.02 → 2; 288 s: 250 / 59 → 1.
      [274, 5, 4],
      [280, 4, 3],
      [284, 3, 2],
      [288, 2, 1],
      // 292 s: the window is empty of traffic: 0. The PA has been Active since 0 (≥ the 60 s window): it is marked
      // Inactive, and with the activator in the path all along (EBC = 10 × ready − 211 − panic < 0) the reconcile 3 s
      // later finds ProxyFor ≥ 30 s (scale-to-zero-grace-period): 0 at 295 s.
      [295, 1, 0],
      // 400.5 s: the first request finds no pod; the activator reports a concurrency of 1 at once and pokes the decider,
      // whose status was 0: the window restarts (no write since 294 s), 1 / 1 → 1 pod.
      [400.5, 0, 1],
    ]);
    const k = r.services[0]!.knative!;
    // Started in panic (2 ready pods at creation: newAutoscaler), out at 62 s (0 + 60 < 62); the step's panic 204–266 s.
    expect(k.panics).toEqual([{ from: 0, to: 62 }, { from: 204, to: 266 }]);
    expect(k.secondsAtZero).toBeCloseTo(400.5 - 295, 6);
    expect(k.coldStarts).toHaveLength(1);
    const c = k.coldStarts[0]!;
    for (const t of [c.firstRequestAt, c.activatedAt, c.startedAt, c.readyAt]) expect(t).toBeCloseTo(400.5, 6);
    expect(c.abandonedAt).toBeNull();
    expect([k.held, k.released, k.refused]).toEqual([1, 1, 0]);
  });

  it('from zero (initial-scale 0): the first request waits in the activator, the next tick asks for 1 pod, the 5 s load releases 7 requests', () => {
    const r = runEngine(
      fleet({
        profile: { type: 'step', from: 0, to: 1, at: 100 },
        arrivals: 'uniform',
        replicas: 0,
        concurrency: 1000,
        serviceTime: { kind: 'constant', seconds: 1 },
        durationSeconds: 200,
        intervalSeconds: 10,
        service: { knative: kpa({ initialScale: 0 }), startup: { imagePullSeconds: 0, modelLoadSeconds: 5, readinessSeconds: 0 } },
      }),
    );
    // The first request (100.5 s) is reported as 1 in bucket 100, but the decider has not decided yet (status -1): no
    // poke. The report at 101 s is its average 0.5 less the 1 already reported: 0. At 102 s: (1 + 0) / 2 = 0.5 → 1 pod.
    // With 1 ready the buckets then grow by 1 a second (held k − 99.5 in (k, k + 1]); at 104 s (1 + 0 + 1.5 + 2.5) / 4
    // = 1.25 and at 106 s the panic window 101..105 = 12 / 5 = 2.4: 1 pod, no panic.
    expect(r.events.filter((e) => e.kind === 'knative-scale').map((e) => [e.t, e.from, e.to])).toEqual([[102, 0, 1]]);
    const k = r.services[0]!.knative!;
    expect(k.coldStarts).toEqual([{ firstRequestAt: 100.5, activatedAt: 102, startedAt: 102, readyAt: 107, abandonedAt: null }]);
    // Arrivals 100.5 … 106.5 wait for the pod ready at 107 s: waits 6.5 … 0.5, sum 7 × 3.5.
    expect([k.held, k.released, k.refused, k.timedOut]).toEqual([7, 7, 0, 0]);
    expect(k.waitSumSeconds).toBeCloseTo(24.5, 9);
    expect(k.waitMaxSeconds).toBeCloseTo(6.5, 9);
    expect(k.secondsAtZero).toBe(102);
    expect(k.panics).toEqual([]);
  });
});
