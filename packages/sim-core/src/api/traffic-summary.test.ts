import { describe, expect, it } from 'vitest';
import { createSimApi } from './sim-api.ts';

const run = (yaml: string) => {
  const r = createSimApi().run(yaml, 'sources.yaml');
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.result;
};

// Two open sources (100 and 300 req/s, Poisson) and a closed loop of 20 users thinking 1 s, each to its own service.
const THREE_SOURCES = `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: three-sources }
spec:
  duration: 10m
  traffic:
    - { target: api, profile: { type: constant, qps: 100 } }
    - { target: reports, profile: { type: constant, qps: 300 } }
    - { target: api, arrivals: closed, users: 20, thinkTime: 1s }
  services:
    - { name: api, replicas: 4, concurrency: 32, latency: { distribution: exponential, meanMs: 10 } }
    - { name: reports, replicas: 4, concurrency: 32, latency: { distribution: exponential, meanMs: 10 } }
`;

describe("each traffic source's own offered load", () => {
  it("sums, interval by interval and over the run, to the fleet's offered figures; each source offers its own rate", () => {
    const r = run(THREE_SOURCES);
    const ts = r.timeseries!;
    const sources = r.summary!.traffic;
    expect(sources.map((s) => s.target)).toEqual(['api', 'reports', 'api']);
    for (const s of sources) expect(s.timeseries.offeredQps).toHaveLength(ts.t.length);
    ts.t.forEach((_, i) => {
      const sum = sources.reduce((a, s) => a + s.timeseries.offeredQps[i]!, 0);
      expect(sum).toBeCloseTo(ts.offeredQps[i]!, 9);
    });
    expect(sources.reduce((a, s) => a + s.offered, 0)).toBe(r.summary!.requests.offered);
    // Poisson counts over 600 s: 60,000 ± 245 and 180,000 ± 424 (one standard deviation); 4 σ either way.
    expect(Math.abs(sources[0]!.offered - 60_000)).toBeLessThan(4 * Math.sqrt(60_000));
    expect(Math.abs(sources[1]!.offered - 180_000)).toBeLessThan(4 * Math.sqrt(180_000));
    // 20 users, each a request per (1 s think + ~10 ms response): about 19.8 req/s, 11,880 over 600 s.
    expect(sources[2]!.offered / 600).toBeGreaterThan(19);
    expect(sources[2]!.offered / 600).toBeLessThan(20.1);
  });

  it("with one source, its figures are the fleet's", () => {
    const r = run(THREE_SOURCES.replace(/  traffic:\n(    - .*\n)+/, '  traffic: { target: api, profile: { type: constant, qps: 100 } }\n'));
    const [only] = r.summary!.traffic;
    expect(r.summary!.traffic).toHaveLength(1);
    expect(only!.target).toBe('api');
    expect(only!.offered).toBe(r.summary!.requests.offered);
    expect([...only!.timeseries.offeredQps]).toEqual([...r.timeseries!.offeredQps]);
    // Its own buffer: a page receiving the result takes each series' buffer once.
    expect(only!.timeseries.offeredQps.buffer).not.toBe(r.timeseries!.offeredQps.buffer);
  });
});
