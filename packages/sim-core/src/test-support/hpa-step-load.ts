import { normalizeBehavior } from '../hpa/index.ts';
import type { EngineResult } from '../engine/engine-result.ts';
import type { EngineService } from '../engine/engine-config.ts';
import { runEngine } from '../engine/simulation.ts';
import { fleet } from './builders.ts';

/**
 * The HPA step worked by hand in engine/hpa-integration.test.ts: 100 req/s uniform into one replica, target 10 req/s
 * per replica, scrapes and syncs every 15 s at pinned phase 0 (scrape first, then sync at the same instant), `window: 0`,
 * for 150 s. `legacy`: behavior omitted (the legacy path), else `behavior: {}` (the defaults). `service` adds fields to
 * the service (a KEDA ScaledObject in front of the same HPA).
 */
export function runHpaStep(legacy: boolean, service: Partial<EngineService> = {}): EngineResult {
  return runEngine(
    fleet({
      qps: 100,
      arrivals: 'uniform',
      replicas: 1,
      serviceTime: { kind: 'constant', seconds: 0.001 },
      concurrency: 100,
      durationSeconds: 150,
      intervalSeconds: 15,
      service: {
        ...service,
        hpa: {
          controller: { minReplicas: 1, maxReplicas: 100, behavior: legacy ? null : normalizeBehavior({}) },
          metrics: [{ type: 'qpsPerReplica', source: 'Pods', targetType: 'AverageValue', target: 10, windowSeconds: 0, scrapeIntervalSeconds: 15, scrapePhaseSeconds: 0 }],
          syncPeriodSeconds: 15,
          syncPhaseSeconds: 0,
        },
      },
    }),
  );
}

/** The run's HPA scale events, "15s: 1→4". */
export function hpaScaleSteps(r: EngineResult): string[] {
  return r.events.filter((e) => e.kind === 'hpa-scale').map((e) => `${e.t}s: ${e.from}→${e.to}`);
}
