/**
 * The truth table's entries with one deterministic side (src/test-support/truth-cases.ts holds the table and
 * runs them with the rest): M/D/c, a shared-queue station of constant service time under Poisson traffic,
 * against Crommelin's exact embedded chain (src/theory/m-d-c.ts); and D/M/c, evenly spaced arrivals into
 * exponential servers, against the exact GI/M/c solution (src/theory/gi-m-c.ts), once as a station (its
 * sojourn) and once as a connection pool in front of an unbounded callee, whose `connectionWaits` count the
 * calls that waited, so their share is P(W > 0).
 */
import { constantGaps, giMc, mdc } from '../theory/index.ts';
import type { TruthCase, TruthEntry, TruthRun } from './truth-cases.ts';
import { evenly, poisson, stationOf, truthHead } from './truth-yaml.ts';

const PERCENTILES = ['p90', 'p99'] as const;

// ---- M/D/c, entry length = requests. One or two servers at ρ = 0.9 relax slowly (as M/M/1–2 do): 5 ms
// service keeps their long runs short in simulated time; 50 ms elsewhere.
function mdcCase(c: number, rho: number, requests: number, seedOffset: number): TruthCase {
  const ms = c <= 2 ? 5 : 50;
  const d = ms / 1000;
  const lambda = (rho * c) / d;
  const seconds = requests / lambda;
  const t = mdc(lambda, d, c);
  return {
    id: `mdc-${c}-${rho}`,
    label: (run) => `M/D/${c} ρ=${rho}, D = ${ms} ms, P(W > 0) = ${t.waitProbability.toFixed(3)} (${(run.measured.served / 1e6).toFixed(1)} M requests)`,
    yaml:
      truthHead({ name: 'mdc', seconds, warmup: seconds * 0.02, seed: 200 + c + seedOffset, traffic: poisson(lambda) }) +
      stationOf('api', c, `{ distribution: constant, ms: ${ms} }`),
    figures: [
      // Tolerances: see the note at MDC_ENTRIES.
      { figure: 'mean sojourn (exact, Crommelin)', unit: 'ms', theory: t.meanSojourn * 1000, sim: (r) => r.latencyMs.mean, tolerance: 0.03 },
      ...PERCENTILES.map((p) => ({ figure: `${p} sojourn (exact, Crommelin)`, unit: 'ms', theory: t.sojournQuantile(Number(p.slice(1)) / 100) * 1000, sim: (r: TruthRun) => r.latencyMs[p], tolerance: 0.02 })),
    ],
  };
}

/**
 * Run lengths and tolerances. The test runs a case at 2 M requests (~1 s) only where that run's spread keeps
 * 3% on the mean and 2% on the percentiles at three standard deviations or more. Six seeds of each quick run
 * (seed offsets 0, 1000, …, 5000) gave these standard deviations of the error: M/D/2 ρ = 0.5 mean 0.02%, p90
 * 0.00%, p99 0.18%; M/D/8 ρ = 0.7 0.03%, 0.10%, 0.25%; M/D/64 ρ = 0.9 0.05%, 0.12%, 0.39% (their worst, 0.54%,
 * is a quarter of 2%). At ρ = 0.9 with 2 or 8 servers the p99's was 1.8% and 1.5% (the mean's 0.74% and
 * 0.43%): 2% would pass or fail by seed, so those two are the report's only, at 8–16 M requests (sd ∝ 1/√n:
 * ~0.6% on the p99). The six means of every case were within two standard errors of the exact value.
 */
const MDC_ENTRIES: TruthEntry[] = (
  [
    [2, 0.5, true],
    [2, 0.9, false],
    [8, 0.7, true],
    [8, 0.9, false],
    [64, 0.9, true],
  ] as const
).map(([c, rho, quick]) => ({
  id: `mdc-${c}-${rho}`,
  full: rho >= 0.9 && c <= 2 ? 16_000_000 : 8_000_000,
  ...(quick ? { quick: 2_000_000 } : {}),
  build: (requests: number, seedOffset: number) => mdcCase(c, rho, requests, seedOffset),
}));

// ---- D/M/c as a station: evenly spaced arrivals at λ = ρcμ into c exponential servers of 50 ms.
function dmcCase(c: number, rho: number, requests: number, seedOffset: number): TruthCase {
  const mu = 20;
  const lambda = rho * c * mu;
  const seconds = requests / lambda;
  const t = giMc(constantGaps(1 / lambda), mu, c);
  return {
    id: `dmc-${c}-${rho}`,
    label: (run) => `D/M/${c} ρ=${rho} (arrivals: uniform), 50 ms exponential, σ = ${t.sigma.toFixed(4)} (${(run.measured.served / 1e6).toFixed(1)} M requests)`,
    yaml:
      truthHead({ name: 'dmc', seconds, warmup: seconds * 0.02, seed: 300 + c + seedOffset, traffic: evenly(lambda) }) +
      stationOf('api', c, '{ distribution: exponential, meanMs: 50 }'),
    figures: [
      { figure: 'mean sojourn (exact GI/M/c)', unit: 'ms', theory: t.meanSojourn * 1000, sim: (r) => r.latencyMs.mean, tolerance: 0.03 },
      ...PERCENTILES.map((p) => ({ figure: `${p} sojourn (exact GI/M/c)`, unit: 'ms', theory: t.sojournQuantile(Number(p.slice(1)) / 100) * 1000, sim: (r: TruthRun) => r.latencyMs[p], tolerance: 0.02 })),
    ],
  };
}
/**
 * Six seeds at 2 M requests: D/M/16 ρ = 0.9 mean 0.21%, p90 0.18%, p99 0.18% (standard deviations of the
 * error), D/M/16 ρ = 0.7 0.05%, 0.00%, 0.12%, so both are tested; D/M/4 ρ = 0.9 0.55%, 0.47%, 1.26% (the p99 at
 * 2% would be under two of them): the report's only, at 8 M requests.
 */
const DMC_ENTRIES: TruthEntry[] = (
  [
    [4, 0.9, false],
    [16, 0.7, true],
    [16, 0.9, true],
  ] as const
).map(([c, rho, quick]) => ({
  id: `dmc-${c}-${rho}`,
  full: 8_000_000,
  ...(quick ? { quick: 2_000_000 } : {}),
  build: (requests: number, seedOffset: number) => dmcCase(c, rho, requests, seedOffset),
}));

// ---- A pool of c connections in front of a callee with 1,000 slots is a c-server FIFO queue, and the caller's
// connectionWaits / visits is its P(W > 0). The caller's own work is 1 ns, so the calls keep the arrivals'
// spacing. Evenly spaced arrivals and exponential queries: D/M/c (GI/M/c's q_c/(1 − σ)); Poisson arrivals and
// constant queries: M/D/c (P(N ≥ c) of Crommelin's chain). Entry length = requests.
function poolCase(kind: 'D/M' | 'M/D', c: number, rho: number, requests: number, seedOffset: number): TruthCase {
  const ms = 50;
  const lambda = (rho * c * 1000) / ms;
  const seconds = requests / lambda;
  const id = `${kind === 'D/M' ? 'dmc' : 'mdc'}-pool-${c}-${rho}`;
  const t = kind === 'D/M' ? giMc(constantGaps(1 / lambda), 1000 / ms, c) : mdc(lambda, ms / 1000, c);
  const what = kind === 'D/M' ? 'exact GI/M/c' : 'exact, Crommelin';
  return {
    id,
    label: () =>
      kind === 'D/M'
        ? `pool of ${c} connections, ${ms} ms exponential queries, evenly spaced at ${lambda}/s (D/M/${c}, ρ = ${rho}), ${(seconds / 3600).toFixed(1)} h`
        : `pool of ${c} connections, ${ms} ms constant queries, Poisson at ${lambda}/s (M/D/${c}, ρ = ${rho}), ${(seconds / 3600).toFixed(1)} h`,
    yaml:
      truthHead({ name: kind === 'D/M' ? 'dmc-pool' : 'mdc-pool', seconds, warmup: seconds * 0.02, seed: 400 + c + seedOffset, traffic: kind === 'D/M' ? evenly(lambda) : poisson(lambda) }) +
      `    - { name: api, replicas: 1, concurrency: 4096, gpusPerReplica: 0, releaseDuringCalls: true, latency: { distribution: constant, ms: 0.000001 }, calls: [{ to: db, connections: ${c} }] }\n` +
      `    - { name: db, replicas: 1, concurrency: 1000, gpusPerReplica: 0, latency: ${kind === 'D/M' ? `{ distribution: exponential, meanMs: ${ms} }` : `{ distribution: constant, ms: ${ms} }`} }\n`,
    figures: [
      { figure: `share of calls that waited, P(W > 0) (${what})`, unit: '', theory: t.waitProbability, sim: (r) => r.service('api').connectionWaits / r.service('api').visits, tolerance: 0.02 },
      { figure: `mean call time (${what})`, unit: 'ms', theory: t.meanSojourn * 1000, sim: (r) => r.latencyMs.mean, tolerance: 0.03 },
    ],
  };
}
/**
 * Six seeds of D/M/16 ρ = 0.9 at 1 M requests (2.5 s: a request is two visits) gave a standard deviation of
 * 0.97% on P(W > 0), of D/M/4 ρ = 0.9 at 2 M 0.86% on the mean: the test runs D/M/4 at ρ = 0.8 instead (1 M
 * requests, six seeds: 0.62% on P(W > 0), 0.37% on the mean, so 2% and 3% are three of them) and M/D/8 at
 * ρ = 0.8 (1 M, six seeds: 0.44% and 0.16%); the others are the report's.
 */
const POOL_ENTRIES: TruthEntry[] = (
  [
    ['D/M', 4, 0.8, true],
    ['D/M', 4, 0.9, false],
    ['D/M', 16, 0.9, false],
    ['M/D', 8, 0.8, true],
  ] as const
).map(([kind, c, rho, quick]) => ({
  id: `${kind === 'D/M' ? 'dmc' : 'mdc'}-pool-${c}-${rho}`,
  full: 8_000_000,
  ...(quick ? { quick: 1_000_000 } : {}),
  build: (requests: number, seedOffset: number) => poolCase(kind, c, rho, requests, seedOffset),
}));

/** The M/D/c and D/M/c entries, in the report's order. */
export const DETERMINISTIC_ENTRIES: readonly TruthEntry[] = [...MDC_ENTRIES, ...DMC_ENTRIES, ...POOL_ENTRIES];
