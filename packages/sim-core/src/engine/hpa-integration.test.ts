/**
 * The HPA inside the simulation: the controller (tested alone against the reference's TC1–TC12) fed
 * by per-pod metric pipelines. Uniform arrivals make the load exact, so the replica sequence can be
 * worked by hand from the upstream algorithm: 100 req/s, target 10 req/s per replica, one replica,
 * scrapes and syncs every 15 s at pinned phase 0 (scrape first), `window: 0` (the rate between the last two scrapes),
 * pods ready at once.
 *
 *  t=15  pod 1 served 100 req/s → raw = ceil(100/10 · 1) = 10.
 *        legacy cap max(2·1, 4) = 4 → 4.   behavior cap max(1 + 4, 2·1) = 5 → 5.
 *  t=30  the new pods have one scrape only (no rate yet: "missing", filled with 0 on scale-up), so the
 *        fill-in flips the direction and the raw proposal is the current count.
 *        legacy: stabilizeRecommendation keeps the max raw of the last 300 s (10), cap max(2·4, 4) = 8 → 8.
 *        behavior: scale-up window 0 → stays 5.
 *  t=45  every pod has a rate: raw = 10. legacy cap 16 → 10.  behavior: the t=15 event (+4) is out of the
 *        15 s period, cap max(5 + 4, 2·5) = 10 → 10.
 */
import { describe, expect, it } from 'vitest';
import { normalizeBehavior } from '../hpa/index.ts';
import { fleet } from '../test-support/builders.ts';
import { hpaScaleSteps, runHpaStep } from '../test-support/hpa-step-load.ts';
import { runEngine } from './simulation.ts';

function scaleEvents(legacy: boolean): string[] {
  return hpaScaleSteps(runHpaStep(legacy));
}

describe('the HPA driven by simulated traffic', () => {
  it('legacy path (behavior omitted): 1 → 4 → 8 → 10', () => {
    expect(scaleEvents(true)).toEqual(['15s: 1→4', '30s: 4→8', '45s: 8→10']);
  });

  it('default behavior (behavior: {}): 1 → 5, held while new pods have no rate, → 10', () => {
    expect(scaleEvents(false)).toEqual(['15s: 1→5', '45s: 5→10']);
  });
});

describe('a shared queue as the HPA metric (issue #10: External, as a broker or gateway queue reaches a real HPA)', () => {
  // The reproduction from the issue: a balancer queue capped at 100 requests, a target of 10 per replica, 5
  // replicas that cannot drain it, new pods loading for 2 minutes. Upstream the queue is an External metric with
  // an AverageValue target, which horizontal.go computeStatusForExternalMetric hands to replica_calculator.go
  // GetExternalPerPodMetricReplicas: proposal = ceil(100 / 10) = 10 whatever the pods are doing. The old engine
  // sent it as a Pods metric (queue ÷ ready pods on every pod, loading ones included) and compounded
  // 5 → 10 → 20 → 40 → 80 → 100.
  function run(targetType: 'AverageValue' | 'Value', target: number) {
    return runEngine(
      fleet({
        qps: 200,
        arrivals: 'uniform',
        replicas: 5,
        serviceTime: { kind: 'constant', seconds: 1 },
        routing: 'shared-queue',
        queueMaxLength: 100,
        durationSeconds: 1800,
        intervalSeconds: 60,
        service: {
          startup: { imagePullSeconds: 0, modelLoadSeconds: 120, readinessSeconds: 0 },
          hpa: {
            controller: { minReplicas: 1, maxReplicas: 100, behavior: normalizeBehavior({}) },
            metrics: [{ type: 'queueLength', source: 'External', targetType, target, windowSeconds: 0, scrapeIntervalSeconds: 15 }],
            syncPeriodSeconds: 15,
          },
        },
      }),
    );
  }

  it('AverageValue target 10 on a queue held at 100: settles at 10 replicas, never more', () => {
    const r = run('AverageValue', 10);
    const scales = r.events.filter((e) => e.kind === 'hpa-scale');
    expect(scales.map((e) => `${e.from}→${e.to}`)).toEqual(['5→10']);
    expect(Math.max(...r.timeseries.desiredReplicas)).toBe(10);
    expect(r.timeseries.desiredReplicas.at(-1)).toBe(10);
  });

  it('Value target 50 (the whole queue): ceil(100/50 × ready pods) doubles the ready pods each time they are all ready', () => {
    // getUsageRatioReplicaCount multiplies by Running+Ready pods, so while new pods load the proposal stays
    // at 2 × 5 = 10 (the current count), then 20, 40, 80, 100 once each wave is ready: the
    // Value form of a saturated queue does compound, which is why KEDA uses AverageValue.
    const r = run('Value', 50);
    const tos = r.events.filter((e) => e.kind === 'hpa-scale').map((e) => e.to);
    expect(tos).toEqual([10, 20, 40, 80, 100]);
  });
});
