/**
 * The hypoexponential distribution: the sum of independent exponentials of distinct rates r₁…r_n, the
 * end-to-end sojourn of an open tandem of M/M/1 stations (Reich 1957, after Burke 1956: a customer's
 * sojourns at successive FIFO M/M/1 stations of a tandem are independent, the i-th Exp(μᵢ − λ)).
 * P(T > t) = Σᵢ e^{−rᵢ t} Πⱼ≠ᵢ rⱼ / (rⱼ − rᵢ) (Ross, Introduction to Probability Models, §5.2.4).
 */

/** P(T > t) for T = Σ Exp(rᵢ), the rates distinct (1/s; t in s). */
export function hypoexponentialTail(rates: readonly number[], t: number): number {
  for (let i = 0; i < rates.length; i++) for (let j = 0; j < i; j++) if (Math.abs(rates[i]! - rates[j]!) < 1e-9 * rates[i]!) throw new Error('hypoexponentialTail: the rates must be distinct');
  let tail = 0;
  rates.forEach((ri, i) => {
    let w = 1;
    rates.forEach((rj, j) => {
      if (j !== i) w *= rj / (rj - ri);
    });
    tail += w * Math.exp(-ri * t);
  });
  // The alternating sum loses a few ulps near t = 0 and far out: a probability stays in [0, 1].
  return Math.min(1, Math.max(0, tail));
}

/** The p-quantile of T = Σ Exp(rᵢ), s, by bisection on the tail. */
export function hypoexponentialQuantile(rates: readonly number[], p: number): number {
  let lo = 0;
  let hi = rates.reduce((a, r) => a + 1 / r, 0);
  while (hypoexponentialTail(rates, hi) > 1 - p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (hypoexponentialTail(rates, mid) > 1 - p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
