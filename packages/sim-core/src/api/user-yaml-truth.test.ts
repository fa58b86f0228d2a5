/**
 * Queueing-network truth as an outside checker writes it: scenario YAML (no engine configs), the figures the
 * CLI's `--json` prints (`summary.latencyMs.mean`, `services.<name>.latencyMs`, `.requests`, `.utilization`),
 * and closed forms worked by hand below (cross-checked with src/theory). Shorter runs of the cases in
 * docs/fidelity.md ("Independent audit through the CLI"), which gives the long runs' figures.
 */
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../scenario/parse-scenario.ts';
import { forkJoin2, meanSojourn } from '../theory/index.ts';
import type { RunResult } from './run-result.ts';
import { runScenario } from './run-scenario.ts';
import { poisson, truthHead } from '../test-support/truth-yaml.ts';

function run(text: string): RunResult {
  const parsed = parseScenarioText(text, 'truth.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return runScenario(parsed.scenario);
}

const relErr = (sim: number, theory: number) => Math.abs(sim - theory) / theory;

/** offered = served + dropped + timed out + unfinished, end to end and at every service (over its visits). */
function expectConserved(r: RunResult): void {
  for (const q of [r.summary!.requests, r.summary!.measured]) expect(q.offered).toBe(q.served + q.dropped + q.timedOut + q.unfinished);
  for (const s of Object.values(r.services ?? {})) expect(s.requests.visits).toBe(s.requests.served + s.requests.dropped + s.requests.timedOut + s.requests.unfinished);
}

/** The cases' head: 5 minutes of warm-up, no drain, no network time, 10-minute intervals. */
const header = (name: string, hours: number, seed: number, traffic: string) => truthHead({ name, seconds: hours * 3600, warmup: 300, seed, interval: '10m', traffic });

describe('open Jackson networks written as YAML', () => {
  it('a tandem of M/M/2 (14 ms), M/M/8 (60 ms) and M/M/32 (240 ms) at 120/s: each station its Erlang C sojourn, the sum end to end (3%)', () => {
    const r = run(`${header('tandem', 2, 11, poisson(120, 'a'))}    - { name: a, replicas: 2, routing: shared-queue, releaseDuringCalls: true, latency: { distribution: exponential, meanMs: 14 }, calls: [{ to: b }] }
    - { name: b, replicas: 8, routing: shared-queue, releaseDuringCalls: true, latency: { distribution: exponential, meanMs: 60 }, calls: [{ to: c }] }
    - { name: c, replicas: 32, routing: shared-queue, latency: { distribution: exponential, meanMs: 240 } }
`);
    // a: offered a = λS = 120 × 0.014 = 1.68 Erlangs, ρ = 0.84; for c = 2, C = 2ρ²/(1 + ρ) = 1.4112/1.84 = 0.76696;
    //    Wq = C/(cμ − λ) = 0.76696/(142.857 − 120) = 33.554 ms; T = 33.554 + 14 = 47.554 ms.
    // b: a = 7.2, ρ = 0.9, C(8, 7.2) = 0.70153; Wq = 0.70153/(133.33 − 120) = 52.615 ms; T = 112.615 ms.
    // c: a = 28.8, ρ = 0.9, C(32, 28.8) = 0.45820; Wq = 0.45820/(133.33 − 120) = 34.365 ms; T = 274.365 ms.
    // End to end (no network time): 47.554 + 112.615 + 274.365 = 434.534 ms.
    const stations = { a: { T: 47.554, rho: 0.84, c: 2, s: 0.014 }, b: { T: 112.615, rho: 0.9, c: 8, s: 0.06 }, c: { T: 274.365, rho: 0.9, c: 32, s: 0.24 } };
    for (const [name, st] of Object.entries(stations)) {
      expect(meanSojourn({ lambda: 120, mu: 1 / st.s, servers: st.c }) * 1000).toBeCloseTo(st.T, 2); // the hand arithmetic
      const s = r.services![name]!;
      expect(relErr(s.latencyMs.mean, st.T)).toBeLessThan(0.03);
      expect(Math.abs(s.utilization - st.rho)).toBeLessThan(0.01);
    }
    // Each subtree is its own sojourn plus those downstream.
    expect(relErr(r.services!.b!.subtreeLatencyMs.mean, 112.615 + 274.365)).toBeLessThan(0.03);
    expect(relErr(r.summary!.latencyMs.mean, 434.534)).toBeLessThan(0.03);
    expectConserved(r);
  });

  for (const form of ['independent', 'choice'] as const) {
    it(`routing 0.3 / 0.7 written as ${form === 'choice' ? 'a choice' : 'two independent probability calls'}: visit shares within 1.5 points, the visit-weighted sojourn within 3%`, () => {
      const calls = form === 'choice' ? '[{ choice: [{ to: b, probability: 0.3 }, { to: c, probability: 0.7 }] }]' : '[{ to: b, probability: 0.3 }, { to: c, probability: 0.7 }]';
      const r = run(`${header('routing', 1, 12, poisson(200, 'a'))}    - { name: a, replicas: 4, routing: shared-queue, releaseDuringCalls: true, latency: { distribution: exponential, meanMs: 16 }, calls: ${calls} }
    - { name: b, replicas: 2, routing: shared-queue, latency: { distribution: exponential, meanMs: 25 } }
    - { name: c, replicas: 16, routing: shared-queue, latency: { distribution: exponential, meanMs: 100 } }
`);
      // a: M/M/4 at 200/s, 16 ms: a = 3.2, ρ = 0.8, C = 0.59643, Wq = 0.59643/(250 − 200) = 11.929 ms, T = 27.929 ms.
      // b: M/M/2 at 0.3 × 200 = 60/s, 25 ms: ρ = 0.75, C = 2ρ²/(1 + ρ) = 0.64286, Wq = 0.64286/(80 − 60) = 32.143 ms, T = 57.143 ms.
      // c: M/M/16 at 140/s, 100 ms: a = 14, ρ = 0.875, C = 0.50848, Wq = 0.50848/(160 − 140) = 25.424 ms, T = 125.424 ms.
      // End to end: 27.929 + 0.3 × 57.143 + 0.7 × 125.424 = 132.868 ms (independent calls add their means too:
      // each is made with its own probability, in sequence).
      const { a, b, c } = r.services!;
      expect(Math.abs(b!.requests.visits / a!.requests.visits - 0.3)).toBeLessThan(0.015);
      expect(Math.abs(c!.requests.visits / a!.requests.visits - 0.7)).toBeLessThan(0.015);
      expect(relErr(a!.latencyMs.mean, 27.929)).toBeLessThan(0.03);
      expect(relErr(b!.latencyMs.mean, 57.143)).toBeLessThan(0.03);
      expect(relErr(c!.latencyMs.mean, 125.424)).toBeLessThan(0.03);
      expect(relErr(r.summary!.latencyMs.mean, 132.868)).toBeLessThan(0.03);
      expectConserved(r);
    });
  }
});

describe('fork-join of two identical M/M/1 queues written as a parallel step (Flatto–Hahn)', () => {
  for (const rho of [0.3, 0.6]) {
    it(`ρ = ${rho}: mean response (12 − ρ)/8 · 1/(μ − λ) within 4%`, () => {
      const r = run(`${header('fork-join', 3, 21, poisson(rho * 100, 'fork'))}    - { name: fork, concurrency: 4096, releaseDuringCalls: true, latency: { distribution: constant, ms: 0.000001 }, calls: [{ parallel: [{ to: q1 }, { to: q2 }] }] }
    - { name: q1, routing: shared-queue, latency: { distribution: exponential, meanMs: 10 } }
    - { name: q2, routing: shared-queue, latency: { distribution: exponential, meanMs: 10 } }
`);
      // μ = 100/s, λ = 100ρ: ρ = 0.3 gives 11.7/8 × 1/70 s = 20.893 ms; ρ = 0.6 gives 11.4/8 × 1/40 s = 35.625 ms.
      const theory = ((12 - rho) / 8 / (100 - 100 * rho)) * 1000;
      expect(forkJoin2(100 * rho, 100) * 1000).toBeCloseTo(theory, 6);
      expect(relErr(r.summary!.latencyMs.mean, theory)).toBeLessThan(0.04);
      expectConserved(r);
    });
  }
});

it('network time: the default sameZone (0.25 ms) adds exactly 2 × 0.25 ms per call to the mean', () => {
  const body = (network: string) => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: network }
spec:
  duration: 10m
  drain: 0s
${network}  traffic: { profile: { type: constant, qps: 100 } }
  services:
    - { name: a, concurrency: 4096, latency: { distribution: constant, ms: 1 }, calls: [{ to: b }] }
    - { name: b, concurrency: 4096, latency: { distribution: constant, ms: 2 }, calls: [{ to: c }, { to: c }] }
    - { name: c, concurrency: 4096, latency: { distribution: constant, ms: 3 } }
`;
  // Constant work, no queueing: 1 + 2 + 3 + 3 = 9 ms of work and 3 calls, each 2 × sameZone.
  expect(run(body('  network: { sameZone: 0ms }\n')).summary!.latencyMs.mean).toBeCloseTo(9, 2);
  expect(run(body('')).summary!.latencyMs.mean).toBeCloseTo(9 + 3 * 2 * 0.25, 2);
  expect(run(body('  network: { sameZone: 2ms }\n')).summary!.latencyMs.mean).toBeCloseTo(9 + 3 * 2 * 2, 2);
});
