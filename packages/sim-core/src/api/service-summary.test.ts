import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../scenario/parse-scenario.ts';
import type { RunResult } from './run-result.ts';
import { runScenario } from './run-scenario.ts';

function run(text: string): RunResult {
  const parsed = parseScenarioText(text, 'services.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return runScenario(parsed.scenario);
}

/** 100 requests a second, evenly spaced: 100 ms at `api`, then a 100 ms call to `db`; the run stops with no drain. */
const CHAIN = `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: visits-in-flight }
spec:
  duration: 10m
  drain: 0s
  network: { sameZone: 0ms }
  traffic:
    - { target: api, arrivals: uniform, profile: { type: constant, qps: 100 } }
  services:
    - { name: api, replicas: 4, concurrency: 50, releaseDuringCalls: true, latency: { distribution: constant, ms: 100 }, calls: [{ to: db }] }
    - { name: db, replicas: 4, concurrency: 50, latency: { distribution: constant, ms: 100 } }
`;

describe('the services block counts every visit once: served, dropped, timed out or unfinished', () => {
  it('a design with calls: the visits in flight when the run stops are unfinished at their service', () => {
    const r = run(CHAIN);
    const { api, db } = r.services!;
    for (const s of [api!, db!]) expect(s.requests.visits).toBe(s.requests.served + s.requests.dropped + s.requests.timedOut + s.requests.unfinished);
    // At the stop 20 requests are in flight (Little: 100/s × 0.2 s): 10 working at api, 10 at api waiting on
    // their call, which is working at db. Every request in flight is a visit at the entry point.
    expect(r.summary!.requests.unfinished).toBeGreaterThanOrEqual(19);
    expect(r.summary!.requests.unfinished).toBeLessThanOrEqual(21);
    expect(api!.requests.unfinished).toBe(r.summary!.requests.unfinished);
    expect(db!.requests.unfinished).toBeGreaterThanOrEqual(9);
    expect(db!.requests.unfinished).toBeLessThanOrEqual(11);
    // Every request that arrived visited api; db was visited by those served at api and those waiting on db.
    expect(api!.requests.visits).toBe(r.summary!.requests.offered);
    expect(db!.requests.visits).toBe(api!.requests.served + db!.requests.unfinished);
  });

  it('a one-service design reads the same definition from the summary', () => {
    const r = run(CHAIN.replace(', calls: [{ to: db }]', '').replace(/ {4}- \{ name: db.*\n/, ''));
    const s = r.services!.api!;
    expect(s.requests.visits).toBe(r.summary!.requests.offered);
    expect(s.requests.visits).toBe(s.requests.served + s.requests.dropped + s.requests.timedOut + s.requests.unfinished);
    expect(s.requests.unfinished).toBeGreaterThanOrEqual(9);
    expect(s.requests.unfinished).toBeLessThanOrEqual(11);
  });

  it('a service whose visits are stuck when the run stops is not 100% available', () => {
    // db serves 40 of the 100 calls a second (4 replicas × 1 slot × 100 ms) with an unbounded queue: every visit
    // that ended was served, and most are still waiting when the run stops.
    const stuck = CHAIN.replace('{ name: db, replicas: 4, concurrency: 50,', '{ name: db, replicas: 4, concurrency: 1,') + '  expect:\n    - services.db.availability >= 99%\n';
    const r = run(stuck);
    const db = r.services!.db!;
    expect(db.requests.failed).toBe(0);
    expect(db.requests.unfinished).toBeGreaterThan(db.requests.served);
    expect(db.availability).toBeCloseTo(db.requests.served / db.requests.visits, 12);
    expect(db.availability).toBeGreaterThan(0.35);
    expect(db.availability).toBeLessThan(0.45);
    expect(r.expectations[0]!.pass).toBe(false);
  });

  it("a service's latency counts its unfinished visits at their age, as the summary's does", () => {
    // db takes an hour per call: in a 10-minute run none returns. Its latency is that of 60,000 visits of ages
    // spread evenly over the run, not of none (the served-only figures had no value at all).
    const r = run(CHAIN.replace('{ name: db, replicas: 4, concurrency: 50, latency: { distribution: constant, ms: 100 } }', '{ name: db, replicas: 4, concurrency: 50, latency: { distribution: constant, ms: 3600000 } }'));
    const db = r.services!.db!;
    expect(db.requests.served).toBe(0);
    expect(db.requests.unfinished).toBe(db.requests.visits);
    expect(db.subtreeLatencyMs.p50 / 60_000).toBeCloseTo(5, 1);
    expect(db.subtreeLatencyMs.p99 / 60_000).toBeCloseTo(9.9, 1);
    expect(db.latencyMs.p50).toBe(db.subtreeLatencyMs.p50);
    // api waits on db: its subtree latency is the same censored ages, 100 ms longer.
    expect(r.services!.api!.subtreeLatencyMs.p50 / 60_000).toBeCloseTo(5, 1);
    // api's own latency is its 100 ms of work: a visit waiting on db counts its age less the wait so far,
    // and the 10 visits working at api when the run stops (ages 0–100 ms) sit below the median.
    const api = r.services!.api!;
    expect(api.requests.served).toBe(0);
    expect(api.latencyMs.p50).toBeCloseTo(100, -1);
    expect(api.latencyMs.p99).toBeCloseTo(100, -1);
  });

  it("a caller's backlog in its own queue shows in its own latency (thread per request, a stuck dependency)", () => {
    // api holds its slot while db works (releaseDuringCalls: false); db never answers within the run, so api's
    // 4 × 10 slots are held after 0.4 s and every later request waits in api's queue: its own latency is that
    // wait, spread over the run (before, api had no served visit and no own latency at all).
    const stuck = CHAIN.replace('{ name: api, replicas: 4, concurrency: 50, releaseDuringCalls: true,', '{ name: api, replicas: 4, concurrency: 10, releaseDuringCalls: false,').replace(
      '{ name: db, replicas: 4, concurrency: 50, latency: { distribution: constant, ms: 100 } }',
      '{ name: db, replicas: 4, concurrency: 50, latency: { distribution: constant, ms: 3600000 } }',
    );
    const r = run(stuck);
    const api = r.services!.api!;
    expect(api.requests.served).toBe(0);
    expect(api.requests.unfinished).toBe(api.requests.visits);
    expect(api.latencyMs.p50 / 60_000).toBeCloseTo(5, 1);
    expect(api.latencyMs.p99 / 60_000).toBeCloseTo(9.9, 1);
  });
});


describe('cache hits and rate-limit refusals are counted over the same visits as the rest (after the warm-up)', () => {
  // Found by the audit: both were counted from t = 0, so with a 5-minute warm-up of a 1-hour run a 60% cache
  // answered 62.6% of `visits`, and a rate limit refused more visits (325,047) than were dropped (297,996).
  const text = (service: string) => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: counts-after-warmup }
spec:
  duration: 20m
  warmup: 10m
  drain: 0s
  network: { sameZone: 0ms }
  traffic: { arrivals: uniform, profile: { type: constant, qps: 100 } }
  services:
    - ${service}
    - { name: db, concurrency: 100, latency: { distribution: constant, ms: 1 } }
`;

  it('a cache of hit ratio 0.6 answers 60% of the visits after the warm-up', () => {
    const api = run(text('{ name: api, concurrency: 100, cache: { hitRatio: 0.6, latency: 1ms }, latency: { distribution: constant, ms: 1 }, calls: [{ to: db }] }')).services!.api!;
    // Half the run is warm-up: counted from t = 0 the hits were 2 × 60% of the visits (1.20).
    expect(api.requests.cacheHits / api.requests.visits).toBeCloseTo(0.6, 1);
    expect(api.requests.cacheHits).toBeLessThanOrEqual(api.requests.visits);
  });

  it('every refusal of a rate limit is a dropped visit: rateLimited equals dropped', () => {
    // 100/s evenly spaced into 30/s: most requests are refused, after the warm-up as before it.
    const api = run(text('{ name: api, concurrency: 100, rateLimit: { perSecond: 30, burst: 1 }, latency: { distribution: constant, ms: 1 }, calls: [{ to: db }] }')).services!.api!;
    expect(api.requests.rateLimited).toBe(api.requests.dropped);
    expect(api.requests.dropped).toBeGreaterThan(0.6 * api.requests.visits);
  });
});

it('a rate limit with burst 1 passes its rate of evenly spaced arrivals (float error in the refill does not lose tokens)', () => {
  // Found by the audit: 100/s evenly spaced into 50/s with burst 1 served 35.6/s (25/s: 20.7, 20/s: 17.1, 10/s: 9.2):
  // the refill over 10 ms came to 0.49999…, the next arrival found 0.99999… < 1 and was refused, and the cap at
  // burst 1 then threw the surplus away.
  for (const perSecond of [50, 25, 20, 10]) {
    const r = run(`apiVersion: design-sim/v1
kind: Scenario
metadata: { name: token-bucket }
spec:
  duration: 10m
  drain: 0s
  traffic: { arrivals: uniform, profile: { type: constant, qps: 100 } }
  services:
    - { name: ext, concurrency: 100, rateLimit: { perSecond: ${perSecond}, burst: 1 }, latency: { distribution: constant, ms: 1 } }
`);
    expect(r.summary!.measured.served / 600).toBeCloseTo(perSecond, 1);
  }
});

describe('what a service utilization divides', () => {
  it('per-request services use slots; a batching service reports busy time, and says so', () => {
    // api: 100/s × 10 ms over 4 replicas × 4 slots = 1 of 16 slots working, 6.25%. model: batches of up to 8 that
    // wait 50 ms for the first request's company, each taking 5 ms + 1 ms per item. A replica gets 50/s, so a batch
    // holds n ≈ 1 + 50 × 0.05 ≈ 3.5 requests and it runs 50/n batches a second: busy (50/n)(5 + n) ms per second
    // = 0.05 + 0.25/n ≈ 12%. The figure is the time a batch runs, not slots in use.
    const r = run(`apiVersion: design-sim/v1
kind: Scenario
metadata: { name: utilization-basis }
spec:
  duration: 10m
  network: { sameZone: 0ms }
  traffic:
    - { target: api, profile: { type: constant, qps: 100 } }
  services:
    - { name: api, replicas: 4, concurrency: 4, releaseDuringCalls: true, latency: { distribution: constant, ms: 10 }, calls: [{ to: model }] }
    - { name: model, replicas: 2, concurrency: 1, latency: { distribution: constant, ms: 1 }, batching: { maxBatchSize: 8, maxQueueDelay: 50ms, batchLatency: { baseMs: 5, perItemMs: 1 } } }
`);
    const { api, model } = r.services!;
    expect(api!.utilizationBasis).toBe('slots');
    expect(api!.utilization).toBeCloseTo(0.0625, 2);
    expect(model!.utilizationBasis).toBe('busy');
    expect(model!.utilization).toBeGreaterThan(0.1);
    expect(model!.utilization).toBeLessThan(0.14);
  });
});
