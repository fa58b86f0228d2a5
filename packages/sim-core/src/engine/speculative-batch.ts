/**
 * The speculating sequences of one replica's running batch (engine/llm-executor.ts), kept without a visit per step.
 *
 * A sequence that starts decoding with L tokens to go draws the S steps it will take (llm/speculative-steps.ts: the
 * exact law of the step-by-step process) and its end is filed at step `it + S`, as a sequence without speculation
 * is filed at `it + L`. Its context is exact when it starts and when it ends (start + L). The tokens each step gave in
 * between are never drawn one by one, so two aggregates stand in for them:
 * - for the roofline (attention and KV read, linear in the context), its context grows by `slope` a step, the slope
 *   that makes the context its S steps attend to sum to the draws' expected growth (`SpeculativeSteps.growth`): right
 *   on average given its draws (a straight line from start to end, L / S a step, runs about 0.2 tokens a step low at
 *   α 0.7, k 3, since the capped last step gains less than the others);
 * - for the run's token count, it gains L / S a step (`rate`), which adds up to L at its end.
 * Over the batch each is kept as Σ x and Σ since · x, so the growth of all of them at step `it` is it · Σ x − Σ since · x.
 * Nothing else sees the interpolation: KV memory is reserved whole at admission (prompt + output + lookahead), and
 * every count a sequence leaves behind (its final context, TPOT, ITL chunks, the prefix cache's conversation) is exact.
 */
import type { SpeculativeSteps } from '../llm/speculative-steps.ts';

export class SpeculativeBatch {
  /** By batch position: the step the sequence started decoding at, its context growth a step, its tokens a step, its steps' uncapped yield. */
  private readonly since: Int32Array;
  private readonly slope: Float64Array;
  private readonly rate: Float64Array;
  private readonly drawn: Int32Array;
  /** Over the sequences with steps to go: Σ slope, Σ since · slope, Σ rate, Σ since · rate, and their count. */
  private slopeSum = 0;
  private slopeSince = 0;
  private rateSum = 0;
  private rateSince = 0;
  private active = 0;
  /** Tokens of the sequences that finished (exact), and the tokens handed to the run's count so far (whole numbers). */
  private finishedTokens = 0;
  private emitted = 0;

  /** `capacity`: the batch's most sequences; `draws`: the service's steps-to-finish sampler. */
  constructor(
    private readonly draws: SpeculativeSteps,
    capacity: number,
  ) {
    this.since = new Int32Array(capacity);
    this.slope = new Float64Array(capacity);
    this.rate = new Float64Array(capacity);
    this.drawn = new Int32Array(capacity);
  }

  /** The sequence at position `i` starts decoding after step `it` with `left` tokens to go (≥ 1): returns the steps it takes. */
  start(i: number, it: number, left: number): number {
    const draws = this.draws;
    const steps = draws.draw(left);
    // The growth at its steps 0 … S−1 is slope · j; they sum to slope · S(S−1)/2, which is to be `draws.growth`.
    const slope = steps > 1 ? (2 * draws.growth) / (steps * (steps - 1)) : 0;
    const rate = left / steps;
    this.since[i] = it;
    this.slope[i] = slope;
    this.rate[i] = rate;
    this.drawn[i] = draws.drawn;
    this.slopeSum += slope;
    this.slopeSince += it * slope;
    this.rateSum += rate;
    this.rateSince += it * rate;
    this.active++;
    return steps;
  }

  /** The sequence at `i` has no tokens to go (it finishes at once, or hands over at its first token): no steps, no growth. */
  none(i: number, it: number): void {
    this.since[i] = it;
    this.slope[i] = 0;
    this.rate[i] = 0;
    this.drawn[i] = 0;
  }

  /** The decoding sequences' context growth (tokens beyond their starts) before the step after `it`. */
  growth(it: number): number {
    return it * this.slopeSum - this.slopeSince;
  }

  /**
   * Step `it` was applied: the whole tokens the decoding sequences gained in it. The run's count so far is the finished
   * sequences' exact tokens plus the others' L / S a step, rounded; the step gets what that adds to what was handed
   * out. Never negative (the count only rises: a sequence's share at its end is its L), and exact when none decodes.
   */
  tokens(it: number): number {
    const total = Math.round(this.finishedTokens + it * this.rateSum - this.rateSince);
    const n = total - this.emitted;
    this.emitted = total;
    return n;
  }

  /** Steps the sequence at `i` took, if it ends at step `it`. */
  stepsOf(i: number, it: number): number {
    return it - this.since[i]!;
  }

  /** Tokens the draws of the sequence at `i` yielded, uncapped. */
  drawnOf(i: number): number {
    return this.drawn[i]!;
  }

  /** The sequence at `i`, which had `left` tokens to go when it started, ends (before its position is reused). */
  finished(i: number, left: number): void {
    const rate = this.rate[i]!;
    if (rate === 0) return;
    this.finishedTokens += left;
    if (--this.active === 0) {
      // Exact again (the sums only gather rounding): a long run's growth cannot drift.
      this.slopeSum = 0;
      this.slopeSince = 0;
      this.rateSum = 0;
      this.rateSince = 0;
      return;
    }
    const since = this.since[i]!;
    const slope = this.slope[i]!;
    this.slopeSum -= slope;
    this.slopeSince -= since * slope;
    this.rateSum -= rate;
    this.rateSince -= since * rate;
  }

  /** The sequence at position `last` moved to `i`. */
  moved(i: number, last: number): void {
    this.since[i] = this.since[last]!;
    this.slope[i] = this.slope[last]!;
    this.rate[i] = this.rate[last]!;
    this.drawn[i] = this.drawn[last]!;
  }
}
