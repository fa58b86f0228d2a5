/**
 * Runs designs through the injected evaluator, seed by seed, and remembers every answer. A design is
 * feasible when every expectation holds on every seed; the first seed runs alone and the rest only if
 * it passed (a failure on one seed already proves the design infeasible), then together, in parallel.
 */
import type { SeedEvaluation } from './seed-evaluation.ts';
import { designKey, type Design } from './search-space.ts';

/** Runs one design on one seed; the host decides where (worker threads, a web worker, in-process). */
export type EvaluateDesign = (design: Design, seed: number) => Promise<SeedEvaluation>;

/** Everything known about one design. */
export interface DesignRecord {
  design: number[];
  /** The seeds run, in seed order: only the first when it failed, else all. */
  evaluations: SeedEvaluation[];
  /** Every expectation held on every seed. */
  feasible: boolean;
}

/** Memoized feasibility checks over one evaluator. */
export class DesignProber {
  private readonly records = new Map<string, Promise<DesignRecord>>();

  constructor(
    private readonly evaluate: EvaluateDesign,
    private readonly seeds: readonly number[],
  ) {}

  /** The design's record, running it if it has not been run. */
  probe(design: Design): Promise<DesignRecord> {
    const key = designKey(design);
    let r = this.records.get(key);
    if (r === undefined) {
      r = this.run([...design]);
      this.records.set(key, r);
    }
    return r;
  }

  /** True when the design is feasible (runs it if needed). */
  async feasible(design: Design): Promise<boolean> {
    return (await this.probe(design)).feasible;
  }

  /** Every record so far (resolved). */
  async all(): Promise<DesignRecord[]> {
    return Promise.all(this.records.values());
  }

  private async run(design: number[]): Promise<DesignRecord> {
    const [first, ...rest] = this.seeds;
    if (first === undefined) return { design, evaluations: [], feasible: true };
    const head = await this.evaluate(design, first);
    if (!head.pass) return { design, evaluations: [head], feasible: false };
    // The remaining seeds all run (in parallel), so the record never depends on which finished first.
    const evaluations = [head, ...(await Promise.all(rest.map((seed) => this.evaluate(design, seed))))];
    return { design, evaluations, feasible: evaluations.every((e) => e.pass) };
  }
}
