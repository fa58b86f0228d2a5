import { erlangC, serversForSlo, sojournTail } from '@design-sim/sim-core';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../testing/test-context.ts';
import { percentileName, sizeServing, tailPercent } from './estimate-serving.ts';

const base = { qps: 1000, latency: 0.05, percentile: 0.99, concurrency: 1, service: 'exponential' as const };

describe('sizeServing', () => {
  it('without an SLO, takes the fewest servers with P(wait) at most 1% (and one fewer is not enough)', () => {
    const s = sizeServing(base);
    expect(s.offeredErlangs).toBeCloseTo(50, 12);
    expect(s.probabilityOfWait).toBeLessThanOrEqual(0.01);
    expect(erlangC({ lambda: 1000, mu: 20, servers: s.servers - 1 })).toBeGreaterThan(0.01);
    expect(s.replicas).toBe(s.servers);
  });

  it('with an SLO and exponential service, agrees with sim-core serversForSlo and meets the tail', () => {
    const s = sizeServing({ ...base, slo: 0.25 });
    expect(s.servers).toBe(serversForSlo(1000, 20, 0.25, 0.99));
    expect(sojournTail({ lambda: 1000, mu: 20, servers: s.servers }, 0.25)).toBeLessThanOrEqual(0.01);
    expect(s.latencyAtPercentileSeconds).toBeLessThanOrEqual(0.25 + 1e-9);
  });

  it('packs servers into replicas by concurrency', () => {
    const one = sizeServing({ ...base, slo: 0.25 });
    const four = sizeServing({ ...base, slo: 0.25, concurrency: 4 });
    expect(four.replicas).toBe(Math.ceil(one.servers / 4));
    expect(four.utilization).toBeLessThanOrEqual(one.utilization + 1e-12);
  });

  it('says Infinity when exponential service alone breaks the SLO', () => {
    // P(S > 100 ms) = e^{-2} ≈ 13.5% > 1% for a 50 ms mean: no server count helps.
    expect(sizeServing({ ...base, slo: 0.1 }).replicas).toBe(Infinity);
  });

  it('with constant service, bounds the wait tail C·e^{-(cμ-λ)(t-S)} by 1%', () => {
    const s = sizeServing({ ...base, slo: 0.1, service: 'constant' });
    const c = s.servers;
    const tail = (n: number) => erlangC({ lambda: 1000, mu: 20, servers: n }) * Math.exp(-(n * 20 - 1000) * 0.05);
    expect(tail(c)).toBeLessThanOrEqual(0.01);
    expect(tail(c - 1)).toBeGreaterThan(0.01);
    expect(s.latencyAtPercentileSeconds).toBeLessThanOrEqual(0.1 + 1e-9);
  });
});

describe('estimate serving command', () => {
  it('--concurrency past the scenario limit is refused at once, not a billion-step Erlang C', async () => {
    // Before: 1e9 slots in one replica ran past 20 s (a hang). The limit is the scenario format's MAX_CONCURRENCY.
    const start = performance.now();
    const r = await runInProcess(['estimate', 'serving', '--qps', '1000', '--latency', '50ms', '--gpu', 'l4', '--concurrency', '1000000000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("design-sim: option '--concurrency <n>' argument '1000000000' is invalid. expected at most 4,096 (docs/limits.md).\n(add --help for usage and examples)\n");
    const top = await runInProcess(['estimate', 'serving', '--qps', '1000', '--latency', '50ms', '--gpu', 'l4', '--concurrency', '4096']);
    expect(top.code).toBe(0);
    expect(performance.now() - start).toBeLessThan(5000);
  });

  it('prints one answer line with the formula and the price source', async () => {
    const r = await runInProcess(['estimate', 'serving', '--qps', '1000', '--latency', '50ms', '--slo', '250ms', '--gpu', 'l4']);
    expect(r.code).toBe(0);
    const [answer, formula, price] = r.stdout.trimEnd().split('\n');
    expect(answer).toMatch(/^1,000 QPS × 50 ms = 50 Erlangs → \d+ replicas/);
    expect(answer).toContain('per 1M requests');
    expect(formula).toMatch(/^ {2}formula: a = λ·S Erlangs; M\/M\/c Erlang C/);
    expect(price).toMatch(/^ {2}price: .*l4 on-demand price per GPU-hour/);
  });

  it('exits 1 and explains when no replica count meets the SLO', async () => {
    const r = await runInProcess(['estimate', 'serving', '--qps', '1000', '--latency', '50ms', '--slo', '100ms']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('no replica count meets p99 ≤ 100 ms');
  });

  // Before: 100,000 Erlangs and more had "no answer" (exit 1) although the M/M/c answer exists.
  it('sizes a million requests per second (10⁵ Erlangs): the fewest servers that meet the SLO', async () => {
    const r = await runInProcess(['estimate', 'serving', '--qps', '1e6', '--latency', '100ms', '--slo', '1s', '--json']);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout).sizing.servers as number;
    expect(c).toBeGreaterThan(100_000);
    // Independent check of minimality, on the closed form itself.
    expect(sojournTail({ lambda: 1e6, mu: 10, servers: c }, 1)).toBeLessThanOrEqual(0.01);
    expect(sojournTail({ lambda: 1e6, mu: 10, servers: c - 1 }, 1)).toBeGreaterThan(0.01);
  });

  it('never prints ρ = 1 for a stable fleet (5·10⁶ Erlangs on 5,000,001 servers)', async () => {
    const r = await runInProcess(['estimate', 'serving', '--qps', '1M', '--latency', '5s', '--slo', '40s']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ρ = 0.9999998:');
  });

  it('answers at once, even for loads beyond the search', async () => {
    const start = performance.now();
    const r = await runInProcess(['estimate', 'serving', '--qps', '1e6', '--latency', '100s', '--slo', '1000s']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('within 10,000,000 request slots (the offered load is 100,000,000 Erlangs)');
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('refuses a rate a scenario refuses: --qps above MAX_QPS (1e6) is exit 2, before any sizing', async () => {
    const r = await runInProcess(['estimate', 'serving', '--qps', '1e7', '--latency', '50ms', '--gpu', 'l4']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("option '--qps <n>' argument '1e7' is invalid. expected at most 1,000,000 requests per second (docs/limits.md).");
    expect(r.stdout).toBe('');
  });

  it('refuses a rate below one request in the longest run: --qps 1e-320 priced a million requests at "$∞"', async () => {
    const r = await runInProcess(['estimate', 'serving', '--qps', '1e-320', '--latency', '50ms', '--gpu', 'l4']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("argument '1e-320' is invalid. expected at least one request in 7d, the longest run a scenario may simulate (1.65e-6 requests per second; docs/limits.md).");
    // 1 ÷ 604,800 s = 1.653e-6: 1.7e-6 is answered, its bill finite.
    const low = await runInProcess(['estimate', 'serving', '--qps', '1.7e-6', '--latency', '50ms', '--gpu', 'l4']);
    expect(low.code).toBe(0);
    expect(low.stdout).not.toContain('∞');
  });

  it('names the highest percentile it takes as p99.9999 with a tail of 0.0001%, not "p100" and "0%"', async () => {
    // Exponential service of mean 1 h: the service alone exceeds −ln(10⁻⁶) h = 13.8 h = 829 min for 10⁻⁶ of requests.
    const r = await runInProcess(['estimate', 'serving', '--qps', '1', '--latency', '1h', '--slo', '2h', '--percentile', '99.9999']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('no replica count meets p99.9999 ≤ 120 min: with exponential service (mean 60 min) the service time alone exceeds 829 min for 0.0001% of requests');
    expect(r.stdout).toContain('smallest c with P(T>SLO) ≤ 0.0001%;');
    expect([percentileName(0.99), percentileName(0.999), percentileName(0.9999), percentileName(0.999999)]).toEqual(['p99', 'p99.9', 'p99.99', 'p99.9999']);
    expect([tailPercent(0.99), tailPercent(0.999999)]).toEqual(['1%', '0.0001%']);
    // Without an SLO, a P(wait) below 0.01% keeps two significant digits: 5 Erlangs on 20 servers wait with
    // Erlang C ≈ 3.5e-7 (it printed "0% of requests wait").
    const noSlo = await runInProcess(['estimate', 'serving', '--qps', '100', '--latency', '50ms', '--percentile', '99.9999']);
    expect(noSlo.stdout).toMatch(/^100 QPS × 50 ms = 5 Erlangs → 20 replicas, ρ = 0\.25: 0\.000035% of requests wait, predicted p99\.9999 /);
  });

  it('exits 2 for an SLO below the constant service time', async () => {
    const r = await runInProcess(['estimate', 'serving', '--qps', '10', '--latency', '50ms', '--slo', '40ms', '--service', 'constant']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--slo 40ms is not above --latency 50ms');
  });
});
