/**
 * The third audit through the CLI (docs/fidelity.md, "Third audit through the CLI (2026-12-04)"): cases an
 * outside checker writes as scenario YAML, read from the figures `--json` prints, each against a closed form
 * worked by hand below and cross-checked with src/theory. Shorter runs of the long ones in the doc.
 * Per-replica routing (`random`: independent M/M/1 queues; `round-robin`: Erlang-k interarrivals, GI/M/1),
 * evenly spaced arrivals (D/M/1), per-replica `queue.maxLength` (M/M/1/K), `queue.timeout` as a fixed
 * patience (M/M/c+D, with and without a queue cap), an M/G/1 whose service is resampled from a list, and a
 * closed loop on one multi-server station (the finite-source M/M/c//N queue).
 */
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../scenario/parse-scenario.ts';
import { closedNetwork, constantArrivals, erlangArrivals, giM1SojournRate, mg1MeanWait, mmck, mmcDeterministicPatience } from '../theory/index.ts';
import type { RunResult } from './run-result.ts';
import { runScenario } from './run-scenario.ts';
import { truthHead } from '../test-support/truth-yaml.ts';

function run(text: string): RunResult {
  const parsed = parseScenarioText(text, 'truth.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return runScenario(parsed.scenario);
}

const relErr = (sim: number, theory: number) => Math.abs(sim - theory) / theory;

/** 5 minutes of warm-up, no drain, no network time; `arrivals` Poisson or evenly spaced at `qps`. */
const header = (name: string, hours: number, seed: number, qps: number, arrivals = 'poisson', interval = '10m') =>
  truthHead({ name, seconds: hours * 3600, warmup: 300, seed, interval, traffic: `{ arrivals: ${arrivals}, profile: { type: constant, qps: ${qps} } }` });

/** The time-average number queued: `services.api.timeseries.waiting`, sampled at each interval end after the warm-up. */
function meanWaiting(r: RunResult): number {
  const t = r.timeseries!.t;
  const waiting = r.services!.api!.timeseries.waiting;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i]! <= r.summary!.warmupSeconds) continue;
    sum += waiting[i]!;
    n++;
  }
  return sum / n;
}

/** One service `api` with exponential service of mean `meanMs` and the given fields. */
const api = (meanMs: number, fields: string) => `    - { name: api, gpusPerReplica: 0, latency: { distribution: exponential, meanMs: ${meanMs} }, ${fields} }\n`;

function expectConserved(r: RunResult): void {
  const m = r.summary!.measured;
  expect(m.offered).toBe(m.served + m.dropped + m.timedOut + m.unfinished);
}

describe('per-replica routing written as YAML', () => {
  it('random over 4 replicas at 280/s, 10 ms: four independent M/M/1 at 70/s (mean 3%, p99 5%)', () => {
    const r = run(header('random-4', 1, 31, 280) + api(10, 'replicas: 4, routing: random'));
    // Each replica is picked with probability 1/4 independently: a Poisson(70/s) stream (thinning), μ = 100/s.
    // Sojourn Exp(μ − λ) = Exp(30/s): mean 33.333 ms, p99 ln 100/30 s = 153.506 ms.
    expect(relErr(r.summary!.latencyMs.mean, 33.333)).toBeLessThan(0.03);
    expect(relErr(r.summary!.latencyMs.p99, 153.506)).toBeLessThan(0.05);
    expect(Math.abs(r.services!.api!.utilization - 0.7)).toBeLessThan(0.015);
    expectConserved(r);
  });

  it('round-robin over 4 replicas at 280/s, 10 ms: E4/M/1 at each replica (GI/M/1; mean 3%, p99 5%)', () => {
    const r = run(header('rr-4', 1, 32, 280) + api(10, 'replicas: 4, routing: round-robin'));
    // A replica gets every 4th arrival: interarrival Erlang-4 of stage rate 280/s, A*(s) = (280/(280 + s))⁴.
    // σ = A*(μ(1 − σ)), μ = 100/s: σ = 0.552912 (280/(280 + 44.709) = 0.862310, ⁴ = 0.552912). Sojourn
    // Exp(μ(1 − σ)) = Exp(44.709/s): mean 22.367 ms, p99 ln 100/44.709 s = 103.004 ms (random gives 33.3 / 153.5).
    expect(1000 / giM1SojournRate(erlangArrivals(4, 280), 100)).toBeCloseTo(22.367, 2);
    expect(relErr(r.summary!.latencyMs.mean, 22.367)).toBeLessThan(0.03);
    expect(relErr(r.summary!.latencyMs.p99, 103.004)).toBeLessThan(0.05);
    expectConserved(r);
  });

  it('evenly spaced arrivals at 80/s into one exponential server of 10 ms: D/M/1 (mean 3%, p99 5%)', () => {
    const r = run(header('dm1', 3, 33, 80, 'uniform') + api(10, 'replicas: 1, routing: shared-queue'));
    // A*(s) = e^{−s/80}; σ = e^{−100(1 − σ)/80} = 0.628630. Sojourn Exp(100 × 0.371370/s) = Exp(37.137/s):
    // mean 26.927 ms (M/M/1 at the same ρ = 0.8: 50 ms), p99 ln 100/37.137 s = 124.005 ms.
    expect(1000 / giM1SojournRate(constantArrivals(1 / 80), 100)).toBeCloseTo(26.927, 2);
    expect(relErr(r.summary!.latencyMs.mean, 26.927)).toBeLessThan(0.03);
    expect(relErr(r.summary!.latencyMs.p99, 124.005)).toBeLessThan(0.05);
    expectConserved(r);
  });

  it('evenly spaced arrivals at 280/s, round-robin over 4 replicas: D/M/1 with a 14.29 ms gap (mean 3%, p99 5%)', () => {
    const r = run(header('rr-4-uniform', 1, 34, 280, 'uniform') + api(10, 'replicas: 4, routing: round-robin'));
    // Each replica's gap is 4/280 s: σ = e^{−100(1 − σ) × 4/280} = 0.466996; sojourn Exp(53.300/s): mean 18.762 ms,
    // p99 ln 100/53.300 s = 86.400 ms.
    expect(1000 / giM1SojournRate(constantArrivals(4 / 280), 100)).toBeCloseTo(18.762, 2);
    expect(relErr(r.summary!.latencyMs.mean, 18.762)).toBeLessThan(0.03);
    expect(relErr(r.summary!.latencyMs.p99, 86.4)).toBeLessThan(0.05);
  });

  it('random over 4 replicas with queue.maxLength 3 at 360/s, 10 ms: four M/M/1/4 at ρ = 0.9 (blocking 5%, mean 3%)', () => {
    const r = run(header('random-4-k4', 1, 35, 360) + api(10, 'replicas: 4, routing: random, queue: { maxLength: 3 }'));
    // K = 1 in service + 3 waiting per replica, λ = 90/s each: p(n) ∝ 0.9ⁿ, n ≤ 4. Σ = 1 + .9 + .81 + .729 + .6561
    // = 4.0951; blocking p(4) = 0.6561/4.0951 = 0.160216. L = (.9 + 1.62 + 2.187 + 2.6244)/4.0951 = 1.790286;
    // admitted 90 × 0.839784 = 75.581/s; mean sojourn L/75.581 = 23.687 ms.
    const t = mmck({ lambda: 90, mu: 100, servers: 1, capacity: 4 });
    expect(t.blocking).toBeCloseTo(0.160216, 5);
    expect(t.meanSojourn * 1000).toBeCloseTo(23.687, 2);
    const m = r.summary!.measured;
    expect(relErr(m.dropped / m.offered, 0.160216)).toBeLessThan(0.05);
    expect(relErr(r.summary!.latencyMs.mean, 23.687)).toBeLessThan(0.03);
    expectConserved(r);
  });
});

describe('queue.timeout as a fixed patience (M/M/c+D, Boots & Tijms 1999)', () => {
  it('M/M/1+D: 90/s, 10 ms, timeout 20 ms (timed-out share 5% relative, mean of the served 3%)', () => {
    const r = run(header('mm1-patience', 3, 36, 90, 'poisson', '250ms') + api(10, 'replicas: 1, routing: shared-queue, queue: { timeout: 20ms }'));
    // ρ = 0.9, A = μ − λ = 10/s, e^{−Aτ} = e^{−0.2} = 0.818731. p(0) = (1 − ρ)/(1 − ρ²e^{−Aτ}) = 0.296887;
    // P(give up) = ρ p(0) e^{−Aτ} = 0.218764; the served wait λp(0)(1 − e^{−Aτ}(1 + Aτ))/A²/(1 − 0.218764)
    // = 5.9935 ms, sojourn 15.994 ms; utilization 1 − p(0) = 0.703113.
    const t = mmcDeterministicPatience({ lambda: 90, mu: 100, servers: 1 }, 0.02);
    expect(t.abandon).toBeCloseTo(0.218764, 5);
    const m = r.summary!.measured;
    expect(relErr(m.timedOut / m.offered, 0.218764)).toBeLessThan(0.05);
    expect(relErr(r.summary!.latencyMs.mean, 15.994)).toBeLessThan(0.03);
    expect(Math.abs(r.services!.api!.utilization - 0.703113)).toBeLessThan(0.015);
    // Little on the queue: every arrival spends min(V, τ) there, E = 4.6824 + 20 × 0.218764 = 9.0577 ms, so the
    // mean number queued is 90 × 9.0577 ms = 0.81519 (lazily checked, requests past the timeout stayed until the
    // server freed: 1.02, +25%).
    expect(relErr(meanWaiting(r), 0.81519)).toBeLessThan(0.03);
    expectConserved(r);
  });

  it('M/M/4+D above capacity: 88/s on 4 × 50 ms (ρ = 1.1), timeout 100 ms (timed-out share 5% relative, mean 3%)', () => {
    const r = run(header('mm4-patience', 3, 37, 88) + api(50, 'replicas: 4, routing: shared-queue, queue: { timeout: 100ms }'));
    // a = 4.4, A = cμ − λ = −8/s, e^{−Aτ} = e^{0.8} = 2.225541, ρ = 1.1. Σ_{n<4} aⁿ/n! = 1 + 4.4 + 9.68 + 14.19733
    // = 29.27733; bracket ρ(1 − e^{−Aτ})/(1 − ρ) + ρe^{−Aτ} = 13.48095 + 2.44810 = 15.92905; p(3) = 14.19733/(29.27733
    // + 14.19733 × 15.92905) = 0.0555823. P(give up) = p(3) ρ e^{−Aτ} = 0.136072. Served wait λp(3)(1 − e^{−Aτ}(1 + Aτ))/A²
    // = 88 × 0.0555823 × (1 − 2.225541 × 0.2)/64 = 42.408 ms over 1 − 0.136072: 49.088 ms; sojourn 99.088 ms.
    const t = mmcDeterministicPatience({ lambda: 88, mu: 20, servers: 4 }, 0.1);
    expect(t.abandon).toBeCloseTo(0.136072, 5);
    expect((t.meanWaitServed + 0.05) * 1000).toBeCloseTo(99.088, 2);
    const m = r.summary!.measured;
    expect(relErr(m.timedOut / m.offered, 0.136072)).toBeLessThan(0.05);
    expect(relErr(r.summary!.latencyMs.mean, 99.088)).toBeLessThan(0.03);
    expectConserved(r);
  });

  for (const [routing, replicas, qps] of [
    ['shared-queue', 1, 100],
    ['random', 4, 400],
  ] as const) {
    it(`a queue of one with a 5 ms timeout at ρ = 1 (${routing}, ${replicas} × 10 ms, ${qps}/s): refused, timed out and served shares (1.5 points)`, () => {
      const r = run(header('mm11-patience', 1, 38, qps, 'poisson', '250ms') + api(10, `replicas: ${replicas}, routing: ${routing}, queue: { maxLength: 1, timeout: 5ms }`));
      // Per replica λ = μ = 100/s. States: 0 idle, 1 busy, 2 busy with one waiting. 2 lasts min(Exp(μ), τ), m2 =
      // (1 − e^{−μτ})/μ = (1 − e^{−0.5})/100 = 3.9347 ms, and always returns to 1 (served: the next starts; gave up:
      // the server is still busy). Balance: p1 = ρ p0, p2 = λ m2 p1 = 0.39347 p1; p0 = 1/(1 + 1 + 0.39347) = 0.417803.
      // Refused (PASTA) p2 = 0.164393; gave up λp1 e^{−μτ}/λ = 0.417803 × 0.606531 = 0.253411; served 0.582196.
      // Before the queue timeout fired on time, a request past its timeout kept the place until the server freed:
      // 27.7% refused, 16.8% timed out, 55.5% served.
      const m = r.summary!.measured;
      expect(Math.abs(m.dropped / m.offered - 0.164393)).toBeLessThan(0.015);
      expect(relErr(m.dropped / m.offered, 0.164393)).toBeLessThan(0.05);
      expect(Math.abs(m.timedOut / m.offered - 0.253411)).toBeLessThan(0.015);
      expect(Math.abs(m.served / m.offered - 0.582196)).toBeLessThan(0.015);
      // The time with one waiting is p2 per replica: mean queued replicas × 0.164393.
      expect(relErr(meanWaiting(r), replicas * 0.164393)).toBeLessThan(0.03);
      expectConserved(r);
    });
  }

  it('a closed loop learns of a queue timeout when it happens: 2 users, think 0, one 1 s server, timeout 100 ms', () => {
    const r = run(`apiVersion: design-sim/v1
kind: Scenario
metadata: { name: patience-closed }
spec:
  duration: 60s
  drain: 0s
  network: { sameZone: 0ms }
  traffic: { arrivals: closed, users: 2, thinkTime: 0s }
  services:
    - { name: api, gpusPerReplica: 0, routing: shared-queue, latency: { distribution: constant, ms: 1000 }, queue: { timeout: 100ms } }
`);
    // One user is served for 1 s; the other's request times out 100 ms after it was sent, and after a failure a
    // user waits 1 ms: it sends at 0, 0.101, ..., 0.909 s: 9 time out, the 10th is queued when the server frees
    // at 1 s and is served. Then the roles swap. In 60 s: 60 served (the last ends at the horizon), 9 × 60 = 540
    // timed out, 2 in flight. Checked lazily (only when the server freed) it was one time-out per second.
    const m = r.summary!.requests;
    expect(m.served).toBe(60);
    expect(m.timedOut).toBe(540);
  });

  it('the same on a batching replica, whose executor takes from its own queue: batches of one taking 1 s', () => {
    const r = run(`apiVersion: design-sim/v1
kind: Scenario
metadata: { name: patience-closed-batching }
spec:
  duration: 60s
  drain: 0s
  network: { sameZone: 0ms }
  traffic: { arrivals: closed, users: 2, thinkTime: 0s }
  services:
    - { name: api, gpusPerReplica: 0, concurrency: 1, latency: { distribution: constant, ms: 1 }, batching: { maxBatchSize: 1, batchLatency: { baseMs: 1000, perItemMs: 0 } }, queue: { timeout: 100ms } }
`);
    // As above: the executor checked the timeout only when it next took from the queue (when the batch ended),
    // one time-out per second; on time it is 9 a second.
    const m = r.summary!.requests;
    expect(m.served).toBe(60);
    expect(m.timedOut).toBe(540);
  });
});

it('M/G/1 with service resampled from 2, 4, …, 18 ms at ρ = 0.8: Pollaczek–Khinchine (3%)', () => {
  const r = run(header('mg1-list', 3, 39, 80) + '    - { name: api, gpusPerReplica: 0, routing: shared-queue, latency: { distribution: empirical, samplesMs: [2, 4, 6, 8, 10, 12, 14, 16, 18] } }\n');
  // E[S] = 10 ms; E[S²] = (4 + 16 + 36 + 64 + 100 + 144 + 196 + 256 + 324)/9 = 1140/9 = 126.667 ms² (SCV 0.2667);
  // Wq = λE[S²]/(2(1 − ρ)) = 80 × 126.667e−6/0.4 = 25.333 ms; sojourn 35.333 ms.
  expect(mg1MeanWait(80, 0.01, 126.667e-6) * 1000).toBeCloseTo(25.333, 2);
  expect(relErr(r.summary!.latencyMs.mean, 35.333)).toBeLessThan(0.03);
  expectConserved(r);
});

describe('a closed loop on one M/M/3 station (finite source, machine repairman)', () => {
  for (const think of ['1s', '{ distribution: exponential, mean: 1s }']) {
    it(`15 users, think ${think}, 3 replicas × 200 ms behind a shared queue: throughput and mean response (2%)`, () => {
      const r = run(`apiVersion: design-sim/v1
kind: Scenario
metadata: { name: repairman-3 }
spec:
  duration: 3h
  warmup: 10m
  drain: 0s
  seed: 40
  interval: 10m
  network: { sameZone: 0ms }
  traffic: { arrivals: closed, users: 15, thinkTime: ${think} }
  services:
    - { name: api, replicas: 3, gpusPerReplica: 0, routing: shared-queue, latency: { distribution: exponential, meanMs: 200 } }
`);
      // k users at the station: p(k) ∝ 15!/(15 − k)! · Z^−k / Π_{j ≤ k} min(j, 3)μ, Z = 1 s, μ = 5/s (the think
      // time's distribution does not matter: the delay station is insensitive). p(0..5) = 0.050110, 0.150330,
      // 0.210462, 0.182400, 0.145920, 0.107008, …; L = Σ k p(k) = 3.30725; busy servers Σ min(k, 3) p(k) = 2.33855,
      // so X = 5 × 2.33855 = 11.6927/s, utilization 0.779516, R = L/X = 282.85 ms (= N/X − Z = 15/11.6927 − 1 s).
      const t = closedNetwork(15, 1, [{ servers: 3, serviceSeconds: 0.2 }]);
      expect(t.throughput).toBeCloseTo(11.6927, 3);
      expect(t.responseSeconds * 1000).toBeCloseTo(282.85, 1);
      expect(relErr(r.summary!.closedLoop!.throughputQps, 11.6927)).toBeLessThan(0.02);
      expect(relErr(r.summary!.latencyMs.mean, 282.85)).toBeLessThan(0.02);
      expect(Math.abs(r.services!.api!.utilization - 0.779516)).toBeLessThan(0.015);
    });
  }
});
