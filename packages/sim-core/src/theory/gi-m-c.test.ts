import { describe, expect, it } from 'vitest';
import { erlangC, meanWait, sojournQuantile } from './erlang-c.ts';
import { constantArrivals, giM1Sigma, giM1SojournRate } from './gi-m-1.ts';
import { clockEventLaw, constantGaps, exponentialGaps, giMc, overOneGap } from './gi-m-c.ts';

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

  it('the uniformized death kernel over a constant gap T is the exact pure-death law', () => {
    const mu = 20;
    const c = 3;
    const gap = 1 / (0.9 * c * mu);
    const ev = clockEventLaw(constantGaps(gap), c * mu);
    const binom = (n: number, k: number, p: number) => {
      let b = 1;
      for (let i = 0; i < k; i++) b = (b * (n - i)) / (i + 1);
      return b * p ** k * (1 - p) ** (n - k);
    };
    // Up to c present: each is served alone, so the survivors are Binomial(start, e^{−μT}).
    for (let start = 1; start <= c; start++) {
      const v = overOneGap(start, c, ev);
      for (let j = 0; j <= start; j++) expect(v[j], `${start} → ${j}`).toBeCloseTo(binom(start, j, Math.exp(-mu * gap)), 14);
    }
    // 6 present: departures at cμ until c remain (Erlang(3, cμ) time S), then Binomial(c, e^{−μ(T − S)}) survive;
    // if S > T, 6 − Poisson(cμT) remain. The integral over S by Simpson's rule on 4,000 steps.
    const start = 6;
    const extra = start - c;
    const rate = c * mu;
    const v = overOneGap(start, c, ev);
    const erlang = (s: number) => (rate ** extra * s ** (extra - 1) * Math.exp(-rate * s)) / 2; // (extra − 1)! = 2
    const steps = 4000;
    const h = gap / steps;
    for (let j = 0; j <= c; j++) {
      let integral = 0;
      for (let i = 0; i <= steps; i++) {
        const s = i * h;
        const w = i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2;
        integral += w * erlang(s) * binom(c, j, Math.exp(-mu * (gap - s)));
      }
      expect(v[j], `6 → ${j}`).toBeCloseTo((integral * h) / 3, 10);
    }
    const m = rate * gap;
    for (let k = 0; k < extra; k++) expect(v[start - k], `6 → ${start - k}`).toBeCloseTo((Math.exp(-m) * m ** k) / [1, 1, 2][k]!, 14);
  });

  it('refuses an unstable queue', () => {
    expect(() => giMc(constantGaps(1 / 100), 20, 4)).toThrow(/unstable/);
  });
});
