/**
 * The service graph against closed forms, as docs/fidelity.md tabulates it (asserted, with the same
 * designs, by src/engine/graph-fidelity.test.ts):  npx tsx packages/sim-core/bench/graph-fidelity-report.ts
 * Then the networks written as YAML and run through the public API (src/test-support/network-truth-cases.ts,
 * asserted at shorter lengths by src/api/network-yaml-truth.test.ts), every figure at the cases' full length.
 */
import { compileScenario } from '../src/api/compile-scenario.ts';
import { runEngine } from '../src/engine/simulation.ts';
import { parseScenarioText } from '../src/scenario/parse-scenario.ts';
import { runScenario } from '../src/api/run-scenario.ts';
import { meanSojourn } from '../src/theory/erlang-c.ts';
import { NETWORK_TRUTH_CASES, theoryOf } from '../src/test-support/network-truth-cases.ts';

const sojourn = (c: number, lambda: number, mean: number): number => meanSojourn({ lambda, mu: 1 / mean, servers: c }) * 1000;
const head = (duration: string, qps: number) =>
  `apiVersion: design-sim/v1\nkind: Scenario\nmetadata: { name: g }\nspec:\n  duration: ${duration}\n  warmup: 10m\n  drain: 0s\n  seed: 3\n  network: { sameZone: 0ms }\n  traffic: { target: api, profile: { type: constant, qps: ${qps} } }\n  services:\n`;
const station = (name: string, replicas: number, meanMs: number, extra = '') =>
  `    - { name: ${name}, replicas: ${replicas}, gpusPerReplica: 0, routing: shared-queue, latency: { distribution: exponential, meanMs: ${meanMs} }${extra} }\n`;

function run(yaml: string) {
  const p = parseScenarioText(yaml, 'g.yaml');
  if (!p.ok) throw new Error(JSON.stringify(p.issues));
  return runEngine(compileScenario(p.scenario));
}

const rows: string[] = [];
const row = (name: string, requests: number, sim: number, truth: number) =>
  rows.push(`| ${name} | ${requests.toLocaleString('en-US')} | ${sim.toFixed(2)} | ${truth.toFixed(2)} | ${((sim / truth - 1) * 100).toFixed(2)}% |`);

let r = run(head('3h', 100) + station('api', 4, 30, ', releaseDuringCalls: true, calls: [{ to: db }]') + station('db', 2, 15));
row('tandem M/M/4 (30 ms) → M/M/2 (15 ms), λ = 100/s', r.measured.served, r.latency.mean(), sojourn(4, 100, 0.03) + sojourn(2, 100, 0.015));
r = run(head('3h', 200) + station('api', 8, 20, ', releaseDuringCalls: true, calls: [{ to: search, probability: 0.3 }, { to: db }]') + station('search', 4, 50) + station('db', 2, 8));
row('routing: api → search (p = 0.3) → db, λ = 200/s', r.measured.served, r.latency.mean(), sojourn(8, 200, 0.02) + 0.3 * sojourn(4, 60, 0.05) + sojourn(2, 200, 0.008));
const share = r.services[1]!.stats!.visits / r.services[0]!.stats!.visits;
// A diamond: db is fed by api (every request) and by a (40% of them): λdb = 140/s by the traffic equations.
r = run(head('2h', 100) + station('api', 4, 20, ', releaseDuringCalls: true, calls: [{ to: a, probability: 0.4 }, { to: db }]') + station('a', 2, 25, ', releaseDuringCalls: true, calls: [{ to: db }]') + station('db', 4, 20));
const w = { api: sojourn(4, 100, 0.02), a: sojourn(2, 40, 0.025), db: sojourn(4, 140, 0.02) };
row(`diamond: api → a (p = 0.4) → db, and api → db, λ = 100/s (own sojourns: api ${r.services[0]!.stats!.own().mean().toFixed(2)} / ${w.api.toFixed(2)}, a ${r.services[1]!.stats!.own().mean().toFixed(2)} / ${w.a.toFixed(2)}, db ${r.services[2]!.stats!.own().mean().toFixed(2)} / ${w.db.toFixed(2)} ms)`, r.measured.served, r.latency.mean(), w.api + 0.4 * (w.a + w.db) + w.db);
// Connection pools: each api replica's pool of 5 is an M/M/5 queue in front of a database that never queues.
for (const qps of [60, 80]) {
  r = run(head('3h', qps) + `    - { name: api, replicas: 2, concurrency: 4096, gpusPerReplica: 0, routing: random, releaseDuringCalls: true, latency: { distribution: constant, ms: 0.000001 }, calls: [{ to: db, connections: 5 }] }\n` + `    - { name: db, replicas: 1, concurrency: 1000, gpusPerReplica: 0, latency: { distribution: exponential, meanMs: 100 } }\n`);
  row(`connection pool of 5 per caller replica (2 replicas, random routing, 100 ms queries): M/M/5 at ρ = ${qps / 2 / 50}`, r.measured.served, r.latency.mean(), sojourn(5, qps / 2, 0.1));
}
for (const rho of [0.5, 0.8]) {
  const mu = 100;
  r = run(head('4h', rho * mu) + `    - { name: api, replicas: 8, concurrency: 4096, gpusPerReplica: 0, releaseDuringCalls: true, latency: { distribution: constant, ms: 0.000001 }, calls: [{ parallel: [{ to: a }, { to: b }] }] }\n` + station('a', 1, 10) + station('b', 1, 10));
  row(`fork-join of two M/M/1, ρ = ${rho} (Flatto–Hahn)`, r.measured.served, r.latency.mean(), ((12 - rho) / 8) * (1 / (mu - rho * mu)) * 1000);
}
console.log('| case | requests | mean ms (sim) | mean ms (theory) | error |\n|---|---|---|---|---|\n' + rows.join('\n'));
console.log(`\nshare of visits reaching the p = 0.3 branch: ${(share * 100).toFixed(2)}%`);

// The networks written as YAML: one row per figure (identities that must hold exactly are counted, not rowed).
const fmt = (x: number) => (Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : x.toFixed(Math.abs(x) < 10 ? 3 : 2));
const yamlRows: string[] = [];
for (const entry of NETWORK_TRUTH_CASES) {
  const c = entry.build(entry.full);
  const p = parseScenarioText(c.yaml, `${c.id}.yaml`);
  if (!p.ok) throw new Error(JSON.stringify(p.issues));
  const res = runScenario(p.scenario);
  const requests = res.summary!.measured.served.toLocaleString('en-US');
  let identities = 0;
  let first = true;
  for (const f of c.figures) {
    const sim = f.sim(res);
    const theory = theoryOf(f, res);
    if (f.tolerance === 0) {
      if (sim !== theory) throw new Error(`${c.id}: ${f.figure}: ${sim} ≠ ${theory}`);
      identities++;
      continue;
    }
    yamlRows.push(`| ${first ? `${c.label}: ` : '〃 '}${f.figure}${f.unit ? ` (${f.unit})` : ''} | ${requests} | ${fmt(sim)} | ${fmt(theory)} | ${((sim / theory - 1) * 100).toFixed(2)}% |`);
    first = false;
  }
  if (identities > 0) yamlRows.push(`| 〃 conservation at ${identities} services (visits = served + dropped + timed out + unfinished) | ${requests} | exact | exact | 0 |`);
}
console.log('\n| case | requests | sim | theory | error |\n|---|---|---|---|---|\n' + yamlRows.join('\n'));
