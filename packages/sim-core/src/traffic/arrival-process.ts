import { standardExponential } from '../random/exponential.ts';
import type { Rng } from '../random/rng.ts';
import type { RateProfile } from './rate-profile.ts';

/** How arrivals are spaced: a (non-homogeneous) Poisson process, or evenly by the rate. */
export type ArrivalKind = 'poisson' | 'uniform';

/**
 * Generates arrival times one at a time from a piecewise-linear rate. Poisson arrivals use thinning
 * within each linear segment (Lewis & Shedler 1979) with the segment's larger endpoint as the bound, so
 * constant segments accept every candidate; uniform arrivals invert the integrated rate exactly, so a
 * constant rate gives gaps of exactly 1/λ (the D in D/M/c).
 */
export class ArrivalProcess {
  private seg = -1;
  private t = 0;
  /** The current segment, cached in fields: start, end, rate at start, slope, and the thinning bound. */
  private segT0 = 0;
  private segEnd = 0;
  private segR0 = 0;
  private segR1 = 0;
  private segSlope = 0;
  private segBound = 0;
  private segInvBound = 0;
  private readonly poisson: boolean;
  /** Uniform arrivals: the integrated rate still to cover before the next arrival. */
  private need = 0.5;
  /** Open-loop arrivals carry no token counts (the LLM service draws them). */
  readonly inputTokens = -1;
  readonly outputTokens = -1;

  constructor(
    private readonly profile: RateProfile,
    kind: ArrivalKind,
    private readonly rng: Rng,
  ) {
    this.poisson = kind === 'poisson';
    this.enterSegment(0);
  }

  /** The next arrival time after the previous one, or Infinity when the rate stays 0 forever. */
  next(): number {
    return this.poisson ? this.nextPoisson() : this.nextUniform();
  }

  private nextPoisson(): number {
    for (;;) {
      if (this.segBound <= 0) {
        if (!this.advance()) return Infinity;
        continue;
      }
      const candidate = this.t + standardExponential(this.rng) * this.segInvBound;
      if (candidate >= this.segEnd) {
        if (!this.advance()) return Infinity;
        continue;
      }
      this.t = candidate;
      if (this.segSlope === 0) return candidate;
      if (this.rng.next() * this.segBound <= this.segR0 + this.segSlope * (candidate - this.segT0)) return candidate;
    }
  }

  private nextUniform(): number {
    for (;;) {
      const rateNow = this.segR0 + this.segSlope * (this.t - this.segT0);
      if (this.segEnd === Infinity && rateNow <= 0) return Infinity;
      const area = this.segEnd === Infinity ? Infinity : ((rateNow + this.segR1) / 2) * (this.segEnd - this.t);
      if (area < this.need) {
        this.need -= area;
        if (!this.advance()) return Infinity;
        continue;
      }
      // Solve rateNow·x + slope·x²/2 = need for the smallest x ≥ 0.
      const x = this.segSlope === 0 ? this.need / rateNow : solveQuadratic(this.segSlope / 2, rateNow, -this.need);
      this.t += x;
      this.need = 1;
      return this.t;
    }
  }

  /** Moves to the next segment; false when there is none (the last one extends to infinity). */
  private advance(): boolean {
    if (this.segEnd === Infinity) return false;
    this.t = this.segEnd;
    this.enterSegment(this.seg + 1);
    return true;
  }

  private enterSegment(seg: number): void {
    const { times, rates } = this.profile;
    const last = times.length - 1;
    this.seg = seg;
    this.segT0 = times[seg]!;
    this.segR0 = rates[seg]!;
    this.segEnd = seg < last ? times[seg + 1]! : Infinity;
    this.segR1 = seg < last ? rates[seg + 1]! : this.segR0;
    const span = this.segEnd - this.segT0;
    this.segSlope = this.segEnd === Infinity || span === 0 ? 0 : (this.segR1 - this.segR0) / span;
    this.segBound = Math.max(this.segR0, this.segR1);
    this.segInvBound = this.segBound > 0 ? 1 / this.segBound : 0;
  }
}

function solveQuadratic(a: number, b: number, c: number): number {
  // Numerically stable root of a·x² + b·x + c = 0 with c < 0 and b ≥ 0 (Press et al., Numerical Recipes §5.6).
  const disc = Math.sqrt(Math.max(0, b * b - 4 * a * c));
  const q = -0.5 * (b + disc);
  return c / q;
}
