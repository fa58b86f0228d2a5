/**
 * The collection of one revision's metric (knative/serving@98e5ef90 pkg/autoscaler/metrics/collector.go): the stable
 * and panic windows of per-second buckets the scraper (every 1 s, `scrapeTickInterval`) and the activator's reports
 * write into, and `StableAndPanicConcurrency` / `StableAndPanicRPS` reading them. The panic window is
 * stable × panic-window-percentage ÷ 100 rounded to the second, at least 1 s (reconciler/autoscaling/resources/metric.go
 * `MakeMetric`).
 */
import { TimedBuckets } from './timed-buckets.ts';

/** collector.go `scrapeTickInterval` (s). */
export const KPA_SCRAPE_SECONDS = 1;

/** The panic window of `MakeMetric` (s). */
export function panicWindowSeconds(stableWindowSeconds: number, panicWindowPercentage: number): number {
  const w = (stableWindowSeconds * panicWindowPercentage) / 100;
  // time.Duration.Round(time.Second) rounds halfway away from zero.
  return Math.max(1, Math.floor(w + 0.5));
}

export class MetricWindows {
  private readonly stable: TimedBuckets;
  private readonly panic: TimedBuckets;

  constructor(
    stableWindowSeconds: number,
    panicWindowPct: number,
    /** The scraper has a target (target-burst-capacity is not -1): an empty stable window is "no data" then. */
    private readonly scrapes: boolean,
    /** metric-aggregation-algorithm weighted-exponential (`NewWeightedFloat64Buckets`) instead of the plain average. */
    private readonly weighted = false,
  ) {
    this.stable = new TimedBuckets(stableWindowSeconds);
    this.panic = new TimedBuckets(panicWindowSeconds(stableWindowSeconds, panicWindowPct));
  }

  /** A stat for the second of `now` (`collection.record`): the scraper's pods total, or an activator's report. */
  record(now: number, value: number): void {
    this.stable.record(now, value);
    this.panic.record(now, value);
  }

  /** The stable and panic averages, or null (ErrNoData: no write in a whole stable window, with a scrape target). */
  read(now: number): { stable: number; panic: number } | null {
    if (this.stable.isEmpty(now) && this.scrapes) return null;
    if (this.weighted) return { stable: this.stable.weightedAverage(now), panic: this.panic.weightedAverage(now) };
    return { stable: this.stable.windowAverage(now), panic: this.panic.windowAverage(now) };
  }
}
