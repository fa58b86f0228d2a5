/**
 * `routing: prefix-aware`: a request whose prefix (session or prompt template) was routed before goes to
 * the same replica, unless that replica is too loaded; then, and for requests without a prefix, it goes
 * to the least-outstanding replica, which becomes the prefix's replica.
 *
 * This is the SGLang router's cache-aware policy (`sgl-router/src/policies/cache_aware.rs`,
 * `CacheAwarePolicy::select_worker`, sgl-project/sglang at 026f853b): the router keeps its own record of
 * where prefixes went (an approximate tree there, one Map entry per prefix here: O(1) per request) and
 * falls back to the shortest queue when the load is imbalanced, with its defaults
 * `balance_abs_threshold` 64 and `balance_rel_threshold` 1.5. SGLang tests the imbalance over all
 * workers (max − min); here it is the prefix's replica against the least loaded one, which is what
 * decides whether following the prefix hurts (llm-d's inference scheduler weighs a prefix-cache scorer
 * against queue and KV-utilization scorers in the same spirit).
 */
import { type Pod, PodState } from './pod.ts';
import type { PrefixWorkload } from './prefix-workload.ts';

/** SGLang router defaults (`--balance-abs-threshold 64 --balance-rel-threshold 1.5`). */
export const BALANCE_ABS_THRESHOLD = 64;
export const BALANCE_REL_THRESHOLD = 1.5;

export class PrefixRouter {
  /** Where each prefix was sent last. */
  private readonly owner = new Map<number, Pod>();
  /** Requests sent to their prefix's replica, and those sent elsewhere because it was too loaded or gone. */
  followed = 0;
  rebalanced = 0;

  constructor(
    private readonly workload: PrefixWorkload,
    private readonly leastOutstanding: () => Pod,
  ) {}

  /** The replica for a tagged request (some replica is ready). */
  pick(slot: number): Pod {
    const key = this.workload.routeKey(slot);
    const least = this.leastOutstanding();
    if (key < 0) return least;
    let pod = this.owner.get(key);
    if (pod !== undefined && pod.state === PodState.Ready && !(pod.load - least.load > BALANCE_ABS_THRESHOLD && pod.load > least.load * BALANCE_REL_THRESHOLD)) {
      this.followed++;
    } else {
      if (pod !== undefined) this.rebalanced++;
      pod = least;
    }
    if (this.workload.lastTurn(slot)) this.owner.delete(key);
    else this.owner.set(key, pod);
    return pod;
  }
}
