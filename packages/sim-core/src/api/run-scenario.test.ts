/** End-to-end runs of the reference examples through the public API, checked against independent numbers. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { meanSojourn, sojournQuantile } from '../theory/index.ts';
import { createSimApi } from './sim-api.ts';
import { poisson, truthHead } from '../test-support/truth-yaml.ts';

const examples = fileURLToPath(new URL('../../../../examples/', import.meta.url));
const api = createSimApi();

function run(file: string, options = {}) {
  const response = api.run(readFileSync(examples + file, 'utf8'), file, options);
  if (!response.ok) throw new Error(response.issues.map((i) => i.message).join('; '));
  return response.result;
}

describe('fixed-fleet.yaml (M/M/55, λ = 1000/s, 50 ms mean service)', () => {
  const r = run('fixed-fleet.yaml');
  const q = { lambda: 1000, mu: 20, servers: 55 };

  it('matches Erlang C for the mean and p99 within 3%', () => {
    expect(r.summary!.latencyMs.mean).toBeCloseTo(meanSojourn(q) * 1000, -1);
    expect(Math.abs(r.summary!.latencyMs.mean / (meanSojourn(q) * 1000) - 1)).toBeLessThan(0.03);
    expect(Math.abs(r.summary!.latencyMs.p99 / (sojournQuantile(q, 0.99) * 1000) - 1)).toBeLessThan(0.03);
  });

  it('bills 55 g2-standard-8 nodes for 2 h at the catalog price plus the GKE fee', () => {
    const cost = r.summary!.cost;
    // 55 × $0.85362/h (SKY_GCP host + L4) + $0.10/h GKE cluster fee, over 2 h.
    expect(cost.perHourUsd).toBeCloseTo(55 * 0.85362 + 0.1, 4);
    expect(cost.totalUsd).toBeCloseTo(2 * (55 * 0.85362 + 0.1), 3);
    expect(cost.monthlyUsd).toBeCloseTo(730 * (55 * 0.85362 + 0.1), 2);
  });

  it('passes its expectations', () => {
    expect(r.pass).toBe(true);
    expect(r.expectations.map((e) => e.pass)).toEqual([true, true]);
  });
});

describe('training-7b.yaml', () => {
  const r = run('training-7b.yaml');

  it('computes 6·N·D FLOPs and grades the seed claim of 18 days as way off', () => {
    const t = r.training!;
    expect(t.flops).toBeCloseTo(6 * 7e9 * 2e12, -15);
    // 8.4e22 FLOPs / (32 × 312e12 × 0.5) = 1.68e7 s ≈ 194.7 days before checkpoint and interruption overheads.
    expect(t.idealDays).toBeCloseTo(8.4e22 / (32 * 312e12 * 0.5) / 86_400, 6);
    expect(t.days).toBeGreaterThan(t.idealDays);
    const days = r.claims.find((c) => c.metric === 'training.days')!;
    expect(days.claimed).toBe(18);
    expect(days.verdict).toBe('way-off');
    expect(t.budget!.fits).toBe(false);
  });

  it('splits the expected days into compute, checkpoint saves, redone work and restarts, adding up to days', () => {
    const b = r.training!.breakdownDays;
    expect(b.work).toBeCloseTo(r.training!.idealDays, 9);
    expect(b.work + b.checkpoint + b.lostWork + b.restart).toBeCloseTo(r.training!.days, 6);
    expect(b.work + b.checkpoint + b.lostWork + b.restart - b.work).toBeCloseTo(r.training!.lostDays, 6);
  });
});

describe('hpa-step.yaml', () => {
  it('scales out after the step and is deterministic for a seed', () => {
    const a = run('hpa-step.yaml', { durationSeconds: 1200 });
    const b = run('hpa-step.yaml', { durationSeconds: 1200 });
    expect(JSON.stringify(a, replacer)).toBe(JSON.stringify(b, replacer));
    const ts = a.timeseries!;
    const before = ts.desiredReplicas[0]!;
    const after = Math.max(...Array.from(ts.desiredReplicas));
    expect(before).toBe(4);
    expect(after).toBeGreaterThan(4);
    const s = a.summary!;
    expect(s.requests.offered).toBe(s.requests.served + s.requests.dropped + s.requests.timedOut + s.requests.unfinished);
  });
});

function replacer(_key: string, value: unknown): unknown {
  return ArrayBuffer.isView(value) ? Array.from(value as Float64Array) : value;
}

describe('a design without node pools', () => {
  it('counts the GPUs its replicas bring at their peak (the utilization line already divides by them)', () => {
    const text = `${truthHead({ name: 'own-gpus', seconds: 600, warmup: 0, seed: 1, traffic: `[${poisson(50)}]` })}    - { name: api, replicas: 3, gpusPerReplica: 2, concurrency: 8, latency: { distribution: exponential, meanMs: 100 } }\n`;
    const r = api.run(text, 'own-gpus.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    // Before, the peak counted only nodes' GPUs: 0 GPUs at peak beside a GPU utilization of about 21%.
    expect(r.result.summary!.peakGpus).toBe(6);
    expect(r.result.summary!.nodes.max).toBe(0);
    expect(r.result.summary!.gpuUtilization).toBeGreaterThan(0.15);
  });
});

describe('a run in which no request arrives', () => {
  it('passes no availability expectation on a vacuous 100%, and says why', () => {
    const text = `${truthHead({ name: 'nothing-offered', seconds: 600, warmup: 0, seed: 1, traffic: `[${poisson(0.0001)}]` })}    - { name: api, replicas: 1, concurrency: 1, latency: { distribution: exponential, meanMs: 20 } }
  expect: ['availability >= 99.9%', 'services.api.availability >= 99.9%']
`;
    const r = api.run(text, 'nothing-offered.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.result.summary!.measured.offered).toBe(0);
    // The summary keeps its documented 1 for nothing offered; the expectations have no value to pass on.
    expect(r.result.summary!.availability).toBe(1);
    expect(r.result.expectations.map((e) => [e.pass, e.actual])).toEqual([[false, null], [false, null]]);
    expect(r.result.diagnostics.map((d) => [d.severity, d.code])).toContainEqual(['warning', 'nothing-offered']);
    expect(r.result.pass).toBe(false);
  });
});

describe('a run in which most requests fail', () => {
  // One replica with a queue of one slot, offered 20 times what it serves (M/M/1/1: it refuses ρ/(1+ρ) ≈ 95%).
  const design = (expect: string) => `${truthHead({ name: 'mostly-refused', seconds: 600, warmup: 0, seed: 1, traffic: `[${poisson(200)}]` })}    - { name: api, replicas: 1, concurrency: 1, queue: { maxLength: 0 }, latency: { distribution: exponential, meanMs: 100 } }
${expect}`;

  it('fails without an availability expectation, though no expectation failed (it said "PASS: no expectations to check")', () => {
    const r = api.run(design(''), 'mostly-refused.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const m = r.result.summary!.measured;
    expect(m.dropped / m.offered).toBeCloseTo(20 / 21, 1);
    expect(r.result.expectations).toEqual([]);
    expect(r.result.diagnostics.map((d) => [d.severity, d.code])).toContainEqual(['error', 'requests-failed']);
    expect(r.result.pass).toBe(false);
  });

  it('fails when they are unfinished too: a run cut with half its requests in service, its backlog flat', () => {
    // 1 request/s of 5 minutes' work on 1,000 slots, stopped at 10 min without a drain: the last 5 minutes'
    // requests (about half) are in service at the stop; the backlog stopped growing at 5 min, so no overload.
    const text = `${truthHead({ name: 'cut', seconds: 600, warmup: 0, seed: 1, traffic: `[${poisson(1)}]` })}    - { name: api, replicas: 1, concurrency: 1000, latency: { distribution: constant, ms: 300000 } }
`;
    const r = api.run(text, 'cut.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const m = r.result.summary!.measured;
    expect(m.unfinished / m.offered).toBeGreaterThan(0.4);
    expect(r.result.diagnostics.map((d) => d.code)).not.toContain('overloaded');
    expect(r.result.diagnostics.map((d) => [d.severity, d.code])).toContainEqual(['error', 'requests-failed']);
    expect(r.result.pass).toBe(false);
  });

  it("is judged by the scenario's own availability expectation when it has one", () => {
    const r = api.run(design("  expect: ['services.api.availability >= 1%']\n"), 'mostly-refused.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.result.diagnostics.map((d) => d.code)).not.toContain('requests-failed');
    expect(r.result.pass).toBe(true);
  });
});
