/**
 * `optimize`: the cheapest design (by any metric) that meets every expectation on every seed, found by
 * search over an injected evaluator. Host-independent: the CLI evaluates in worker threads, a web
 * worker can evaluate in-process; both call this.
 */
import type { EvaluateDesign } from './design-prober.ts';
import { runSearch, type SearchOptions } from './run-search.ts';
import type { SearchSpace } from './search-space.ts';
import { summarizeSearch, type OptimizeResult } from './summarize-search.ts';

/** Searches the whole space and summarizes; `concurrency` bounds the branches in flight. */
export async function optimizeDesign(space: SearchSpace, options: SearchOptions, evaluate: EvaluateDesign, concurrency?: number): Promise<OptimizeResult> {
  const records = await runSearch(space, options, evaluate, concurrency === undefined ? {} : { concurrency });
  return summarizeSearch(space, options, records);
}
