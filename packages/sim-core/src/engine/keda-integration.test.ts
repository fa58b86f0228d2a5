/**
 * KEDA inside the engine: the ScaledObject's scale loop (keda/scaled-object-controller.ts, tested alone against
 * upstream's cases) driving spec.replicas, the activator buffer at zero, and the episode accounting. Uniform
 * arrivals (one a second from t = 100 s or until t = 100 s) and constant times make each case workable by hand;
 * KEDA polls at t = 0, 30, 60, … (`startScaleLoop` checks at once, then every pollingInterval).
 */
import { describe, expect, it } from 'vitest';
import { fleet } from '../test-support/builders.ts';
import { hpaScaleSteps, runHpaStep } from '../test-support/hpa-step-load.ts';
import type { EngineKeda } from './engine-config.ts';
import { runEngine } from './simulation.ts';

const keda = (o: Partial<EngineKeda> = {}): EngineKeda => ({
  minReplicaCount: 0,
  pollingIntervalSeconds: 30,
  cooldownPeriodSeconds: 300,
  initialCooldownPeriodSeconds: 0,
  idleReplicaCount: null,
  triggers: [{ type: 'pendingRequests', metric: null, activationThreshold: 0, windowSeconds: 0 }],
  buffer: { capacity: Infinity, timeoutSeconds: Infinity },
  ...o,
});

/** A requestRate trigger over the last minute (the HTTP add-on's default window). */
const REQUEST_RATE = { type: 'requestRate', metric: null, activationThreshold: 0, windowSeconds: 60 } as const;

/** 1,000 s of uniform arrivals at the rate of `points` (req/s), constant 0.5 s work, 10 s intervals. */
function onRatePoints(points: [number, number][], replicas: number, service: NonNullable<Parameters<typeof fleet>[0]['service']>) {
  return runEngine(
    fleet({ profile: { type: 'points', points }, arrivals: 'uniform', replicas, serviceTime: { kind: 'constant', seconds: 0.5 }, durationSeconds: 1000, intervalSeconds: 10, service }),
  );
}

/** 1 request/s (uniform, 0.5 s each) until 100 s, then none, for 1,000 s with `replicas` to start, under `scaledObject`. */
function trafficStopsAt100s(replicas: number, scaledObject: ReturnType<typeof keda>) {
  return runEngine(
    fleet({
      profile: { type: 'step', from: 1, to: 0, at: 100 },
      arrivals: 'uniform',
      replicas,
      serviceTime: { kind: 'constant', seconds: 0.5 },
      durationSeconds: 1000,
      intervalSeconds: 10,
      service: { keda: scaledObject },
    }),
  );
}

/** At zero from t = 0; one request a second from t = 100 s; a new replica takes 100 s to load. */
function fromZero(k: EngineKeda, durationSeconds = 400) {
  return runEngine(
    fleet({
      profile: { type: 'step', from: 0, to: 1, at: 100 },
      arrivals: 'uniform',
      replicas: 0,
      serviceTime: { kind: 'constant', seconds: 0.5 },
      durationSeconds,
      intervalSeconds: 10,
      service: { keda: k, startup: { imagePullSeconds: 0, modelLoadSeconds: 100, readinessSeconds: 0 } },
    }),
  );
}

describe('KEDA in the engine', () => {
  it('scale from zero: the first request at 100 s waits for the poll at 120 s, the replica is ready at 220 s, the buffer drains onto it', () => {
    const r = fromZero(keda());
    const k = r.services[0]!.keda!;
    expect(k.activations).toBe(1);
    expect(k.coldStarts).toHaveLength(1);
    const c = k.coldStarts[0]!;
    expect(c.firstRequestAt).toBeGreaterThanOrEqual(100);
    expect(c.firstRequestAt).toBeLessThan(101.001);
    expect(c.activatedAt).toBe(120);
    expect(c.startedAt).toBe(120);
    expect(c.readyAt).toBe(220);
    // At zero from 0 until the activation at 120 s.
    expect(k.secondsAtZero).toBe(120);
    // Every request that arrived before 220 s waited: 100 (≈120 − 20 … the arrivals in [100, 220)) and none failed.
    expect(k.held).toBeGreaterThanOrEqual(119);
    expect(k.held).toBeLessThanOrEqual(120);
    expect(k.refused + k.timedOut).toBe(0);
    expect(k.released).toBe(k.held);
    expect(k.waitMaxSeconds).toBeCloseTo(220 - c.firstRequestAt!, 6);
    expect(r.requests.dropped + r.requests.timedOut).toBe(0);
    expect(r.events.filter((e) => e.kind === 'keda-scale').map((e) => [e.t, e.from, e.to, e.detail])).toEqual([[120, 0, 1, 'activate']]);
  });

  it('without a buffer a pendingRequests trigger never wakes the service: refused requests are not pending at any poll', () => {
    // pendingRequests counts requests at the interceptor; refused ones are gone at once, so at a poll nothing is
    // pending: a service without a buffer needs a requestRate trigger to wake (the HTTP add-on counts arrivals).
    const r = fromZero(keda({ buffer: null }));
    const k = r.services[0]!.keda!;
    expect(k.activations).toBe(0);
    expect(k.secondsAtZero).toBe(400);
    expect(r.requests.served).toBe(0);
    expect(k.refused).toBe(r.requests.dropped);
    expect(r.requests.dropped).toBeGreaterThanOrEqual(299);
  });

  it('without a buffer, a requestRate trigger wakes it at 120 s; requests before 220 s fail, later ones are served', () => {
    const r = fromZero(keda({ buffer: null, triggers: [REQUEST_RATE] }));
    const k = r.services[0]!.keda!;
    expect(k.coldStarts.map((c) => [c.activatedAt, c.readyAt])).toEqual([[120, 220]]);
    expect(k.refused).toBe(r.requests.dropped);
    expect(r.requests.dropped).toBeGreaterThanOrEqual(119);
    expect(r.requests.dropped).toBeLessThanOrEqual(120);
    expect(r.requests.served).toBe(r.requests.offered - r.requests.dropped);
  });

  it('a buffer timeout fails the requests that waited longer (timed out), the rest are served', () => {
    const r = fromZero(keda({ buffer: { capacity: Infinity, timeoutSeconds: 60 } }));
    const k = r.services[0]!.keda!;
    // Requests arriving before 160 s have waited 60 s by 220 s: about 60 time out, each at its arrival + 60 s.
    expect(k.timedOut).toBeGreaterThanOrEqual(59);
    expect(k.timedOut).toBeLessThanOrEqual(61);
    expect(r.requests.timedOut).toBe(k.timedOut);
    expect(k.waitMaxSeconds).toBeLessThanOrEqual(60);
  });

  it('a full buffer refuses the overflow', () => {
    const r = fromZero(keda({ buffer: { capacity: 50, timeoutSeconds: Infinity } }));
    const k = r.services[0]!.keda!;
    expect(k.held).toBe(50);
    expect(k.refused).toBe(r.requests.dropped);
    expect(k.refused).toBeGreaterThanOrEqual(69);
  });

  it('a prometheus trigger on the replicas\' own queue reads 0 at zero: the service never wakes', () => {
    const r = fromZero(keda({ triggers: [{ type: 'prometheus', metric: 'queueLength', activationThreshold: 0, windowSeconds: 0 }] }));
    const k = r.services[0]!.keda!;
    expect(k.activations).toBe(0);
    expect(r.requests.served).toBe(0);
  });

  it('scale to zero: traffic stops at 100 s; the last active poll is 150 s (requestRate over 60 s), so the cooldown ends after 450 s and the poll at 480 s scales to zero', () => {
    const r = trafficStopsAt100s(1, keda({ triggers: [REQUEST_RATE] }));
    const k = r.services[0]!.keda!;
    expect(k.deactivations).toBe(1);
    expect(r.events.filter((e) => e.kind === 'keda-scale').map((e) => [e.t, e.from, e.to])).toEqual([[480, 1, 0]]);
    expect(k.secondsAtZero).toBe(520);
    expect(k.floorReplicas).toBe(1);
    expect(r.requests.served).toBe(r.requests.offered);
  });

  it('a cold start longer than the cooldown is abandoned: requestRate stops counting once traffic stops, KEDA scales back to zero before the replica is ready', () => {
    // Traffic 100-130 s; the replica takes 600 s to load. Active polls 120-180 s (requestRate over 60 s), so the
    // cooldown of 300 s ends after 480 s and the poll at 510 s deactivates: the pod never becomes ready.
    const r = onRatePoints([[0, 0], [100, 0], [100.001, 1], [130, 1], [130.001, 0], [1000, 0]], 0, {
      keda: keda({ triggers: [REQUEST_RATE] }),
      startup: { imagePullSeconds: 0, modelLoadSeconds: 600, readinessSeconds: 0 },
    });
    const k = r.services[0]!.keda!;
    expect(r.events.filter((e) => e.kind === 'keda-scale').map((e) => [e.t, e.from, e.to])).toEqual([[120, 0, 1], [510, 1, 0]]);
    expect(k.coldStarts).toHaveLength(1);
    expect(k.coldStarts[0]!.abandonedAt).toBe(510);
    expect(k.coldStarts[0]!.readyAt).toBeNull();
    expect(r.requests.served).toBe(0);
    // The buffer has no timeout: its requests are still waiting at the end (unfinished, not served).
    expect(r.requests.unfinished).toBe(r.requests.offered);
  });

  it('idleReplicaCount 0 with minReplicaCount 2: idle at 480 s (2 → 0, as minReplicaCount 0 would), back to 2 (not 1) when traffic returns', () => {
    // scale_scaledobjects.go RequestScale: traffic 1/s stops at 100 s, so the last active poll is 150 s and the
    // cooldown of 300 s ends strictly after 450 s: scaleToZeroOrIdle at the 480 s poll sets the idle count 0. Traffic
    // resumes after 600 s; the 630 s poll sees it (requestRate over 60 s) and scaleFromZeroOrIdle sets minReplicaCount 2.
    const r = onRatePoints([[0, 1], [100, 1], [100.001, 0], [600, 0], [600.001, 1], [1000, 1]], 2, { keda: keda({ minReplicaCount: 2, idleReplicaCount: 0, triggers: [REQUEST_RATE] }) });
    const k = r.services[0]!.keda!;
    expect(r.events.filter((e) => e.kind === 'keda-scale').map((e) => [e.t, e.from, e.to, e.detail])).toEqual([
      [480, 2, 0, 'deactivate'],
      [630, 0, 2, 'activate'],
    ]);
    expect(k.secondsAtZero).toBe(150);
    expect(k.floorReplicas).toBe(2);
    expect(r.requests.dropped + r.requests.timedOut).toBe(0);
  });

  it('without idleReplicaCount the same design never leaves minReplicaCount 2', () => {
    const r = trafficStopsAt100s(2, keda({ minReplicaCount: 2, buffer: null, triggers: [REQUEST_RATE] }));
    expect(r.events.filter((e) => e.kind === 'keda-scale')).toEqual([]);
    expect(r.services[0]!.keda!.secondsAtZero).toBe(0);
  });
});

// Third check (2026-12-05), by hand from kedacore/keda @ 8b4f083ca8c8c2baf8477e322bd4d16ac4dfa09a
// controllers/keda/hpa.go `newHPAForScaledObject`: the HPA KEDA creates gets `spec.behavior` =
// `advanced.horizontalPodAutoscalerConfig.behavior`, or nil when the ScaledObject has none; nil selects the HPA's
// legacy path (kubernetes horizontal.go `normalizeDesiredReplicas`, scale-up cap max(2 × current, 4)). The `hpa`
// block of a KEDA service is that HPA, `behavior` omitted = no advanced config. Same load as hpa-integration.test.ts
// (100 req/s uniform, target 10 per replica, scrapes and syncs every 15 s at phase 0): legacy 1 → 4 (t = 15) → 8
// (t = 30, raw held at 10 by the 300 s window, cap 8) → 10 (t = 45); with `behavior: {}` the defaults' cap
// max(1 + 4, 2 × 1) = 5, held at t = 30 while the new pods have no rate, → 10 at t = 45. KEDA (minReplicaCount 1)
// never acts: at 1 replica it only records activity.
describe("the HPA KEDA creates keeps the ScaledObject's behavior (nil → the legacy path)", () => {
  function scaleEvents(behavior: 'omitted' | 'defaults'): string[] {
    const r = runHpaStep(behavior === 'omitted', { keda: keda({ minReplicaCount: 1, buffer: null, triggers: [REQUEST_RATE] }) });
    expect(r.events.filter((e) => e.kind === 'keda-scale')).toEqual([]);
    return hpaScaleSteps(r);
  }

  it('no advanced.horizontalPodAutoscalerConfig: legacy 1 → 4 → 8 → 10', () => {
    expect(scaleEvents('omitted')).toEqual(['15s: 1→4', '30s: 4→8', '45s: 8→10']);
  });

  it('behavior {} passed through: 1 → 5 → 10', () => {
    expect(scaleEvents('defaults')).toEqual(['15s: 1→5', '45s: 5→10']);
  });
});
