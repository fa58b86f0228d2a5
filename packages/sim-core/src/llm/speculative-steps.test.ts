/**
 * Steps to finish under speculative decoding (llm/speculative-steps.ts), against the step-by-step process worked
 * independently: a step yields T ∈ {1 … k+1} with P(T = t) = α^{t−1}(1 − α) for t ≤ k and α^k for t = k + 1 (Leviathan
 * et al., arXiv:2211.17192 §3.1), capped by the tokens left. The exact law of S for L tokens comes from the recurrence
 * P_L(s) = Σ_t P(T = t) · P_{max(L − t, 0)}(s − 1), P_0 = [s = 0], written here without the sampler's chunk tables.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../random/rng.ts';
import { guideTable, quantile, SpeculativeSteps, stepSumCdf, tailLaws } from './speculative-steps.ts';

/** P(T = t), t = 1 … k+1 (index t − 1), written out from the definition. */
function yieldLaw(a: number, k: number): number[] {
  return Array.from({ length: k + 1 }, (_, j) => (j < k ? Math.pow(a, j) * (1 - a) : Math.pow(a, k)));
}

/** The exact law of the steps S to produce L tokens: out[s] = P(S = s), by the recurrence above. */
function stepsLaw(a: number, k: number, L: number): number[] {
  const p = yieldLaw(a, k);
  const law: number[][] = [[1]];
  for (let n = 1; n <= L; n++) {
    const row = new Array<number>(n + 1).fill(0);
    for (let t = 1; t <= k + 1; t++) {
      const prev = law[Math.max(n - t, 0)]!;
      for (let s = 0; s < prev.length; s++) row[s + 1]! += p[t - 1]! * prev[s]!;
    }
    law.push(row);
  }
  return law[L]!;
}

describe('stepSumCdf: the law of the sum of m step yields', () => {
  it('α 0.5, k 1, two steps: sums 2, 3, 4 with 1/4, 1/2, 1/4', () => {
    expect(Array.from(stepSumCdf(0.5, 1, 2))).toEqual([0.25, 0.75, 1]);
  });

  it('α 0.6, k 2, one step: P(T) = 0.4, 0.24, 0.36', () => {
    const cdf = stepSumCdf(0.6, 2, 1);
    expect(cdf[0]).toBeCloseTo(0.4, 12);
    expect(cdf[1]).toBeCloseTo(0.64, 12);
    expect(cdf[2]).toBe(1);
  });

  it('α 0.7, k 3, 16 steps: mean 16 · E[T] = 16 · 2.533 = 40.528', () => {
    // E[T] = (1 − 0.7⁴) / 0.3 = 0.7599 / 0.3 = 2.533; the table starts at a sum of 16.
    const cdf = stepSumCdf(0.7, 3, 16);
    let mean = 16;
    for (let x = 0; x < cdf.length; x++) mean += 1 - cdf[x]!;
    expect(mean).toBeCloseTo(40.528, 9);
  });
});

describe('tailLaws: steps and overshoot together for the last few tokens', () => {
  it('α 0.5, k 1, 2 tokens: (1 step, 0 over) ½, (2, 0) ¼, (2, 1) ¼', () => {
    // T₁ = 2 (½) finishes exactly; T₁ = 1 (½) leaves 1, and T₂ = 1 finishes exactly (¼) or T₂ = 2 overshoots by 1 (¼).
    // Outcomes x = S·2 + o: 2 → ½, 4 → ¼, 5 → ¼.
    // Growth A (tokens gained before each step after the first): 0 for (1, 0); 1 for both two-step paths (1 then 1, 1 then 2).
    const t = tailLaws(0.5, 1, 3);
    expect(Array.from(t.cdf[2]!)).toEqual([0, 0, 0.5, 0.5, 0.75, 1]);
    expect(Array.from(t.growth[2]!)).toEqual([0, 0, 0, 0, 1, 1]);
  });
});

describe('quantile: the guide table finds what a linear search finds', () => {
  it('for 10,001 points of [0, 1) and a skewed table', () => {
    const cdf = stepSumCdf(0.9, 5, 4);
    const guide = guideTable(cdf);
    for (let n = 0; n <= 10_000; n++) {
      const u = n / 10_001;
      let x = 0;
      while (u >= cdf[x]!) x++;
      expect(quantile(cdf, guide, u)).toBe(x);
    }
  });
});

describe('SpeculativeSteps.draw', () => {
  it('every draft accepted (α 1, k 3): ⌈L / 4⌉ steps, 4 tokens drawn each', () => {
    const s = new SpeculativeSteps(1, 3, new Rng(1, 0));
    for (const [L, steps] of [[1, 1], [4, 1], [5, 2], [255, 64], [256, 64], [257, 65], [1000, 250]] as const) {
      expect(s.draw(L)).toBe(steps);
      expect(s.drawn).toBe(4 * steps);
    }
  });

  it('nothing accepted (α 0): one token a step, L steps', () => {
    const s = new SpeculativeSteps(0, 3, new Rng(1, 0));
    for (const L of [1, 15, 16, 17, 300, 2000]) {
      expect(s.draw(L)).toBe(L);
      expect(s.drawn).toBe(L);
    }
  });

  // Kolmogorov–Smirnov distance between N draws and the exact law; 1.95 / √N is the 0.1% critical value (conservative for a discrete law).
  for (const [a, k, L] of [[0.5, 1, 200], [0.7, 3, 300], [0.6, 3, 23], [0.8, 4, 1337], [0.9, 16, 100]] as const) {
    it(`α ${a}, k ${k}, L ${L}: the steps follow the step-by-step law (KS distance, mean within 4 SE)`, () => {
      const law = stepsLaw(a, k, L);
      let mean = 0;
      let second = 0;
      law.forEach((p, s) => {
        mean += p * s;
        second += p * s * s;
      });
      const N = 20_000;
      const sampler = new SpeculativeSteps(a, k, new Rng(7, 3));
      const counts = new Array<number>(L + 1).fill(0);
      let sum = 0;
      for (let n = 0; n < N; n++) {
        const s = sampler.draw(L);
        counts[s]!++;
        sum += s;
        // The last step's draw may overshoot by at most k (it yielded at most k + 1 where one was left).
        expect(sampler.drawn - L).toBeGreaterThanOrEqual(0);
        expect(sampler.drawn - L).toBeLessThanOrEqual(k);
      }
      let ks = 0;
      let emp = 0;
      let exact = 0;
      for (let s = 0; s <= L; s++) {
        emp += counts[s]! / N;
        exact += law[s]!;
        ks = Math.max(ks, Math.abs(emp - exact));
      }
      expect(ks).toBeLessThan(1.95 / Math.sqrt(N));
      expect(Math.abs(sum / N - mean)).toBeLessThan(4 * Math.sqrt((second - mean * mean) / N));
    });
  }

  it('growth (the tokens gained before each step, summed): exact when the steps are certain', () => {
    // α 1, k 3, 1,000 tokens: gains 0, 4, 8, … 996 before its 250 steps: 4 · 249 · 250 / 2 = 124,500.
    const all = new SpeculativeSteps(1, 3, new Rng(1, 0));
    all.draw(1000);
    expect(all.growth).toBe(124_500);
    // α 0, 300 tokens: 0, 1, … 299: 44,850.
    const none = new SpeculativeSteps(0, 3, new Rng(1, 0));
    none.draw(300);
    expect(none.growth).toBe(44_850);
  });

  // E[A_L] and E[S_L] by the recurrence over the first step's yield t: for t ≥ L the path ends (A = 0, S = 1); else
  // A = t·S_rest + A_rest. The draws' growth is E[A | draws], so its mean over many draws is E[A_L].
  for (const [a, k, L] of [[0.7, 3, 214], [0.6, 3, 40], [0.9, 8, 500]] as const) {
    it(`α ${a}, k ${k}, L ${L}: the mean growth is E[A] of the step-by-step process (within 4 SE)`, () => {
      const p = yieldLaw(a, k);
      const meanA = [0];
      const meanS = [0];
      for (let n = 1; n <= L; n++) {
        let ma = 0;
        let ms = 1;
        for (let t = 1; t < Math.min(n, k + 2); t++) {
          ma += p[t - 1]! * (t * meanS[n - t]! + meanA[n - t]!);
          ms += p[t - 1]! * meanS[n - t]!;
        }
        meanA.push(ma);
        meanS.push(ms);
      }
      const sampler = new SpeculativeSteps(a, k, new Rng(11, 2));
      const N = 20_000;
      let sum = 0;
      let sq = 0;
      for (let n = 0; n < N; n++) {
        sampler.draw(L);
        sum += sampler.growth;
        sq += sampler.growth * sampler.growth;
      }
      const mean = sum / N;
      const sd = Math.sqrt(sq / N - mean * mean);
      expect(Math.abs(mean - meanA[L]!)).toBeLessThan(4 * (sd / Math.sqrt(N)));
    });
  }

  it('the yield per step over many sequences is E[T] = (1 − α^{k+1}) / (1 − α): α 0.7, k 3, 2.533 within 4 SE', () => {
    // P(T) = 0.3, 0.21, 0.147, 0.343: E[T] = 2.533, E[T²] = 0.3 + 0.84 + 1.323 + 5.488 = 7.951, sd = √(7.951 − 2.533²) = 1.2390.
    const s = new SpeculativeSteps(0.7, 3, new Rng(3, 5));
    let steps = 0;
    let drawn = 0;
    for (let n = 0; n < 5_000; n++) {
      steps += s.draw(50 + (n % 400));
      drawn += s.drawn;
    }
    expect(steps).toBeGreaterThan(400_000);
    expect(Math.abs(drawn / steps - 2.533)).toBeLessThan(4 * (1.239 / Math.sqrt(steps)));
  });
});
