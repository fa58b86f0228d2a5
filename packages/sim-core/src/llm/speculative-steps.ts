/**
 * How many speculative decode steps a sequence takes to produce its remaining tokens, drawn once when it starts
 * decoding, so that the executor files it by its finishing step (as it does without speculation) instead of
 * visiting it at every step to draw that step's tokens.
 *
 * A step yields T ∈ {1 … k+1} tokens, i.i.d. per step with P(T ≥ j+1) = α^j (llm/speculative.ts), capped by what is
 * left; the sequence needs S = min{s : T₁ + … + T_s ≥ L} steps for L tokens. Drawing T one step at a time costs S
 * uniforms (about L / E[T]). Instead:
 * - while at least m·(k+1) tokens are left, no step among the next m can reach L (their sum is at most m·(k+1)), so
 *   the cap cannot bite and their sum is a plain sum of m i.i.d. T: one uniform inverted against that sum's law (the
 *   m-fold convolution of T's, built once) replaces m draws; chunks of 64, 32, 16, 8 and 4 steps, longest first;
 * - once fewer than `TAIL` tokens are left, one uniform picks the remaining steps and the last step's overshoot (its
 *   yield beyond the tokens it had left) together from their exact joint law for that many tokens, built once by
 *   the recurrence over the first step's yield.
 * About L / (64·E[T]) + 3 uniforms a sequence, and S has exactly the law of the step-by-step process (only the random
 * stream differs); so has the steps' uncapped yield (`drawn`), which the run reports as the mean acceptance length.
 */
import type { Rng } from '../random/rng.ts';
import { acceptanceThresholds, tokensOfDraw } from './speculative.ts';

/** Chunk lengths (steps), longest first: each is used while at least its length × (k + 1) tokens, and `TAIL`, are left. */
const CHUNKS = [64, 32, 16, 8, 4] as const;

/** Below this many tokens left, the rest is drawn from the joint law of (steps, overshoot): tables of ≤ 2,016 · (k + 1) entries. */
const TAIL = 64;

/**
 * The distribution of the sum of `m` i.i.d. step yields T (α, k), as a cumulative table: entry x is
 * P(T₁ + … + T_m ≤ m + x), for x = 0 … m·k. Built by convolving T's probabilities m times (m·k·(k+1) operations).
 */
export function stepSumCdf(acceptance: number, k: number, m: number): Float64Array {
  // P(T = t) for t = 1 … k+1: α^{t−1}(1 − α) below k+1, α^k at k+1 (index t − 1).
  const thresholds = acceptanceThresholds(acceptance, k);
  const p = new Float64Array(k + 1);
  for (let t = 0; t <= k; t++) p[t] = (t === 0 ? 1 : thresholds[t - 1]!) - (t === k ? 0 : thresholds[t]!);
  // dist[x] = P(sum of the first n yields = n + x).
  let dist = new Float64Array(1).fill(1);
  for (let n = 1; n <= m; n++) {
    const next = new Float64Array(dist.length + k);
    for (let x = 0; x < dist.length; x++) {
      const d = dist[x]!;
      if (d === 0) continue;
      for (let t = 0; t <= k; t++) next[x + t]! += d * p[t]!;
    }
    dist = next;
  }
  let acc = 0;
  for (let x = 0; x < dist.length; x++) dist[x] = acc += dist[x]!;
  // The total is 1 up to rounding; exactly 1 so that every u < 1 falls inside the table.
  dist[dist.length - 1] = 1;
  return dist;
}

/**
 * A guide table for inverting `cdf` (Chen and Asau's indexed search): entry g is the smallest x with cdf[x] > g / n,
 * n = cdf.length, so a draw u starts its search at entry ⌊u·n⌋ and moves on about one entry on average, instead of
 * the log₂ n hard-to-predict branches of a binary search.
 */
export function guideTable(cdf: Float64Array): Int32Array {
  const n = cdf.length;
  const guide = new Int32Array(n);
  let x = 0;
  for (let g = 0; g < n; g++) {
    while (cdf[x]! <= g / n) x++;
    guide[g] = x;
  }
  return guide;
}

/** The smallest x with u < cdf[x], for u in [0, 1), starting from its guide entry. */
export function quantile(cdf: Float64Array, guide: Int32Array, u: number): number {
  let x = guide[(u * guide.length) | 0]!;
  while (u >= cdf[x]!) x++;
  return x;
}

/**
 * The joint law of the steps S and the last step's overshoot o (its yield beyond what it had left, 0 … k) for L = 1 …
 * `below` − 1 tokens, as one cumulative table per L over the outcomes x = S·(k+1) + o (`cdf`), and for each outcome
 * the expected growth E[A | S, o] (`growth`), A = G(1) + … + G(S−1) the tokens gained before each of its steps after
 * the first (the context a step attends to beyond the start's). By the first step's yield t: if t ≥ L, S = 1 and
 * o = t − L, A = 0; else the rest is a path for L − t with S − 1 steps, and A = t·(S − 1) + A_rest. Entry 0 is empty.
 */
export function tailLaws(acceptance: number, k: number, below: number): { cdf: Float64Array[]; growth: Float64Array[] } {
  const per = k + 1;
  const one = stepSumCdf(acceptance, k, 1);
  const p = one.map((c, t) => c - (t === 0 ? 0 : one[t - 1]!));
  // q: probabilities; r: probability × E[A] (so that the recurrence adds them), divided at the end.
  const qs: Float64Array[] = [new Float64Array(0)];
  const rs: Float64Array[] = [new Float64Array(0)];
  for (let L = 1; L < below; L++) {
    const q = new Float64Array((L + 1) * per);
    const r = new Float64Array((L + 1) * per);
    for (let t = 1; t <= per; t++) {
      const pt = p[t - 1]!;
      if (t >= L) {
        q[per + t - L]! += pt;
        continue;
      }
      const prevQ = qs[L - t]!;
      const prevR = rs[L - t]!;
      for (let x = 0; x < prevQ.length; x++) {
        if (prevQ[x] === 0) continue;
        const steps = ((x / per) | 0) + 1;
        q[x + per]! += pt * prevQ[x]!;
        r[x + per]! += pt * (t * (steps - 1) * prevQ[x]! + prevR[x]!);
      }
    }
    qs.push(q);
    rs.push(r);
  }
  const cdf: Float64Array[] = [new Float64Array(0)];
  const growth: Float64Array[] = [new Float64Array(0)];
  for (let L = 1; L < below; L++) {
    const q = qs[L]!;
    const r = rs[L]!;
    const g = new Float64Array(q.length);
    const c = new Float64Array(q.length);
    let acc = 0;
    for (let x = 0; x < q.length; x++) {
      g[x] = q[x]! > 0 ? r[x]! / q[x]! : 0;
      c[x] = acc += q[x]!;
    }
    c[c.length - 1] = 1;
    cdf.push(c);
    growth.push(g);
  }
  return { cdf, growth };
}

/** Draws steps to finish (and the tokens those steps' draws yielded) for one speculation (α, k) from one random stream. */
export class SpeculativeSteps {
  private readonly k: number;
  private readonly thresholds: Float64Array;
  private readonly cdfs: Float64Array[];
  private readonly guides: Int32Array[];
  /** `tailLaws` below `TAIL` tokens, and their guide tables. */
  private readonly tails: Float64Array[];
  private readonly tailGrowth: Float64Array[];
  private readonly tailGuides: Int32Array[];
  /** Tokens the last `draw`'s steps yielded before its last step was capped: the verifier's accepted tokens plus its own, per step, summed. */
  drawn = 0;
  /**
   * The last draw's expected growth E[A | the draws], A = G(1) + … + G(S−1) (tokens gained before each step after the
   * first): exact for single steps, m·G + X·(m − 1)/2 for a chunk of m steps that gained X from G (the m steps are
   * exchangeable, so each gains X/m in expectation), and the table's E[A | S, o] for the tail. The executor grows the
   * sequence's context linearly with this lifetime sum, so the context steps attend to is right on average.
   */
  growth = 0;

  constructor(acceptance: number, k: number, private readonly rng: Rng) {
    this.k = k;
    this.thresholds = acceptanceThresholds(acceptance, k);
    this.cdfs = CHUNKS.map((m) => stepSumCdf(acceptance, k, m));
    this.guides = this.cdfs.map(guideTable);
    const tail = tailLaws(acceptance, k, TAIL);
    this.tails = tail.cdf;
    this.tailGrowth = tail.growth;
    this.tailGuides = this.tails.map(guideTable);
  }

  /** Steps a sequence with `tokens` (≥ 1) left to produce takes; `drawn` holds their uncapped yield after it. */
  draw(tokens: number): number {
    const rng = this.rng;
    const per = this.k + 1;
    let left = tokens;
    let steps = 0;
    let drawn = 0;
    let growth = 0;
    for (let c = 0; c < CHUNKS.length && left >= TAIL; c++) {
      const m = CHUNKS[c]!;
      const cdf = this.cdfs[c]!;
      const guide = this.guides[c]!;
      while (left >= m * per && left >= TAIL) {
        const sum = m + quantile(cdf, guide, rng.next());
        growth += m * (tokens - left) + (sum * (m - 1)) / 2;
        left -= sum;
        drawn += sum;
        steps += m;
      }
    }
    // With k + 1 > 16 a few tokens above TAIL can be left that no chunk fits: single steps.
    while (left >= TAIL) {
      const t = tokensOfDraw(rng.next(), this.thresholds);
      growth += tokens - left;
      left -= t;
      drawn += t;
      steps++;
    }
    if (left > 0) {
      const x = quantile(this.tails[left]!, this.tailGuides[left]!, rng.next());
      const s = (x / per) | 0;
      growth += s * (tokens - left) + this.tailGrowth[left]![x]!;
      steps += s;
      drawn += left + x - s * per;
    }
    this.growth = growth;
    this.drawn = drawn;
    return steps;
  }
}
