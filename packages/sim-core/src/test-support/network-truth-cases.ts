/**
 * Queueing networks an outside checker might write, as scenario YAML run through the public API
 * (`runScenario`, the figures `--json` prints), each figure beside a closed form: visit ratios above one, the
 * end-to-end latency distribution of an M/M/1 tandem, async calls, caller timeouts, a Jackson network that
 * splits and merges, and Little's law per component. Two consumers: src/api/network-yaml-truth.test.ts asserts each figure's
 * tolerance at the `quick` length; bench/graph-fidelity-report.ts prints every figure at the `full` length
 * for docs/fidelity.md.
 */
import type { RunResult } from '../api/run-result.ts';
import type { ServiceSummary } from '../api/service-summary.ts';
import { hypoexponentialQuantile, meanSojourn } from '../theory/index.ts';
import { poisson, station, truthHead } from './truth-yaml.ts';

/** One compared figure. */
export interface NetworkFigure {
  figure: string;
  unit: string;
  /** The closed form, or an identity read from the run (Little's law on the simulated λ and W). */
  theory: number | ((r: RunResult) => number);
  sim: (r: RunResult) => number;
  /** Relative error accepted (|sim / theory − 1|); 0: an identity that must hold exactly. */
  tolerance: number;
}

export interface NetworkCase {
  id: string;
  label: string;
  yaml: string;
  figures: NetworkFigure[];
}

/** A case built at a run length in hours; `quick` for the test, `full` for the report. */
export interface NetworkEntry {
  id: string;
  quick: number;
  full: number;
  build: (hours: number) => NetworkCase;
}

export const theoryOf = (f: NetworkFigure, r: RunResult): number => (typeof f.theory === 'number' ? f.theory : f.theory(r));

/** Mean M/M/c sojourn, ms: W = C(c, λ/μ) / (cμ − λ) + 1/μ (Erlang C; Kleinrock vol. 1 §3.5). */
const mmc = (c: number, lambda: number, meanMs: number): number => meanSojourn({ lambda, mu: 1000 / meanMs, servers: c }) * 1000;

const WARMUP = 600;
const svc = (r: RunResult, name: string): ServiceSummary => {
  const s = r.services?.[name];
  if (s === undefined) throw new Error(`no service ${name} in the result`);
  return s;
};

/** A station's own mean sojourn (queue + its work, without its calls) against Erlang C at its Jackson rate. */
const ownMean = (name: string, c: number, lambda: number, meanMs: number): NetworkFigure => ({
  figure: `${name}: latencyMs.mean (M/M/${c}, ${meanMs} ms, at ${lambda}/s)`,
  unit: 'ms',
  theory: mmc(c, lambda, meanMs),
  sim: (r) => svc(r, name).latencyMs.mean,
  tolerance: 0.03,
});

/**
 * Served visits against λᵢ × the measured time: a thinned Poisson stream's count is Poisson, sd √(λᵢT); four
 * of them (as a fraction of λᵢT) is the tolerance. (A visit ratio of 2 at one caller doubles a Poisson count
 * rather than thinning one: its sd is 2√(λT), so that case passes `ratio`.)
 */
const servedCount = (name: string, lambda: number, seconds: number, ratio = 1): NetworkFigure => {
  const expected = lambda * (seconds - WARMUP);
  return { figure: `${name}: requests.served (λ = ${lambda}/s × measured time)`, unit: 'visits', theory: expected, sim: (r) => svc(r, name).requests.served, tolerance: (4 * Math.sqrt(ratio * expected)) / expected };
};

/** Utilization = λ·E[S] / c (Little's law on the servers). Within 2% (relative). */
const utilization = (name: string, c: number, lambda: number, meanMs: number): NetworkFigure => ({
  figure: `${name}: utilization (λ·E[S]/c)`,
  unit: '',
  theory: (lambda * meanMs) / 1000 / c,
  sim: (r) => svc(r, name).utilization,
  tolerance: 0.02,
});

/** visits = served + dropped + timed out + unfinished, at one service (an identity). */
const conserved = (name: string): NetworkFigure => ({
  figure: `${name}: visits = served + dropped + timed out + unfinished`,
  unit: 'visits',
  theory: (r) => svc(r, name).requests.visits,
  sim: (r) => {
    const q = svc(r, name).requests;
    return q.served + q.dropped + q.timedOut + q.unfinished;
  },
  tolerance: 0,
});

const endToEnd = (what: string, theory: number, tolerance = 0.03): NetworkFigure => ({ figure: `end to end mean (${what})`, unit: 'ms', theory, sim: (r) => r.summary!.latencyMs.mean, tolerance });

const head = (name: string, hours: number, seed: number, qps: number, target: string, interval = '10m') =>
  truthHead({ name, seconds: hours * 3600, warmup: WARMUP, seed, interval, traffic: poisson(qps, target) });

// ---- 1. Visit ratios above one.
const visitRatio2: NetworkEntry = {
  id: 'visit-ratio-2',
  quick: 1.5,
  full: 6,
  build: (hours) => {
    // front calls db twice in sequence: db's arrivals are 2λ. A Jackson network with class-dependent routing
    // (first and second visit to db) and FIFO exponential stations of one rate per station keeps the product
    // form (BCMP 1975), so db is M/M/4 at 2λ = 120/s: a = 3, ρ = 0.75, C = 0.5094, Wq = 0.5094/(160 − 120) =
    // 12.74 ms, W = 37.74 ms; front M/M/2 at 60/s, 12 ms: ρ = 0.36, C = 2ρ²/(1 + ρ) = 0.1906, W = 12 + 0.1906/
    // (166.7 − 60) = 13.79 ms. End to end = W(front) + 2 W(db) = 89.26 ms.
    const seconds = hours * 3600;
    return {
      id: 'visit-ratio-2',
      label: `visit ratio 2: front (M/M/2, 12 ms) calls db (M/M/4, 25 ms) twice in sequence, λ = 60/s, db at 120/s, ${hours} h`,
      yaml: head('visit-ratio', hours, 71, 60, 'front') + station('front', 2, 12, ', releaseDuringCalls: true, calls: [{ to: db }, { to: db }]') + station('db', 4, 25),
      figures: [
        ownMean('front', 2, 60, 12),
        ownMean('db', 4, 120, 25),
        utilization('db', 4, 120, 25),
        servedCount('db', 120, seconds, 2),
        endToEnd('W(front) + 2 W(db at 2λ)', mmc(2, 60, 12) + 2 * mmc(4, 120, 25)),
        conserved('front'),
        conserved('db'),
      ],
    };
  },
};

const twoPaths: NetworkEntry = {
  id: 'two-paths',
  quick: 1.5,
  full: 6,
  build: (hours) => {
    // db is reached directly (p = 0.5) and through mid (p = 0.4), which calls it once and then again with
    // p = 0.5. Traffic equations: λmid = 0.4 × 100 = 40/s; λdb = 0.5 × 100 + 40 × 1.5 = 110/s (visit ratio 1.1).
    // End to end = W(api) + 0.5 W(db) + 0.4 (W(mid) + 1.5 W(db)).
    const seconds = hours * 3600;
    const w = { api: mmc(4, 100, 20), mid: mmc(2, 40, 25), db: mmc(8, 110, 50) };
    return {
      id: 'two-paths',
      label: `db reached by two paths: api (M/M/4, 20 ms) → db p = 0.5, → mid p = 0.4 (M/M/2, 25 ms) → db, db again p = 0.5; db M/M/8 (50 ms) at 110/s, λ = 100/s, ${hours} h`,
      yaml:
        head('two-paths', hours, 72, 100, 'api') +
        station('api', 4, 20, ', releaseDuringCalls: true, calls: [{ to: db, probability: 0.5 }, { to: mid, probability: 0.4 }]') +
        station('mid', 2, 25, ', releaseDuringCalls: true, calls: [{ to: db }, { to: db, probability: 0.5 }]') +
        station('db', 8, 50),
      figures: [
        ownMean('api', 4, 100, 20),
        ownMean('mid', 2, 40, 25),
        ownMean('db', 8, 110, 50),
        servedCount('mid', 40, seconds),
        // db's count is a sum of a thinned stream and a compound one (1 or 2 visits per mid visit): its variance
        // is 50T + 40T × E[k²] = 50T + 40T × 2.5 = 150T, not 110T.
        servedCount('db', 110, seconds, 150 / 110),
        endToEnd('W(api) + 0.5 W(db) + 0.4 (W(mid) + 1.5 W(db))', w.api + 0.5 * w.db + 0.4 * (w.mid + 1.5 * w.db)),
        conserved('api'),
        conserved('mid'),
        conserved('db'),
      ],
    };
  },
};

// ---- 2. The end-to-end distribution of an M/M/1 tandem.
const tandemRates = { s1: { meanMs: 10 }, s2: { meanMs: 12.5 }, s3: { meanMs: 5 } };
const tandemPercentiles: NetworkEntry = {
  id: 'mm1-tandem-percentiles',
  quick: 8,
  full: 24,
  build: (hours) => {
    // Reich (1957), after Burke (1956): in an open tandem of FIFO M/M/1 stations a customer's sojourns are
    // independent, the i-th Exp(μᵢ − λ). At λ = 50/s: rates 50, 30 and 150/s, so the end-to-end latency is
    // hypoexponential (src/theory/hypoexponential.ts: P(T > t) = Σᵢ e^{−rᵢt} Πⱼ≠ᵢ rⱼ/(rⱼ − rᵢ)), mean Σ 1/rᵢ =
    // 20 + 33.33 + 6.67 = 60 ms; each station's p99 is ln(100)/(μᵢ − λ).
    // Tolerance on the percentiles, 2%: the histogram's buckets are 1/256 of an octave (latency-histogram.ts),
    // so the reported bucket midpoint is within 1/512 ≈ 0.2% of the sample quantile; the sample quantile's own
    // error (√(p(1 − p)/n)/f(x_p) for n i.i.d. draws, times a few for the queue's correlation between successive
    // customers) measured over 8 seeds at the quick length (8 h, 1.4 M requests): sd 0.26–0.34% end to end,
    // 0.23–0.52% for a station's p99, so 2% is the bucketing plus more than 3.5 sd.
    const lambda = 50;
    const rates = Object.values(tandemRates).map((s) => 1000 / s.meanMs - lambda);
    const names = Object.keys(tandemRates);
    const q = (p: number) => hypoexponentialQuantile(rates, p) * 1000;
    return {
      id: 'mm1-tandem-percentiles',
      label: `M/M/1 tandem s1 (10 ms) → s2 (12.5 ms) → s3 (5 ms), λ = 50/s: hypoexponential end to end (Burke–Reich), ${hours} h`,
      yaml:
        head('tandem-percentiles', hours, 73, lambda, 's1') +
        station('s1', 1, 10, ', releaseDuringCalls: true, calls: [{ to: s2 }]') +
        station('s2', 1, 12.5, ', releaseDuringCalls: true, calls: [{ to: s3 }]') +
        station('s3', 1, 5),
      figures: [
        endToEnd('Σ 1/(μᵢ − λ)', rates.reduce((a, r) => a + 1000 / r, 0)),
        ...(['p50', 'p90', 'p99'] as const).map((p) => ({ figure: `end to end ${p} (hypoexponential)`, unit: 'ms', theory: q(Number(p.slice(1)) / 100), sim: (r: RunResult) => r.summary!.latencyMs[p], tolerance: 0.02 })),
        // s2's subtree (its sojourn and s3's) is the hypoexponential of the last two rates.
        ...(['p50', 'p90', 'p99'] as const).map((p) => ({ figure: `s2: subtreeLatencyMs.${p} (hypoexponential of s2, s3)`, unit: 'ms', theory: hypoexponentialQuantile(rates.slice(1), Number(p.slice(1)) / 100) * 1000, sim: (r: RunResult) => svc(r, 's2').subtreeLatencyMs[p], tolerance: 0.02 })),
        ...names.flatMap((name, i) => [
          { figure: `${name}: latencyMs.mean (1/(μ − λ))`, unit: 'ms', theory: 1000 / rates[i]!, sim: (r: RunResult) => svc(r, name).latencyMs.mean, tolerance: 0.03 },
          { figure: `${name}: latencyMs.p99 (ln 100/(μ − λ))`, unit: 'ms', theory: (Math.log(100) / rates[i]!) * 1000, sim: (r: RunResult) => svc(r, name).latencyMs.p99, tolerance: 0.02 },
        ]),
        ...names.map(conserved),
      ],
    };
  },
};

// ---- 3. Async calls: the caller does not wait, the callee still takes the load.
const asyncCalls: NetworkEntry = {
  id: 'async-calls',
  quick: 1.5,
  full: 6,
  build: (hours) => {
    // api (M/M/2, 10 ms) sends an event to events (M/M/4, 40 ms) and, for a quarter of requests, one to audit
    // (M/M/1, 20 ms), neither awaited, then calls db (M/M/2, 8 ms). End to end = W(api) + W(db); api's subtree
    // is the same sum. events takes λ = 80/s: ρ = 80 × 0.04/4 = 0.8 and its Erlang C sojourn; audit 20/s, ρ = 0.4.
    const seconds = hours * 3600;
    const w = mmc(2, 80, 10) + mmc(2, 80, 8);
    return {
      id: 'async-calls',
      label: `async: api (M/M/2, 10 ms) → events async (M/M/4, 40 ms), audit async p = 0.25 (M/M/1, 20 ms), then db (M/M/2, 8 ms), λ = 80/s, ${hours} h`,
      yaml:
        head('async', hours, 74, 80, 'api') +
        station('api', 2, 10, ', releaseDuringCalls: true, calls: [{ to: events, async: true }, { to: audit, async: true, probability: 0.25 }, { to: db }]') +
        station('events', 4, 40) +
        station('audit', 1, 20) +
        station('db', 2, 8),
      figures: [
        endToEnd('W(api) + W(db): the events are not awaited', w),
        { figure: 'api: subtreeLatencyMs.mean (W(api) + W(db))', unit: 'ms', theory: w, sim: (r) => svc(r, 'api').subtreeLatencyMs.mean, tolerance: 0.03 },
        ownMean('api', 2, 80, 10),
        ownMean('db', 2, 80, 8),
        ownMean('events', 4, 80, 40),
        ownMean('audit', 1, 20, 20),
        utilization('events', 4, 80, 40),
        utilization('audit', 1, 20, 20),
        servedCount('events', 80, seconds),
        servedCount('audit', 20, seconds),
        ...['api', 'events', 'audit', 'db'].map(conserved),
      ],
    };
  },
};

// ---- Caller timeouts: the caller gives up, the callee runs on.
const callerTimeout: NetworkEntry = {
  id: 'caller-timeout',
  quick: 4,
  full: 12,
  build: (hours) => {
    // api answers at once and calls db (M/M/1, 10 ms, λ = 50/s) with a 30 ms timeout and no retry. A call the
    // caller gave up on runs on at db (no deadline propagation), so db's queue is the M/M/1 it would be
    // without the timeout: its sojourn T ~ Exp(r = μ − λ = 50/s). A request times out when T > τ:
    // P = e^{−rτ} = e^{−1.5} = 0.2231 (a timeout this short makes P large, so its estimate is tight); the served ones' mean is E[T | T ≤ τ] = 1/r − τe^{−rτ}/(1 − e^{−rτ}).
    const r = 50;
    const tau = 0.03;
    const p = Math.exp(-r * tau);
    return {
      id: 'caller-timeout',
      label: `caller timeout: api → db (M/M/1, 10 ms, λ = 50/s) with timeout 30 ms, no retry, ${hours} h`,
      yaml:
        head('timeout', hours, 76, 50, 'api') +
        `    - { name: api, replicas: 1, concurrency: 4096, gpusPerReplica: 0, releaseDuringCalls: true, latency: { distribution: constant, ms: 0 }, calls: [{ to: db, timeout: 30ms, retries: 0 }] }\n` +
        station('db', 1, 10),
      figures: [
        { figure: 'timed-out share of requests (e^{−(μ − λ)τ})', unit: '', theory: p, sim: (x) => x.summary!.measured.timedOut / x.summary!.measured.offered, tolerance: 0.03 },
        { figure: 'api: callTimeouts ÷ visits', unit: '', theory: p, sim: (x) => svc(x, 'api').requests.callTimeouts / svc(x, 'api').requests.visits, tolerance: 0.03 },
        endToEnd('served: E[T | T ≤ τ]', (1 / r - (tau * p) / (1 - p)) * 1000),
        { figure: 'db: latencyMs.mean (1/(μ − λ): orphans run on)', unit: 'ms', theory: 1000 / r, sim: (x) => svc(x, 'db').latencyMs.mean, tolerance: 0.03 },
        utilization('db', 1, 50, 10),
        conserved('api'),
        conserved('db'),
      ],
    };
  },
};

// ---- 4 and 5. A Jackson network that splits and merges; Little's law per component.
const jacksonStations = { gw: { c: 2, meanMs: 5, lambda: 150 }, a: { c: 4, meanMs: 30, lambda: 90 }, b: { c: 3, meanMs: 35, lambda: 60 }, db: { c: 8, meanMs: 40, lambda: 150 } };

/**
 * Little's law at one station, L = λW, both sides from the run: L is the time average of its visits queued
 * (the `waiting` series, sampled at each 250 ms interval end after the warm-up) plus those in service (mean
 * utilization × its c servers, a time average of the work); λ its served visits per measured second, W its
 * own mean. The sampled queue is the noisy term: over 8 seeds at the quick length (21,600 samples) its sd is
 * 0.57% of L at gw and at most 0.25% elsewhere, so 3% is over 5 sd.
 */
function littleAt(name: string, c: number, seconds: number): NetworkFigure {
  return {
    figure: `${name}: Little's law, mean queued + busy servers vs served/s × latencyMs.mean`,
    unit: 'visits',
    theory: (r) => (svc(r, name).requests.served / (seconds - WARMUP)) * (svc(r, name).latencyMs.mean / 1000),
    sim: (r) => {
      const waiting = svc(r, name).timeseries.waiting;
      const skip = Math.round((waiting.length * WARMUP) / seconds);
      let sum = 0;
      for (let i = skip; i < waiting.length; i++) sum += waiting[i]!;
      return sum / (waiting.length - skip) + svc(r, name).utilization * c;
    },
    tolerance: 0.03,
  };
}

const jacksonSplitMerge: NetworkEntry = {
  id: 'jackson-split-merge',
  quick: 1.5,
  full: 6,
  build: (hours) => {
    // gw (M/M/2, 5 ms) routes 0.6 to a (M/M/4, 30 ms) and 0.4 to b (M/M/3, 35 ms); both call db (M/M/8, 40 ms).
    // Traffic equations at λ = 150/s: λa = 90, λb = 60, λdb = 90 + 60 = 150/s (ρ = 0.375, 0.675, 0.7, 0.75).
    // End to end = W(gw) + 0.6 W(a) + 0.4 W(b) + W(db).
    const seconds = hours * 3600;
    const e = jacksonStations;
    const w = (k: keyof typeof e) => mmc(e[k].c, e[k].lambda, e[k].meanMs);
    const names = Object.keys(e) as (keyof typeof e)[];
    return {
      id: 'jackson-split-merge',
      label: `split and merge: gw (M/M/2, 5 ms) → choice {a 0.6: M/M/4, 30 ms; b 0.4: M/M/3, 35 ms} → db (M/M/8, 40 ms), λ = 150/s, ${hours} h`,
      yaml:
        head('split-merge', hours, 75, 150, 'gw', '250ms') +
        station('gw', 2, 5, ', releaseDuringCalls: true, calls: [{ choice: [{ to: a, probability: 0.6 }, { to: b, probability: 0.4 }] }]') +
        station('a', 4, 30, ', releaseDuringCalls: true, calls: [{ to: db }]') +
        station('b', 3, 35, ', releaseDuringCalls: true, calls: [{ to: db }]') +
        station('db', 8, 40),
      figures: [
        ...names.map((k) => ownMean(k, e[k].c, e[k].lambda, e[k].meanMs)),
        ...names.map((k) => servedCount(k, e[k].lambda, seconds)),
        ...names.map((k) => utilization(k, e[k].c, e[k].lambda, e[k].meanMs)),
        endToEnd('W(gw) + 0.6 W(a) + 0.4 W(b) + W(db)', w('gw') + 0.6 * w('a') + 0.4 * w('b') + w('db')),
        ...names.map((k) => littleAt(k, e[k].c, seconds)),
        // And against the closed form: L = λW with Erlang C's W.
        ...names.map((k) => ({ figure: `${k}: mean queued + busy servers vs λ·W (Erlang C)`, unit: 'visits', theory: (e[k].lambda * w(k)) / 1000, sim: littleAt(k, e[k].c, seconds).sim, tolerance: 0.03 })),
        ...names.map(conserved),
      ],
    };
  },
};

/** Every case, in the report's order. */
export const NETWORK_TRUTH_CASES: readonly NetworkEntry[] = [visitRatio2, twoPaths, tandemPercentiles, asyncCalls, callerTimeout, jacksonSplitMerge];
