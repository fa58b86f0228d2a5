/**
 * The cost–latency frontier of the designs a search ran: the designs no other beats on both the cost
 * (mean over seeds) and the latency of the first latency expectation (worst seed). Designs that fail
 * any other expectation, or whose run broke (overloaded, nothing served), are left out (a cheap design
 * that drops requests is not a trade-off), so
 * points may miss only the latency target itself; each says whether it is feasible. Latency and cost
 * are over the seeds each design ran (often the first only, for designs the search did not need to
 * confirm).
 */
import { onStalePrices, type DesignStatus, type DesignSummary } from './design-summary.ts';

/** One point of the frontier. */
export interface FrontierPoint {
  values: Record<string, unknown>;
  labels: Record<string, unknown>;
  cost: number;
  latency: number;
  /** Whether it meets every expectation on every seed (unconfirmed: it passed the seeds it ran). */
  status: DesignStatus;
  /** Its cost rests on a price flagged stale (DesignSummary.stalePrices): every output marks it. */
  onStalePrices: boolean;
}

/** The frontier, sorted by cost. */
export interface ParetoFrontier {
  costMetric: string;
  latencyMetric: string;
  /** The latency expectation's text. */
  expectation: string;
  points: FrontierPoint[];
}

/** The frontier over `designs` (cost from `costMetric`, latency from the expectation `latencyText`). */
export function paretoFrontier(designs: readonly DesignSummary[], costMetric: string, latencyText: string, latencyMetric: string): ParetoFrontier {
  const candidates: FrontierPoint[] = [];
  for (const d of designs) {
    const lat = d.expectations.find((e) => e.text === latencyText);
    const cost = d.metrics[costMetric];
    if (lat === undefined || lat.worst === null || cost === undefined) continue;
    if (d.errors.length > 0 || d.expectations.some((e) => e.text !== latencyText && !e.pass)) continue;
    candidates.push({ values: d.values, labels: d.labels, cost, latency: lat.worst, status: d.status, onStalePrices: onStalePrices(d, costMetric) });
  }
  // Sort by cost then latency; a point is on the frontier when its latency beats every cheaper point's.
  candidates.sort((a, b) => a.cost - b.cost || a.latency - b.latency);
  const points: FrontierPoint[] = [];
  for (const p of candidates) {
    const last = points[points.length - 1];
    if (last === undefined || p.latency < last.latency) points.push(p);
  }
  return { costMetric, latencyMetric, expectation: latencyText, points };
}
