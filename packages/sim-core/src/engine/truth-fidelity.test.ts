/**
 * Cases an independent checker would try, written as scenario YAML (the user's path: parse → compile →
 * engine) and compared with closed forms from src/theory: M/M/c at ρ = 0.9 and c = 256 on the whole
 * sojourn distribution (mean, p50, p90, p99), M/G/1 with lognormal and empirical service against
 * Pollaczek–Khinchine, open Jackson networks with three stations of different rates, a feedback loop and a
 * router with unequal branches (per-station Erlang C at the traffic equations' rates), fork-join of 4 and 8
 * queues (Nelson–Tantawi), closed networks of 2 and 3 stations against their exact product form, M/M/c/K
 * blocking (and Erlang B), blocking callers at N/D, and Little's law on the in-flight series.
 * bench/truth-fidelity-report.ts runs longer versions of the same cases through the CLI (docs/fidelity.md).
 */
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../api/compile-scenario.ts';
import { parseScenarioText } from '../scenario/parse-scenario.ts';
import { closedNetwork, erlangB, forkJoinNelsonTantawi, lognormalMoments, meanSojourn, mg1MeanWait, mmck, sojournQuantile, waitTail } from '../theory/index.ts';
import type { EngineResult } from './engine-result.ts';
import { runEngine } from './simulation.ts';
import { poisson, station, truthHead as head } from '../test-support/truth-yaml.ts';

function run(yaml: string): EngineResult {
  const p = parseScenarioText(yaml, 'truth.yaml');
  if (!p.ok) throw new Error(JSON.stringify(p.issues));
  return runEngine(compileScenario(p.scenario));
}

const relErr = (actual: number, expected: number) => Math.abs(actual / expected - 1);
/** Mean sojourn of an M/M/c station, ms. */
const mmcMs = (c: number, lambda: number, meanMs: number) => meanSojourn({ lambda, mu: 1000 / meanMs, servers: c }) * 1000;

/** Every request in exactly one bucket, end to end and at every service (visits still in flight aside). */
function expectConserved(r: EngineResult): void {
  const q = r.requests;
  expect(q.offered).toBe(q.served + q.dropped + q.timedOut + q.unfinished);
  const m = r.measured;
  expect(m.offered).toBe(m.served + m.dropped + m.timedOut + m.unfinished);
  for (const s of r.services) {
    // A one-service design has no per-service stats (its figures are the summary's, checked above).
    const st = s.stats;
    if (st) expect(st.visits).toBe(st.served + st.dropped + st.timedOut);
  }
}

describe('M/M/c: the whole sojourn distribution (mean, p50, p90, p99) within 3% of the exact FIFO law', () => {
  // c = 256 and ρ = 0.9 are not in fidelity.test.ts; the median and p90 test the no-wait mass and the
  // hypoexponential body, not only the tail.
  for (const [c, rho, requests] of [
    [256, 0.95, 3_000_000],
    [8, 0.9, 2_000_000],
  ] as const) {
    it(`c=${c}, ρ=${rho}`, () => {
      const mu = 20;
      const lambda = rho * c * mu;
      const seconds = requests / lambda;
      const r = run(head({ seconds, warmup: seconds * 0.02, seed: 100 + c, traffic: poisson(lambda) }) + station('api', c, 50));
      const q = { lambda, mu, servers: c };
      expect(relErr(r.latency.mean(), meanSojourn(q) * 1000)).toBeLessThan(0.03);
      for (const p of [0.5, 0.9, 0.99]) expect(relErr(r.latency.quantile(p), sojournQuantile(q, p) * 1000)).toBeLessThan(0.03);
    });
  }
});

describe('M/M/c as a user may write it: concurrency per replica is servers too', () => {
  it('one replica with concurrency 8 (default routing) and 4 replicas × concurrency 2 behind shared-queue are both M/M/8: mean and p99 within 3%', () => {
    const lambda = 144; // ρ = 0.9
    const seconds = 2_000_000 / lambda;
    const q = { lambda, mu: 20, servers: 8 };
    for (const spec of ['replicas: 1, concurrency: 8', 'replicas: 4, concurrency: 2, routing: shared-queue']) {
      const r = run(head({ seconds, warmup: seconds * 0.02, seed: 5, traffic: poisson(lambda) }) + `    - { name: api, ${spec}, gpusPerReplica: 0, latency: { distribution: exponential, meanMs: 50 } }\n`);
      expect(relErr(r.latency.mean(), meanSojourn(q) * 1000)).toBeLessThan(0.03);
      expect(relErr(r.latency.quantile(0.99), sojournQuantile(q, 0.99) * 1000)).toBeLessThan(0.03);
    }
  });
});

describe('the M/M/c wait: P(W > 0) is Erlang C', () => {
  it('a connection pool of 6 in front of an unbounded database is an M/M/6 queue: the share of calls that waited is C(6, a) within 1.5%', () => {
    // One caller replica answering at once; its pool is the only limit (the database has 1,000 slots), so a
    // call waits exactly when all 6 connections are out: the M/M/c wait, P(W > 0) = C = waitTail(q, 0).
    const lambda = 48;
    const seconds = 2 * 3600;
    const r = run(
      head({ seconds, warmup: 300, seed: 71, traffic: poisson(lambda) }) +
        `    - { name: api, replicas: 1, concurrency: 4096, gpusPerReplica: 0, releaseDuringCalls: true, latency: { distribution: constant, ms: 0.000001 }, calls: [{ to: db, connections: 6 }] }\n` +
        `    - { name: db, replicas: 1, concurrency: 1000, gpusPerReplica: 0, latency: { distribution: exponential, meanMs: 100 } }\n`,
    );
    const q = { lambda, mu: 10, servers: 6 };
    const api = r.services[0]!.stats!;
    expect(relErr(api.connectionWaits / api.visits, waitTail(q, 0))).toBeLessThan(0.015);
    expect(relErr(r.latency.mean(), meanSojourn(q) * 1000)).toBeLessThan(0.03);
  });
});

describe('M/G/1 against the Pollaczek–Khinchine mean wait λE[S²] / 2(1 − ρ), within 3%', () => {
  it('lognormal service, p50 40 ms and p99 200 ms (SCV 0.61), ρ = 0.5', () => {
    const z99 = 2.3263478740408408; // standard normal 0.99 quantile
    const m = lognormalMoments(Math.log(0.04), Math.log(5) / z99);
    const lambda = 0.5 / m.mean;
    const seconds = 2_000_000 / lambda;
    const r = run(
      head({ seconds, warmup: seconds * 0.02, seed: 11, traffic: poisson(lambda) }) +
        `    - { name: api, replicas: 1, gpusPerReplica: 0, routing: shared-queue, latency: { distribution: lognormal, p50Ms: 40, p99Ms: 200 } }\n`,
    );
    const waitMs = r.latency.mean() - m.mean * 1000;
    expect(relErr(waitMs, mg1MeanWait(lambda, m.mean, m.secondMoment) * 1000)).toBeLessThan(0.03);
  });

  it('empirical service: nine of 5 ms, one of 100 ms (SCV 3.86), ρ = 0.5', () => {
    const samples = [5, 5, 5, 5, 5, 5, 5, 5, 5, 100];
    const mean = samples.reduce((a, b) => a + b) / samples.length / 1000;
    const second = samples.reduce((a, b) => a + (b / 1000) ** 2, 0) / samples.length;
    const lambda = 0.5 / mean;
    const seconds = 3_000_000 / lambda;
    const r = run(
      head({ seconds, warmup: seconds * 0.02, seed: 12, traffic: poisson(lambda) }) +
        `    - { name: api, replicas: 1, gpusPerReplica: 0, routing: shared-queue, latency: { distribution: empirical, samplesMs: [${samples.join(', ')}] } }\n`,
    );
    const waitMs = r.latency.mean() - mean * 1000;
    expect(relErr(waitMs, mg1MeanWait(lambda, mean, second) * 1000)).toBeLessThan(0.03);
  });
});

describe('open Jackson networks: each station is M/M/c at the traffic equations’ rate (3%), visits within 1%', () => {
  const seconds = 1.5 * 3600;
  const warmup = 600;
  const measured = seconds - warmup;

  /** `expected` lists the stations in the scenario's order (the order of `r.services`). */
  function expectStations(r: EngineResult, expected: Record<string, { lambda: number; c: number; meanMs: number }>): void {
    const stations = Object.values(expected);
    expect(r.services.length).toBe(stations.length);
    for (const [i, s] of r.services.entries()) {
      const e = stations[i]!;
      expect(relErr(s.stats!.own().mean(), mmcMs(e.c, e.lambda, e.meanMs))).toBeLessThan(0.03);
      expect(relErr(s.stats!.served, e.lambda * measured)).toBeLessThan(0.01);
      // Little's law on the servers: mean busy servers = λ × E[S], so utilization = λ·E[S] / c.
      expect(relErr(s.utilization, (e.lambda * e.meanMs) / 1000 / e.c)).toBeLessThan(0.02);
    }
  }

  it('a tandem of three stations with different rates and sizes: M/M/1 → M/M/8 → M/M/64', () => {
    const lambda = 150;
    const r = run(
      head({ seconds, warmup, seed: 21, traffic: poisson(lambda, 'gw') }) +
        station('gw', 1, 4, ', releaseDuringCalls: true, calls: [{ to: api }]') +
        station('api', 8, 40, ', releaseDuringCalls: true, calls: [{ to: db }]') +
        station('db', 64, 300),
    );
    expectStations(r, { gw: { lambda, c: 1, meanMs: 4 }, api: { lambda, c: 8, meanMs: 40 }, db: { lambda, c: 64, meanMs: 300 } });
    expect(relErr(r.latency.mean(), mmcMs(1, lambda, 4) + mmcMs(8, lambda, 40) + mmcMs(64, lambda, 300))).toBeLessThan(0.03);
    expectConserved(r);
  });

  it('a feedback loop: db sends 25% of its visits back to api as an async event, so both see λ / (1 − 0.25)', () => {
    // At db's completion the request leaves and a new one enters api (no network time): Jackson routing
    // db → api with probability 0.25.
    const r = run(
      head({ seconds, warmup, seed: 22, traffic: poisson(60) }) +
        station('api', 4, 40, ', releaseDuringCalls: true, calls: [{ to: db }]') +
        station('db', 2, 20, ', calls: [{ to: api, async: true, probability: 0.25 }]'),
    );
    expectStations(r, { api: { lambda: 80, c: 4, meanMs: 40 }, db: { lambda: 80, c: 2, meanMs: 20 } });
    // An entry request does not wait for the events it causes: end to end it is one pass.
    expect(relErr(r.latency.mean(), mmcMs(4, 80, 40) + mmcMs(2, 80, 20))).toBeLessThan(0.03);
  });

  it('a router with unequal branches (0.7, 0.2, none 0.1) into a shared database also called with p = 0.5', () => {
    const lambda = 100;
    const r = run(
      head({ seconds, warmup, seed: 23, traffic: poisson(lambda) }) +
        station('api', 4, 30, ', releaseDuringCalls: true, calls: [{ choice: [{ to: a, probability: 0.7 }, { to: b, probability: 0.2 }] }, { to: db, probability: 0.5 }]') +
        station('a', 8, 90, ', releaseDuringCalls: true, calls: [{ to: db }]') +
        station('b', 2, 70, ', releaseDuringCalls: true, calls: [{ to: db }]') +
        station('db', 4, 20),
    );
    const e = { api: { lambda, c: 4, meanMs: 30 }, a: { lambda: 70, c: 8, meanMs: 90 }, b: { lambda: 20, c: 2, meanMs: 70 }, db: { lambda: 140, c: 4, meanMs: 20 } };
    expectStations(r, e);
    const w = (k: keyof typeof e) => mmcMs(e[k].c, e[k].lambda, e[k].meanMs);
    expect(relErr(r.latency.mean(), w('api') + 0.7 * (w('a') + w('db')) + 0.2 * (w('b') + w('db')) + 0.5 * w('db'))).toBeLessThan(0.03);
    expectConserved(r);
  });
});

describe('fork-join of k M/M/1 queues against Nelson–Tantawi (an approximation: 5%)', () => {
  // Run lengths keep each test under ~10 s on a loaded 2-core machine (k = 8 makes 9 visits per request).
  for (const [k, rho, hours] of [
    [4, 0.8, 2],
    [8, 0.5, 1.25],
  ] as const) {
    it(`k = ${k}, ρ = ${rho}`, () => {
      const mu = 100;
      const lambda = rho * mu;
      const branches = Array.from({ length: k }, (_, i) => `{ to: q${i} }`).join(', ');
      let yaml =
        head({ seconds: hours * 3600, warmup: 600, seed: 30 + k, traffic: poisson(lambda) }) +
        `    - { name: api, replicas: 8, concurrency: 4096, gpusPerReplica: 0, releaseDuringCalls: true, latency: { distribution: constant, ms: 0 }, calls: [{ parallel: [${branches}] }] }\n`;
      for (let i = 0; i < k; i++) yaml += station(`q${i}`, 1, 1000 / mu);
      const r = run(yaml);
      expect(relErr(r.latency.mean(), forkJoinNelsonTantawi(k, lambda, mu) * 1000)).toBeLessThan(0.05);
    });
  }
});

describe('closed loops against the exact product-form network (2%), and R = N/X − Z', () => {
  for (const cc of [
    { users: 30, think: 2, stations: [[1, 50], [2, 60]] },
    { users: 60, think: 1, stations: [[4, 40], [1, 12], [8, 100]] },
  ] as const) {
    it(`N = ${cc.users}, Z = ${cc.think} s, ${cc.stations.map(([c, ms]) => `M/M/${c} ${ms} ms`).join(' → ')}`, () => {
      const seconds = 3 * 3600;
      const warmup = 600;
      let yaml = head({ seconds, warmup, seed: 51, traffic: `{ target: s0, arrivals: closed, users: ${cc.users}, thinkTime: { distribution: exponential, mean: ${cc.think}s } }` });
      cc.stations.forEach(([c, ms], i) => (yaml += station(`s${i}`, c, ms, i + 1 < cc.stations.length ? `, releaseDuringCalls: true, calls: [{ to: s${i + 1} }]` : '')));
      const r = run(yaml);
      const t = closedNetwork(
        cc.users,
        cc.think,
        cc.stations.map(([c, ms]) => ({ servers: c, serviceSeconds: ms / 1000 })),
      );
      const x = r.measured.served / (seconds - warmup);
      expect(relErr(x, t.throughput)).toBeLessThan(0.02);
      expect(relErr(r.latency.mean(), t.responseSeconds * 1000)).toBeLessThan(0.02);
      expect(relErr(r.latency.mean(), (cc.users / x - cc.think) * 1000)).toBeLessThan(0.02);
      r.services.forEach((s, i) => expect(relErr(s.stats!.own().mean(), t.stationSeconds[i]! * 1000)).toBeLessThan(0.02));
    });
  }
});

describe('M/M/c/K under overload: blocking probability and conservation', () => {
  // queue.maxLength on a shared-queue service is the waiting room: K = c + maxLength.
  for (const [c, room, rho] of [
    [4, 6, 1.5],
    [8, 0, 1.0],
    [64, 16, 1.2],
  ] as const) {
    it(`M/M/${c}/${c + room} at ρ = ${rho}: refused share within 2% of p(K)${room === 0 ? ' (Erlang B)' : ''}, served sojourn within 2%`, () => {
      const mu = 20;
      const lambda = rho * c * mu;
      const seconds = 1_000_000 / lambda;
      const r = run(head({ seconds, warmup: seconds * 0.02, seed: 61, traffic: poisson(lambda) }) + station('api', c, 50, `, queue: { maxLength: ${room} }`));
      const t = mmck({ lambda, mu, servers: c, capacity: c + room });
      if (room === 0) expect(t.blocking).toBeCloseTo(erlangB(c, lambda / mu), 12);
      expect(relErr(r.measured.dropped / r.measured.offered, t.blocking)).toBeLessThan(0.02);
      expect(relErr(r.latency.mean(), t.meanSojourn * 1000)).toBeLessThan(0.02);
      expectConserved(r);
    });
  }
});

describe('blocking callers and Little’s law', () => {
  it('4 slots held during a 50 ms call pass N/D = 80/s of 200/s; the in-flight series obeys Little’s law over visits', () => {
    const seconds = 1800;
    const warmup = 300;
    const r = run(
      head({ seconds, warmup, seed: 41, interval: '1s', traffic: poisson(200) }) +
        `    - { name: api, replicas: 1, concurrency: 4, gpusPerReplica: 0, releaseDuringCalls: false, latency: { distribution: constant, ms: 0.01 }, queue: { maxLength: 50 }, calls: [{ to: slow }] }\n` +
        `    - { name: slow, replicas: 1, concurrency: 1000, gpusPerReplica: 0, latency: { distribution: constant, ms: 50 } }\n`,
    );
    const perSecond = r.measured.served / (seconds - warmup);
    expect(perSecond).toBeLessThanOrEqual(80 + 0.5);
    expect(perSecond).toBeGreaterThan(79);
    expectConserved(r);
    // The top-level waiting + inService series counts visits (a request at api waiting on its call to slow
    // counts at both): its time average is Σ served visits/s × subtree mean, here X·W end to end plus the
    // calls in flight at slow, X × 50 ms.
    const ts = r.timeseries;
    let inFlight = 0;
    for (let i = warmup; i < ts.t.length; i++) inFlight += ts.waiting[i]! + ts.inService[i]!;
    inFlight /= ts.t.length - warmup;
    expect(relErr(inFlight, perSecond * (r.latency.mean() / 1000) + perSecond * 0.05)).toBeLessThan(0.03);
  });
});
