import { describe, expect, it } from 'vitest';
import { erlangC, meanWait, sojournQuantile } from './erlang-c.ts';
import { constantArrivals, giM1Sigma, giM1SojournRate } from './gi-m-1.ts';
import { constantGaps, exponentialGaps, giMc } from './gi-m-c.ts';

describe('GI/M/c (Gross & Harris §6.3.2)', () => {
  it('Poisson arrivals reproduce Erlang C: σ = ρ, P(W > 0) = C(c, a), E[W] = C/(cμ − λ), and the sojourn p99', () => {
    for (const [c, rho] of [
      [1, 0.8],
      [4, 0.9],
      [16, 0.7],
      [64, 0.9],
    ] as const) {
      const mu = 20;
      const lambda = rho * c * mu;
      const q = { lambda, mu, servers: c };
      const g = giMc(exponentialGaps(lambda), mu, c);
      expect(g.sigma, `c = ${c}`).toBeCloseTo(rho, 12);
      expect(g.waitProbability / erlangC(q), `c = ${c}`).toBeCloseTo(1, 11);
      expect(g.meanWait / meanWait(q), `c = ${c}`).toBeCloseTo(1, 11);
      expect(g.sojournQuantile(0.99) / sojournQuantile(q, 0.99), `c = ${c}`).toBeCloseTo(1, 10);
    }
  });

  it('c = 1 is the GI/M/1 of gi-m-1.ts: D/M/1 at 80/s, μ = 100/s waits with probability σ and stays 1/(μ(1 − σ))', () => {
    const g = giMc(constantGaps(1 / 80), 100, 1);
    expect(g.sigma).toBeCloseTo(giM1Sigma(constantArrivals(1 / 80), 100), 14);
    expect(g.waitProbability).toBeCloseTo(g.sigma, 12);
    expect(g.meanSojourn).toBeCloseTo(1 / giM1SojournRate(constantArrivals(1 / 80), 100), 12);
    // 26.927 ms by hand in gi-m-1.test.ts.
    expect(g.meanSojourn * 1000).toBeCloseTo(26.927, 2);
  });

  it('D/M/c: σ depends on ρ alone (cμ·gap = 1/ρ), and more servers at the same ρ wait less and less often', () => {
    // σ = e^{−(1 − σ)/ρ} at ρ = 0.9: 0.806900 (e^{−0.193100/0.9} = e^{−0.214556} = 0.806900).
    let prev = { p: 1, w: Infinity };
    for (const c of [1, 4, 16, 64]) {
      const mu = 20;
      const g = giMc(constantGaps(1 / (0.9 * c * mu)), mu, c);
      expect(g.sigma, `c = ${c}`).toBeCloseTo(0.8069, 4);
      expect(g.boundary.reduce((s, p) => s + p, 0) + g.waitProbability).toBeCloseTo(1, 13);
      expect(g.waitProbability).toBeLessThan(prev.p);
      expect(g.meanWait).toBeLessThan(prev.w);
      // Evenly spaced arrivals wait less than Poisson ones at the same load (less variable input).
      expect(g.waitProbability).toBeLessThan(erlangC({ lambda: 0.9 * c * mu, mu, servers: c }));
      prev = { p: g.waitProbability, w: g.meanWait };
    }
  });

  it('refuses an unstable queue', () => {
    expect(() => giMc(constantGaps(1 / 100), 20, 4)).toThrow(/unstable/);
  });
});
