import { markovStationary } from './markov-stationary.ts';

/**
 * The M/D/c queue, exactly: Poisson arrivals at λ, c servers, every service exactly D, one FIFO queue.
 *
 * The number in system at times D apart is a Markov chain (Crommelin, "Delay probability formulae when the
 * holding times are constant", P.O. Elec. Engrs. J. 25 (1932) 41–50): whoever is in service at t has left
 * by t + D, the next c in line have started and are still there, and the arrivals in (t, t + D] are Poisson:
 *
 *   N(t + D) = max(N(t) − c, 0) + A,   A ~ Poisson(a), a = λD.
 *
 * It holds from every t, so the chain's stationary law π is the number in system at an arbitrary time, and by
 * PASTA what an arrival finds. A tagged arrival at t waits at most x = kD + u (0 ≤ u < D) iff fewer than c of
 * those ahead of it are still present at t + x (with FIFO and all servers busy it would be waiting behind c
 * of them). Looking back to τ = t − (D − u): of those ahead, max(N(τ) − c, 0) + A(τ, t) are present at
 * τ + D = t + u, and every further D takes c of them away, so (Crommelin's formula as Franx writes it,
 * "A simple solution for the M/D/c waiting time distribution", Oper. Res. Letters 29 (2001) 221–229, eq. 2):
 *
 *   P(W ≤ kD + u) = P( max(N − c, 0) + A_{λ(D − u)} ≤ (k + 1)c − 1 ),   N ~ π, A_m ~ Poisson(m) independent.
 *
 * The mean wait follows from Little's law on the queue: E[W] = E[max(N − c, 0)] / λ (π is a time average).
 * With c = 1 this is Pollaczek–Khinchine's ρD / (2(1 − ρ)); the test checks that, and the distribution's own
 * integral ∫ P(W > x) dx against it.
 */
export interface Mdc {
  /** P(N = n), n = 0 … π.length − 1: the number in system at an arbitrary time (and as an arrival finds it). */
  readonly pi: Float64Array;
  /** P(W > 0) = P(N ≥ c): the share of arrivals that wait. */
  readonly waitProbability: number;
  /** E[W], s: the mean wait in queue. */
  readonly meanWait: number;
  /** E[W] + D, s. */
  readonly meanSojourn: number;
  /** P(W ≤ x), x in s. */
  waitCdf(x: number): number;
  /** The p-quantile of the wait, s (0 while P(W = 0) ≥ p). */
  waitQuantile(p: number): number;
  /** The p-quantile of the sojourn W + D, s. */
  sojournQuantile(p: number): number;
}

/** Probability mass the truncated chain may leave out (the tail bound below keeps the lost mass under it). */
const TAIL_MASS = 1e-14;

/**
 * The truncation K with P(N ≥ K) ≤ TAIL_MASS. For 1 < z < z₀, where z₀ > 1 is the root of z^c = e^{a(z − 1)},
 * the chain gives E[z^{N'}] = E[z^{max(N − c, 0)}]·e^{a(z−1)} ≤ (1 + z^{−c} E[z^N])·e^{a(z−1)}; at
 * stationarity, with r = e^{a(z−1)}/z^c < 1, E[z^N] ≤ e^{a(z−1)}/(1 − r), and by Markov's inequality
 * P(N ≥ K) ≤ e^{a(z−1)} / ((1 − r) z^K). z is taken halfway to z₀ (a rigorous bound, not the sharpest).
 */
function truncation(a: number, c: number): number {
  // g(z) = c·ln z − a(z − 1) is concave, 0 at 1 with slope c − a > 0: its other root z₀ by bisection.
  const g = (z: number) => c * Math.log(z) - a * (z - 1);
  let hi = 2;
  while (g(hi) > 0) hi *= 2;
  let lo = 1;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (g(mid) > 0) lo = mid;
    else hi = mid;
  }
  const z = 1 + (lo - 1) / 2;
  const logR = a * (z - 1) - c * Math.log(z);
  const logBound = a * (z - 1) - Math.log(1 - Math.exp(logR)) - Math.log(TAIL_MASS);
  return Math.max(2 * c, Math.ceil(logBound / Math.log(z)));
}

/** Poisson(m) probabilities 0 … n by the ratio recurrence (m ≤ 700, so e^{−m} does not underflow). */
function poissonPmf(m: number, n: number): Float64Array {
  if (m > 700) throw new Error(`poissonPmf: mean ${m} underflows e^{−m}`);
  const p = new Float64Array(n + 1);
  p[0] = Math.exp(-m);
  for (let k = 1; k <= n; k++) p[k] = (p[k - 1]! * m) / k;
  return p;
}

/** P(Poisson(m) ≤ n), summed from 0 (n small beside where the terms matter, so no cancellation). */
function poissonCdf(m: number, n: number): number {
  if (n < 0) return 0;
  let term = Math.exp(-m);
  let sum = term;
  for (let k = 1; k <= n; k++) {
    term = (term * m) / k;
    sum += term;
    if (k > m && term < 1e-18 * sum) break;
  }
  return Math.min(1, sum);
}

export function mdc(lambda: number, serviceSeconds: number, servers: number): Mdc {
  const c = servers;
  const d = serviceSeconds;
  const a = lambda * d;
  if (!(lambda > 0 && d > 0 && Number.isInteger(c) && c >= 1)) throw new Error(`M/D/c needs λ > 0, D > 0 and a whole c ≥ 1 (λ = ${lambda}, D = ${d}, c = ${c})`);
  if (a >= c) throw new Error(`M/D/c is unstable: ρ = λD/c = ${a / c} ≥ 1`);

  // The chain on 0 … K, the arrivals that would carry it past K folded into K (mass ≤ TAIL_MASS).
  const kMax = truncation(a, c);
  const n = kMax + 1;
  const alpha = poissonPmf(a, kMax);
  const rows = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const base = Math.max(i - c, 0);
    let used = 0;
    for (let m = 0; base + m < kMax; m++) {
      rows[i * n + base + m] = alpha[m]!;
      used += alpha[m]!;
    }
    rows[i * n + kMax]! += Math.max(0, 1 - used);
  }
  const pi = markovStationary(rows, n);

  // q_j = P(max(N − c, 0) = j): those ahead of a tagged arrival that remain one D before it plus c.
  const q = new Float64Array(n);
  let waitProbability = 0;
  let queued = 0;
  for (let k = 0; k < n; k++) {
    q[Math.max(k - c, 0)]! += pi[k]!;
    if (k >= c) waitProbability += pi[k]!;
    queued += Math.max(k - c, 0) * pi[k]!;
  }
  const meanWait = queued / lambda;

  const waitCdf = (x: number): number => {
    if (x < 0) return 0;
    const k = Math.floor(x / d);
    const left = d - (x - k * d); // D − u, in (0, D]
    const limit = (k + 1) * c - 1;
    let p = 0;
    for (let j = 0; j <= Math.min(limit, n - 1); j++) if (q[j]! > 0) p += q[j]! * poissonCdf(lambda * left, limit - j);
    return Math.min(1, p);
  };

  const waitQuantile = (p: number): number => {
    if (!(p > 0 && p < 1)) throw new Error(`waitQuantile: p = ${p} is not in (0, 1)`);
    if (waitCdf(0) >= p) return 0;
    let lo = 0;
    let hi = d;
    while (waitCdf(hi) < p) hi *= 2;
    for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
      const mid = (lo + hi) / 2;
      if (waitCdf(mid) < p) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };

  return { pi, waitProbability, meanWait, meanSojourn: meanWait + d, waitCdf, waitQuantile, sojournQuantile: (p) => waitQuantile(p) + d };
}
