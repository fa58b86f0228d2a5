/**
 * Closed-form M/M/c results (Erlang C), the independent truth the simulator is tested against and the
 * basis of back-of-envelope serving estimates. λ = arrival rate (1/s), μ = service rate per server (1/s).
 * Formulas: Kleinrock, Queueing Systems vol. 1 (1975) §3.5; Gross & Harris, Fundamentals of Queueing Theory §2.3.
 */
export interface MmcQueue {
  lambda: number;
  mu: number;
  servers: number;
}

/** Offered load per server, ρ = λ / (c·μ). */
export function utilization({ lambda, mu, servers }: MmcQueue): number {
  return lambda / (servers * mu);
}

/** Erlang B by the stable recurrence B(k) = a·B(k−1) / (k + a·B(k−1)), a = λ/μ. */
export function erlangB(servers: number, offeredErlangs: number): number {
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (offeredErlangs * b) / (k + offeredErlangs * b);
  return b;
}

/** Probability that an arrival waits (Erlang C), from Erlang B: C = B / (1 − ρ(1 − B)). */
export function erlangC(q: MmcQueue): number {
  const rho = utilization(q);
  if (rho >= 1) return 1;
  const b = erlangB(q.servers, q.lambda / q.mu);
  return b / (1 - rho * (1 - b));
}

/** Mean wait in queue, s: Wq = C / (cμ − λ). */
export function meanWait(q: MmcQueue): number {
  return erlangC(q) / (q.servers * q.mu - q.lambda);
}

/** Mean time in system (wait + service), s. */
export function meanSojourn(q: MmcQueue): number {
  return meanWait(q) + 1 / q.mu;
}

/**
 * P(Wq > t) for the FIFO wait in queue: C · e^{−(cμ − λ)t} (Kleinrock vol. 1 §3.5, Gross & Harris §2.3). The
 * sojourn tail below is this mixed with the service time.
 */
export function waitTail(q: MmcQueue, t: number): number {
  return erlangC(q) * Math.exp(-(q.servers * q.mu - q.lambda) * t);
}

/**
 * P(T > t) for the FIFO sojourn time T = Wq + S, where Wq is 0 with probability 1 − C and otherwise
 * Exp(θ = cμ − λ), and S ~ Exp(μ): the hypoexponential tail mixed with the no-wait case.
 */
export function sojournTail(q: MmcQueue, t: number): number {
  const c = erlangC(q);
  const mu = q.mu;
  const theta = q.servers * q.mu - q.lambda;
  const noWait = (1 - c) * Math.exp(-mu * t);
  if (Math.abs(theta - mu) < 1e-12 * mu) return noWait + c * (1 + mu * t) * Math.exp(-mu * t);
  return noWait + (c * (theta * Math.exp(-mu * t) - mu * Math.exp(-theta * t))) / (theta - mu);
}

/** The p-quantile of the sojourn time, s, by bisection on the tail. */
export function sojournQuantile(q: MmcQueue, p: number): number {
  let lo = 0;
  let hi = 1 / q.mu;
  while (sojournTail(q, hi) > 1 - p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (sojournTail(q, mid) > 1 - p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The fewest servers that keep P(sojourn > slo) ≤ 1 − p (e.g. p99 under the SLO), s; Infinity if none up to `max`. */
export function serversForSlo(lambda: number, mu: number, sloSeconds: number, p = 0.99, max = 100_000): number {
  let c = Math.max(1, Math.floor(lambda / mu) + 1);
  for (; c <= max; c++) if (sojournTail({ lambda, mu, servers: c }, sloSeconds) <= 1 - p) return c;
  return Infinity;
}
