/**
 * The summary's latency histogram holds the requests that arrived after the warm-up, and only those
 * (docs/json-output.md, `summary.latencyMs`): intervals that close before the warm-up instant feed the
 * chart, not the summary.
 */
import { describe, expect, it } from 'vitest';
import { fleet } from '../test-support/builders.ts';
import { RunStats } from './run-stats.ts';
import { runEngine } from './simulation.ts';

describe('RunStats: the warm-up', () => {
  it('leaves intervals closed before the warm-up out of the summary latency', () => {
    const stats = new RunStats(60);
    stats.offer();
    stats.serve(1, 1.4); // 400 ms, in the warm-up
    stats.closeInterval(); // an interval ends at 30 s, before the warm-up instant
    stats.offer();
    stats.serve(40, 40.3); // 300 ms, in the warm-up, in the interval open at the warm-up
    stats.markWarmup();
    stats.offer();
    stats.serve(61, 61.05); // 50 ms: the one measured request
    stats.closeInterval();
    const h = stats.summaryLatency([]);
    expect(h.count).toBe(1);
    expect(h.max).toBeLessThan(51);
    expect(stats.measured()).toEqual({ offered: 1, served: 1, dropped: 0, timedOut: 0, unfinished: 0 });
  });

  it('reports no latency when no request arrives after the warm-up', () => {
    // 100 QPS for the 5-minute warm-up, then none: every request is a warm-up one (a fuzzed trace whose
    // rows all fell in the warm-up showed "0 served" beside a latency p50 of 95.9 ms).
    const r = runEngine(fleet({
      profile: { type: 'step', from: 100, to: 0, at: 300 },
      replicas: 10,
      serviceTime: { kind: 'constant', seconds: 0.05 },
      durationSeconds: 600,
      warmupSeconds: 300,
      intervalSeconds: 60,
    }));
    expect(r.requests.offered).toBeGreaterThan(20_000);
    expect(r.measured.offered).toBe(0);
    expect(r.latency.count).toBe(0);
  });
});
