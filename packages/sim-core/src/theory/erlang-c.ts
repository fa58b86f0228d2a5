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
  return tailGivenC(q, erlangC(q), t);
}

/** The sojourn tail for a known Erlang C probability `c` (Erlang B costs O(servers): computed once per queue). */
function tailGivenC(q: MmcQueue, c: number, t: number): number {
  const mu = q.mu;
  const theta = q.servers * q.mu - q.lambda;
  const noWait = (1 - c) * Math.exp(-mu * t);
  if (Math.abs(theta - mu) < 1e-12 * mu) return noWait + c * (1 + mu * t) * Math.exp(-mu * t);
  return noWait + (c * (theta * Math.exp(-mu * t) - mu * Math.exp(-theta * t))) / (theta - mu);
}

/** The p-quantile of the sojourn time, s, by bisection on the tail. */
export function sojournQuantile(q: MmcQueue, p: number): number {
  const c = erlangC(q);
  let lo = 0;
  let hi = 1 / q.mu;
  while (tailGivenC(q, c, hi) > 1 - p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (tailGivenC(q, c, mid) > 1 - p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The fewest servers that keep P(sojourn > slo) ≤ 1 − p (e.g. p99 under the SLO), s; Infinity if none up to `max`. */
export function serversForSlo(lambda: number, mu: number, sloSeconds: number, p = 0.99, max = 10_000_000): number {
  // P(T > t) falls as servers are added (more servers never lengthen a FIFO M/M/c wait), so the fewest
  // servers are found by bisection: O(c log c), not the O(c²) of trying each count from the stable one
  // (which took seconds at 10⁵ Erlangs and could not reach 10⁶).
  const ok = (c: number) => sojournTail({ lambda, mu, servers: c }, sloSeconds) <= 1 - p;
  let lo = Math.max(1, Math.floor(lambda / mu) + 1);
  if (lo > max) return Infinity;
  // Bracket the answer first, in steps from √a (square-root staffing: the answer is a + β√a, β of a few)
  // that double, so a small load never evaluates Erlang B at the search's limit.
  let hi = lo;
  let step = Math.max(1, Math.ceil(Math.sqrt(lambda / mu)));
  while (!ok(hi)) {
    if (hi >= max) return Infinity;
    lo = hi + 1;
    hi = Math.min(max, hi + step);
    step *= 2;
  }
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
