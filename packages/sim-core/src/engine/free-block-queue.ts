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
 * Here prompts are synthetic, so only a preempted request's own full blocks can ever be found again (a finished request's
 * blocks hold tokens no later prompt repeats). The queue is a doubly linked list of runs: anonymous runs (free blocks no
 * lookup can find) and one `CachedRun` per preempted request holding its full blocks, first block towards the tail. An
 * allocation of n blocks pops n from the head, trimming the runs it reaches from their head end, which is the request's
 * last blocks: what stays is exactly the leading run of its blocks still cached, so a lookup is the run's count. Each
 * operation costs O(runs touched), never O(blocks); consecutive anonymous frees merge into one run.
 */

/** A preempted request's full blocks still cached, in the free queue (`blocks` 0 once all are evicted or taken back). */
export class CachedRun {
  blocks = 0;
  /** Neighbours in the queue (null at the ends or when out of it). */
  prev: CachedRun | null = null;
  next: CachedRun | null = null;
  /** False for an anonymous run: free blocks that no lookup finds. */
  constructor(readonly cached: boolean) {}
}

export class FreeBlockQueue {
  private head: CachedRun | null = null;
  private tail: CachedRun | null = null;
  /** Blocks in the queue: the replica's blocks less those its running sequences hold. */
  free = 0;
  /** Cached blocks evicted (popped by an allocation while they still had a hash), over the run. */
  evicted = 0;

  /** A replica of `capacity` blocks, all free and none cached (vLLM's queue starts in block order, with no hashes). */
  constructor(capacity: number) {
    this.release(capacity);
  }

  /** Blocks freed that no lookup will find (a finished request's; a preempted one's partial last block): at the tail. */
  release(n: number): void {
    if (n <= 0) return;
    this.free += n;
    const t = this.tail;
    if (t !== null && !t.cached) {
      t.blocks += n;
      return;
    }
    const run = new CachedRun(false);
    run.blocks = n;
    this.append(run);
  }

  /** A preempted request's `n` full blocks freed after its other blocks (vLLM frees in reverse): its run, at the tail. */
  cache(n: number): CachedRun {
    const run = new CachedRun(true);
    if (n <= 0) return run;
    run.blocks = n;
    this.free += n;
    this.append(run);
    return run;
  }

  /** An allocation of `n` blocks (n ≤ free): popped from the head, evicting cached runs' last blocks first. */
  take(n: number): void {
    this.free -= n;
    while (n > 0) {
      const run = this.head!;
      if (run.blocks > n) {
        run.blocks -= n;
        if (run.cached) this.evicted += n;
        return;
      }
      n -= run.blocks;
      if (run.cached) this.evicted += run.blocks;
      run.blocks = 0;
      this.unlink(run);
    }
  }

  /** The request of `run` is admitted again: its cached blocks leave the queue for it (vLLM's `touch`); returns them. */
  claim(run: CachedRun): number {
    const n = run.blocks;
    if (n === 0) return 0;
    run.blocks = 0;
    this.free -= n;
    this.unlink(run);
    return n;
  }

  /** Runs head to tail as [cached, blocks] pairs (tests). */
  runs(): [boolean, number][] {
    const out: [boolean, number][] = [];
    for (let r = this.head; r !== null; r = r.next) out.push([r.cached, r.blocks]);
    return out;
  }

  private append(run: CachedRun): void {
    run.prev = this.tail;
    run.next = null;
    if (this.tail === null) this.head = run;
    else this.tail.next = run;
    this.tail = run;
  }

  private unlink(run: CachedRun): void {
    if (run.prev === null) this.head = run.next;
    else run.prev.next = run.next;
    if (run.next === null) this.tail = run.prev;
    else run.next.prev = run.prev;
    run.prev = null;
    run.next = null;
  }
}
