/**
 * Runs designs through the injected evaluator and remembers every (design, seed) answer. Two questions:
 * does a design pass on the first seed (one run), and does it pass on every seed (the first alone,
 * then, only if it passed, the others together, in parallel). A failure on any seed proves a design
 * infeasible; passing every seed proves it feasible; passing only the seeds run so far leaves it
 * unconfirmed.
 */
import type { SeedEvaluation } from './seed-evaluation.ts';
import { designKey, type Design } from './search-space.ts';

/** Runs one design on one seed; the host decides where (worker threads, a web worker, in-process). */
export type EvaluateDesign = (design: Design, seed: number) => Promise<SeedEvaluation>;

/** Everything known about one design. */
export interface DesignRecord {
  design: number[];
  /** The seeds run, in the order of the search's seeds. */
  evaluations: SeedEvaluation[];
  /** Every expectation held on every seed. */
  feasible: boolean;
  /** Feasible, or failed on some seed; false while it passed every seed run but not all seeds ran. */
  decided: boolean;
}

/** Memoized runs over one evaluator. */
export class DesignProber {
  private readonly runs = new Map<string, Promise<SeedEvaluation>>();
  private readonly designs = new Map<string, number[]>();

  constructor(
    private readonly evaluate: EvaluateDesign,
    private readonly seeds: readonly number[],
  ) {}

  /** True when the design passes on the first seed (runs it once if needed). */
  async passesFirst(design: Design): Promise<boolean> {
    const first = this.seeds[0];
    return first === undefined ? true : (await this.run(design, first)).pass;
  }

  /** True when the design passes on every seed: the first alone, then the rest in parallel. */
  async passesAll(design: Design): Promise<boolean> {
    if (!(await this.passesFirst(design))) return false;
    const rest = await Promise.all(this.seeds.slice(1).map((s) => this.run(design, s)));
    return rest.every((e) => e.pass);
  }

  /** Every design run so far, with what is known (resolved). */
  async records(): Promise<DesignRecord[]> {
    const out: DesignRecord[] = [];
    for (const [key, design] of this.designs) {
      const evaluations: SeedEvaluation[] = [];
      for (const s of this.seeds) {
        const r = this.runs.get(`${key}@${s}`);
        if (r !== undefined) evaluations.push(await r);
      }
      const feasible = evaluations.length === this.seeds.length && evaluations.every((e) => e.pass);
      out.push({ design, evaluations, feasible, decided: feasible || evaluations.some((e) => !e.pass) });
    }
    return out;
  }

  private run(design: Design, seed: number): Promise<SeedEvaluation> {
    const key = designKey(design);
    const runKey = `${key}@${seed}`;
    let r = this.runs.get(runKey);
    if (r === undefined) {
      if (!this.designs.has(key)) this.designs.set(key, [...design]);
      r = this.evaluate(design, seed);
      this.runs.set(runKey, r);
    }
    return r;
  }
}
