import { standardExponential } from './exponential.ts';
import { NormalSampler, Z95, Z99 } from './normal.ts';
import type { Rng } from './rng.ts';

/** A resolved duration distribution, in seconds. */
export type DurationDistribution =
  | { kind: 'constant'; seconds: number }
  | { kind: 'exponential'; meanSeconds: number }
  | { kind: 'lognormal'; mu: number; sigma: number }
  | { kind: 'empirical'; samplesSeconds: readonly number[] };

/** Lognormal parameters (of ln seconds) from a median and a 99th percentile. */
export function lognormalFromP50P99(p50Seconds: number, p99Seconds: number): DurationDistribution {
  return { kind: 'lognormal', mu: Math.log(p50Seconds), sigma: Math.log(p99Seconds / p50Seconds) / Z99 };
}

/** Lognormal parameters (of ln seconds) from a median and a 95th percentile. */
export function lognormalFromP50P95(p50Seconds: number, p95Seconds: number): DurationDistribution {
  return { kind: 'lognormal', mu: Math.log(p50Seconds), sigma: Math.log(p95Seconds / p50Seconds) / Z95 };
}

/** The exact mean of a distribution, in seconds (used for capacity estimates and tests). */
export function meanSeconds(d: DurationDistribution): number {
  switch (d.kind) {
    case 'constant':
      return d.seconds;
    case 'exponential':
      return d.meanSeconds;
    case 'lognormal':
      return Math.exp(d.mu + (d.sigma * d.sigma) / 2);
    case 'empirical':
      return d.samplesSeconds.reduce((a, b) => a + b, 0) / Math.max(1, d.samplesSeconds.length);
  }
}

/** Draws durations from one distribution with its own random stream; `sample()` is on the hot path. */
export class DurationSampler {
  private readonly kind: DurationDistribution['kind'];
  private readonly a: number;
  private readonly b: number;
  private readonly samples: Float64Array;
  private readonly normal: NormalSampler;

  constructor(
    dist: DurationDistribution,
    private readonly rng: Rng,
  ) {
    this.kind = dist.kind;
    this.normal = new NormalSampler(rng);
    this.samples = new Float64Array(dist.kind === 'empirical' ? dist.samplesSeconds : []);
    this.a = dist.kind === 'constant' ? dist.seconds : dist.kind === 'exponential' ? dist.meanSeconds : dist.kind === 'lognormal' ? dist.mu : 0;
    this.b = dist.kind === 'lognormal' ? dist.sigma : 0;
  }

  /** One duration, in seconds. */
  sample(): number {
    switch (this.kind) {
      case 'constant':
        return this.a;
      case 'exponential':
        return this.a * standardExponential(this.rng);
      case 'lognormal':
        return Math.exp(this.a + this.b * this.normal.next());
      case 'empirical':
        return this.samples[this.rng.int(this.samples.length)]!;
    }
  }
}
