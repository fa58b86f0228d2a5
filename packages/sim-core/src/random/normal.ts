import type { Rng } from './rng.ts';

/**
 * Standard normal variates by Marsaglia's polar method, caching the second variate of each pair.
 * Only lognormal service times use it, so its ~2 uniforms + one log/sqrt per pair is not a hot path.
 */
export class NormalSampler {
  private spare = 0;
  private hasSpare = false;

  constructor(private readonly rng: Rng) {}

  /** One draw from N(0, 1). */
  next(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = this.rng.next() * 2 - 1;
      v = this.rng.next() * 2 - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }
}

/** The standard normal quantile z_p for p = 0.95 and p = 0.99 (two-sided tables; used to fit lognormals). */
export const Z95 = 1.6448536269514722;
export const Z99 = 2.3263478740408408;
