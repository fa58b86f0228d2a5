/**
 * The Pollaczek–Khinchine mean-value formula for M/G/1: Wq = λ·E[S²] / (2(1 − ρ)), ρ = λ·E[S].
 * For deterministic service (M/D/1) E[S²] = E[S]², so Wq = ρ·E[S] / (2(1 − ρ)).
 * Source: Kleinrock, Queueing Systems vol. 1 (1975) eq. 5.105.
 */
export function mg1MeanWait(lambda: number, meanService: number, secondMomentService: number): number {
  const rho = lambda * meanService;
  if (rho >= 1) return Infinity;
  return (lambda * secondMomentService) / (2 * (1 - rho));
}

/** M/D/1 mean wait in queue, s. */
export function md1MeanWait(lambda: number, serviceSeconds: number): number {
  return mg1MeanWait(lambda, serviceSeconds, serviceSeconds * serviceSeconds);
}

/**
 * The first two moments of a lognormal service time whose log has mean μ and standard deviation σ:
 * E[S] = e^{μ + σ²/2}, E[S²] = e^{2μ + 2σ²} (the moment generating function of the normal at 1 and 2).
 */
export function lognormalMoments(mu: number, sigma: number): { mean: number; secondMoment: number } {
  return { mean: Math.exp(mu + (sigma * sigma) / 2), secondMoment: Math.exp(2 * mu + 2 * sigma * sigma) };
}
