/**
 * Runs the branches of a search (all, or a shard's subset) over an injected evaluator and returns every
 * design it ran, in grid order. Branches run concurrently up to `concurrency`; each branch is sequential
 * (bisection needs each answer before the next probe) apart from its seeds, so the records are the
 * same whatever the concurrency, the machine or the order in which runs finish.
 */
import { searchBranch } from './branch-search.ts';
import { DesignProber, type DesignRecord, type EvaluateDesign } from './design-prober.ts';
import { objectiveTrend } from './objective.ts';
import { planSearch, type SearchPlan } from './search-plan.ts';
import { compareDesigns, type SearchSpace } from './search-space.ts';

/** What to search for. */
export interface SearchOptions {
  /** Seeds every feasible design must pass on (the first runs alone; see branch-search.ts). */
  seeds: readonly number[];
  /** The metric to minimize (checked by checkObjective). */
  minimize: string;
  /** Enumerate every dimension (the full grid), e.g. to check the monotone shortcut. */
  exhaustive?: boolean;
}

/** The plan `options` gives for `space`. */
export function searchPlanFor(space: SearchSpace, options: SearchOptions): SearchPlan {
  return planSearch(space, objectiveTrend(options.minimize), options.exhaustive === true);
}

/**
 * Searches `branches` (default: all) of the plan and resolves to their records, sorted in grid order.
 * `concurrency` bounds the branches in flight (the evaluator may queue runs beyond its own workers).
 */
export async function runSearch(
  space: SearchSpace,
  options: SearchOptions,
  evaluate: EvaluateDesign,
  run: { branches?: readonly number[]; concurrency?: number } = {},
): Promise<DesignRecord[]> {
  const plan = searchPlanFor(space, options);
  const prober = new DesignProber(evaluate, options.seeds);
  const branches = run.branches ?? Array.from({ length: plan.branchCount }, (_, b) => b);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < branches.length) {
      const b = branches[next++] ?? 0;
      await searchBranch(space, plan, b, prober);
    }
  };
  const lanes = Math.max(1, Math.min(run.concurrency ?? 4, branches.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  return (await prober.records()).sort((a, b) => compareDesigns(a.design, b.design));
}

/** The items (branches, sweep variants) shard `index` (1-based) of `count` runs: every count-th one, so slow and fast items spread over the shards. */
export function shardIndices(total: number, index: number, count: number): number[] {
  const out: number[] = [];
  for (let b = index - 1; b < total; b += count) out.push(b);
  return out;
}
