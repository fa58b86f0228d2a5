import { birthDeathStationary } from './birth-death.ts';

/**
 * The M/M/c/K queue: c exponential servers (rate μ each), Poisson arrivals at λ, room for K requests in all
 * (c in service + K − c waiting); an arrival finding K present is refused. Birth–death stationary law
 * (Gross & Harris, Fundamentals of Queueing Theory, 4th ed., §2.5; Kleinrock vol. 1 §3.6):
 *
 *   p(n) ∝ aⁿ / n!              for n ≤ c,    a = λ/μ
 *   p(n) ∝ aᶜ / c! · (a/c)ⁿ⁻ᶜ   for c < n ≤ K,
 *
 * the blocking probability is p(K) (PASTA: arrivals see time averages), the admitted rate λ(1 − p(K)), and
 * the mean sojourn of admitted requests L / (λ(1 − p(K))) by Little's law. With K = c this is Erlang B.
 */
export interface MmckQueue {
  lambda: number;
  mu: number;
  servers: number;
  /** Most requests in the system, in service and waiting (K ≥ c). */
  capacity: number;
}

export interface MmckResult {
  /** Share of arrivals refused, p(K). */
  blocking: number;
  /** Mean number in the system. */
  meanInSystem: number;
  /** Mean time in system of admitted requests, s. */
  meanSojourn: number;
  /** Mean busy servers ÷ c. */
  utilization: number;
}

export function mmck({ lambda, mu, servers, capacity }: MmckQueue): MmckResult {
  if (capacity < servers) throw new Error(`M/M/c/K needs K ≥ c (K = ${capacity}, c = ${servers})`);
  const a = lambda / mu;
  // p(n)/p(n−1) = λ / (min(n, c) μ).
  const p = birthDeathStationary(capacity, (n) => Math.log(a / Math.min(n, servers)));
  let l = 0;
  let busy = 0;
  for (let n = 0; n <= capacity; n++) {
    l += n * p[n]!;
    busy += Math.min(n, servers) * p[n]!;
  }
  const blocking = p[capacity]!;
  return { blocking, meanInSystem: l, meanSojourn: l / (lambda * (1 - blocking)), utilization: busy / servers };
}
