import { describe, expect, it } from 'vitest';
import { Rng } from '../random/rng.ts';
import { mmcDeterministicPatience } from './deterministic-patience.ts';
import { erlangB, meanWait } from './erlang-c.ts';

/**
 * An M/M/c+D queue run customer by customer, independent of the engine and of the level-crossing algebra:
 * FIFO with c servers is "each joining arrival takes the server that frees first", so its wait is the
 * earliest free time minus its arrival; it joins only if that wait is within the patience.
 */
function simulate(lambda: number, mu: number, c: number, tau: number, n: number, seed: number): { abandon: number; meanWaitServed: number } {
  const rng = new Rng(seed, 7);
  const exp = (rate: number) => -Math.log(1 - rng.next()) / rate;
  const free = new Float64Array(c);
  let t = 0;
  let gaveUp = 0;
  let waitSum = 0;
  for (let i = 0; i < n; i++) {
    t += exp(lambda);
    let k = 0;
    for (let j = 1; j < c; j++) if (free[j]! < free[k]!) k = j;
    const wait = Math.max(0, free[k]! - t);
    if (wait > tau) {
      gaveUp++;
      continue;
    }
    waitSum += wait;
    free[k] = t + wait + exp(mu);
  }
  return { abandon: gaveUp / n, meanWaitServed: waitSum / (n - gaveUp) };
}

describe('M/M/c+D (deterministic patience)', () => {
  it('M/M/1+D at λ = 90/s, μ = 100/s, τ = 20 ms: the hand arithmetic', () => {
    // A = μ − λ = 10/s, e^{−Aτ} = e^{−0.2} = 0.818731; ρ = 0.9.
    // p(0) = 1/(1 + ρ(1 − e^{−Aτ})/(1 − ρ) + ρe^{−Aτ}) = (1 − ρ)/(1 − ρ²e^{−Aτ}) = 0.1/(1 − 0.81 × 0.818731) = 0.296887.
    // P(give up) = p(0) ρ e^{−Aτ} = 0.296887 × 0.9 × 0.818731 = 0.218764.
    // E[V; V ≤ τ] = λ p(0)(1 − e^{−Aτ}(1 + Aτ))/A² = 90 × 0.296887 × (1 − 0.818731 × 1.2)/100 = 4.6824 ms;
    // mean wait of the served 4.6824/(1 − 0.218764) = 5.9935 ms.
    const r = mmcDeterministicPatience({ lambda: 90, mu: 100, servers: 1 }, 0.02);
    expect(r.abandon).toBeCloseTo(0.218764, 5);
    expect(r.meanWaitServed * 1000).toBeCloseTo(5.9935, 3);
    expect(r.utilization).toBeCloseTo(1 - 0.296887, 5);
  });

  it('is Erlang B at τ = 0 and tends to Erlang C as τ grows', () => {
    const q = { lambda: 76, mu: 20, servers: 4 };
    expect(mmcDeterministicPatience(q, 0).abandon).toBeCloseTo(erlangB(4, 3.8), 12);
    const long = mmcDeterministicPatience(q, 1000);
    expect(long.abandon).toBeLessThan(1e-12);
    expect(long.meanWaitServed).toBeCloseTo(meanWait(q), 9);
    // ρ = 1 exactly takes the limit form and sits between its neighbours.
    const at1 = mmcDeterministicPatience({ lambda: 80, mu: 20, servers: 4 }, 0.1).abandon;
    const below = mmcDeterministicPatience({ lambda: 80 - 1e-6, mu: 20, servers: 4 }, 0.1).abandon;
    expect(at1).toBeCloseTo(below, 6);
  });

  for (const [lambda, mu, c, tau] of [
    [90, 100, 1, 0.02],
    [76, 20, 4, 0.1],
    [88, 20, 4, 0.1],
  ] as const) {
    it(`matches a customer-by-customer run: λ = ${lambda}, μ = ${mu}, c = ${c}, τ = ${tau * 1000} ms (400 k customers)`, () => {
      const theory = mmcDeterministicPatience({ lambda, mu, servers: c }, tau);
      const sim = simulate(lambda, mu, c, tau, 400_000, 5);
      expect(Math.abs(sim.abandon / theory.abandon - 1)).toBeLessThan(0.03);
      expect(Math.abs(sim.meanWaitServed / theory.meanWaitServed - 1)).toBeLessThan(0.03);
    });
  }
});
