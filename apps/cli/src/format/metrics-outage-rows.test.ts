import type { MetricsOutageSummary } from '@design-sim/sim-core';
import { describe, expect, it } from 'vitest';
import { metricsOutageRows } from './metrics-outage-rows.ts';

describe('metricsOutageRows', () => {
  it('names each outage, then per service the HPA syncs and KEDA polls it touched and when the fallback was active', () => {
    const m: MetricsOutageSummary = {
      outages: [{ label: 'metrics of api', fromSeconds: 3600, toSeconds: 4200 }],
      services: [
        { service: 'api', hpa: { syncs: 360, failedReads: 2, held: 2, onFallback: 38 }, keda: { pollsFailed: 1, pollsOnFallback: 19, fallback: [{ fromSeconds: 3630, toSeconds: 4200 }] } },
        { service: 'web', hpa: { syncs: 360, failedReads: 40, held: 40, onFallback: 0 }, keda: null },
      ],
    };
    expect(metricsOutageRows(m)).toEqual([
      ['Metrics down', 'metrics of api: reads fail from 1h to 1h10m'],
      ['', "api: HPA: 2 syncs with a failed read, 2 held the scale · 38 syncs on KEDA's fallback (of 360) · KEDA: 1 poll failed · fallback active 1h30s–1h10m (19 polls)"],
      ['', 'web: HPA: 40 syncs with a failed read, 40 held the scale (of 360)'],
    ]);
  });
});
