import type { EngineMetricsOutage } from './engine-config.ts';
import type { EngineEvent } from './engine-result.ts';

/**
 * The scheduled outages of the autoscalers' metrics (spec.faults kind metrics): in [at, at + for) every metric read of
 * a listed service's HPA and KEDA ScaledObject fails, as when Prometheus (or its adapter, or metrics-server) is down.
 * What a failed read does is the controllers' business (hpa/compute-replicas-for-metrics.ts, keda/keda-fallback.ts);
 * this only says when reads fail, and marks the window with fault events.
 *
 * Simplified: the pods' series keep being collected through the window, so the first read after it sees fresh rates
 * (a Prometheus that was down would have a gap in its range windows, and need two scrapes for a rate()).
 */
export class MetricsOutages {
  /** Per service index: its outage windows [from, to), in time order. */
  private readonly windows: [number, number][][];

  constructor(
    private readonly outages: readonly EngineMetricsOutage[],
    serviceCount: number,
  ) {
    this.windows = Array.from({ length: serviceCount }, () => []);
    for (const o of outages) for (const i of o.services) this.windows[i]?.push([o.atSeconds, o.atSeconds + o.forSeconds]);
    for (const w of this.windows) w.sort((a, b) => a[0] - b[0]);
  }

  /** True when the service's metric reads fail at `now`. */
  down(service: number, now: number): boolean {
    for (const [from, to] of this.windows[service] ?? []) if (now >= from && now < to) return true;
    return false;
  }

  /** Whether any outage touches the service. */
  touches(service: number): boolean {
    return (this.windows[service]?.length ?? 0) > 0;
  }

  /** Marks each outage's start and end with the fault events the charts and the event log already show. */
  start(schedule: (at: number, run: (now: number) => void) => void, event: (e: EngineEvent) => void): void {
    for (const o of this.outages) {
      schedule(o.atSeconds, (t) => event({ t, kind: 'fault-start', target: o.label, detail: `metric reads fail for ${Math.round(o.forSeconds)} s` }));
      schedule(o.atSeconds + o.forSeconds, (t) => event({ t, kind: 'fault-end', target: o.label }));
    }
  }
}
