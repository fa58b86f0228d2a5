/**
 * The HPA inside the simulation: the controller (tested alone against the reference's TC1–TC12) fed
 * by per-pod metric pipelines. Uniform arrivals make the load exact, so the replica sequence can be
 * worked by hand from the upstream algorithm: 100 req/s, target 10 req/s per replica, one replica,
 * scrapes and syncs every 15 s (scrape first), `window: 0` (the rate between the last two scrapes),
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
import { runEngine } from './simulation.ts';

function scaleEvents(legacy: boolean): string[] {
  const r = runEngine(
    fleet({
      qps: 100,
      arrivals: 'uniform',
      replicas: 1,
      serviceTime: { kind: 'constant', seconds: 0.001 },
      concurrency: 100,
      durationSeconds: 150,
      intervalSeconds: 15,
      service: {
        hpa: {
          controller: { minReplicas: 1, maxReplicas: 100, behavior: legacy ? null : normalizeBehavior({}) },
          metrics: [{ type: 'qpsPerReplica', target: 10, windowSeconds: 0, scrapeIntervalSeconds: 15 }],
          syncPeriodSeconds: 15,
        },
      },
    }),
  );
  return r.events.filter((e) => e.kind === 'hpa-scale').map((e) => `${e.t}s: ${e.from}→${e.to}`);
}

describe('the HPA driven by simulated traffic', () => {
  it('legacy path (behavior omitted): 1 → 4 → 8 → 10', () => {
    expect(scaleEvents(true)).toEqual(['15s: 1→4', '30s: 4→8', '45s: 8→10']);
  });

  it('default behavior (behavior: {}): 1 → 5, held while new pods have no rate, → 10', () => {
    expect(scaleEvents(false)).toEqual(['15s: 1→5', '45s: 5→10']);
  });
});
