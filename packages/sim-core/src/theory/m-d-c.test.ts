import { describe, expect, it } from 'vitest';
import { meanWait } from './erlang-c.ts';
import { mdc } from './m-d-c.ts';
import { md1MeanWait } from './pollaczek-khinchine.ts';

/**
 * ∫₀^∞ P(W > x) dx by 4-point Gauss–Legendre on steps of D/40 (the tail is smooth between multiples of D,
 * where the steps break; at c = 64 it falls steeply inside each step, which a midpoint rule misses at 1e-5),
 * out to where it is below 1e-15.
 */
function integratedMean(q: ReturnType<typeof mdc>, d: number): number {
  const nodes = [-0.8611363115940526, -0.3399810435848563, 0.3399810435848563, 0.8611363115940526];
  const weights = [0.3478548451374538, 0.6521451548625461, 0.6521451548625461, 0.3478548451374538];
  const h = d / 40;
  let sum = 0;
  for (let x0 = 0; ; x0 += h) {
    if (1 - q.waitCdf(x0) < 1e-15) return sum;
    for (let i = 0; i < 4; i++) sum += (h / 2) * weights[i]! * (1 - q.waitCdf(x0 + (h / 2) * (1 + nodes[i]!)));
  }
}

describe('M/D/c (Crommelin 1932)', () => {
  it('c = 1 is M/D/1: the mean wait is Pollaczek–Khinchine λD²/(2(1 − ρ)), and P(W > 0) = ρ', () => {
    for (const rho of [0.3, 0.7, 0.9, 0.97]) {
      const d = 0.05;
      const q = mdc(rho / d, d, 1);
      // ρD/(2(1 − ρ)): at ρ = 0.9, 0.9 × 50 ms / 0.2 = 225 ms.
      expect(q.meanWait / md1MeanWait(rho / d, d)).toBeCloseTo(1, 10);
      expect(q.waitProbability).toBeCloseTo(rho, 10);
    }
    expect(mdc(18, 0.05, 1).meanWait * 1000).toBeCloseTo(225, 8);
  });

  it('the wait distribution integrates to the mean from Little (two independent routes to E[W])', () => {
    for (const [c, rho] of [
      [1, 0.9],
      [2, 0.9],
      [8, 0.8],
      [64, 0.9],
    ] as const) {
      const d = 0.05;
      const q = mdc((rho * c) / d, d, c);
      expect(integratedMean(q, d) / q.meanWait, `c = ${c}, ρ = ${rho}`).toBeCloseTo(1, 8);
    }
  });

  it('the distribution is a distribution: P(W ≤ 0) = P(N < c), continuous at each multiple of D, and its quantiles invert it', () => {
    const d = 0.05;
    const q = mdc(144, d, 8); // ρ = 0.9
    expect(q.pi.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 13);
    expect(q.waitCdf(0)).toBeCloseTo(1 - q.waitProbability, 12);
    for (const k of [1, 2, 5]) expect(q.waitCdf(k * d) - q.waitCdf(k * d - 1e-12)).toBeLessThan(1e-9);
    let prev = 0;
    for (let x = 0; x < 20 * d; x += d / 7) {
      const f = q.waitCdf(x);
      expect(f).toBeGreaterThanOrEqual(prev - 1e-15);
      prev = f;
    }
    for (const p of [0.9, 0.99, 0.999]) {
      const w = q.waitQuantile(p);
      expect(q.waitCdf(w)).toBeCloseTo(p, 9);
      expect(q.sojournQuantile(p) - w).toBeCloseTo(d, 12);
    }
  });

  it('many servers: about half the M/M/c wait (Erlang C), within 1% of the Cosmetatos correction', () => {
    // Cosmetatos (1975), "Approximate explicit formulae for the average queueing time in the processes
    // (M/D/r) and (D/M/r)", INFOR 13: W_MD/c ≈ ½ W_MM/c · [1 + (1 − ρ)(c − 1)(√(4 + 5c) − 2) / (16ρc)]. An
    // approximation, so a band: it is the cross-check that the exact result has the size it should.
    for (const [c, rho] of [
      [8, 0.8],
      [16, 0.9],
      [64, 0.9],
    ] as const) {
      const d = 0.05;
      const lambda = (rho * c) / d;
      const exact = mdc(lambda, d, c).meanWait;
      const half = meanWait({ lambda, mu: 1 / d, servers: c }) / 2;
      const cosmetatos = half * (1 + ((1 - rho) * (c - 1) * (Math.sqrt(4 + 5 * c) - 2)) / (16 * rho * c));
      expect(exact / half, `c = ${c}`).toBeGreaterThan(1);
      expect(exact / half, `c = ${c}`).toBeLessThan(1.15);
      expect(Math.abs(exact / cosmetatos - 1), `c = ${c}`).toBeLessThan(0.01);
    }
  });

  it('refuses an unstable or malformed queue', () => {
    expect(() => mdc(20, 0.05, 1)).toThrow(/unstable/);
    expect(() => mdc(10, 0.05, 1.5)).toThrow(/whole c/);
  });
});
