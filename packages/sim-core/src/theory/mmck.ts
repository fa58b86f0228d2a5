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
  // Unnormalized probabilities by the birth–death ratio p(n)/p(n−1) = λ / (min(n, c) μ), in log space so that
  // c = 256 and a large K neither overflow nor underflow.
  const logP = new Float64Array(capacity + 1);
  let max = 0;
  for (let n = 1; n <= capacity; n++) {
    logP[n] = logP[n - 1]! + Math.log(a / Math.min(n, servers));
    if (logP[n]! > max) max = logP[n]!;
  }
  let sum = 0;
  let l = 0;
  let busy = 0;
  for (let n = 0; n <= capacity; n++) {
    const p = Math.exp(logP[n]! - max);
    sum += p;
    l += n * p;
    busy += Math.min(n, servers) * p;
  }
  const blocking = Math.exp(logP[capacity]! - max) / sum;
  l /= sum;
  return { blocking, meanInSystem: l, meanSojourn: l / (lambda * (1 - blocking)), utilization: busy / sum / servers };
}
