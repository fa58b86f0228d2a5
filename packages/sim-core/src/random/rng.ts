/**
 * A seeded pseudo-random generator (xoshiro128**, Blackman & Vigna 2018) with 32-bit state words.
 * Chosen because it is fast with Math.imul, has a 2^128-1 period and passes BigCrush; the core never
 * uses Math.random, so every run is reproducible from (seed, stream).
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Seeds the four state words with SplitMix32 from `seed` and a stream id (independent sub-streams). */
  constructor(seed: number, stream = 0) {
    let s = (Math.trunc(seed) ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** A uniform unsigned 32-bit integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** A uniform double in the open interval (0, 1): never 0, so -log(u) is always finite. */
  next(): number {
    return (this.nextU32() + 0.5) * 2.3283064365386963e-10;
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Named streams, so that changing how one part draws numbers does not perturb the others. */
export const RngStream = {
  arrivals: 1,
  service: 2,
  routing: 3,
  provisioning: 4,
  spot: 5,
  training: 6,
  /** Scrape and sync phases of each HPA (stream hpaPhase × 1000 + service index). */
  hpaPhase: 7,
  /** Whether each requested node ever becomes Ready (stream × 1000 + pool index). */
  provisioningFailure: 8,
  /** Random tie-breaks of the cluster autoscaler's expander. */
  expander: 9,
  /** Think times of each closed-loop traffic source (stream think × 1000 + source index). */
  think: 12,
  /** Node hardware failure times (cluster/node-faults.ts). */
  nodeFailures: 13,
  /** Spot reclaim waves: event times and which nodes each takes (stream × 1000 + pool index). */
  spotWaves: 14,
  /** Jitter of Kueue's requeuing backoff after a PodsReady timeout (cluster/kueue-pods-ready.ts). */
  kueueRequeue: 15,
} as const;
