import { describe, expect, it } from 'vitest';
import { CPU_METRICS_PIPELINE, MetricPipeline, PROMETHEUS_QPS_PIPELINE, QUEUE_GAUGE_PIPELINE } from './metric-pipeline.ts';

/** Counter of a per-pod request rate of 9/s before t = 0 and 18/s after (TC9), started long before. */
const tc9Counter = (t: number): number => 9 * (t + 10_000) + (t > 0 ? 9 * t : 0);

function feed(p: MetricPipeline, from: number, to: number, step: number, value: (t: number) => number): void {
  for (let t = from; t <= to; t += step) p.recordScrape(t, value(t));
}

describe('MetricPipeline prometheus-rate (port of promql extrapolatedRate)', () => {
  it('Prometheus 2.x closed range with 15 s scrapes reproduces the TC9 observed ramp 9 → 18 over 120 s', () => {
    const p = new MetricPipeline({ scrapeIntervalSeconds: 15, windowSeconds: 120, aggregation: 'prometheus-rate', leftOpenRange: false });
    feed(p, -300, -15, 15, tc9Counter);
    const observed: number[] = [];
    for (let t = 0; t <= 135; t += 15) {
      p.recordScrape(t, tc9Counter(t));
      observed.push(p.read(t) ?? Number.NaN);
    }
    const reference = [9, 10.125, 11.25, 12.375, 13.5, 14.625, 15.75, 16.875, 18, 18]; // §7 TC9 table
    observed.forEach((v, i) => expect(v).toBeCloseTo(reference[i] ?? Number.NaN, 9));
    expect([p.lastTimestamp, p.lastWindowSeconds]).toEqual([135, 120]);
  });

  it('Prometheus 3.x left-open range drops the boundary sample and extrapolates by one interval: rate over 105 s', () => {
    const p = new MetricPipeline({ scrapeIntervalSeconds: 15, windowSeconds: 120, aggregation: 'prometheus-rate' });
    feed(p, -300, 15, 15, tc9Counter);
    // samples −90…15 (8): sampled 105 s, 15 s to the range start < 1.1 × 15 → extrapolated to the full 120 s
    expect(p.read(15)).toBeCloseTo((9 * 90 + 18 * 15) / 105, 9);
  });

  it('extrapolates only half an interval toward a range edge with no nearby sample, and never below zero', () => {
    // A series born at t = 60 (its counter read 100 then), 10/s, scraped every 15 s; read at 120 over 120 s.
    const p = new MetricPipeline({ scrapeIntervalSeconds: 15, windowSeconds: 120, aggregation: 'prometheus-rate' });
    feed(p, 60, 120, 15, (t) => 100 + 10 * (t - 60));
    // 60 s to the range start ≥ 16.5 → 7.5 s; zero point 60 × 100 / 600 = 10 s is farther → keep 7.5
    expect(p.read(120)).toBeCloseTo((600 * (60 + 7.5)) / 60 / 120, 12);
    const q = new MetricPipeline({ scrapeIntervalSeconds: 15, windowSeconds: 120, aggregation: 'prometheus-rate' });
    feed(q, 60, 120, 15, (t) => 30 + 10 * (t - 60));
    // zero point 60 × 30 / 600 = 3 s < 7.5 s → extrapolate only 3 s
    expect(q.read(120)).toBeCloseTo((600 * (60 + 3)) / 60 / 120, 12);
  });

  it('corrects counter resets by adding the pre-reset value', () => {
    const p = new MetricPipeline({ scrapeIntervalSeconds: 15, windowSeconds: 120, aggregation: 'prometheus-rate', leftOpenRange: false });
    [0, 150, 300, 450, 100, 250, 400, 550, 700].forEach((v, i) => p.recordScrape(i * 15, v));
    expect(p.read(120)).toBeCloseTo((700 - 0 + 450) / 120, 12);
  });

  it('needs two samples in the range', () => {
    const p = new MetricPipeline(PROMETHEUS_QPS_PIPELINE);
    expect(p.read(0)).toBeUndefined();
    p.recordScrape(0, 10);
    expect(p.read(0)).toBeUndefined();
    p.recordScrape(30, 40);
    expect(p.read(30)).toBeDefined();
    expect(p.read(200)).toBeUndefined(); // both samples fell out of (80, 200]
  });

  it('keeps every sample of the window when scrapes are denser than configured (the ring grows)', () => {
    const p = new MetricPipeline(PROMETHEUS_QPS_PIPELINE); // sized for 30 s scrapes
    feed(p, 0, 600, 1, (t) => 5 * t);
    expect(p.read(600)).toBeCloseTo(5, 12);
  });

  it('rejects scrapes recorded out of time order', () => {
    const p = new MetricPipeline(PROMETHEUS_QPS_PIPELINE);
    p.recordScrape(30, 1);
    expect(() => p.recordScrape(15, 2)).toThrow(RangeError);
  });
});

describe('MetricPipeline counter-rate (metrics-server CPU) and last (gauges)', () => {
  it('reports the rate between the two latest scrapes with their time and window', () => {
    const p = new MetricPipeline(CPU_METRICS_PIPELINE);
    feed(p, 0, 30, 15, (t) => (t <= 15 ? 0.5 * t : 7.5 + 2 * (t - 15))); // 0.5 cores, then 2 cores
    expect(p.read(40)).toBeCloseTo(2, 12);
    expect([p.lastTimestamp, p.lastWindowSeconds]).toEqual([30, 15]);
    expect(p.read(20)).toBeCloseTo(0.5, 12); // a read before the 30 s scrape sees the previous window
  });

  it('has no value across a counter reset', () => {
    const p = new MetricPipeline(CPU_METRICS_PIPELINE);
    p.recordScrape(0, 100);
    p.recordScrape(15, 3);
    expect(p.read(15)).toBeUndefined();
  });

  it('last returns the newest scraped gauge at or before the read, lagging between scrapes', () => {
    const p = new MetricPipeline(QUEUE_GAUGE_PIPELINE);
    expect(p.read(0)).toBeUndefined();
    p.recordScrape(0, 4);
    p.recordScrape(15, 9);
    expect(p.read(14)).toBe(4);
    expect(p.read(29)).toBe(9);
    p.reset();
    expect(p.read(29)).toBeUndefined();
  });
});

describe('avg-over-time (a gauge smoothed over a window)', () => {
  it('averages the samples in (t − window, t] at the read time, like PromQL avg_over_time', () => {
    const p = new MetricPipeline({ scrapeIntervalSeconds: 15, windowSeconds: 60, aggregation: 'avg-over-time' });
    expect(p.read(0)).toBeUndefined();
    const seen: number[] = [];
    [10, 20, 30, 40, 50, 60].forEach((v, i) => {
      p.recordScrape(i * 15, v);
      seen.push(p.read(i * 15)!);
    });
    // t = 0: {10}; 15: {10, 20}; 30: {10, 20, 30}; 45: {10..40}; 60: (0, 60] = {20..50}; 75: (15, 75] = {30..60}.
    expect(seen).toEqual([10, 15, 20, 25, 35, 45]);
  });
});
