/**
 * Metric pipeline lag for one pod's series (§2): samples are taken at scrape times and the HPA reads an aggregate at
 * its own sync times, so it never sees instantaneous truth (TC9). Allocation-free per call: samples live in a growable
 * typed-array ring that only reallocates when a window holds more samples than ever before.
 */

/**
 * How a read turns scraped samples into the value the HPA sees:
 * - `prometheus-rate`: PromQL `rate(series[window])` at the read instant, a port of `extrapolatedRate`
 *   (prometheus/promql/functions.go): counter-reset correction, extrapolation to the range edges when the first/last
 *   sample is within 1.1 average intervals of them (else half an interval), never below the counter's zero point.
 * - `counter-rate`: metrics-server style CPU: (last − previous) / (their time gap) of the two latest scrapes;
 *   `windowSeconds` is informational (it equals the scrape interval).
 * - `last`: the latest scraped gauge value (queue length, in-flight count).
 * - `avg-over-time`: PromQL `avg_over_time(gauge[window])`, the mean of the samples in the window (a
 *   smoothed in-flight or queue gauge, as HPA setups on noisy gauges usually query).
 */
export type MetricAggregation = 'prometheus-rate' | 'counter-rate' | 'last' | 'avg-over-time';

/** One pipeline: scrape period (s), aggregation window (s) and aggregation. */
export interface MetricPipelineConfig {
  scrapeIntervalSeconds: number;
  windowSeconds: number;
  aggregation: MetricAggregation;
  /**
   * Range selection for `prometheus-rate`: true (default) = Prometheus ≥ 3.0, left-open `(t − w, t]`;
   * false = Prometheus 2.x, closed `[t − w, t]` (the hand-computed TC9 ramp assumes this one).
   */
  leftOpenRange?: boolean;
}

/** CPU via metrics-server: 15 s resolution of the official manifests (the binary default is 60 s), §2.1–2.2. */
export const CPU_METRICS_PIPELINE: Readonly<MetricPipelineConfig> = Object.freeze<MetricPipelineConfig>({
  scrapeIntervalSeconds: 15,
  windowSeconds: 15,
  aggregation: 'counter-rate',
});

/** Prometheus + prometheus-adapter QPS: 30 s scrape, `rate(x[2m])`, §2.2. */
export const PROMETHEUS_QPS_PIPELINE: Readonly<MetricPipelineConfig> = Object.freeze<MetricPipelineConfig>({
  scrapeIntervalSeconds: 30,
  windowSeconds: 120,
  aggregation: 'prometheus-rate',
});

/** Queue or in-flight gauges: 15 s scrape, latest value, §2.2. */
export const QUEUE_GAUGE_PIPELINE: Readonly<MetricPipelineConfig> = Object.freeze<MetricPipelineConfig>({
  scrapeIntervalSeconds: 15,
  windowSeconds: 0,
  aggregation: 'last',
});

/** Prometheus' global `scrape_interval` default when a config sets none (s), §2.2. */
export const PROMETHEUS_DEFAULT_SCRAPE_INTERVAL_SECONDS = 60;
/** metrics-server binary default `--metric-resolution` (s), §2.1. */
export const METRICS_SERVER_BINARY_RESOLUTION_SECONDS = 60;

// Prometheus stores millisecond timestamps; rate() arithmetic is done on them.
const toMs = (seconds: number): number => Math.round(seconds * 1000);

/** A per-pod series: feed it with {@link MetricPipeline.recordScrape}, query with {@link MetricPipeline.read}. */
export class MetricPipeline {
  /** Timestamp (s) of the value returned by the last successful `read` (query time for rate(), sample time otherwise). */
  lastTimestamp = Number.NaN;
  /** Window (s) the value returned by the last successful `read` covers (for the HPA's CPU readiness rule). */
  lastWindowSeconds = Number.NaN;

  private readonly windowMs: number;
  private readonly leftOpen: boolean;
  private times: Float64Array;
  private values: Float64Array;
  private head = 0;
  private count = 0;

  /** Creates an empty series; throws RangeError for a non-positive scrape interval or a negative window. */
  constructor(readonly config: MetricPipelineConfig) {
    if (!(config.scrapeIntervalSeconds > 0) || !(config.windowSeconds >= 0)) {
      throw new RangeError('scrapeIntervalSeconds must be > 0 and windowSeconds >= 0');
    }
    this.windowMs = toMs(config.windowSeconds);
    this.leftOpen = config.leftOpenRange ?? true;
    const capacity = Math.max(4, Math.ceil(config.windowSeconds / config.scrapeIntervalSeconds) + 3);
    this.times = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
  }

  /** Records one scrape at `now` (s) of a cumulative counter or gauge value; times must not decrease. */
  recordScrape(now: number, value: number): void {
    const t = toMs(now);
    if (this.count > 0 && t < this.timeAt(this.count - 1)) throw new RangeError('scrapes must be recorded in time order');
    this.prune(t);
    if (this.count === this.times.length) this.grow();
    const i = (this.head + this.count) % this.times.length;
    this.times[i] = t;
    this.values[i] = value;
    this.count++;
  }

  /** The value the HPA would read at `now` (s), or undefined when the series cannot answer (too few samples). */
  read(now: number): number | undefined {
    const t = toMs(now);
    switch (this.config.aggregation) {
      case 'last':
        return this.readLast(t);
      case 'counter-rate':
        return this.readCounterRate(t);
      case 'prometheus-rate':
        return this.readPrometheusRate(t);
      case 'avg-over-time':
        return this.readAvgOverTime(t);
    }
  }

  private readAvgOverTime(t: number): number | undefined {
    const rangeStart = t - this.windowMs;
    const last = this.lastIndexAtOrBefore(t);
    let sum = 0;
    let n = 0;
    for (let i = last; i >= 0; i--) {
      const ti = this.timeAt(i);
      if (this.leftOpen ? ti <= rangeStart : ti < rangeStart) break;
      sum += this.valueAt(i);
      n++;
    }
    if (n === 0) return undefined;
    this.lastTimestamp = this.timeAt(last) / 1000;
    this.lastWindowSeconds = this.windowMs / 1000;
    return sum / n;
  }

  /** Forgets every sample (the pod's series ended, e.g. the pod was replaced). */
  reset(): void {
    this.head = 0;
    this.count = 0;
  }

  private readLast(t: number): number | undefined {
    const last = this.lastIndexAtOrBefore(t);
    if (last < 0) return undefined;
    this.lastTimestamp = this.timeAt(last) / 1000;
    this.lastWindowSeconds = 0;
    return this.valueAt(last);
  }

  private readCounterRate(t: number): number | undefined {
    const last = this.lastIndexAtOrBefore(t);
    if (last < 1) return undefined;
    const dt = (this.timeAt(last) - this.timeAt(last - 1)) / 1000;
    const delta = this.valueAt(last) - this.valueAt(last - 1);
    if (dt <= 0 || delta < 0) return undefined; // a counter reset leaves no valid window
    this.lastTimestamp = this.timeAt(last) / 1000;
    this.lastWindowSeconds = dt;
    return delta / dt;
  }

  // Port of extrapolatedRate for a float counter (isCounter = isRate = true).
  private readPrometheusRate(t: number): number | undefined {
    const rangeStart = t - this.windowMs;
    const last = this.lastIndexAtOrBefore(t);
    let first = 0;
    while (first <= last && (this.leftOpen ? this.timeAt(first) <= rangeStart : this.timeAt(first) < rangeStart)) first++;
    if (last - first < 1) return undefined;
    const firstT = this.timeAt(first);
    const lastT = this.timeAt(last);
    let result = this.valueAt(last) - this.valueAt(first);
    for (let i = first + 1; i <= last; i++) {
      const prev = this.valueAt(i - 1);
      if (this.valueAt(i) < prev) result += prev; // counter reset: the pre-reset value was lost
    }
    const sampledInterval = (lastT - firstT) / 1000;
    const averageBetweenSamples = sampledInterval / (last - first);
    const threshold = averageBetweenSamples * 1.1;
    let toStart = (firstT - rangeStart) / 1000;
    let toEnd = (t - lastT) / 1000;
    if (toStart >= threshold) toStart = averageBetweenSamples / 2;
    const firstValue = this.valueAt(first);
    if (result > 0 && firstValue >= 0) toStart = Math.min(toStart, sampledInterval * (firstValue / result));
    if (toEnd >= threshold) toEnd = averageBetweenSamples / 2;
    const factor = (sampledInterval + toStart + toEnd) / sampledInterval / (this.windowMs / 1000);
    this.lastTimestamp = t / 1000;
    this.lastWindowSeconds = this.windowMs / 1000;
    return result * factor;
  }

  // Drops samples no future read needs: everything before the window of a read at `t` (the earliest possible read),
  // always keeping the two newest for counter-rate and last.
  private prune(t: number): void {
    const keepWindow = this.config.aggregation === 'prometheus-rate' || this.config.aggregation === 'avg-over-time';
    while (this.count > 2 && (!keepWindow || this.timeAt(0) < t - this.windowMs)) {
      this.head = (this.head + 1) % this.times.length;
      this.count--;
    }
  }

  private grow(): void {
    const n = this.times.length * 2;
    const times = new Float64Array(n);
    const values = new Float64Array(n);
    for (let i = 0; i < this.count; i++) {
      times[i] = this.timeAt(i);
      values[i] = this.valueAt(i);
    }
    this.times = times;
    this.values = values;
    this.head = 0;
  }

  private lastIndexAtOrBefore(t: number): number {
    let i = this.count - 1;
    while (i >= 0 && this.timeAt(i) > t) i--;
    return i;
  }

  private timeAt(i: number): number {
    return this.times[(this.head + i) % this.times.length] ?? Number.NaN;
  }

  private valueAt(i: number): number {
    return this.values[(this.head + i) % this.times.length] ?? Number.NaN;
  }
}
