/**
 * Cases an independent checker would try, written as scenario YAML (the user's path: parse → compile →
 * engine) and compared with closed forms from src/theory: the truth table of src/test-support/truth-cases.ts
 * at its `quick` lengths. M/M/c at ρ = 0.9 and c = 256 on the whole sojourn distribution (mean, p50, p90,
 * p99), M/G/1 with lognormal and empirical service against Pollaczek–Khinchine, open Jackson networks with
 * three stations of different rates, a feedback loop and a router with unequal branches (per-station Erlang C
 * at the traffic equations' rates), fork-join of 4 and 8 queues (Nelson–Tantawi), closed networks of 2 and 3
 * stations against their exact product form, M/M/c/K blocking (and Erlang B), blocking callers at N/D,
 * Little's law on the in-flight series, and M/D/c and D/M/c (constant service, evenly spaced arrivals) against
 * their exact solutions (Crommelin's chain; GI/M/c), P(W > 0) of D/M/4 through a connection pool. bench/truth-fidelity-report.ts runs the same table at its `full`
 * lengths through the CLI (docs/fidelity.md).
 */
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../api/compile-scenario.ts';
import { parseScenarioText } from '../scenario/parse-scenario.ts';
import { erlangB, mmck } from '../theory/index.ts';
import { theoryOn, TRUTH_CASES, type TruthRun } from '../test-support/truth-cases.ts';
import type { EngineResult } from './engine-result.ts';
import { runEngine } from './simulation.ts';

/** Runs a case's text through the engine; the result and the services' names (in the scenario's order). */
function run(yaml: string): { r: EngineResult; names: string[] } {
  const p = parseScenarioText(yaml, 'truth.yaml');
  if (!p.ok) throw new Error(JSON.stringify(p.issues));
  return { r: runEngine(compileScenario(p.scenario)), names: p.scenario.spec.services.map((s) => s.name) };
}

/** A run as the truth cases read it, from the engine's result. */
function fromEngine(r: EngineResult, names: string[]): TruthRun {
  return {
    measured: r.measured,
    latencyMs: { mean: r.latency.mean(), p50: r.latency.quantile(0.5), p90: r.latency.quantile(0.9), p99: r.latency.quantile(0.99) },
    service: (name) => {
      const s = r.services[names.indexOf(name)];
      const st = s?.stats;
      if (!s || !st) throw new Error(`no per-service figures for ${name} (a one-service design has only the summary's)`);
      return { ownMeanMs: st.own().mean(), subtreeMeanMs: st.subtree().mean(), visits: st.visits, served: st.served, dropped: st.dropped, timedOut: st.timedOut, connectionWaits: st.connectionWaits, utilization: s.utilization };
    },
    serviceNames: names,
    closedThroughputQps: r.measured.served / (r.durationSeconds - r.warmupSeconds),
    waiting: r.timeseries.waiting,
    inService: r.timeseries.inService,
  };
}

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

describe('the truth table at its quick lengths: every claimed figure within its tolerance of the closed form', () => {
  for (const entry of TRUTH_CASES) {
    if (entry.quick === undefined) continue;
    const kase = entry.build(entry.quick, 0);
    it(entry.id, () => {
      const { r, names } = run(kase.yaml);
      const t = fromEngine(r, names);
      for (const f of kase.figures) {
        if (f.tolerance === undefined) continue;
        const theory = theoryOn(f, t);
        const err = f.sim(t) / theory - 1;
        const { below, above } = typeof f.tolerance === 'number' ? { below: f.tolerance, above: f.tolerance } : f.tolerance;
        const what = `${kase.label(t)}: ${f.figure} (${f.sim(t)} ${f.unit} vs ${theory})`;
        expect(-err, what).toBeLessThanOrEqual(below);
        expect(err, what).toBeLessThanOrEqual(above);
      }
      expectConserved(r);
    });
  }

  it('every case the report runs is built, and the test runs a claimed figure of every kind', () => {
    const full = TRUTH_CASES.filter((e) => e.full !== undefined);
    expect(full.length).toBeGreaterThanOrEqual(40);
    for (const e of TRUTH_CASES) expect(e.quick !== undefined || e.full !== undefined, e.id).toBe(true);
    const kinds = new Set(TRUTH_CASES.filter((e) => e.quick !== undefined).map((e) => e.id.replace(/-[\d.-]+$/, '').replace(/-(concurrency|shared-queue)$/, '')));
    expect([...kinds].sort()).toEqual(['blocking', 'closed', 'dmc', 'dmc-pool', 'forkjoin', 'jackson-choice-diamond', 'jackson-feedback', 'jackson-tandem3', 'mdc', 'mdc-pool', 'mg1-empirical', 'mg1-lognormal', 'mmc', 'mmc-forms', 'mmck', 'pool-erlang-c']);
  });
});

it('M/M/c/K with no waiting room is Erlang B', () => {
  const lambda = 160;
  const mu = 20;
  expect(mmck({ lambda, mu, servers: 8, capacity: 8 }).blocking).toBeCloseTo(erlangB(8, lambda / mu), 12);
});
