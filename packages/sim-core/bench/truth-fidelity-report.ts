/**
 * Queueing truth through the user-facing path: each case is a scenario YAML written as a user would, run by
 * the built CLI (`design-sim run FILE --json`), and its --json figures compared with closed forms
 * (src/theory). Prints one markdown row per figure; docs/fidelity.md ("Independent checks through the CLI")
 * holds the table it made. Build first: `npx -y pnpm@10 -r build`; then, from the repository root,
 * `npx tsx packages/sim-core/bench/truth-fidelity-report.ts [filter]` (a substring of the case names).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  closedNetwork,
  erlangB,
  forkJoinNelsonTantawi,
  lognormalMoments,
  meanSojourn,
  mg1MeanWait,
  mmck,
  sojournQuantile,
  waitTail,
} from '../src/theory/index.ts';
import { poisson, station, truthHead } from '../src/test-support/truth-yaml.ts';

const CLI = resolve(import.meta.dirname, '../../../apps/cli/dist/design-sim.mjs');
const dir = mkdtempSync(join(tmpdir(), 'truth-'));

interface Json {
  summary: {
    durationSeconds: number;
    warmupSeconds: number;
    requests: Counts;
    measured: Counts;
    latencyMs: Record<'p50' | 'p90' | 'p99' | 'mean', number>;
    closedLoop: { throughputQps: number } | null;
  };
  services: Record<
    string,
    { requests: { visits: number; served: number; dropped: number; timedOut: number; connectionWaits: number }; latencyMs: Record<'p50' | 'p90' | 'p99' | 'mean', number>; subtreeLatencyMs: { mean: number }; utilization: number }
  >;
  timeseries: { waiting: number[]; inService: number[]; servedQps: number[] };
}
interface Counts {
  offered: number;
  served: number;
  dropped: number;
  timedOut: number;
  unfinished: number;
}

function run(name: string, yaml: string): Json {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, yaml);
  let out: string;
  try {
    out = execFileSync('node', [CLI, 'run', file, '--json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  } catch (e) {
    // A failed verdict (e.g. an overloaded front) exits non-zero but still prints the JSON.
    out = (e as { stdout: string }).stdout;
  }
  return JSON.parse(out) as Json;
}

/** The shared head, with the report's own names and SEED_OFFSET added to every seed. */
const head = (name: string, o: { duration: number; warmup: number; seed?: number; interval?: string; traffic: string }): string =>
  truthHead({ name, seconds: o.duration, warmup: o.warmup, seed: (o.seed ?? 1) + seedOffset, interval: o.interval, traffic: o.traffic });

const rows: string[] = [];
function row(kase: string, figure: string, theory: number, sim: number, unit = 'ms'): void {
  const err = (sim / theory - 1) * 100;
  const line = `| ${kase} | ${figure} | ${fmt(theory)} ${unit} | ${fmt(sim)} ${unit} | ${err >= 0 ? '+' : '−'}${Math.abs(err).toFixed(2)}% |`;
  rows.push(line);
  console.log(line);
}
const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(1) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(4));

const filter = process.argv[2] ?? '';
/** SEED_OFFSET=k reruns every case on other seeds (the seed of each case plus k). */
const seedOffset = Number(process.env.SEED_OFFSET ?? 0);
const cases: [string, () => void][] = [];
const add = (name: string, f: () => void) => cases.push([name, f]);

// M/M/c: mean and p50/p90/p99 of the FIFO sojourn against the exact M/M/c sojourn distribution.
const REQUESTS: Record<number, number> = { 0.5: 1_000_000, 0.9: 4_000_000, 0.95: 10_000_000 };
for (const c of [1, 2, 8, 64, 256]) {
  for (const rho of [0.5, 0.9, 0.95]) {
    add(`mmc-${c}-${rho}`, () => {
      // One or two servers relax slowly at high load (variance of the mean ~ (1 − ρ)⁻⁴): four times the run, and
      // a 5 ms service time so that the run fits in the 7-day horizon.
      const requests = REQUESTS[rho]! * (c <= 2 && rho >= 0.9 ? 4 : 1);
      const meanMs = c <= 2 ? 5 : 50;
      const mu = 1000 / meanMs;
      const lambda = rho * c * mu;
      const duration = requests / lambda;
      const j = run(`mmc-${c}-${rho}`, head('mmc', { duration, warmup: duration * 0.02, seed: 100 + c, traffic: poisson(lambda) }) + station('api', c, meanMs));
      const q = { lambda, mu, servers: c };
      const name = `M/M/${c} ρ=${rho} (${(j.summary.measured.served / 1e6).toFixed(1)} M requests)`;
      row(name, 'mean', meanSojourn(q) * 1000, j.summary.latencyMs.mean);
      for (const p of ['p50', 'p90', 'p99'] as const) row(name, p, sojournQuantile(q, Number(p.slice(1)) / 100) * 1000, j.summary.latencyMs[p]);
    });
  }
}

// How a user writes c servers. One replica with `concurrency: c` and its own FIFO queue is M/M/c whatever the
// routing; replicas × concurrency behind `routing: shared-queue` is M/M/(replicas × concurrency); c
// replicas behind the default `least-outstanding` balancer are join-the-shortest-queue, not M/M/c: slower
// than Erlang C (a request waits at a replica while another may free first), faster than c separate M/M/1.
add('mmc-forms', () => {
  const lambda = 144; // ρ = 0.9 on 8 servers of 50 ms
  const forms: [string, string, number][] = [
    ['one replica, concurrency 8 (default routing)', 'replicas: 1, concurrency: 8', 8],
    ['4 replicas × concurrency 2, shared-queue', 'replicas: 4, concurrency: 2, routing: shared-queue', 8],
    ['8 replicas, default least-outstanding', 'replicas: 8', 8],
  ];
  for (const [label, spec, c] of forms) {
    const j = run(
      'forms',
      head('forms', { duration: 6 * 3600, warmup: 600, seed: 5, traffic: poisson(lambda) }) + `    - { name: api, ${spec}, gpusPerReplica: 0, latency: { distribution: exponential, meanMs: 50 } }\n`,
    );
    const q = { lambda, mu: 20, servers: c };
    row(`M/M/8 ρ = 0.9 written as ${label}, 6 h`, 'mean (Erlang C M/M/8)', meanSojourn(q) * 1000, j.summary.latencyMs.mean);
    row(`M/M/8 ρ = 0.9 written as ${label}, 6 h`, 'p99 (Erlang C M/M/8)', sojournQuantile(q, 0.99) * 1000, j.summary.latencyMs.p99);
  }
});

// P(W > 0) = Erlang C: a connection pool of 6 with an unbounded callee is an M/M/6 queue, and
// services.api.requests.connectionWaits counts the calls that waited.
add('pool-erlang-c', () => {
  const lambda = 48;
  const j = run(
    'pool',
    head('pool', { duration: 6 * 3600, warmup: 300, seed: 71, traffic: poisson(lambda) }) +
      `    - { name: api, replicas: 1, concurrency: 4096, gpusPerReplica: 0, releaseDuringCalls: true, latency: { distribution: constant, ms: 0.000001 }, calls: [{ to: db, connections: 6 }] }\n` +
      `    - { name: db, replicas: 1, concurrency: 1000, gpusPerReplica: 0, latency: { distribution: exponential, meanMs: 100 } }\n`,
  );
  const q = { lambda, mu: 10, servers: 6 };
  const a = j.services.api!.requests;
  const kase = 'connection pool of 6, 100 ms exponential queries, λ = 48/s (M/M/6, ρ = 0.8), 6 h';
  row(kase, 'share of calls that waited, P(W > 0) = C(6, 4.8)', waitTail(q, 0), a.connectionWaits / a.visits, '');
  row(kase, 'mean call time', meanSojourn(q) * 1000, j.summary.latencyMs.mean);
});

// M/G/1 against Pollaczek–Khinchine: mean wait = λE[S²] / 2(1 − ρ).
const Z99 = 2.3263478740408408; // standard normal 0.99 quantile
for (const rho of [0.5, 0.8]) {
  add(`mg1-lognormal-${rho}`, () => {
    const p50 = 0.04;
    const p99 = 0.2;
    const m = lognormalMoments(Math.log(p50), Math.log(p99 / p50) / Z99);
    const lambda = rho / m.mean;
    const duration = 5_000_000 / lambda;
    const j = run(
      'mg1',
      head('mg1', { duration, warmup: duration * 0.02, seed: 11, traffic: poisson(lambda) }) +
        `    - { name: api, replicas: 1, gpusPerReplica: 0, routing: shared-queue, latency: { distribution: lognormal, p50Ms: 40, p99Ms: 200 } }\n`,
    );
    row(`M/G/1 lognormal p50 40 ms p99 200 ms (E[S] ${(m.mean * 1000).toFixed(2)} ms, SCV ${(m.secondMoment / m.mean ** 2 - 1).toFixed(3)}), ρ=${rho}`, 'mean wait', mg1MeanWait(lambda, m.mean, m.secondMoment) * 1000, j.summary.latencyMs.mean - m.mean * 1000);
  });
}
add('mg1-empirical', () => {
  // Nine fast requests and one slow: E[S] = 14.5 ms, E[S²] = 1,022.5 ms², SCV 3.86.
  const samples = [5, 5, 5, 5, 5, 5, 5, 5, 5, 100];
  const mean = samples.reduce((a, b) => a + b) / samples.length / 1000;
  const second = samples.reduce((a, b) => a + (b / 1000) ** 2, 0) / samples.length;
  const rho = 0.7;
  const lambda = rho / mean;
  const duration = 10_000_000 / lambda;
  const j = run(
    'mg1e',
    head('mg1e', { duration, warmup: duration * 0.02, seed: 12, traffic: poisson(lambda) }) +
      `    - { name: api, replicas: 1, gpusPerReplica: 0, routing: shared-queue, latency: { distribution: empirical, samplesMs: [${samples.join(', ')}] } }\n`,
  );
  row(`M/G/1 empirical 9 × 5 ms + 1 × 100 ms (SCV ${(second / mean ** 2 - 1).toFixed(2)}), ρ=${rho}`, 'mean wait', mg1MeanWait(lambda, mean, second) * 1000, j.summary.latencyMs.mean - mean * 1000);
});

/**
 * Little's law on the top-level `waiting + inService` series (interval-end samples, time averages). That
 * series counts visits, not end-to-end requests: a request waiting on a call at api and queued at db counts
 * at both (RequestStore.inFlight), so its time average is Σ over services of visits/s × the service's subtree
 * mean (the time a visit there stays in flight), which is compared here; X·W end to end is printed beside it.
 */
function little(kase: string, j: Json, duration: number, warmup: number): void {
  const ts = j.timeseries;
  const n = ts.waiting.length;
  const skip = Math.ceil(n * (warmup / duration));
  let inFlight = 0;
  for (let i = skip; i < n; i++) inFlight += ts.waiting[i]! + ts.inService[i]!;
  inFlight /= n - skip;
  const seconds = duration - warmup;
  let visits = 0;
  // Served visits only: subtree means are over served visits, and a visit refused at a full queue leaves at once.
  for (const s of Object.values(j.services)) visits += (s.requests.served / seconds) * (s.subtreeLatencyMs.mean / 1000);
  row(kase, "Little's law over visits: mean of waiting + inService vs Σ visits/s × subtree mean", visits, inFlight, 'req');
  row(kase, 'the same series vs end-to-end X·W (requests; differs by design, see text)', (j.summary.measured.served / seconds) * (j.summary.latencyMs.mean / 1000), inFlight, 'req');
}

// Open Jackson networks: per-service mean sojourn and visits from the traffic equations.
const mmcW = (c: number, lambda: number, meanMs: number) => meanSojourn({ lambda, mu: 1000 / meanMs, servers: c }) * 1000;
function perService(kase: string, j: Json, expected: Record<string, { lambda: number; c: number; meanMs: number }>, seconds: number): void {
  for (const [name, e] of Object.entries(expected)) {
    row(kase, `${name}: latencyMs.mean (M/M/${e.c} at ${e.lambda.toFixed(1)}/s)`, mmcW(e.c, e.lambda, e.meanMs), j.services[name]!.latencyMs.mean);
    row(kase, `${name}: requests.served`, e.lambda * seconds, j.services[name]!.requests.served, 'req');
    row(kase, `${name}: utilization (Little on the servers: λ·E[S]/c)`, (e.lambda * e.meanMs) / 1000 / e.c, j.services[name]!.utilization, '');
  }
}
add('jackson-tandem3', () => {
  const lambda = 150;
  const duration = 3 * 3600;
  const warmup = 600;
  const j = run(
    'tandem3',
    head('tandem3', { duration, warmup, seed: 21, interval: '10s', traffic: poisson(lambda, 'gw') }) +
      station('gw', 1, 4, ', releaseDuringCalls: true, calls: [{ to: api }]') +
      station('api', 8, 40, ', releaseDuringCalls: true, calls: [{ to: db }]') +
      station('db', 64, 300),
  );
  const e = { gw: { lambda, c: 1, meanMs: 4 }, api: { lambda, c: 8, meanMs: 40 }, db: { lambda, c: 64, meanMs: 300 } };
  const kase = 'tandem gw M/M/1 (4 ms) → api M/M/8 (40 ms) → db M/M/64 (300 ms), λ = 150/s, 3 h';
  perService(kase, j, e, duration - warmup);
  row(kase, 'end to end mean (sum of sojourns)', mmcW(1, lambda, 4) + mmcW(8, lambda, 40) + mmcW(64, lambda, 300), j.summary.latencyMs.mean);
  little(kase, j, duration, warmup);
});
add('jackson-feedback', () => {
  // db sends an async event back to api for 25% of its visits: at db's completion the request leaves and a
  // new one enters api, which is Jackson routing db → api with p = 0.25 (no network time). Traffic
  // equations: λ_api = λ_db = λ / (1 − 0.25).
  const lambda = 60;
  const duration = 3 * 3600;
  const warmup = 600;
  const j = run(
    'feedback',
    head('feedback', { duration, warmup, seed: 22, traffic: poisson(lambda) }) +
      station('api', 4, 40, ', releaseDuringCalls: true, calls: [{ to: db }]') +
      station('db', 2, 20, ', calls: [{ to: api, async: true, probability: 0.25 }]'),
  );
  const total = lambda / 0.75;
  const e = { api: { lambda: total, c: 4, meanMs: 40 }, db: { lambda: total, c: 2, meanMs: 20 } };
  const kase = 'feedback loop: api M/M/4 (40 ms) → db M/M/2 (20 ms) → async back to api with p = 0.25, λ = 60/s, 3 h';
  perService(kase, j, e, duration - warmup);
});
add('jackson-choice-diamond', () => {
  const lambda = 100;
  const duration = 3 * 3600;
  const warmup = 600;
  const j = run(
    'diamond',
    head('diamond', { duration, warmup, seed: 23, traffic: poisson(lambda) }) +
      station('api', 4, 30, ', releaseDuringCalls: true, calls: [{ choice: [{ to: a, probability: 0.7 }, { to: b, probability: 0.2 }] }, { to: db, probability: 0.5 }]') +
      station('a', 8, 90, ', releaseDuringCalls: true, calls: [{ to: db }]') +
      station('b', 2, 70, ', releaseDuringCalls: true, calls: [{ to: db }]') +
      station('db', 4, 20),
  );
  const e = { api: { lambda, c: 4, meanMs: 30 }, a: { lambda: 70, c: 8, meanMs: 90 }, b: { lambda: 20, c: 2, meanMs: 70 }, db: { lambda: 140, c: 4, meanMs: 20 } };
  const kase = 'diamond: api M/M/4 → choice {a 0.7, b 0.2, none 0.1} → db, then db with p = 0.5; λ = 100/s, db at 140/s, 3 h';
  perService(kase, j, e, duration - warmup);
  const w = (k: keyof typeof e) => mmcW(e[k].c, e[k].lambda, e[k].meanMs);
  row(kase, 'end to end mean (visit-weighted)', w('api') + 0.7 * (w('a') + w('db')) + 0.2 * (w('b') + w('db')) + 0.5 * w('db'), j.summary.latencyMs.mean);
});

// Fork-join of k M/M/1 queues: Flatto–Hahn (k = 2), Nelson–Tantawi (k > 2).
for (const k of [2, 4, 8]) {
  for (const rho of [0.5, 0.8]) {
    add(`forkjoin-${k}-${rho}`, () => {
      const mu = 100;
      const lambda = rho * mu;
      const duration = 4 * 3600;
      const branches = Array.from({ length: k }, (_, i) => `{ to: q${i} }`).join(', ');
      let yaml =
        head('fj', { duration, warmup: 600, seed: 30 + k, traffic: poisson(lambda) }) +
        `    - { name: api, replicas: 8, concurrency: 4096, gpusPerReplica: 0, releaseDuringCalls: true, latency: { distribution: constant, ms: 0 }, calls: [{ parallel: [${branches}] }] }\n`;
      for (let i = 0; i < k; i++) yaml += station(`q${i}`, 1, 1000 / mu);
      const j = run(`fj-${k}-${rho}`, yaml);
      row(`fork-join of ${k} M/M/1, ρ=${rho}, 4 h`, k === 2 ? 'mean (Flatto–Hahn, exact)' : 'mean (Nelson–Tantawi)', forkJoinNelsonTantawi(k, lambda, mu) * 1000, j.summary.latencyMs.mean);
    });
  }
}

// Blocking callers: N slots held during a call of constant D pass at most N/D; Little's law at the front.
for (const [n, d] of [
  [10, 100],
  [4, 50],
] as const) {
  add(`blocking-${n}-${d}`, () => {
    const duration = 1800;
    const warmup = 300;
    const j = run(
      `blocking-${n}`,
      head('blocking', { duration, warmup, seed: 41, interval: '1s', traffic: poisson(200) }) +
        `    - { name: api, replicas: 1, concurrency: ${n}, gpusPerReplica: 0, releaseDuringCalls: false, latency: { distribution: constant, ms: 0.01 }, queue: { maxLength: 50 }, calls: [{ to: slow }] }\n` +
        `    - { name: slow, replicas: 1, concurrency: 1000, gpusPerReplica: 0, latency: { distribution: constant, ms: ${d} } }\n`,
    );
    const kase = `blocking front: ${n} slots held during a ${d} ms call, 200/s offered, queue 50`;
    row(kase, 'served/s (N/D)', (n / d) * 1000, j.summary.measured.served / (duration - warmup), 'req/s');
    little(kase, j, duration, warmup);
    const m = j.summary.measured;
    row(kase, 'conservation: served + dropped + timed out + unfinished', m.offered, m.served + m.dropped + m.timedOut + m.unfinished, 'req');
  });
}

// Closed loops against the exact product form (1–3 stations), and the response-time law R = N/X − Z.
const closedCases: { name: string; users: number; think: number; stations: [number, number][] }[] = [
  { name: 'closed-1', users: 20, think: 1, stations: [[1, 40]] },
  { name: 'closed-2', users: 30, think: 2, stations: [[1, 50], [2, 60]] },
  { name: 'closed-3', users: 60, think: 1, stations: [[4, 40], [1, 12], [8, 100]] },
];
for (const cc of closedCases) {
  add(cc.name, () => {
    const duration = 6 * 3600;
    const warmup = 600;
    const names = cc.stations.map((_, i) => `s${i}`);
    let yaml = head(cc.name, { duration, warmup, seed: 51, traffic: `{ target: s0, arrivals: closed, users: ${cc.users}, thinkTime: { distribution: exponential, mean: ${cc.think}s } }` });
    cc.stations.forEach(([c, ms], i) => (yaml += station(names[i]!, c, ms, i + 1 < names.length ? `, releaseDuringCalls: true, calls: [{ to: ${names[i + 1]} }]` : '')));
    const j = run(cc.name, yaml);
    const t = closedNetwork(
      cc.users,
      cc.think,
      cc.stations.map(([c, ms]) => ({ servers: c, serviceSeconds: ms / 1000 })),
    );
    const kase = `closed loop N=${cc.users}, Z=${cc.think} s exponential, ${cc.stations.map(([c, ms]) => `M/M/${c} ${ms} ms`).join(' → ')}, 6 h`;
    const x = j.summary.closedLoop!.throughputQps;
    row(kase, 'throughput', t.throughput, x, 'req/s');
    row(kase, 'mean response', t.responseSeconds * 1000, j.summary.latencyMs.mean);
    row(kase, 'R = N/X − Z (from the simulated X)', (cc.users / x - cc.think) * 1000, j.summary.latencyMs.mean);
    names.forEach((nm, i) => row(kase, `${nm}: latencyMs.mean`, t.stationSeconds[i]! * 1000, j.services[nm]!.latencyMs.mean));
  });
}

// M/M/c/K under overload: blocking probability, sojourn of the admitted, and conservation.
for (const [c, room, rho] of [
  [4, 6, 0.8],
  [4, 6, 1.5],
  [8, 0, 1.0],
  [64, 16, 1.2],
] as const) {
  add(`mmck-${c}-${room}-${rho}`, () => {
    const meanMs = 50;
    const mu = 1000 / meanMs;
    const lambda = rho * c * mu;
    const duration = 3_000_000 / lambda;
    const warmup = duration * 0.02;
    const j = run(
      'mmck',
      head('mmck', { duration, warmup, seed: 61, traffic: poisson(lambda) }) + station('api', c, meanMs, `, queue: { maxLength: ${room} }`),
    );
    const t = mmck({ lambda, mu, servers: c, capacity: c + room });
    const m = j.summary.measured;
    const kase = `M/M/${c}/${c + room} (queue.maxLength ${room}), ρ=${rho}${room === 0 ? `, Erlang B ${erlangB(c, lambda / mu).toFixed(4)}` : ''}`;
    row(kase, 'blocking probability', t.blocking, m.dropped / m.offered, '');
    row(kase, 'mean sojourn of the served', t.meanSojourn * 1000, j.summary.latencyMs.mean);
    row(kase, 'conservation: served + dropped + timed out + unfinished', m.offered, m.served + m.dropped + m.timedOut + m.unfinished, 'req');
    const s = j.services.api!.requests;
    row(kase, 'api: served + dropped + timed out vs visits (the gap: visits in flight at the end)', s.visits, s.served + s.dropped + s.timedOut, 'req');
  });
}

console.log('| case | figure | theory | design-sim | error |\n|---|---|---|---|---|');
for (const [name, f] of cases) if (name.includes(filter)) f();
