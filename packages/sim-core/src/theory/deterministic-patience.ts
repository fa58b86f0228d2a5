import type { MmcQueue } from './erlang-c.ts';

/**
 * M/M/c+D: Poisson arrivals at λ, c exponential servers of rate μ, one FIFO queue, and every request gives up
 * once it has waited τ (a fixed patience: `queue.timeout`). Exact (Boots & Tijms, "An M/M/c queue with
 * impatient customers", TOP 7(2), 1999; Baccelli & Hebuterne 1981 for c = 1):
 *
 * A request that will give up never takes a server, so whether an arrival is served depends only on the
 * offered wait V (the wait it would have) at its arrival: served if V ≤ τ. While all c servers are busy the
 * departures are a Poisson process of rate cμ, so each joining request adds an Exp(cμ) to V, and V falls at
 * rate 1. Level crossing of V (down-crossings at rate f(v), up-crossings from the atom p(c−1) and from below)
 * gives, with A = cμ − λ and ρ = λ/(cμ):
 *
 *   p(n) = p(0) aⁿ/n!                 n < c busy servers, a = λ/μ (birth–death below c)
 *   f(v) = λ p(c−1) e^{−Av}            0 < v ≤ τ
 *   f(v) = λ p(c−1) e^{λτ} e^{−cμv}     v > τ
 *
 * so Σ p(n) + p(c−1)[ρ(1 − e^{−Aτ})/(1 − ρ) + ρe^{−Aτ}] = 1; P(give up) = P(V > τ) = p(c−1) ρ e^{−Aτ};
 * E[V; V ≤ τ] = λ p(c−1) (1 − e^{−Aτ}(1 + Aτ))/A². At τ = 0 this is Erlang B, as τ → ∞ Erlang C. ρ may
 * exceed 1 (the queue is stable: patience bounds it); at ρ = 1 the bracket's first term is λτ.
 */
export interface PatienceResult {
  /** Share of arrivals that give up, P(V > τ). */
  abandon: number;
  /** Mean wait of the requests served, s. */
  meanWaitServed: number;
  /** Mean busy servers ÷ c: ρ(1 − abandon). */
  utilization: number;
}

export function mmcDeterministicPatience({ lambda, mu, servers }: MmcQueue, patienceSeconds: number): PatienceResult {
  const a = lambda / mu;
  const rho = lambda / (servers * mu);
  const A = servers * mu - lambda;
  const decay = Math.exp(-A * patienceSeconds);
  // Σ_{n<c} aⁿ/n! and a^{c−1}/(c−1)!, by the running term.
  let term = 1;
  let below = 1;
  for (let n = 1; n < servers; n++) {
    term *= a / n;
    below += term;
  }
  const waiting = Math.abs(A) < 1e-12 * servers * mu ? lambda * patienceSeconds + rho * decay : (rho * (1 - decay)) / (1 - rho) + rho * decay;
  const pLast = term / (below + term * waiting);
  const abandon = pLast * rho * decay;
  const servedWait = Math.abs(A) < 1e-12 * servers * mu ? (lambda * pLast * patienceSeconds ** 2) / 2 : (lambda * pLast * (1 - decay * (1 + A * patienceSeconds))) / (A * A);
  return { abandon, meanWaitServed: servedWait / (1 - abandon), utilization: rho * (1 - abandon) };
}
