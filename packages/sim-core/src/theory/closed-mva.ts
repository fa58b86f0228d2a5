import { birthDeathStationary } from './birth-death.ts';

/**
 * Exact solution of the closed network a closed-loop benchmark makes: N users, each alternating a think
 * time (a delay station, mean Z) and one visit to a station of c identical FCFS exponential servers (rate μ
 * each) — the finite-source M/M/c//N queue, "machine repairman" with c repairmen (Gross & Harris,
 * Fundamentals of Queueing Theory, §2.7). The network is product-form (BCMP 1975), so its stationary
 * distribution of the number k at the station is
 *
 *   p(k) ∝ N! / (N − k)! · Z^−k / Π_{j=1..k} min(j, c)·μ,
 *
 * and throughput X = Σ p(k)·min(k, c)·μ, response time R = E[k] / X (Little). This is what exact Mean Value
 * Analysis computes (Reiser & Lavenberg, J. ACM 27(2), 1980); the MVA recursion over marginal
 * probabilities for a multi-server station is numerically unstable (it is 14% off at N = 1,312, c = 32:
 * docs/fidelity.md), so the product form is evaluated directly, in log space. The think-time
 * distribution does not matter (the delay station is insensitive), so a fixed think time has the same means.
 */
export interface ClosedNetwork {
  users: number;
  /** Mean think time, s. */
  thinkSeconds: number;
  /** Service rate of one server, 1/s. */
  mu: number;
  servers: number;
}

/** Throughput (requests/s), mean response time at the station (s) and mean number there, with N users. */
export function closedMva({ users, thinkSeconds, mu, servers }: ClosedNetwork): { throughput: number; responseSeconds: number; queueLength: number } {
  if (thinkSeconds === 0) {
    // No think time: every user is at the station; it serves min(N, c) at once.
    const x = Math.min(users, servers) * mu;
    return { throughput: x, responseSeconds: users / x, queueLength: users };
  }
  // k users at the station: p(k)/p(k−1) = ((N − k + 1) / Z) / (min(k, c) μ).
  const p = birthDeathStationary(users, (k) => Math.log((users - k + 1) / thinkSeconds) - Math.log(Math.min(k, servers) * mu));
  let x = 0;
  let l = 0;
  for (let k = 0; k <= users; k++) {
    x += p[k]! * Math.min(k, servers) * mu;
    l += p[k]! * k;
  }
  return { throughput: x, responseSeconds: l / x, queueLength: l };
}
