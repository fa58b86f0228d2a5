import { giM1Sigma } from './gi-m-1.ts';
import { hypoexponentialTail } from './hypoexponential.ts';
import { markovStationary } from './markov-stationary.ts';

/**
 * GI/M/c: renewal arrivals, c exponential servers of rate μ, one FIFO queue (Gross & Harris, Fundamentals of
 * Queueing Theory, 4th ed., §6.3.2 "GI/M/c"; Kleinrock vol. 1 §6.5 for c = 1). Watched at arrival instants,
 * the number found, n, is a Markov chain, and its law above the servers is geometric:
 *
 *   q_n = q_c σ^{n−c} (n ≥ c),   σ the root in (0, 1) of σ = A*(cμ(1 − σ)),
 *
 * A*(s) = E[e^{−sX}] the interarrival transform (while all c are busy departures are Poisson at cμ, so σ is
 * the GI/M/1 root at rate cμ). A request that finds n ≥ c waits for n − c + 1 departures at cμ, so given that
 * it waits, its wait is Exp(cμ(1 − σ)); P(W > 0) = Σ_{n≥c} q_n and E[W] = P(W > 0) / (cμ(1 − σ)).
 *
 * What is left is the boundary q_0 … q_{c−1}, which Gross & Harris get from the chain's balance equations by
 * a backward recursion whose binomial sums alternate in sign (it loses digits as c grows). Here the chain is
 * lumped instead: states 0 … c − 1 and one state "≥ c", inside which the law is the geometric (1 − σ)σ^{n−c}
 * above, so the lumped chain's stationary law is exactly (q_0 … q_{c−1}, P(n ≥ c)). Its transitions are those
 * of a pure-death process (rate min(k, c)μ with k present) over one interarrival gap, from n + 1 (the arrival
 * joined), computed by uniformization at rate Λ = cμ (Jensen 1953; Grassmann 1977): the gap holds K events of a
 * Poisson(Λ) clock, each a departure with probability min(k, c)/c, so only sums of non-negative terms appear.
 * The interarrival law enters through A* and the law of K, which the two constructors below give exactly.
 */
export interface Interarrivals {
  /** E[X], s: the queue is stable when E[X]·cμ > 1. */
  meanGap: number;
  /** A*(s) = E[e^{−sX}], s in 1/s. */
  transform(s: number): number;
  /** P(K = k), K the number of events of a Poisson clock of `rate` (1/s) within one gap. */
  clockEvents(rate: number, k: number): number;
}

/** Evenly spaced arrivals, a gap of exactly `gapSeconds` (D/M/c): K ~ Poisson(rate × gap). */
export const constantGaps = (gapSeconds: number): Interarrivals => ({
  meanGap: gapSeconds,
  transform: (s) => Math.exp(-s * gapSeconds),
  clockEvents: (rate, k) => {
    const m = rate * gapSeconds;
    let p = Math.exp(-m);
    for (let i = 1; i <= k; i++) p = (p * m) / i;
    return p;
  },
});

/** Poisson arrivals at λ (M/M/c): K is geometric, P(K = k) = λ/(λ + rate) · (rate/(λ + rate))^k. */
export const exponentialGaps = (lambda: number): Interarrivals => ({
  meanGap: 1 / lambda,
  transform: (s) => lambda / (lambda + s),
  clockEvents: (rate, k) => (lambda / (lambda + rate)) * (rate / (lambda + rate)) ** k,
});

export interface GiMc {
  /** σ, the root of σ = A*(cμ(1 − σ)). */
  readonly sigma: number;
  /** q_0 … q_{c−1}: P(an arrival finds n), n < c. */
  readonly boundary: Float64Array;
  /** P(W > 0) = P(an arrival finds all c busy). */
  readonly waitProbability: number;
  /** E[W], s. */
  readonly meanWait: number;
  /** E[W] + 1/μ, s. */
  readonly meanSojourn: number;
  /** P(W + S > t), t in s, S ~ Exp(μ) the request's own service. */
  sojournTail(t: number): number;
  /** The p-quantile of the sojourn, s. */
  sojournQuantile(p: number): number;
}

/** Mass of the clock-event law and of the geometric tail left out of the sums (both fall geometrically). */
const NEGLIGIBLE = 1e-17;

/** P(K = k), k = 0, 1, …: the Poisson clock's events within one gap, past their mode until a term is negligible. */
export function clockEventLaw(arrivals: Interarrivals, clock: number): Float64Array {
  const events: number[] = [];
  for (let k = 0, mass = 0; k < 1_000_000; k++) {
    const p = arrivals.clockEvents(clock, k);
    events.push(p);
    mass += p;
    if (mass > 0.5 && p < NEGLIGIBLE * 1e-3) break;
  }
  return Float64Array.from(events);
}

/**
 * The law of the number present after one gap, starting from `start` present: a vector over 0 … start.
 * Uniformized: after each clock event, k present become k − 1 with probability min(k, c)/c.
 */
export function overOneGap(start: number, c: number, events: Float64Array): Float64Array {
  let v = new Float64Array(start + 1);
  v[start] = 1;
  const out = new Float64Array(start + 1);
  for (let k = 0; k < events.length; k++) {
    for (let i = 0; i <= start; i++) out[i]! += events[k]! * v[i]!;
    const next = new Float64Array(start + 1);
    for (let i = 0; i <= start; i++) {
      if (v[i] === 0) continue;
      const go = Math.min(i, c) / c;
      next[i]! += v[i]! * (1 - go);
      if (i > 0) next[i - 1]! += v[i]! * go;
    }
    v = next;
  }
  return out;
}

export function giMc(arrivals: Interarrivals, mu: number, servers: number): GiMc {
  const c = servers;
  if (!(mu > 0 && Number.isInteger(c) && c >= 1)) throw new Error(`GI/M/c needs μ > 0 and a whole c ≥ 1 (μ = ${mu}, c = ${c})`);
  const clock = c * mu;
  // Unstable, σ = 1 is the only root and the iteration creeps up to it: refuse before iterating.
  if (!(arrivals.meanGap * clock > 1)) throw new Error(`GI/M/c is unstable: ρ = 1/(E[X]·cμ) = ${1 / (arrivals.meanGap * clock)} ≥ 1`);
  const sigma = giM1Sigma(arrivals.transform, clock);

  const ev = clockEventLaw(arrivals, clock);

  // Lumped chain: states 0 … c − 1 as found, state c for "c or more found".
  const n = c + 1;
  const rows = new Float64Array(n * n);
  const addRow = (from: number, weight: number) => {
    const after = overOneGap(from + 1, c, ev);
    for (let j = 0; j < after.length; j++) rows[from >= c ? c * n + Math.min(j, c) : from * n + Math.min(j, c)]! += weight * after[j]!;
  };
  for (let i = 0; i < c; i++) addRow(i, 1);
  // From "≥ c": found n = c + m with probability (1 − σ)σ^m, the geometric law above.
  const deepest = Math.ceil(Math.log(NEGLIGIBLE) / Math.log(sigma));
  for (let m = 0; m <= deepest; m++) addRow(c + m, (1 - sigma) * sigma ** m);
  // The weights and event masses left out (< 1e-16) are restored to each row so that it sums to 1.
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += rows[i * n + j]!;
    for (let j = 0; j < n; j++) rows[i * n + j]! /= s;
  }
  const q = markovStationary(rows, n);

  const waitProbability = q[c]!;
  const theta = clock * (1 - sigma);
  const meanWait = waitProbability / theta;
  // T = S with probability 1 − P(W > 0), else Exp(θ) + S: the tail of S mixed with the hypoexponential one.
  const sojournTail = (t: number): number => {
    const own = Math.exp(-mu * t);
    if (Math.abs(theta - mu) < 1e-9 * mu) return (1 - waitProbability) * own + waitProbability * (1 + mu * t) * own;
    return (1 - waitProbability) * own + waitProbability * hypoexponentialTail([theta, mu], t);
  };
  const sojournQuantile = (p: number): number => {
    let lo = 0;
    let hi = 1 / mu;
    while (sojournTail(hi) > 1 - p) hi *= 2;
    for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
      const mid = (lo + hi) / 2;
      if (sojournTail(mid) > 1 - p) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  return { sigma, boundary: q.slice(0, c), waitProbability, meanWait, meanSojourn: meanWait + 1 / mu, sojournTail, sojournQuantile };
}
