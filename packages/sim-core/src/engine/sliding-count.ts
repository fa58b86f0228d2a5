/**
 * Arrivals per second over a sliding window at 1 s granularity: the KEDA HTTP add-on's request-rate metric
 * ("averaged over a sliding time window", default window 1 minute, granularity 1 second,
 * https://keda.sh/http-add-on/0.16/concepts/scaling/). A ring of one-second buckets stamped with their second.
 */
export class SlidingCount {
  private readonly counts: Float64Array;
  private readonly stamps: Float64Array;

  constructor(private readonly windowSeconds: number) {
    const n = Math.max(1, Math.ceil(windowSeconds));
    this.counts = new Float64Array(n);
    this.stamps = new Float64Array(n).fill(-1);
  }

  add(now: number): void {
    const s = Math.floor(now);
    const i = s % this.counts.length;
    if (this.stamps[i] !== s) {
      this.stamps[i] = s;
      this.counts[i] = 0;
    }
    this.counts[i]!++;
  }

  /** Arrivals in the whole seconds (now − window, now], per second of the window. */
  rate(now: number): number {
    const s = Math.floor(now);
    const n = this.counts.length;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const t = this.stamps[i]!;
      if (t > s - n && t <= s) sum += this.counts[i]!;
    }
    return sum / this.windowSeconds;
  }
}
