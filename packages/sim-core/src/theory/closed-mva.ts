/**
 * Exact Mean Value Analysis of a closed network: N users, each alternating a think time (a delay
 * station, mean Z) and one visit to a station of c identical FCFS exponential servers (rate μ each) —
 * the "machine repairman" with c repairmen. The multi-server station is load-dependent (rate
 * min(j, c)·μ with j present), so this is the exact load-dependent MVA of Reiser & Lavenberg
 * ("Mean-Value Analysis of Closed Multichain Queuing Networks", J. ACM 27(2), 1980), tracking the
 * marginal queue-length distribution p(j | n). The think-time distribution does not matter (the delay
 * station is insensitive: BCMP 1975), so a fixed think time has the same means as an exponential one.
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
  // p[j] = P(j users at the station) with n users in the network; start from n = 0.
  let p = new Float64Array(users + 1);
  p[0] = 1;
  let x = 0;
  let r = 0;
  for (let n = 1; n <= users; n++) {
    r = 0;
    for (let j = 1; j <= n; j++) r += (j / (Math.min(j, servers) * mu)) * p[j - 1]!;
    x = n / (thinkSeconds + r);
    const next = new Float64Array(users + 1);
    let rest = 0;
    for (let j = 1; j <= n; j++) {
      next[j] = (x / (Math.min(j, servers) * mu)) * p[j - 1]!;
      rest += next[j]!;
    }
    next[0] = Math.max(0, 1 - rest);
    p = next;
  }
  return { throughput: x, responseSeconds: r, queueLength: x * r };
}
