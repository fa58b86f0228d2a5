/**
 * The service graph against independent truth: open Jackson networks (a tandem of M/M/c stations, and
 * probabilistic routing: end-to-end mean sojourn = Σ visit ratio × the station's Erlang C sojourn),
 * fork-join of two M/M/1 queues (Flatto–Hahn), blocking callers (N held slots pass at most N/D), retry
 * amplification and its bound, and conservation at every station and end to end.
 */
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../api/compile-scenario.ts';
import { parseScenarioText } from '../scenario/parse-scenario.ts';
import { meanSojourn } from '../theory/erlang-c.ts';
import type { EngineResult } from './engine-result.ts';
import { runEngine } from './simulation.ts';

function run(yaml: string): EngineResult {
  const p = parseScenarioText(yaml, 'graph.yaml');
  if (!p.ok) throw new Error(JSON.stringify(p.issues));
  return runEngine(compileScenario(p.scenario));
}

/** Mean sojourn of an M/M/c station, s. */
const sojourn = (c: number, lambda: number, meanSeconds: number): number => meanSojourn({ lambda, mu: 1 / meanSeconds, servers: c });

const head = (duration: string, qps: number, network = '0ms') => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: graph }
spec:
  duration: ${duration}
  warmup: 10m
  drain: 0s
  seed: 3
  network: { sameZone: ${network} }
  traffic: { target: api, profile: { type: constant, qps: ${qps} } }
  services:
`;

const station = (name: string, replicas: number, meanMs: number, extra = '') =>
  `    - { name: ${name}, replicas: ${replicas}, gpusPerReplica: 0, routing: shared-queue, latency: { distribution: exponential, meanMs: ${meanMs} }${extra} }\n`;

/** Every visit at every service ends served, dropped or timed out (or is still in flight); roots likewise. */
function expectConservedGraph(r: EngineResult): void {
  const q = r.requests;
  expect(q.offered).toBe(q.served + q.dropped + q.timedOut + q.unfinished);
  expect(q.unfinished).toBe(r.inFlightAtStop);
  for (const s of r.services) {
    const st = s.stats!;
    expect(st.visits).toBe(st.served + st.dropped + st.timedOut);
  }
}

describe('open Jackson networks', () => {
  it('a tandem of two M/M/c stations: mean sojourn = the sum of their Erlang C sojourns (within 3%)', () => {
    const r = run(head('3h', 100) + station('api', 4, 30, ', releaseDuringCalls: true, calls: [{ to: db }]') + station('db', 2, 15));
    const truth = sojourn(4, 100, 0.03) + sojourn(2, 100, 0.015);
    expect(Math.abs(r.latency.mean() / (truth * 1000) - 1)).toBeLessThan(0.03);
    // Each station's own figures match its own Erlang C sojourn.
    expect(Math.abs(r.services[0]!.stats!.own().mean() / (sojourn(4, 100, 0.03) * 1000) - 1)).toBeLessThan(0.03);
    expect(Math.abs(r.services[1]!.stats!.own().mean() / (sojourn(2, 100, 0.015) * 1000) - 1)).toBeLessThan(0.03);
    // Utilization is ρ = λ / (c μ) at both.
    expect(r.services[0]!.utilization).toBeCloseTo(0.75, 1);
    expect(r.services[1]!.utilization).toBeCloseTo(0.75, 1);
    expectConservedGraph(r);
  });

  it('probabilistic routing: a branch taken with probability 0.3 gets 30% of visits (±1.5 points), and sojourns weight by visit ratio', () => {
    const r = run(head('3h', 200) + station('api', 8, 20, ', releaseDuringCalls: true, calls: [{ to: search, probability: 0.3 }, { to: db }]') + station('search', 4, 50) + station('db', 2, 8));
    const [api, search, db] = r.services.map((s) => s.stats!);
    expect(Math.abs(search!.visits / api!.visits - 0.3)).toBeLessThan(0.015);
    expect(db!.visits).toBe(api!.visits);
    const truth = sojourn(8, 200, 0.02) + 0.3 * sojourn(4, 60, 0.05) + sojourn(2, 200, 0.008);
    expect(Math.abs(r.latency.mean() / (truth * 1000) - 1)).toBeLessThan(0.03);
    expectConservedGraph(r);
  });

  it('a station fed by two callers (a diamond): its arrival rate is the sum of theirs, and each sojourn is its Erlang C sojourn', () => {
    // api (M/M/4) calls a with probability 0.4, then db; a (M/M/2) calls db too. Traffic equations: λa = 40/s,
    // λdb = 100 + 40 = 140/s (ρ = 0.7); end to end = W(api) + 0.4 (W(a) + W(db)) + W(db).
    const r = run(
      head('2h', 100) +
        station('api', 4, 20, ', releaseDuringCalls: true, calls: [{ to: a, probability: 0.4 }, { to: db }]') +
        station('a', 2, 25, ', releaseDuringCalls: true, calls: [{ to: db }]') +
        station('db', 4, 20),
    );
    const [api, a, db] = r.services.map((s) => s.stats!);
    expect(db!.visits).toBe(api!.visits + a!.visits);
    const w = { api: sojourn(4, 100, 0.02), a: sojourn(2, 40, 0.025), db: sojourn(4, 140, 0.02) };
    expect(Math.abs(db!.own().mean() / (w.db * 1000) - 1)).toBeLessThan(0.03);
    expect(Math.abs(a!.own().mean() / (w.a * 1000) - 1)).toBeLessThan(0.03);
    const truth = w.api + 0.4 * (w.a + w.db) + w.db;
    expect(Math.abs(r.latency.mean() / (truth * 1000) - 1)).toBeLessThan(0.03);
    expectConservedGraph(r);
  });

  it('network time adds twice per call (request and reply)', () => {
    const r = run(head('1h', 50, '2ms') + station('api', 8, 10, ', releaseDuringCalls: true, calls: [{ to: db }]') + station('db', 8, 10));
    const truth = sojourn(8, 50, 0.01) * 2 + 0.004;
    expect(Math.abs(r.latency.mean() / (truth * 1000) - 1)).toBeLessThan(0.03);
    expect(r.breakdown!.networkMs).toBeCloseTo(4, 6);
  });
});

describe('fork-join', () => {
  // Flatto & Hahn (1984), Nelson & Tantawi (1988): two M/M/1 queues fed the same Poisson stream, the job
  // done when both halves are; mean response (12 − ρ)/8 · 1/(μ − λ).
  for (const rho of [0.5, 0.8]) {
    it(`two M/M/1 queues at ρ = ${rho}: mean response within 4% of (12 − ρ)/8 · 1/(μ − λ)`, () => {
      const mu = 100;
      const lambda = rho * mu;
      const r = run(
        head('4h', lambda) +
          `    - { name: api, replicas: 8, concurrency: 4096, gpusPerReplica: 0, releaseDuringCalls: true, latency: { distribution: constant, ms: 0 }, calls: [{ parallel: [{ to: a }, { to: b }] }] }\n` +
          station('a', 1, 1000 / mu) +
          station('b', 1, 1000 / mu),
      );
      const truth = ((12 - rho) / 8) * (1 / (mu - lambda)) * 1000;
      expect(Math.abs(r.latency.mean() / truth - 1)).toBeLessThan(0.04);
      expectConservedGraph(r);
    });
  }
});

describe('blocking callers', () => {
  const front = (release: boolean) =>
    head('30m', 200) +
    `    - { name: api, replicas: 1, concurrency: 10, gpusPerReplica: 0, releaseDuringCalls: ${release}, latency: { distribution: constant, ms: 0.01 }, queue: { maxLength: 100 }, calls: [{ to: slow }] }\n` +
    `    - { name: slow, replicas: 1, concurrency: 1000, gpusPerReplica: 0, latency: { distribution: constant, ms: 100 } }\n`;

  it('N slots held during a call of constant duration D pass at most N/D requests per second', () => {
    const r = run(front(false));
    const servedPerSecond = r.measured.served / (30 * 60 - 600);
    expect(servedPerSecond).toBeLessThanOrEqual(10 / 0.1 + 1);
    expect(servedPerSecond).toBeGreaterThan(95);
    expect(r.measured.dropped / r.measured.offered).toBeGreaterThan(0.45);
    // The front's threads are taken, not working: its own utilization stays near zero, its slots in use at 1.
    expect(r.services[0]!.utilization).toBeLessThan(0.01);
    expect(r.services[0]!.slotsInUse).toBeGreaterThan(0.995);
    expect(r.services[0]!.series.slotsInUse.every((x) => x <= 1)).toBe(true);
  });

  it('with releaseDuringCalls: true the same front passes the offered load', () => {
    const r = run(front(true));
    expect(r.measured.served / r.measured.offered).toBeGreaterThan(0.999);
    // Nothing is held: slots in use are the working slots.
    expect(r.services[0]!.slotsInUse).toBe(r.services[0]!.utilization);
  });

  it('slots in use count held slots: λ × (work + call) ÷ slots, against λ × work ÷ slots for utilization', () => {
    // 20/s into 4 slots, 10 ms of own work then a 90 ms call to a wide callee: each visit holds its slot 100 ms.
    // Little's law on the slots: 20 × 0.1 / 4 = 0.5 in use, 20 × 0.01 / 4 = 0.05 working.
    const r = run(
      head('3h', 20) +
        `    - { name: api, replicas: 1, concurrency: 4, gpusPerReplica: 0, latency: { distribution: constant, ms: 10 }, calls: [{ to: db }] }\n` +
        `    - { name: db, replicas: 1, concurrency: 1000, gpusPerReplica: 0, latency: { distribution: constant, ms: 90 } }\n`,
    );
    const api = r.services[0]!;
    expect(api.slotsInUse).toBeCloseTo(0.5, 2);
    expect(api.utilization).toBeCloseTo(0.05, 2);
    // The callee holds nothing: its slots in use are its utilization (20 × 0.09 / 1000).
    expect(r.services[1]!.slotsInUse).toBe(r.services[1]!.utilization);
    expect(r.services[1]!.utilization).toBeCloseTo(0.0018, 4);
  });
});

describe('retries', () => {
  it('amplify load: a dependency slower than the timeout sees offered × (1 + retries) calls', () => {
    const r = run(
      head('30m', 20) +
        `    - { name: api, replicas: 4, concurrency: 1000, gpusPerReplica: 0, releaseDuringCalls: true, latency: { distribution: constant, ms: 1 }, calls: [{ to: slow, timeout: 100ms, retries: 2, backoff: { base: 0ms } }] }\n` +
        `    - { name: slow, replicas: 4, concurrency: 1000, gpusPerReplica: 0, latency: { distribution: constant, ms: 500 } }\n`,
    );
    const [api, slow] = r.services.map((s) => s.stats!);
    expect(slow!.visits / api!.visits).toBeCloseTo(3, 2);
    expect(api!.retries / api!.visits).toBeCloseTo(2, 2);
    expect(r.measured.served).toBe(0);
    expect(r.measured.timedOut + r.measured.unfinished).toBe(r.measured.offered);
    expect(r.measured.timedOut / r.measured.offered).toBeGreaterThan(0.999);
  });

  it('stay bounded with back-off and jitter: a rate-limited dependency near its limit gets < 1.2 attempts per request and serves all; without back-off retries pile onto the empty bucket', () => {
    const design = (backoff: string, retries: number) =>
      head('1h', 40) +
      `    - { name: api, replicas: 4, concurrency: 1000, gpusPerReplica: 0, releaseDuringCalls: true, latency: { distribution: constant, ms: 1 }, calls: [{ to: vendor, retries: ${retries}, backoff: ${backoff} }] }\n` +
      `    - { name: vendor, replicas: 4, concurrency: 1000, gpusPerReplica: 0, rateLimit: { perSecond: 50, burst: 5 }, latency: { distribution: constant, ms: 20 } }\n`;
    const jittered = run(design('{ base: 100ms, jitter: true }', 5));
    const [api, vendor] = jittered.services.map((s) => s.stats!);
    const attempts = vendor!.visits / api!.visits;
    expect(attempts).toBeLessThan(1.2);
    expect(jittered.services[1]!.rateLimited).toBeGreaterThan(0);
    expect(jittered.measured.served / jittered.measured.offered).toBeGreaterThan(0.999);
    const immediate = run(design('{ base: 0ms }', 5));
    const [api0, vendor0] = immediate.services.map((s) => s.stats!);
    expect(vendor0!.visits / api0!.visits).toBeGreaterThan(attempts);
    expect(immediate.measured.served / immediate.measured.offered).toBeLessThan(jittered.measured.served / jittered.measured.offered);
  });
});

describe('where the time goes', () => {
  it('the breakdown sums to the traced mean and follows the slower branch of a fork', () => {
    const r = run(
      head('1h', 50, '0.5ms') +
        `    - { name: api, replicas: 4, concurrency: 8, gpusPerReplica: 0, releaseDuringCalls: true, latency: { distribution: constant, ms: 5 }, calls: [{ parallel: [{ to: fast }, { to: slow }] }] }\n` +
        station('fast', 4, 2) +
        station('slow', 4, 40),
    );
    const b = r.breakdown!;
    const sum = b.services.reduce((a, s) => a + s.queueMs + s.workMs, 0) + b.networkMs + b.retryMs;
    expect(sum).toBeCloseTo(b.totalMs, 6);
    expect(b.traces).toBeGreaterThan(1000);
    expect(b.path.services).toEqual([0, 2]);
    expect(b.path.share).toBeGreaterThan(0.9);
    expect(b.networkMs).toBeCloseTo(1, 6);
  });
});

describe('choice', () => {
  it('a router picks exactly one callee per request, by probability', () => {
    const r = run(
      head('1h', 100) +
        `    - { name: api, replicas: 4, concurrency: 64, gpusPerReplica: 0, releaseDuringCalls: true, latency: { distribution: constant, ms: 1 }, calls: [{ choice: [{ to: a, probability: 0.5 }, { to: b, probability: 0.3 }, { to: c, probability: 0.2 }] }] }\n` +
        station('a', 8, 10) + station('b', 8, 10) + station('c', 8, 10),
    );
    const [api, a, b, c] = r.services.map((s) => s.stats!);
    expect(a!.visits + b!.visits + c!.visits).toBe(api!.visits);
    expect(Math.abs(a!.visits / api!.visits - 0.5)).toBeLessThan(0.015);
    expect(Math.abs(b!.visits / api!.visits - 0.3)).toBeLessThan(0.015);
    expect(Math.abs(c!.visits / api!.visits - 0.2)).toBeLessThan(0.015);
  });
});

describe('connection pools', () => {
  // The api answers at once and calls db; each api replica's pool of `connections` is the only limit on
  // calls in flight (db has 1,000 slots). Random routing splits the Poisson stream, so each replica's pool
  // is an M/M/c queue of c = connections servers: its wait is Erlang C's.
  const design = (qps: number, connections: string) =>
    head('3h', qps) +
    `    - { name: api, replicas: 2, concurrency: 4096, gpusPerReplica: 0, routing: random, releaseDuringCalls: true, latency: { distribution: constant, ms: 0.000001 }, calls: [{ to: db${connections} }] }\n` +
    `    - { name: db, replicas: 1, concurrency: 1000, gpusPerReplica: 0, latency: { distribution: exponential, meanMs: 100 } }\n`;

  it('each replica pool of 5 connections is an M/M/5 queue: mean call time within 3% of Erlang C (λ = 30/s per replica, ρ = 0.6)', () => {
    const r = run(design(60, ', connections: 5'));
    const truth = sojourn(5, 30, 0.1) * 1000;
    expect(Math.abs(r.latency.mean() / truth - 1)).toBeLessThan(0.03);
    // Erlang C's share of calls that wait, against the calls that waited for a connection.
    const api = r.services[0]!.stats!;
    const waited = api.connectionWaits / api.visits;
    expect(waited).toBeGreaterThan(0.2);
    expect(waited).toBeLessThan(0.45);
    // The database never sees more than 2 × 5 queries at once: its utilization stays under 10 of 1,000 slots.
    expect(r.services[1]!.utilization).toBeLessThan(0.01);
    expectConservedGraph(r);
  });

  it('without a pool the same calls do not wait: mean call time is the query time', () => {
    const r = run(design(60, ''));
    expect(Math.abs(r.latency.mean() / 100 - 1)).toBeLessThan(0.03);
    expect(r.services[0]!.stats!.connectionWaits).toBe(0);
  });

  const overloaded = (timeout: string) =>
    head('30m', 200) +
    `    - { name: api, replicas: 2, concurrency: 4096, gpusPerReplica: 0, releaseDuringCalls: true, latency: { distribution: constant, ms: 0.000001 }, calls: [{ to: db, connections: 5${timeout} }] }\n` +
    `    - { name: db, replicas: 1, concurrency: 1000, gpusPerReplica: 0, latency: { distribution: constant, ms: 100 } }\n`;

  it('pools cap throughput at replicas × connections ÷ query time (2 × 5 ÷ 0.1 s = 100/s of 200/s offered)', () => {
    const r = run(overloaded(''));
    // Every request of the run (the backlog grows, so those arriving after the warm-up mostly never finish).
    const perSecond = r.requests.served / (30 * 60);
    expect(perSecond).toBeLessThanOrEqual((2 * 5) / 0.1 + 1);
    expect(perSecond).toBeGreaterThan(95);
    // The database is 10 of 1,000 slots busy: the pool, not the database, is the bottleneck.
    expect(r.services[1]!.utilization).toBeCloseTo(0.01, 3);
  });

  it('a batching caller keeps a pool per replica too: its visits make their calls from the pod that served them', () => {
    // The same cap as above with api as a batching service (batches of 1, nothing to wait for): the batching and
    // LLM executors start visits themselves, and a visit's pool was keyed by a pod it never ran on.
    const r = run(overloaded('').replace('latency: { distribution: constant, ms: 0.000001 }', 'latency: { distribution: constant, ms: 0.000001 }, batching: { maxBatchSize: 1, maxQueueDelay: 0ms, batchLatency: { baseMs: 0.000001, perItemMs: 0 } }'));
    const perSecond = r.requests.served / (30 * 60);
    expect(perSecond).toBeLessThanOrEqual((2 * 5) / 0.1 + 1);
    expect(perSecond).toBeGreaterThan(95);
    expect(r.services[1]!.utilization).toBeCloseTo(0.01, 3);
  });

  it('with a timeout, calls that waited too long fail; a timed-out query gives its connection back', () => {
    const r = run(overloaded(', timeout: 1s'));
    // Waiting in FIFO order past the capacity, almost every call reaches the database late and times out
    // there: the goodput collapse of an overloaded pool with a timeout that also covers the wait.
    expect(r.measured.timedOut / r.measured.offered).toBeGreaterThan(0.45);
    expect(r.services[0]!.stats!.connectionWaits).toBeGreaterThan(r.services[0]!.stats!.visits * 0.5);
    // A timed-out call's connection goes back to the pool while the database still runs the query (the
    // caller does not cancel it): the database then runs more than the pools' 10 queries at once.
    expect(r.services[1]!.utilization).toBeGreaterThan(0.015);
    expectConservedGraph(r);
  });
});

describe('queue consumers with batch pull', () => {
  // Messages arrive every 10 ms (uniform) at a consumer that pulls batches of 10 (5 ms a batch) and writes
  // each batch to db (20 ms, one connection). A message waits (10 − k) × 10 ms for its batch to fill, so
  // the mean message time is 45 + 5 + 20 = 70 ms whichever way the write is made; what changes is db's load.
  const design = (perBatch: boolean) =>
    head('1h', 100).replace('profile:', 'arrivals: uniform, profile:').replace('target: api', 'target: consumer') +
    `    - { name: consumer, replicas: 1, gpusPerReplica: 0, releaseDuringCalls: true, latency: { distribution: constant, ms: 5 }, batching: { maxBatchSize: 10, maxQueueDelay: 10s, batchLatency: { baseMs: 5, perItemMs: 0 }${perBatch ? ', callsPerBatch: true' : ''} }, calls: [{ to: db }] }\n` +
    `    - { name: db, replicas: 1, concurrency: 1, gpusPerReplica: 0, latency: { distribution: constant, ms: 20 } }\n`;

  it('callsPerBatch: one write per batch of 10, every message waits for it: mean 70 ms, db 20% busy', () => {
    const r = run(design(true));
    const [consumer, db] = r.services.map((s) => s.stats!);
    expect(db!.visits * 10).toBeGreaterThanOrEqual(consumer!.visits - 10);
    expect(db!.visits * 10).toBeLessThanOrEqual(consumer!.visits + 10);
    expect(r.latency.mean()).toBeCloseTo(70, 0);
    expect(r.services[1]!.utilization).toBeCloseTo(0.2, 2);
    // Every message's own time excludes the write it waited for.
    expect(consumer!.own().mean()).toBeCloseTo(50, 0);
    expectConservedGraph(r);
  });

  it('without it each message makes its own write: db gets 100 writes/s of 20 ms on one connection and falls behind', () => {
    const r = run(design(false));
    const [consumer, db] = r.services.map((s) => s.stats!);
    expect(db!.visits).toBeGreaterThan(consumer!.visits * 0.45);
    expect(r.services[1]!.utilization).toBeGreaterThan(0.99);
    expect(r.latency.mean()).toBeGreaterThan(1000);
  });
});

describe('a caller that has failed', () => {
  // mid fans out to a and b, which refuse almost every call (a rate limit of one call in 1,000 s): both
  // refusals reach mid at the same instant. The first fails mid's visit; the second finds mid's slot still
  // taken (mid's own failure is on its way to api) and must be ignored, not fail mid a second time.
  const design = (network: string) =>
    head('20m', 50, network).replace('warmup: 10m', 'warmup: 0s').replace('drain: 0s', 'drain: 1m') +
    `    - { name: api, replicas: 2, concurrency: 1000, gpusPerReplica: 0, releaseDuringCalls: true, latency: { distribution: constant, ms: 1 }, calls: [{ to: mid }] }\n` +
    `    - { name: mid, replicas: 2, concurrency: 1000, gpusPerReplica: 0, latency: { distribution: constant, ms: 1 }, calls: [{ parallel: [{ to: a }, { to: b }] }] }\n` +
    `    - { name: a, replicas: 1, gpusPerReplica: 0, rateLimit: { perSecond: 0.001, burst: 1 }, latency: { distribution: constant, ms: 1 } }\n` +
    `    - { name: b, replicas: 1, gpusPerReplica: 0, rateLimit: { perSecond: 0.001, burst: 1 }, latency: { distribution: constant, ms: 1 } }\n`;

  for (const network of ['0ms', '0.25ms']) {
    it(`fails once when a second call of its parallel group fails after it (network ${network})`, () => {
      const r = run(design(network));
      const [api, mid, a, b] = r.services.map((s) => s.stats!);
      // One call to mid per request, each sending one call to a and one to b; every mid visit fails once.
      expect(api!.visits).toBe(r.measured.offered);
      expect(mid!.visits).toBe(api!.visits);
      expect(a!.visits).toBe(mid!.visits);
      expect(b!.visits).toBe(mid!.visits);
      expect(mid!.served + mid!.dropped).toBe(mid!.visits);
      expect(mid!.served).toBe(r.measured.served);
      // The buckets' first tokens and their refill over 20 minutes let at most two calls through to each.
      expect(mid!.served).toBeLessThanOrEqual(2);
      expect(r.measured.dropped).toBe(r.measured.offered - r.measured.served);
      expectConservedGraph(r);
    });
  }
});

describe('the end of a run', () => {
  it('does not count a visit whose reply is still on the network as unfinished: it was served', () => {
    // Uniform arrivals at 1,000/s come at (k + 0.5) ms, k = 0..9,999, over 10 s with no drain. api works 1 ms,
    // the call takes 0.5 ms each way, db works 1 ms. A request sends its call at a + 1 ms (k ≤ 9,998: 9,999
    // calls), db ends it at a + 2.5 ms (k ≤ 9,997: 9,998 served) and the reply lands at a + 3 ms. So db has
    // 9,999 visits: 9,998 served and 1 unfinished (k = 9,998); k = 9,997's reply is in flight at the stop.
    const r = run(
      head('10s', 1000, '0.5ms').replace('warmup: 10m', 'warmup: 0s').replace('profile:', 'arrivals: uniform, profile:') +
        `    - { name: api, replicas: 1, concurrency: 100, gpusPerReplica: 0, releaseDuringCalls: true, latency: { distribution: constant, ms: 1 }, calls: [{ to: db }] }\n` +
        `    - { name: db, replicas: 1, concurrency: 100, gpusPerReplica: 0, latency: { distribution: constant, ms: 1 } }\n`,
    );
    const db = r.services[1]!;
    expect(r.requests.offered).toBe(10_000);
    expect(db.stats!.served).toBe(9_998);
    expect(db.unfinished).toBe(1);
    expect(r.requests.unfinished).toBe(3);
  });
});

describe('the in-flight limit', () => {
  it('counts the arrivals it refuses at the entry service too: its visits are the requests offered to it', () => {
    // api holds every request for 10 s on db: with at most 200 visits in flight, most arrivals are refused.
    const p = parseScenarioText(
      head('20m', 50).replace('warmup: 10m', 'warmup: 1m') +
        `    - { name: api, replicas: 1, concurrency: 1000, gpusPerReplica: 0, releaseDuringCalls: true, latency: { distribution: constant, ms: 1 }, calls: [{ to: db }] }\n` +
        `    - { name: db, replicas: 1, concurrency: 1000, gpusPerReplica: 0, latency: { distribution: constant, ms: 10000 } }\n`,
      'graph.yaml',
    );
    if (!p.ok) throw new Error(JSON.stringify(p.issues));
    const r = runEngine({ ...compileScenario(p.scenario), maxInFlightRequests: 200 });
    expect(r.inFlightLimitDrops).toBeGreaterThan(r.measured.offered / 2);
    const api = r.services[0]!;
    expect(api.stats!.visits + api.unfinished).toBe(r.measured.offered);
    expect(api.stats!.dropped).toBe(r.measured.dropped);
  });
});
