/**
 * GI/M/1: renewal arrivals (interarrival transform A*(s) = E[e^{−sX}]), one exponential server of rate μ,
 * FIFO. σ is the root in (0, 1) of σ = A*(μ(1 − σ)) (stable when E[X]μ > 1); an arrival finds n waiting or in
 * service with probability (1 − σ)σⁿ, so its sojourn is exactly Exp(μ(1 − σ)) and its wait is 0 with
 * probability 1 − σ (Kleinrock vol. 1 §6.4; Gross & Harris §6.3). Poisson arrivals give σ = ρ (M/M/1).
 */
export function giM1Sigma(transform: (s: number) => number, mu: number): number {
  // The fixed-point map is increasing and convex on [0, 1) with one root below 1: iterate from 0.
  let sigma = 0;
  for (let i = 0; i < 1_000_000; i++) {
    const next = transform(mu * (1 - sigma));
    if (Math.abs(next - sigma) < 1e-15) return next;
    sigma = next;
  }
  throw new Error('GI/M/1: σ did not converge (is the queue stable?)');
}

/** The sojourn's rate μ(1 − σ), /s: mean 1/rate, p-quantile −ln(1 − p)/rate. */
export function giM1SojournRate(transform: (s: number) => number, mu: number): number {
  return mu * (1 - giM1Sigma(transform, mu));
}

/** Interarrival transforms: Erlang-k of total rate λ per stage (every k-th of a Poisson(λ) stream), and a constant gap. */
export const erlangArrivals = (k: number, lambda: number) => (s: number): number => (lambda / (lambda + s)) ** k;
export const constantArrivals = (gapSeconds: number) => (s: number): number => Math.exp(-s * gapSeconds);
