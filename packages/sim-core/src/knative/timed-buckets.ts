/**
 * The KPA's metric windows: a port of knative/serving@98e5ef90 pkg/autoscaler/aggregation/bucketing.go
 * `TimedFloat64Buckets` (`Record`, `WindowAverage`, `IsEmpty`) at the collector's bucket size of 1 s
 * (pkg/autoscaler/config/config.go `BucketSize`). A ring of per-second sums; the average divides by the seconds
 * since the first write (a window younger than its length averages over what it has), a gap shorter than the
 * window counts as zeros, and the seconds since the last write are dropped from the window (not counted as
 * zeros). Times are simulated seconds; a bucket is `floor(t)` (`time.Truncate` and `timeToIndex` of a Unix time).
 */
export class TimedBuckets {
  /** `WeightedFloat64Buckets.smoothingCoeff`: the weight of the newest bucket (weighted-exponential averaging). */
  readonly smoothingCoeff: number;
  private readonly buckets: Float64Array;
  /** The bucket of the first write of the current run of data (reset after a window without writes); null before any. */
  private firstWrite: number | null = null;
  /** The bucket of the last write (-∞ before any: upstream's zero time, far in the past). */
  private lastWrite = -Infinity;
  /** The sum of every bucket in the ring, stale ones included (as upstream's `windowTotal`). */
  private windowTotal = 0;

  /** @param windowSeconds the window; the ring has ceil(window ÷ 1 s) buckets. */
  constructor(readonly windowSeconds: number) {
    this.buckets = new Float64Array(Math.ceil(windowSeconds));
    this.smoothingCoeff = smoothingCoeff(this.buckets.length);
  }

  /** No write in more than a window (`IsEmpty`): the collector's ErrNoData. */
  isEmpty(now: number): boolean {
    return Math.floor(now) - this.lastWrite > this.windowSeconds;
  }

  /**
   * Adds `value` to the bucket of `now` (`Record`). A write after a gap zeroes the buckets in between; after a gap
   * of a whole window it starts afresh (firstWrite = now); a write older than a window before the last is ignored.
   */
  record(now: number, value: number): void {
    const bucketTime = Math.floor(now);
    const n = this.buckets.length;
    if (this.lastWrite !== bucketTime) {
      if (!(bucketTime + this.windowSeconds > this.lastWrite)) return;
      if (this.firstWrite === null || this.firstWrite > bucketTime) this.firstWrite = bucketTime;
      if (bucketTime > this.lastWrite) {
        if (bucketTime - this.lastWrite >= this.windowSeconds) {
          this.firstWrite = bucketTime;
          this.buckets.fill(0);
          this.windowTotal = 0;
        } else {
          for (let i = this.lastWrite + 1; i <= bucketTime; i++) {
            const idx = i % n;
            this.windowTotal -= this.buckets[idx]!;
            this.buckets[idx] = 0;
          }
        }
        this.lastWrite = bucketTime;
      }
    }
    this.buckets[bucketTime % n]! += value;
    this.windowTotal += value;
  }

  /** The average per bucket over the window as of `now` (`WindowAverage`), rounded to 6 digits as upstream. */
  windowAverage(now: number): number {
    const t = Math.floor(now);
    const n = this.buckets.length;
    const d = t - this.lastWrite;
    // Inclusive count of the seconds since the first write of this run of data.
    const written = this.firstWrite === null ? 0 : this.lastWrite - this.firstWrite + 1;
    if (d <= 0) return roundTo6(this.windowTotal / Math.min(written, n));
    if (d < this.windowSeconds) {
      // The seconds after the last write leave the window; what remains is averaged over the buckets still in it.
      let ret = this.windowTotal;
      for (let i = this.lastWrite + 1; i <= t; i++) ret -= this.buckets[i % n]!;
      return roundTo6(ret / Math.min(written, n - d));
    }
    return 0;
  }

  /**
   * `WeightedFloat64Buckets.WindowAverage` (metric-aggregation-algorithm weighted-exponential): the newest bucket
   * weighs m, the one before m(1 − m), and so on back through the ring; the seconds since the last write count as
   * zeros at the front (their weights skipped). Not rounded.
   */
  weightedAverage(now: number): number {
    const t = Math.floor(now);
    if (this.isEmpty(t)) return 0;
    const n = this.buckets.length;
    const m = this.smoothingCoeff;
    let numB = n;
    let multiplier = m;
    if (t > this.lastWrite) {
      const numZ = t - this.lastWrite;
      multiplier *= Math.pow(1 - m, numZ);
      numB -= numZ;
    }
    const start = this.lastWrite + n;
    let ret = 0;
    for (let i = 0; i < numB; i++) {
      ret += this.buckets[(start - i) % n]! * multiplier;
      multiplier *= 1 - m;
    }
    return ret;
  }
}

/**
 * `computeSmoothingCoeff`: the decay that gives the window's buckets 99.99 % of the weight, at least 0.2 (so a long
 * window is not nearly the plain average): 0.2 for 60 buckets, 0.78456 for 6.
 */
export function smoothingCoeff(buckets: number): number {
  return Math.max(1 - Math.pow(1 - 0.9999, 1 / buckets), 0.2);
}

/** Go's `roundToNDigits(6, f)`: math.Round rounds half away from zero. */
function roundTo6(f: number): number {
  return (Math.sign(f) * Math.round(Math.abs(f) * 1e6)) / 1e6;
}
