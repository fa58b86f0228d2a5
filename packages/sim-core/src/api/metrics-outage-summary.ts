/**
 * The metrics-outage part of a run's summary (spec.faults kind metrics): when the autoscalers' metric reads failed,
 * and per autoscaled service what its HPA and its KEDA ScaledObject did meanwhile (engine/metrics-outage.ts,
 * engine/hpa-driver.ts, keda/keda-fallback.ts).
 */
import type { EngineConfig } from '../engine/engine-config.ts';
import type { EngineResult } from '../engine/engine-result.ts';

/** One service an outage touched. Counts are over the whole run; times in s. */
export interface MetricsOutageService {
  service: string;
  /** Its HPA: syncs, those with a failed metric read, those that held the scale (every metric failed, or the rest proposed a scale-down), those KEDA's fallback answered; null without an HPA. */
  hpa: { syncs: number; failedReads: number; held: number; onFallback: number } | null;
  /** Its ScaledObject: polls with a failed trigger read, polls the fallback answered, and when the Fallback condition was True (toSeconds null: still at the end); null without one. */
  keda: { pollsFailed: number; pollsOnFallback: number; fallback: { fromSeconds: number; toSeconds: number | null }[] } | null;
}

/** The outages and what the autoscalers did during them. */
export interface MetricsOutageSummary {
  outages: { label: string; fromSeconds: number; toSeconds: number }[];
  services: MetricsOutageService[];
}

/** The summary, or null when the design has no metrics fault. */
export function metricsOutageSummary(cfg: EngineConfig, r: EngineResult): MetricsOutageSummary | null {
  const outages = cfg.metricsOutages ?? [];
  if (outages.length === 0) return null;
  const hit = [...new Set(outages.flatMap((o) => o.services))].sort((a, b) => a - b);
  return {
    outages: outages.map((o) => ({ label: o.label, fromSeconds: o.atSeconds, toSeconds: o.atSeconds + o.forSeconds })),
    services: hit.flatMap((i) => {
      const s = r.services[i];
      const c = cfg.services[i];
      if (s === undefined || c === undefined || (s.hpa === null && s.keda === null)) return [];
      const k = s.keda;
      return [
        {
          service: c.name,
          hpa: s.hpa === null ? null : { syncs: s.hpa.syncs, failedReads: s.hpa.failedReads, held: s.hpa.held, onFallback: s.hpa.onFallback },
          keda: k === null ? null : { pollsFailed: k.pollsFailed, pollsOnFallback: k.pollsOnFallback, fallback: k.fallback.map((f) => ({ fromSeconds: f.from, toSeconds: f.to })) },
        },
      ];
    }),
  };
}
