/**
 * The truth checks' one case table: each case is a scenario written as a user would (truth-yaml.ts) and the
 * closed forms (src/theory) its figures are compared with. Two consumers run it: the fidelity test
 * (src/engine/truth-fidelity.test.ts, through the engine, `quick` run lengths, asserting each figure's
 * tolerance) and the report (bench/truth-fidelity-report.ts, through the built CLI's --json, `full` lengths,
 * printing every figure for docs/fidelity.md). A case with no `quick` length is the report's only; one with
 * no `full` length is the test's only. Each reads a run through TruthRun, which either path fills.
 */
import { closedNetwork, erlangB, forkJoinNelsonTantawi, lognormalMoments, meanSojourn, mg1MeanWait, mmck, sojournQuantile, waitTail } from '../theory/index.ts';
import { DETERMINISTIC_ENTRIES } from './deterministic-truth-cases.ts';
import { poisson, station, truthHead } from './truth-yaml.ts';

/** What a case reads of a run, whichever path ran it (engine result or CLI --json). */
export interface TruthRun {
  /** Requests that arrived after the warm-up, by outcome. */
  measured: { offered: number; served: number; dropped: number; timedOut: number; unfinished: number };
  /** End-to-end latency of the measured requests, ms. */
  latencyMs: { mean: number; p50: number; p90: number; p99: number };
  /** One service's visits (measured), ms for latencies. */
  service(name: string): { ownMeanMs: number; subtreeMeanMs: number; visits: number; served: number; dropped: number; timedOut: number; connectionWaits: number; utilization: number };
  /** Every service's name, in the scenario's order. */
  serviceNames: string[];
  /** A closed loop's completions per second after the warm-up. */
  closedThroughputQps: number;
  /** The top-level in-flight series, one point per interval. */
  waiting: ArrayLike<number>;
  inService: ArrayLike<number>;
}

/** One compared figure: its closed form and how to read it from a run. */
export interface TruthFigure {
  figure: string;
  unit: string;
  /** The closed form, or an identity read from the run itself (Little's law, conservation, R = N/X − Z). */
  theory: number | ((run: TruthRun) => number);
  sim: (run: TruthRun) => number;
  /**
   * Relative error the test accepts (sim / theory − 1, both sides, or `below`/`above` apart); none: a figure
   * the report prints for the record (an approximation or a comparison, not a claim).
   */
  tolerance?: number | { below: number; above: number };
}

/** A scenario and the figures compared on its run. */
export interface TruthCase {
  /** The report's filter matches it; unique. */
  id: string;
  /** The row's case column (may quote the run's own size). */
  label: (run: TruthRun) => string;
  yaml: string;
  figures: TruthFigure[];
}

/** The figure's closed form on `run` (an identity reads the run). */
export const theoryOn = (f: TruthFigure, run: TruthRun): number => (typeof f.theory === 'number' ? f.theory : f.theory(run));

/** One table entry: a case built for a run length; `quick` for the test, `full` for the report. */
export interface TruthEntry {
  id: string;
  quick?: number;
  full?: number;
  /** Builds the case at `length` (whatever unit the entry's lengths are in) with `seedOffset` added to every seed. */
  build: (length: number, seedOffset: number) => TruthCase;
}

/** Mean sojourn of an M/M/c station, ms. */
export const mmcMs = (c: number, lambda: number, meanMs: number): number => meanSojourn({ lambda, mu: 1000 / meanMs, servers: c }) * 1000;

const head = (name: string, seedOffset: number, o: { seconds: number; warmup: number; seed: number; interval?: string; traffic: string }) =>
  truthHead({ name, seconds: o.seconds, warmup: o.warmup, seed: o.seed + seedOffset, interval: o.interval, traffic: o.traffic });

const fixedLabel = (label: string) => () => label;

// ---- M/M/c: the whole FIFO sojourn distribution (mean, p50, p90, p99), entry length = requests.
function mmcCase(c: number, rho: number, requests: number, seedOffset: number): TruthCase {
  // One or two servers relax slowly at high load (variance of the mean ~ (1 − ρ)⁻⁴): a 5 ms service time keeps
  // their long runs inside the 7-day horizon.
  const meanMs = c <= 2 ? 5 : 50;
  const mu = 1000 / meanMs;
  const lambda = rho * c * mu;
  const seconds = requests / lambda;
  const q = { lambda, mu, servers: c };
  return {
    id: `mmc-${c}-${rho}`,
    label: (run) => `M/M/${c} ρ=${rho} (${(run.measured.served / 1e6).toFixed(1)} M requests)`,
    yaml: head('mmc', seedOffset, { seconds, warmup: seconds * 0.02, seed: 100 + c, traffic: poisson(lambda) }) + station('api', c, meanMs),
    figures: [
      { figure: 'mean', unit: 'ms', theory: meanSojourn(q) * 1000, sim: (r) => r.latencyMs.mean, tolerance: 0.03 },
      ...(['p50', 'p90', 'p99'] as const).map((p) => ({ figure: p, unit: 'ms', theory: sojournQuantile(q, Number(p.slice(1)) / 100) * 1000, sim: (r: TruthRun) => r.latencyMs[p], tolerance: 0.03 })),
    ],
  };
}
const MMC_REQUESTS: Record<number, number> = { 0.5: 1_000_000, 0.9: 4_000_000, 0.95: 10_000_000 };
const mmcEntries: TruthEntry[] = [1, 2, 8, 64, 256].flatMap((c) =>
  [0.5, 0.9, 0.95].map((rho) => ({
    id: `mmc-${c}-${rho}`,
    // One or two servers at high load: four times the run.
    full: MMC_REQUESTS[rho]! * (c <= 2 && rho >= 0.9 ? 4 : 1),
    ...(c === 256 && rho === 0.95 ? { quick: 3_000_000 } : c === 8 && rho === 0.9 ? { quick: 2_000_000 } : {}),
    build: (requests: number, seedOffset: number) => mmcCase(c, rho, requests, seedOffset),
  })),
);

// ---- How a user writes c servers, entry length = seconds. One replica with `concurrency: c` (its own FIFO)
// is M/M/c whatever the routing; replicas × concurrency behind `routing: shared-queue` is M/M/(replicas ×
// concurrency); c replicas behind the default least-outstanding balancer are join-the-shortest-queue, not
// M/M/c: slower than Erlang C, faster than c separate M/M/1 (printed, not claimed).
const FORMS: { id: string; label: string; spec: string; claim: boolean }[] = [
  { id: 'concurrency', label: 'one replica, concurrency 8 (default routing)', spec: 'replicas: 1, concurrency: 8', claim: true },
  { id: 'shared-queue', label: '4 replicas × concurrency 2, shared-queue', spec: 'replicas: 4, concurrency: 2, routing: shared-queue', claim: true },
  { id: 'least-outstanding', label: '8 replicas, default least-outstanding', spec: 'replicas: 8', claim: false },
];
const formEntries: TruthEntry[] = FORMS.map((form) => ({
  id: `mmc-forms-${form.id}`,
  full: 6 * 3600,
  ...(form.claim ? { quick: 2_000_000 / 144 } : {}),
  build: (seconds, seedOffset) => {
    const lambda = 144; // ρ = 0.9 on 8 servers of 50 ms
    const q = { lambda, mu: 20, servers: 8 };
    const tolerance = form.claim ? { tolerance: 0.03 } : {};
    const hours = seconds / 3600;
    return {
      id: `mmc-forms-${form.id}`,
      label: fixedLabel(`M/M/8 ρ = 0.9 written as ${form.label}, ${Number.isInteger(hours) ? hours : hours.toFixed(1)} h`),
      // The report's 6-hour runs warm up for 10 minutes; the test's shorter ones for 2%.
      yaml: head('forms', seedOffset, { seconds, warmup: seconds >= 6 * 3600 ? 600 : seconds * 0.02, seed: 5, traffic: poisson(lambda) }) + `    - { name: api, ${form.spec}, gpusPerReplica: 0, latency: { distribution: exponential, meanMs: 50 } }\n`,
      figures: [
        { figure: 'mean (Erlang C M/M/8)', unit: 'ms', theory: meanSojourn(q) * 1000, sim: (r) => r.latencyMs.mean, ...tolerance },
        { figure: 'p99 (Erlang C M/M/8)', unit: 'ms', theory: sojournQuantile(q, 0.99) * 1000, sim: (r) => r.latencyMs.p99, ...tolerance },
      ],
    };
  },
}));

// ---- P(W > 0) = Erlang C: a connection pool of 6 with an unbounded callee is an M/M/6 queue, and the
// caller's connectionWaits count the calls that waited. Entry length = seconds.
const poolEntry: TruthEntry = {
  id: 'pool-erlang-c',
  quick: 2 * 3600,
  full: 6 * 3600,
  build: (seconds, seedOffset) => {
    const lambda = 48;
    const q = { lambda, mu: 10, servers: 6 };
    return {
      id: 'pool-erlang-c',
      label: fixedLabel(`connection pool of 6, 100 ms exponential queries, λ = 48/s (M/M/6, ρ = 0.8), ${seconds / 3600} h`),
      yaml:
        head('pool', seedOffset, { seconds, warmup: 300, seed: 71, traffic: poisson(lambda) }) +
        `    - { name: api, replicas: 1, concurrency: 4096, gpusPerReplica: 0, releaseDuringCalls: true, latency: { distribution: constant, ms: 0.000001 }, calls: [{ to: db, connections: 6 }] }\n` +
        `    - { name: db, replicas: 1, concurrency: 1000, gpusPerReplica: 0, latency: { distribution: exponential, meanMs: 100 } }\n`,
      figures: [
        { figure: 'share of calls that waited, P(W > 0) = C(6, 4.8)', unit: '', theory: waitTail(q, 0), sim: (r) => r.service('api').connectionWaits / r.service('api').visits, tolerance: 0.015 },
        { figure: 'mean call time', unit: 'ms', theory: meanSojourn(q) * 1000, sim: (r) => r.latencyMs.mean, tolerance: 0.03 },
      ],
    };
  },
};

// ---- M/G/1 against Pollaczek–Khinchine: mean wait = λE[S²] / 2(1 − ρ). Entry length = requests.
const Z99 = 2.3263478740408408; // standard normal 0.99 quantile
function mg1Case(id: string, label: string, service: string, mean: number, second: number, rho: number, requests: number, seed: number, seedOffset: number): TruthCase {
  const lambda = rho / mean;
  const seconds = requests / lambda;
  return {
    id,
    label: fixedLabel(`${label}, ρ=${rho}`),
    yaml: head(id.startsWith('mg1-empirical') ? 'mg1e' : 'mg1', seedOffset, { seconds, warmup: seconds * 0.02, seed, traffic: poisson(lambda) }) + `    - { name: api, replicas: 1, gpusPerReplica: 0, routing: shared-queue, latency: ${service} }\n`,
    figures: [{ figure: 'mean wait', unit: 'ms', theory: mg1MeanWait(lambda, mean, second) * 1000, sim: (r) => r.latencyMs.mean - mean * 1000, tolerance: 0.03 }],
  };
}
const lognormal = lognormalMoments(Math.log(0.04), Math.log(0.2 / 0.04) / Z99);
const mg1Entries: TruthEntry[] = [0.5, 0.8].map((rho) => ({
  id: `mg1-lognormal-${rho}`,
  full: 5_000_000,
  ...(rho === 0.5 ? { quick: 2_000_000 } : {}),
  build: (requests, seedOffset) =>
    mg1Case(
      `mg1-lognormal-${rho}`,
      `M/G/1 lognormal p50 40 ms p99 200 ms (E[S] ${(lognormal.mean * 1000).toFixed(2)} ms, SCV ${(lognormal.secondMoment / lognormal.mean ** 2 - 1).toFixed(3)})`,
      '{ distribution: lognormal, p50Ms: 40, p99Ms: 200 }',
      lognormal.mean,
      lognormal.secondMoment,
      rho,
      requests,
      11,
      seedOffset,
    ),
}));
// Nine fast requests and one slow: E[S] = 14.5 ms, E[S²] = 1,022.5 ms², SCV 3.86.
const SAMPLES = [5, 5, 5, 5, 5, 5, 5, 5, 5, 100];
const samplesMean = SAMPLES.reduce((a, b) => a + b) / SAMPLES.length / 1000;
const samplesSecond = SAMPLES.reduce((a, b) => a + (b / 1000) ** 2, 0) / SAMPLES.length;
const empiricalEntries: TruthEntry[] = [
  { rho: 0.5, quick: 3_000_000 },
  { rho: 0.7, full: 10_000_000 },
].map(({ rho, ...lengths }) => ({
  id: `mg1-empirical-${rho}`,
  ...lengths,
  build: (requests, seedOffset) =>
    mg1Case(
      `mg1-empirical-${rho}`,
      `M/G/1 empirical 9 × 5 ms + 1 × 100 ms (SCV ${(samplesSecond / samplesMean ** 2 - 1).toFixed(2)})`,
      `{ distribution: empirical, samplesMs: [${SAMPLES.join(', ')}] }`,
      samplesMean,
      samplesSecond,
      rho,
      requests,
      12,
      seedOffset,
    ),
}));

/**
 * Little's law on the top-level `waiting + inService` series (interval-end samples, time averages). That
 * series counts visits, not end-to-end requests: a request waiting on a call at api and queued at db counts
 * at both (RequestStore.inFlight), so its time average is Σ over services of visits/s × the service's subtree
 * mean (the time a visit there stays in flight), which is claimed; X·W end to end is printed beside it.
 */
function littleFigures(seconds: number, warmup: number): TruthFigure[] {
  const measured = seconds - warmup;
  const inFlight = (r: TruthRun) => {
    const n = r.waiting.length;
    const skip = Math.ceil(n * (warmup / seconds));
    let sum = 0;
    for (let i = skip; i < n; i++) sum += r.waiting[i]! + r.inService[i]!;
    return sum / (n - skip);
  };
  // Served visits only: subtree means are over served visits, and a visit refused at a full queue leaves at once.
  const overVisits = (r: TruthRun) => r.serviceNames.reduce((a, s) => a + (r.service(s).served / measured) * (r.service(s).subtreeMeanMs / 1000), 0);
  return [
    { figure: "Little's law over visits: mean of waiting + inService vs Σ visits/s × subtree mean", unit: 'req', theory: overVisits, sim: inFlight, tolerance: 0.03 },
    { figure: 'the same series vs end-to-end X·W (requests; differs by design, see text)', unit: 'req', theory: (r: TruthRun) => (r.measured.served / measured) * (r.latencyMs.mean / 1000), sim: inFlight },
  ];
}

/** Conservation: every measured request in exactly one bucket (an identity, so no error is accepted). */
const conservation: TruthFigure = {
  figure: 'conservation: served + dropped + timed out + unfinished',
  unit: 'req',
  theory: (r) => r.measured.offered,
  sim: (r) => r.measured.served + r.measured.dropped + r.measured.timedOut + r.measured.unfinished,
  tolerance: 0,
};

// ---- Open Jackson networks: per-service mean sojourn, visits and utilization from the traffic equations.
// Entry length = seconds (10 minutes of warm-up).
type Stations = Record<string, { lambda: number; c: number; meanMs: number }>;
function stationFigures(expected: Stations, measured: number): TruthFigure[] {
  return Object.entries(expected).flatMap(([name, e]) => [
    { figure: `${name}: latencyMs.mean (M/M/${e.c} at ${e.lambda.toFixed(1)}/s)`, unit: 'ms', theory: mmcMs(e.c, e.lambda, e.meanMs), sim: (r: TruthRun) => r.service(name).ownMeanMs, tolerance: 0.03 },
    { figure: `${name}: requests.served`, unit: 'req', theory: e.lambda * measured, sim: (r: TruthRun) => r.service(name).served, tolerance: 0.01 },
    // Little's law on the servers: mean busy servers = λ × E[S], so utilization = λ·E[S] / c.
    { figure: `${name}: utilization (Little on the servers: λ·E[S]/c)`, unit: '', theory: (e.lambda * e.meanMs) / 1000 / e.c, sim: (r: TruthRun) => r.service(name).utilization, tolerance: 0.02 },
  ]);
}
const hoursOf = (seconds: number) => `${Number((seconds / 3600).toFixed(1))} h`;
const jacksonEntries: TruthEntry[] = [
  {
    id: 'jackson-tandem3',
    quick: 1.5 * 3600,
    full: 3 * 3600,
    build: (seconds, seedOffset) => {
      const lambda = 150;
      const e = { gw: { lambda, c: 1, meanMs: 4 }, api: { lambda, c: 8, meanMs: 40 }, db: { lambda, c: 64, meanMs: 300 } };
      return {
        id: 'jackson-tandem3',
        label: fixedLabel(`tandem gw M/M/1 (4 ms) → api M/M/8 (40 ms) → db M/M/64 (300 ms), λ = 150/s, ${hoursOf(seconds)}`),
        yaml:
          head('tandem3', seedOffset, { seconds, warmup: 600, seed: 21, interval: '10s', traffic: poisson(lambda, 'gw') }) +
          station('gw', 1, 4, ', releaseDuringCalls: true, calls: [{ to: api }]') +
          station('api', 8, 40, ', releaseDuringCalls: true, calls: [{ to: db }]') +
          station('db', 64, 300),
        figures: [
          ...stationFigures(e, seconds - 600),
          { figure: 'end to end mean (sum of sojourns)', unit: 'ms', theory: mmcMs(1, lambda, 4) + mmcMs(8, lambda, 40) + mmcMs(64, lambda, 300), sim: (r) => r.latencyMs.mean, tolerance: 0.03 },
          ...littleFigures(seconds, 600),
        ],
      };
    },
  },
  {
    id: 'jackson-feedback',
    quick: 1.5 * 3600,
    full: 3 * 3600,
    build: (seconds, seedOffset) => {
      // db sends an async event back to api for 25% of its visits: at db's completion the request leaves and a
      // new one enters api, which is Jackson routing db → api with p = 0.25 (no network time). Traffic
      // equations: λ_api = λ_db = λ / (1 − 0.25). An entry request does not wait for the events it causes: end
      // to end it is one pass.
      const lambda = 60;
      const total = lambda / 0.75;
      const e = { api: { lambda: total, c: 4, meanMs: 40 }, db: { lambda: total, c: 2, meanMs: 20 } };
      return {
        id: 'jackson-feedback',
        label: fixedLabel(`feedback loop: api M/M/4 (40 ms) → db M/M/2 (20 ms) → async back to api with p = 0.25, λ = 60/s, ${hoursOf(seconds)}`),
        yaml:
          head('feedback', seedOffset, { seconds, warmup: 600, seed: 22, traffic: poisson(lambda) }) +
          station('api', 4, 40, ', releaseDuringCalls: true, calls: [{ to: db }]') +
          station('db', 2, 20, ', calls: [{ to: api, async: true, probability: 0.25 }]'),
        figures: [...stationFigures(e, seconds - 600), { figure: 'end to end mean (one pass)', unit: 'ms', theory: mmcMs(4, total, 40) + mmcMs(2, total, 20), sim: (r) => r.latencyMs.mean, tolerance: 0.03 }],
      };
    },
  },
  {
    id: 'jackson-choice-diamond',
    quick: 1.5 * 3600,
    full: 3 * 3600,
    build: (seconds, seedOffset) => {
      const lambda = 100;
      const e = { api: { lambda, c: 4, meanMs: 30 }, a: { lambda: 70, c: 8, meanMs: 90 }, b: { lambda: 20, c: 2, meanMs: 70 }, db: { lambda: 140, c: 4, meanMs: 20 } };
      const w = (k: keyof typeof e) => mmcMs(e[k].c, e[k].lambda, e[k].meanMs);
      return {
        id: 'jackson-choice-diamond',
        label: fixedLabel(`diamond: api M/M/4 → choice {a 0.7, b 0.2, none 0.1} → db, then db with p = 0.5; λ = 100/s, db at 140/s, ${hoursOf(seconds)}`),
        yaml:
          head('diamond', seedOffset, { seconds, warmup: 600, seed: 23, traffic: poisson(lambda) }) +
          station('api', 4, 30, ', releaseDuringCalls: true, calls: [{ choice: [{ to: a, probability: 0.7 }, { to: b, probability: 0.2 }] }, { to: db, probability: 0.5 }]') +
          station('a', 8, 90, ', releaseDuringCalls: true, calls: [{ to: db }]') +
          station('b', 2, 70, ', releaseDuringCalls: true, calls: [{ to: db }]') +
          station('db', 4, 20),
        figures: [
          ...stationFigures(e, seconds - 600),
          { figure: 'end to end mean (visit-weighted)', unit: 'ms', theory: w('api') + 0.7 * (w('a') + w('db')) + 0.2 * (w('b') + w('db')) + 0.5 * w('db'), sim: (r) => r.latencyMs.mean, tolerance: 0.03 },
        ],
      };
    },
  },
];

// ---- Fork-join of k M/M/1 queues: Flatto–Hahn (k = 2, exact), Nelson–Tantawi (k > 2, an approximation:
// 5%). Entry length = seconds.
const forkJoinEntries: TruthEntry[] = [2, 4, 8].flatMap((k) =>
  [0.5, 0.8].map((rho) => ({
    id: `forkjoin-${k}-${rho}`,
    full: 4 * 3600,
    // Quick lengths keep each test under ~10 s on a loaded 2-core machine (k = 8 makes 9 visits per request).
    ...(k === 4 && rho === 0.8 ? { quick: 2 * 3600 } : k === 8 && rho === 0.5 ? { quick: 1.25 * 3600 } : {}),
    build: (seconds: number, seedOffset: number): TruthCase => {
      const mu = 100;
      const lambda = rho * mu;
      const branches = Array.from({ length: k }, (_, i) => `{ to: q${i} }`).join(', ');
      let yaml =
        head('fj', seedOffset, { seconds, warmup: 600, seed: 30 + k, traffic: poisson(lambda) }) +
        `    - { name: api, replicas: 8, concurrency: 4096, gpusPerReplica: 0, releaseDuringCalls: true, latency: { distribution: constant, ms: 0 }, calls: [{ parallel: [${branches}] }] }\n`;
      for (let i = 0; i < k; i++) yaml += station(`q${i}`, 1, 1000 / mu);
      return {
        id: `forkjoin-${k}-${rho}`,
        label: fixedLabel(`fork-join of ${k} M/M/1, ρ=${rho}, ${Number((seconds / 3600).toFixed(2))} h`),
        yaml,
        figures: [{ figure: k === 2 ? 'mean (Flatto–Hahn, exact)' : 'mean (Nelson–Tantawi)', unit: 'ms', theory: forkJoinNelsonTantawi(k, lambda, mu) * 1000, sim: (r) => r.latencyMs.mean, tolerance: 0.05 }],
      };
    },
  })),
);

// ---- Blocking callers: N slots held during a call of constant D pass at most N/D (a bound: barely above it
// is noise, below it by more than 1.25% is a leak); Little's law at the front. Entry length = seconds.
const blockingEntries: TruthEntry[] = (
  [
    [10, 100, false],
    [4, 50, true],
  ] as const
).map(([n, d, quick]) => ({
  id: `blocking-${n}-${d}`,
  full: 1800,
  ...(quick ? { quick: 1800 } : {}),
  build: (seconds, seedOffset) => {
    const warmup = 300;
    return {
      id: `blocking-${n}-${d}`,
      label: fixedLabel(`blocking front: ${n} slots held during a ${d} ms call, 200/s offered, queue 50`),
      yaml:
        head('blocking', seedOffset, { seconds, warmup, seed: 41, interval: '1s', traffic: poisson(200) }) +
        `    - { name: api, replicas: 1, concurrency: ${n}, gpusPerReplica: 0, releaseDuringCalls: false, latency: { distribution: constant, ms: 0.01 }, queue: { maxLength: 50 }, calls: [{ to: slow }] }\n` +
        `    - { name: slow, replicas: 1, concurrency: 1000, gpusPerReplica: 0, latency: { distribution: constant, ms: ${d} } }\n`,
      figures: [
        { figure: 'served/s (N/D)', unit: 'req/s', theory: (n / d) * 1000, sim: (r) => r.measured.served / (seconds - warmup), tolerance: { below: 0.0125, above: 0.00625 } },
        ...littleFigures(seconds, warmup),
        conservation,
      ],
    };
  },
}));

// ---- Closed loops against the exact product form (1–3 stations), and the response-time law R = N/X − Z.
// Entry length = seconds.
const closedEntries: TruthEntry[] = (
  [
    { id: 'closed-1', users: 20, think: 1, stations: [[1, 40]], quick: false },
    { id: 'closed-2', users: 30, think: 2, stations: [[1, 50], [2, 60]], quick: true },
    { id: 'closed-3', users: 60, think: 1, stations: [[4, 40], [1, 12], [8, 100]], quick: true },
  ] as const
).map((cc) => ({
  id: cc.id,
  full: 6 * 3600,
  ...(cc.quick ? { quick: 3 * 3600 } : {}),
  build: (seconds: number, seedOffset: number): TruthCase => {
    const names = cc.stations.map((_, i) => `s${i}`);
    let yaml = head(cc.id, seedOffset, { seconds, warmup: 600, seed: 51, traffic: `{ target: s0, arrivals: closed, users: ${cc.users}, thinkTime: { distribution: exponential, mean: ${cc.think}s } }` });
    cc.stations.forEach(([c, ms], i) => (yaml += station(names[i]!, c, ms, i + 1 < names.length ? `, releaseDuringCalls: true, calls: [{ to: ${names[i + 1]} }]` : '')));
    const t = closedNetwork(
      cc.users,
      cc.think,
      cc.stations.map(([c, ms]) => ({ servers: c, serviceSeconds: ms / 1000 })),
    );
    return {
      id: cc.id,
      label: fixedLabel(`closed loop N=${cc.users}, Z=${cc.think} s exponential, ${cc.stations.map(([c, ms]) => `M/M/${c} ${ms} ms`).join(' → ')}, ${seconds / 3600} h`),
      yaml,
      figures: [
        { figure: 'throughput', unit: 'req/s', theory: t.throughput, sim: (r) => r.closedThroughputQps, tolerance: 0.02 },
        { figure: 'mean response', unit: 'ms', theory: t.responseSeconds * 1000, sim: (r) => r.latencyMs.mean, tolerance: 0.02 },
        // The law holds for the think time the users drew, but the check subtracts its nominal mean Z: the drawn
        // mean's own error, Z/√(X·T) over X·T think periods, enters N/X − Z whole, about Z/R ≈ 10 times R's
        // relative error. Over 12 seeds of closed-2's quick run it was 3.0% (1 SD) of R, so a flat 2% passed or
        // failed by seed (it passed at seed 51 only while warm-up latencies leaked into the mean, fixed in
        // run-stats.ts). The tolerance is 3 of those SDs, never under 2%; R itself is held to 2% of the exact MVA above.
        { figure: 'R = N/X − Z (from the simulated X)', unit: 'ms', theory: (r) => (cc.users / r.closedThroughputQps - cc.think) * 1000, sim: (r) => r.latencyMs.mean, tolerance: Math.max(0.02, (3 * cc.think) / Math.sqrt(t.throughput * (seconds - 600)) / t.responseSeconds) },
        ...names.map((nm, i) => ({ figure: `${nm}: latencyMs.mean`, unit: 'ms', theory: t.stationSeconds[i]! * 1000, sim: (r: TruthRun) => r.service(nm).ownMeanMs, tolerance: 0.02 })),
      ],
    };
  },
}));

// ---- M/M/c/K under overload: blocking probability, sojourn of the admitted, and conservation. queue.maxLength
// on a shared-queue service is the waiting room: K = c + maxLength. Entry length = requests.
const mmckEntries: TruthEntry[] = (
  [
    [4, 6, 0.8, false],
    [4, 6, 1.5, true],
    [8, 0, 1.0, true],
    [64, 16, 1.2, true],
  ] as const
).map(([c, room, rho, quick]) => ({
  id: `mmck-${c}-${room}-${rho}`,
  full: 3_000_000,
  ...(quick ? { quick: 1_000_000 } : {}),
  build: (requests: number, seedOffset: number): TruthCase => {
    const meanMs = 50;
    const mu = 1000 / meanMs;
    const lambda = rho * c * mu;
    const seconds = requests / lambda;
    const t = mmck({ lambda, mu, servers: c, capacity: c + room });
    return {
      id: `mmck-${c}-${room}-${rho}`,
      label: fixedLabel(`M/M/${c}/${c + room} (queue.maxLength ${room}), ρ=${rho}${room === 0 ? `, Erlang B ${erlangB(c, lambda / mu).toFixed(4)}` : ''}`),
      yaml: head('mmck', seedOffset, { seconds, warmup: seconds * 0.02, seed: 61, traffic: poisson(lambda) }) + station('api', c, meanMs, `, queue: { maxLength: ${room} }`),
      figures: [
        { figure: 'blocking probability', unit: '', theory: t.blocking, sim: (r) => r.measured.dropped / r.measured.offered, tolerance: 0.02 },
        { figure: 'mean sojourn of the served', unit: 'ms', theory: t.meanSojourn * 1000, sim: (r) => r.latencyMs.mean, tolerance: 0.02 },
        conservation,
        {
          figure: 'api: served + dropped + timed out vs visits (the gap: visits in flight at the end)',
          unit: 'req',
          theory: (r) => r.service('api').visits,
          sim: (r) => r.service('api').served + r.service('api').dropped + r.service('api').timedOut,
        },
      ],
    };
  },
}));

/** Every truth case, in the report's order. */
export const TRUTH_CASES: readonly TruthEntry[] = [
  ...mmcEntries,
  ...formEntries,
  poolEntry,
  ...mg1Entries,
  ...empiricalEntries,
  ...jacksonEntries,
  ...forkJoinEntries,
  ...blockingEntries,
  ...closedEntries,
  ...mmckEntries,
  ...DETERMINISTIC_ENTRIES,
];
