/**
 * A metrics outage drill (spec.faults kind metrics) worked by hand from the upstream code. The load: 60 req/s uniform,
 * 1 ms of work, 6 replicas, an HPA on qpsPerReplica (target 10 per replica, `behavior: {}`), scrapes every 15 s at
 * phase 0 with no window (the rate between the last two scrapes: 60 req/s ÷ 6 pods = 10, ratio 1.0, the HPA holds 6),
 * HPA syncs every 15 s at phase 5 s (…, 3590, 3605, 3620, 3635, …). The outage: metric reads fail in [3600, 4200).
 *
 * KEDA (kedacore/keda@8b4f083ca8c8c2baf8477e322bd4d16ac4dfa09a) polls at 0, 30, …, 3600, 3630, …; a prometheus trigger on
 * the same series as the HPA's metric is one trigger, one `status.health` entry, and both KEDA's poll
 * (scale_handler.go `getScalerState`) and the HPA's read through the metrics adapter (`GetScaledObjectMetrics`) go
 * through fallback.go `GetMetricsWithFallback`, which counts a failure per read and answers with `doFallback` once
 * `NumberOfFailures > failureThreshold`. With failureThreshold 3 and replicas 10:
 *
 *   3600 poll   failure 1 (error: inactive trigger, isError, fallback.replicas ≠ 0 → RequestScale holds 6)
 *   3605 sync   failure 2 → the HPA's only metric fails → computeReplicasForMetrics −1, nothing scaled
 *   3620 sync   failure 3 → the same
 *   3630 poll   failure 4 > 3 → the fallback answers: the trigger is active (isActiveOrFallback), Fallback condition True
 *   3635 sync   failure 5 → fallback value int64(10 × 1000 × 10) = 100,000 milli = 100; the HPA (External AverageValue,
 *               status.replicas 6): ratio 100 / (10 × 6) = 1.67 → ceil(100 / 10) = 10; scale-up limit max(6 + 4,
 *               2 × 6) = 12 → 6 → 10 at 3635
 *   3650 … 4190 fallback, 10 (within tolerance of 10 replicas: no change)
 *   4200 poll   the read succeeds: failures reset to 0, Fallback False
 *   4205 sync   60 req/s ÷ 10 pods = 6 → ratio 0.6 → 6; the default scale-down window (300 s) holds the 10s the fallback
 *               syncs recorded up to 4190: max over (t − 300, t] is 10 until the sync at 4490, whose window (4190, 4490]
 *               no longer holds 4190 (`timestamp.After(cutoff)`) → 10 → 6 at 4490.
 *
 * Without KEDA (the same HPA, plain) and a load drop 60 → 30 req/s at 4050 inside the outage: every sync in
 * [3605, 4190] fails (40 syncs), nothing scales, and a failed sync records no recommendation (horizontal.go
 * `reconcileAutoscaler` returns before `normalizeDesiredReplicasWithBehaviors`). At 4205: 30 req/s ÷ 6 pods = 5 →
 * ratio 0.5 → 3; the 300 s window (3905, 4205] holds only this recommendation (the last before the outage, 6 at 3590,
 * is older), so 6 → 3 at once at 4205: an outage longer than the window leaves no stabilization behind it. Without
 * the outage the last recommendation of 6 is at 4055 (4070 is the first sync whose rate, 4050–4065, sees the drop),
 * so the window lets the scale-down through at 4355.
 */
import { describe, expect, it } from 'vitest';
import { normalizeBehavior } from '../hpa/index.ts';
import type { KedaFallback } from '../keda/keda-fallback.ts';
import { fleet } from '../test-support/builders.ts';
import { hpaScaleSteps } from '../test-support/hpa-step-load.ts';
import type { EngineConfig, EngineHpa, EngineKeda } from './engine-config.ts';
import { runEngine } from './simulation.ts';

const HPA: EngineHpa = {
  controller: { minReplicas: 1, maxReplicas: 20, behavior: normalizeBehavior({}) },
  metrics: [{ type: 'qpsPerReplica', source: 'Pods', targetType: 'AverageValue', target: 10, windowSeconds: 0, scrapeIntervalSeconds: 15, scrapePhaseSeconds: 0 }],
  syncPeriodSeconds: 15,
  syncPhaseSeconds: 5,
};

const keda = (fallback: KedaFallback | null): EngineKeda => ({
  minReplicaCount: 1,
  pollingIntervalSeconds: 30,
  cooldownPeriodSeconds: 300,
  initialCooldownPeriodSeconds: 0,
  idleReplicaCount: null,
  triggers: [{ type: 'prometheus', metric: 'qpsPerReplica', activationThreshold: 0, windowSeconds: 120 }],
  buffer: null,
  fallback,
});

/** 6 replicas under the HPA above, `qps` (or a profile), metric reads failing in [3600, 4200), for 5,400 s. */
function drill(service: Partial<EngineConfig['services'][number]>, profile: Parameters<typeof fleet>[0]['profile'] = { type: 'constant', qps: 60 }): ReturnType<typeof runEngine> {
  const cfg = fleet({ profile, arrivals: 'uniform', replicas: 6, serviceTime: { kind: 'constant', seconds: 0.001 }, concurrency: 10, durationSeconds: 5400, intervalSeconds: 60, service: { hpa: HPA, ...service } });
  return runEngine({ ...cfg, metricsOutages: [{ atSeconds: 3600, forSeconds: 600, services: [0], label: 'metrics of model' }] });
}

describe('a metrics outage with a KEDA fallback (fallback.go GetMetricsWithFallback, doFallback)', () => {
  const r = drill({ keda: keda({ failureThreshold: 3, replicas: 10, behavior: 'static' }) });

  it('falls back to 10 replicas at the sync after the fourth failed read (3635 s) and back to 6 when the window forgets the fallback (4490 s)', () => {
    expect(hpaScaleSteps(r)).toEqual(['3635s: 6→10', '4490s: 10→6']);
    expect(r.events.filter((e) => e.kind === 'keda-scale')).toEqual([]);
  });

  it('the Fallback condition is True from the poll at 3630 s to the first good read, the poll at 4200 s', () => {
    const k = r.services[0]!.keda!;
    expect(k.fallback).toEqual([{ from: 3630, to: 4200 }]);
    // Polls 3600 (failed), then 3630 … 4170 on the fallback: 19 polls.
    expect(k.pollsFailed).toBe(1);
    expect(k.pollsOnFallback).toBe(19);
  });

  it('counts the syncs: 40 in the window, 2 failed and held (3605, 3620), 38 on the fallback (3635 … 4190)', () => {
    const h = r.services[0]!.hpa!;
    expect(h.failedReads).toBe(2);
    expect(h.held).toBe(2);
    expect(h.onFallback).toBe(38);
    // Syncs at 5, 20, …, 5390: the 5,400 s horizon.
    expect(h.syncs).toBe(360);
  });

  it('marks the outage with fault events', () => {
    expect(r.events.filter((e) => e.kind === 'fault-start' || e.kind === 'fault-end').map((e) => `${e.t}s ${e.kind} ${e.target}`)).toEqual(['3600s fault-start metrics of model', '4200s fault-end metrics of model']);
  });

  it('a higher threshold waits for more failures: 9 → reads 1–9 are polls 3600, 3630, 3660 and syncs 3605 … 3680; the tenth, the poll at 3690, falls back; the HPA at 3695 s', () => {
    const late = drill({ keda: keda({ failureThreshold: 9, replicas: 10, behavior: 'static' }) });
    expect(hpaScaleSteps(late)[0]).toBe('3695s: 6→10');
    expect(late.services[0]!.keda!.fallback).toEqual([{ from: 3690, to: 4200 }]);
  });

  it('currentReplicas keeps the Deployment at its 6 replicas (the fallback asks for what it has); currentReplicasIfLower with 10 asks for min(6, 10) = 6', () => {
    for (const behavior of ['currentReplicas', 'currentReplicasIfLower'] as const) {
      const x = drill({ keda: keda({ failureThreshold: 3, replicas: 10, behavior }) });
      expect(hpaScaleSteps(x)).toEqual([]);
      expect(x.services[0]!.keda!.fallback).toEqual([{ from: 3630, to: 4200 }]);
    }
  });

  it('without a fallback the HPA holds 6 through the outage: all 40 syncs fail, no event', () => {
    const x = drill({ keda: keda(null) });
    expect(hpaScaleSteps(x)).toEqual([]);
    expect(x.services[0]!.hpa!).toMatchObject({ failedReads: 40, held: 40, onFallback: 0 });
    expect(x.services[0]!.keda!).toMatchObject({ pollsFailed: 20, pollsOnFallback: 0, fallback: [] });
  });
});

// Partly failing metrics (computeReplicasForMetrics: "some are invalid and we would scale down" → −1): a KEDA service
// whose HPA also has a CPU metric. CPU is a cpu trigger, read from metrics-server, not through KEDA: in the outage it
// fails while the qps trigger is answered by the fallback (CPU at 10 req/s × 1 ms ÷ 10 slots ≈ 0.1 % proposes 1
// before the outage, so the max stays the qps metric's 6).
describe('a metrics outage with one metric on the fallback and one failing (CPU)', () => {
  const withCpu = (replicas: number) =>
    drill({
      keda: keda({ failureThreshold: 3, replicas, behavior: 'static' }),
      hpa: { ...HPA, metrics: [...HPA.metrics, { type: 'cpuUtilization', source: 'Resource', targetType: 'AverageValue', target: 80, windowSeconds: 0, scrapeIntervalSeconds: 15, scrapePhaseSeconds: 0 }] },
    });

  it('a fallback above the current count scales up despite the failing CPU metric (1 invalid of 2, 10 ≥ 6): 6 → 10 at 3635 s', () => {
    const r = withCpu(10);
    expect(hpaScaleSteps(r)[0]).toBe('3635s: 6→10');
    // Every sync in the window had a failed read; only 3605 and 3620 (both metrics failing) were held.
    expect(r.services[0]!.hpa!).toMatchObject({ failedReads: 40, held: 2, onFallback: 38 });
  });

  it('a fallback below it is a scale-down with an invalid metric: held at 6 through the outage (all 40 syncs)', () => {
    const r = withCpu(4);
    expect(hpaScaleSteps(r)).toEqual([]);
    expect(r.services[0]!.hpa!).toMatchObject({ failedReads: 40, held: 40, onFallback: 38 });
  });
});

describe('a metrics outage under a plain HPA (horizontal.go computeReplicasForMetrics, reconcileAutoscaler)', () => {
  const drop = { type: 'step', from: 60, to: 30, at: 4050 } as const;

  it('a load drop during the outage does not scale down; at its end the window holds no older recommendation: 6 → 3 at 4205 s', () => {
    const r = drill({}, drop);
    expect(hpaScaleSteps(r)).toEqual(['4205s: 6→3']);
    expect(r.services[0]!.hpa!).toMatchObject({ failedReads: 40, held: 40, onFallback: 0 });
  });

  it('without the outage the same drop scales down 300 s after the last recommendation of 6 (4055 s; 4070 s is the first sync whose rate, 4050–4065, sees 30 req/s): 4355 s', () => {
    const cfg = fleet({ profile: drop, arrivals: 'uniform', replicas: 6, serviceTime: { kind: 'constant', seconds: 0.001 }, concurrency: 10, durationSeconds: 5400, intervalSeconds: 60, service: { hpa: HPA } });
    const r = runEngine(cfg);
    expect(hpaScaleSteps(r)).toEqual(['4355s: 6→3']);
  });
});
