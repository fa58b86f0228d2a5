/**
 * Paged KV with prefix caching: one replica's free KV blocks in vLLM's eviction order, kept as runs rather than blocks.
 *
 * Upstream (vLLM V1 with `enable_prefix_caching`, its default), every block a running request does not hold sits in one
 * LRU queue (vllm-project/vllm@001cabc1be16a59a70d720ed61a13b678c060a18 vllm/v1/core/kv_cache_utils.py,
 * `FreeKVCacheBlockQueue`): a freed block is appended at its tail, an allocation pops blocks from its head
 * (vllm-project/vllm@002f34915134cfd1a7d6ed777edd67dcc2289466 vllm/v1/core/block_pool.py, `BlockPool.get_new_block_bundles`
 * → `free_block_queue.popleft()`), and a popped block that still had a hash is evicted from the cache there
 * (`_maybe_evict_cached_block`). A request's blocks are freed in reverse order, so its tail blocks are nearer the head and
 * evicted first (same commit, vllm/v1/core/single_type_kv_cache_manager.py, `SingleTypeKVCacheManager.free`:
 * `reversed(req_blocks)`; vllm-project/vllm@003df2961dd8830c317a61f9745ccd557da9fa06 vllm/v1/core/kv_cache_manager.py,
 * `KVCacheManager.free`). A block found again by a hash lookup leaves the queue (`BlockPool.touch`), and only a leading run
 * of a request's blocks can be found (`FullAttentionManager.find_longest_cache_hit` stops at the first miss: the hashes
 * chain).
 *
 * Here prompts are synthetic, so the blocks that can be found again have an identity instead of token content: a prompt
 * template's, a session's conversation beyond its template, a preempted request's own (a finished request's other blocks
 * hold tokens no later prompt repeats). The queue is a doubly linked list of runs: anonymous runs (free blocks no lookup
 * can find) and one `CachedRun` per identity holding its full blocks, first block towards the tail. An allocation of n
 * blocks pops n from the head, trimming the runs it reaches from their head end, which is the identity's last blocks:
 * what stays is exactly the leading run still cached, so a lookup is the run's count. Each operation costs O(runs
 * touched), never O(blocks); consecutive anonymous frees merge into one run. A template's run leaves the queue while
 * running sequences use it (`lift`, vLLM's ref_cnt > 0) and comes back at the tail when the last lets go (`park`).
 */

import { LinkedQueue } from './linked-queue.ts';

/** Full blocks of one identity still cached (`blocks` 0 once all are evicted or taken back), in the free queue or held. */
export class CachedRun {
  blocks = 0;
  /** In the free queue (evictable), as opposed to held by running sequences or gone. */
  queued = false;
  /** A template's run: the running sequences using it (vLLM's ref_cnt). */
  refs = 0;
  /** The block index its first block has in the prompts that find it (a session's or preempted request's own blocks follow its template's). */
  start = 0;
  /** Neighbours in the queue (null at the ends or when out of it). */
  prev: CachedRun | null = null;
  next: CachedRun | null = null;
  /**
   * `cached` false for an anonymous run: free blocks that no lookup finds. `prefix`: a template's or session's run, counted
   * in `counter.evictions` when its last block is evicted (a preempted request's is not a cached prefix).
   */
  constructor(
    readonly cached: boolean,
    public prefix = false,
  ) {}
}

export class FreeBlockQueue {
  /** The LRU order: head evicted first. */
  private readonly order = new LinkedQueue<CachedRun>();
  /** Blocks in the queue: the replica's blocks less those its running sequences hold. */
  free = 0;
  /** Cached blocks evicted (popped by an allocation while they still had a hash), over the run. */
  evicted = 0;

  /** A replica of `capacity` blocks, all free and none cached (vLLM's queue starts in block order, with no hashes); prefix runs emptied by eviction are counted in `counter`. */
  constructor(
    capacity: number,
    private readonly counter: { evictions: number } = { evictions: 0 },
  ) {
    this.release(capacity);
  }

  /** Blocks freed that no lookup will find (a finished request's; a preempted one's partial last block): at the tail. */
  release(n: number): void {
    if (n <= 0) return;
    this.free += n;
    const t = this.order.tail;
    if (t !== null && !t.cached) {
      t.blocks += n;
      return;
    }
    const run = new CachedRun(false);
    run.blocks = n;
    run.queued = true;
    this.order.append(run);
  }

  /** `n` full blocks of an identity freed after its other blocks (vLLM frees in reverse): its run, at the tail, its first block at index `start`. */
  cache(n: number, start: number, prefix: boolean): CachedRun {
    const run = new CachedRun(true, prefix);
    run.start = start;
    run.blocks = n > 0 ? n : 0;
    this.park(run);
    return run;
  }

  /** A held run is freed (a template's last user let go): at the tail. */
  park(run: CachedRun): void {
    if (run.blocks <= 0 || run.queued) return;
    this.free += run.blocks;
    run.queued = true;
    this.order.append(run);
  }

  /** A queued run is used again by a running sequence (vLLM's `touch` of blocks with ref_cnt 0): it leaves the queue, its blocks kept. */
  lift(run: CachedRun): void {
    if (!run.queued) return;
    run.queued = false;
    this.free -= run.blocks;
    this.order.unlink(run);
  }

  /** An allocation of `n` blocks (n ≤ free): popped from the head, evicting cached runs' last blocks first. */
  take(n: number): void {
    this.free -= n;
    while (n > 0) {
      const run = this.order.head!;
      if (run.blocks > n) {
        run.blocks -= n;
        if (run.cached) this.evicted += n;
        return;
      }
      n -= run.blocks;
      if (run.cached) this.evicted += run.blocks;
      if (run.prefix) this.counter.evictions++;
      run.blocks = 0;
      run.queued = false;
      this.order.unlink(run);
    }
  }

  /**
   * A request found the first `n` blocks of the queued `run` (vLLM's `touch` of the hit blocks): they leave the queue for it;
   * the rest stay where they are, findable by no one now (the request recomputes them into blocks of its own).
   */
  use(run: CachedRun, n: number): void {
    run.prefix = false;
    if (!run.queued || n <= 0) return;
    this.free -= n;
    run.blocks -= n;
    if (run.blocks === 0) {
      run.queued = false;
      this.order.unlink(run);
    }
  }

  /** The request of `run` is admitted again: its cached blocks leave the queue for it (vLLM's `touch`); returns them. */
  claim(run: CachedRun): number {
    this.lift(run);
    const n = run.blocks;
    run.blocks = 0;
    return n;
  }

  /** Runs head to tail as [cached, blocks] pairs (tests). */
  runs(): [boolean, number][] {
    const out: [boolean, number][] = [];
    for (let r = this.order.head; r !== null; r = r.next) out.push([r.cached, r.blocks]);
    return out;
  }

}
