/**
 * A log-linear latency histogram in the spirit of HdrHistogram: each power of two is split into 256
 * equal buckets, read straight from the float64 bit pattern (exponent + top 8 mantissa bits), so
 * recording is a store and a shift. A bucket spans 1/256 of its octave, so the bucket midpoint is within
 * 0.2% of any value in it — inside the 1% percentile accuracy the simulator promises. Values are in ms.
 */
const SUB_BITS = 8;
const MIN_EXP = -10; // 2^-10 ms ≈ 1 µs: smaller values land in the first bucket
const MAX_EXP = 30; // 2^30 ms ≈ 12 days: larger values land in the last bucket
const BASE_INDEX = (1023 + MIN_EXP) << SUB_BITS;
export const HISTOGRAM_BUCKETS = (MAX_EXP - MIN_EXP) << SUB_BITS;

const scratch = new Float64Array(1);
const scratchHi = new Uint32Array(scratch.buffer, 4, 1);

/** The bucket index of a positive value in ms. */
export function bucketOf(ms: number): number {
  scratch[0] = ms;
  const i = (scratchHi[0]! >>> (20 - SUB_BITS)) - BASE_INDEX;
  return i < 0 ? 0 : i >= HISTOGRAM_BUCKETS ? HISTOGRAM_BUCKETS - 1 : i;
}

/** The smallest value that maps to bucket i. */
export function bucketLowerBound(i: number): number {
  const exp = (i >> SUB_BITS) + MIN_EXP;
  return 2 ** exp * (1 + (i & ((1 << SUB_BITS) - 1)) / (1 << SUB_BITS));
}

/** A streaming histogram: memory is fixed (80 KB), whatever the number of requests. */
export class LatencyHistogram {
  readonly counts = new Float64Array(HISTOGRAM_BUCKETS);
  count = 0;
  sum = 0;
  min = Infinity;
  max = 0;
  /** Lowest and highest bucket touched since the last reset, so that reset and scans stay cheap. */
  private lo = HISTOGRAM_BUCKETS;
  private hi = -1;

  /** Records one latency in ms. */
  record(ms: number): void {
    const i = bucketOf(ms);
    this.counts[i]!++;
    if (i < this.lo) this.lo = i;
    if (i > this.hi) this.hi = i;
    this.count++;
    this.sum += ms;
    if (ms < this.min) this.min = ms;
    if (ms > this.max) this.max = ms;
  }

  /**
   * Records `n` equal latencies in ms at once (n ≥ 1): the same as `n` calls of `record(ms)`, in one step. The
   * LLM executor's inter-token latency uses it: every sequence that receives a chunk at one instant and got its
   * previous one at the same instant shares one gap.
   */
  recordN(ms: number, n: number): void {
    const i = bucketOf(ms);
    this.counts[i]! += n;
    if (i < this.lo) this.lo = i;
    if (i > this.hi) this.hi = i;
    this.count += n;
    this.sum += ms * n;
    if (ms < this.min) this.min = ms;
    if (ms > this.max) this.max = ms;
  }

  /** Adds another histogram's counts into this one. */
  merge(other: LatencyHistogram): void {
    for (let i = other.lo; i <= other.hi; i++) this.counts[i]! += other.counts[i]!;
    if (other.count === 0) return;
    this.lo = Math.min(this.lo, other.lo);
    this.hi = Math.max(this.hi, other.hi);
    this.count += other.count;
    this.sum += other.sum;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
  }

  /**
   * Removes another histogram's counts, which must have been recorded into this one. Min and max are
   * tightened to the remaining buckets when the extremes may have belonged to the removed values.
   */
  subtract(other: LatencyHistogram): void {
    if (other.count === 0) return;
    for (let i = other.lo; i <= other.hi; i++) this.counts[i]! -= other.counts[i]!;
    this.count -= other.count;
    this.sum -= other.sum;
    if (this.count <= 0) {
      this.reset();
      return;
    }
    while (this.lo <= this.hi && this.counts[this.lo] === 0) this.lo++;
    while (this.hi >= this.lo && this.counts[this.hi] === 0) this.hi--;
    this.min = Math.max(this.min, bucketLowerBound(this.lo));
    this.max = Math.min(this.max, bucketLowerBound(this.hi + 1));
  }

  /** Empties the histogram, touching only the buckets that were used. */
  reset(): void {
    if (this.hi >= this.lo) this.counts.fill(0, this.lo, this.hi + 1);
    this.lo = HISTOGRAM_BUCKETS;
    this.hi = -1;
    this.count = 0;
    this.sum = 0;
    this.min = Infinity;
    this.max = 0;
  }

  /** Mean latency in ms (NaN when empty). */
  mean(): number {
    return this.count === 0 ? NaN : this.sum / this.count;
  }

  /**
   * The q-quantile (0 < q ≤ 1) in ms by the nearest-rank definition, as the midpoint of the bucket
   * that holds that rank, clamped to the exact observed min and max (NaN when empty).
   */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = this.lo; i <= this.hi; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) {
        const mid = (bucketLowerBound(i) + bucketLowerBound(i + 1)) / 2;
        return Math.min(this.max, Math.max(this.min, mid));
      }
    }
    return this.max;
  }
}
