/**
 * The KPA's scale-down delay: the largest desired count recorded in the last `scale-down-delay`, a port of
 * knative/serving@98e5ef90 pkg/autoscaler/aggregation/max/timewindow.go `TimeWindow` over window.go's ascending-minima
 * ring (`Record`, `Current`). Indexes are `floor(t ÷ granularity)` (the decider's 2 s tick), so the window holds
 * ceil(delay ÷ 2 s) ticks; values recorded at one index keep the larger.
 */
export class MaxTimeWindow {
  private readonly values: Int32Array;
  private readonly indexes: Float64Array;
  private first = 0;
  private length = 0;

  constructor(
    durationSeconds: number,
    private readonly granularitySeconds: number,
  ) {
    const size = Math.ceil(durationSeconds / granularitySeconds);
    this.values = new Int32Array(size);
    this.indexes = new Float64Array(size);
  }

  /** Records `value` at time `now` (s). */
  record(now: number, value: number): void {
    const index = Math.floor(Math.floor(now) / this.granularitySeconds);
    const size = this.values.length;
    let v = value;
    // Step one: drop the values below the new one from the back (they can never be the maximum again).
    for (; this.length > 0; this.length--) {
      if (v < this.values[(this.first + this.length - 1) % size]!) break;
    }
    // Step two: drop the values older than the window from the front.
    while (this.length > 0 && index - this.indexes[this.first]! >= size) {
      this.length--;
      this.first++;
      if (this.first === size) this.first = 0;
    }
    // Step 2b: a second value at the same index keeps the larger.
    if (this.length > 0) {
      const last = (this.first + this.length - 1) % size;
      if (this.indexes[last] === index) {
        if (this.values[last]! > v) v = this.values[last]!;
        this.length--;
      }
    }
    const at = (this.first + this.length) % size;
    this.values[at] = v;
    this.indexes[at] = index;
    this.length++;
  }

  /** The largest value recorded within the window. */
  current(): number {
    return this.values[this.first]!;
  }
}
