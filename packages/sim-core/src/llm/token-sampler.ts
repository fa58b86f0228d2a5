import type { TokenDistribution } from '../engine/engine-config.ts';
import { NormalSampler } from '../random/normal.ts';
import type { Rng } from '../random/rng.ts';

/** Draws request lengths (whole tokens, at least 1). */
export class TokenSampler {
  private readonly normal: NormalSampler;

  constructor(
    private readonly dist: TokenDistribution,
    private readonly rng: Rng,
  ) {
    this.normal = new NormalSampler(rng);
  }

  sample(): number {
    const d = this.dist;
    switch (d.kind) {
      case 'fixed':
        return d.tokens;
      case 'uniform':
        return d.min + Math.floor(this.rng.next() * (d.max - d.min + 1));
      case 'lognormal':
        return Math.max(1, Math.min(d.max, Math.round(Math.exp(d.mu + d.sigma * this.normal.next()))));
    }
  }
}

/** The mean of a token distribution (for capacity estimates). */
export function meanTokens(d: TokenDistribution): number {
  switch (d.kind) {
    case 'fixed':
      return d.tokens;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'lognormal':
      return Math.min(d.max, Math.exp(d.mu + (d.sigma * d.sigma) / 2));
  }
}
