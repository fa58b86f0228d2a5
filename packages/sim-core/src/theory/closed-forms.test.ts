/**
 * The closed forms checked against each other where they meet, so a mistake in one does not pass as the
 * simulator's error: M/M/c/K tends to M/M/c as K grows and is Erlang B at K = c; the closed network of one
 * station is the finite-source queue of closedMva; Nelson–Tantawi is Flatto–Hahn at k = 2 and the mean of
 * the largest of k exponentials at ρ → 0; the hypoexponential of one rate is the M/M/1 sojourn, and of the
 * rates {cμ − λ, μ} the M/M/c sojourn of a customer that waits.
 */
import { describe, expect, it } from 'vitest';
import { closedMva } from './closed-mva.ts';
import { closedNetwork } from './closed-network.ts';
import { erlangB, erlangC, meanSojourn, sojournQuantile, sojournTail, waitTail } from './erlang-c.ts';
import { forkJoin2, forkJoinNelsonTantawi, harmonic } from './fork-join.ts';
import { hypoexponentialQuantile, hypoexponentialTail } from './hypoexponential.ts';
import { mmck } from './mmck.ts';
import { lognormalMoments } from './pollaczek-khinchine.ts';

describe('closed forms agree where they meet', () => {
  it('M/M/c/K: Erlang B at K = c, M/M/c as K → ∞', () => {
    const q = { lambda: 150, mu: 20, servers: 8 };
    expect(mmck({ ...q, capacity: 8 }).blocking).toBeCloseTo(erlangB(8, 7.5), 12);
    const big = mmck({ ...q, capacity: 2000 });
    expect(big.blocking).toBeLessThan(1e-12);
    expect(big.meanSojourn).toBeCloseTo(meanSojourn(q), 10);
    expect(big.utilization).toBeCloseTo(150 / 160, 10);
  });

  it('the closed network of one station is closedMva', () => {
    for (const [users, think, servers] of [
      [20, 1, 1],
      [88, 0.5, 8],
    ] as const) {
      const a = closedNetwork(users, think, [{ servers, serviceSeconds: 0.05 }]);
      const b = closedMva({ users, thinkSeconds: think, mu: 20, servers });
      expect(a.throughput).toBeCloseTo(b.throughput, 9);
      expect(a.responseSeconds).toBeCloseTo(b.responseSeconds, 9);
      expect(a.stationSeconds[0]).toBeCloseTo(b.responseSeconds, 9);
    }
  });

  it('a closed network: station times add up to N/X − Z, and one user sees no queue', () => {
    const stations = [
      { servers: 4, serviceSeconds: 0.04 },
      { servers: 1, serviceSeconds: 0.012 },
    ];
    const r = closedNetwork(60, 1, stations);
    expect(r.stationSeconds[0]! + r.stationSeconds[1]!).toBeCloseTo(r.responseSeconds, 9);
    const one = closedNetwork(1, 1, stations);
    expect(one.responseSeconds).toBeCloseTo(0.052, 12);
    expect(one.throughput).toBeCloseTo(1 / 1.052, 12);
  });

  it('fork-join: Nelson–Tantawi is Flatto–Hahn at k = 2 and H_k/μ at light load', () => {
    expect(forkJoinNelsonTantawi(2, 80, 100)).toBeCloseTo(forkJoin2(80, 100), 12);
    expect(forkJoin2(50, 100)).toBeCloseTo((11.5 / 8) * (1 / 50), 12);
    expect(forkJoinNelsonTantawi(8, 1e-9, 100)).toBeCloseTo(harmonic(8) / 100, 9);
    expect(() => forkJoinNelsonTantawi(33, 50, 100)).toThrow(/2 ≤ k ≤ 32/);
  });

  it('the wait tail starts at Erlang C; lognormal moments of σ = 0 are the point mass', () => {
    const q = { lambda: 48, mu: 10, servers: 6 };
    expect(waitTail(q, 0)).toBeCloseTo(erlangC(q), 15);
    expect(waitTail(q, 0.1)).toBeCloseTo(erlangC(q) * Math.exp(-1.2), 15);
    const m = lognormalMoments(Math.log(0.05), 0);
    expect(m.mean).toBeCloseTo(0.05, 15);
    expect(m.secondMoment).toBeCloseTo(0.0025, 15);
  });

  it('hypoexponential: one rate is the M/M/1 sojourn; {cμ − λ, μ} is the M/M/c sojourn given a wait; its mean is Σ 1/rᵢ', () => {
    const mm1 = { lambda: 60, mu: 100, servers: 1 };
    for (const t of [0, 0.01, 0.05, 0.2]) expect(hypoexponentialTail([40], t)).toBeCloseTo(sojournTail(mm1, t), 12);
    expect(hypoexponentialQuantile([40], 0.99)).toBeCloseTo(sojournQuantile(mm1, 0.99), 9);
    expect(hypoexponentialQuantile([40], 0.99)).toBeCloseTo(Math.log(100) / 40, 9);
    const q = { lambda: 48, mu: 10, servers: 6 };
    const c = erlangC(q);
    for (const t of [0.05, 0.3, 1]) expect((1 - c) * Math.exp(-10 * t) + c * hypoexponentialTail([12, 10], t)).toBeCloseTo(sojournTail(q, t), 12);
    // ∫ P(T > t) dt = E[T], by the trapezoid rule far into the tail.
    const rates = [50, 30, 150];
    let integral = 0;
    const dt = 1e-5;
    for (let t = 0; t < 1; t += dt) integral += ((hypoexponentialTail(rates, t) + hypoexponentialTail(rates, t + dt)) / 2) * dt;
    expect(integral).toBeCloseTo(1 / 50 + 1 / 30 + 1 / 150, 8);
  });
});
