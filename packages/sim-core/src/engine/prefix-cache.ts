/**
 * One replica's automatic prefix cache: KV blocks of finished prefixes kept for reuse, evicted least
 * recently used first, in the memory that running sequences do not hold.
 *
 * Upstream, vLLM V1 (`vllm/v1/core/kv_cache_manager.py`, `KVCacheManager.get_computed_blocks`;
 * `vllm/v1/core/block_pool.py`, `BlockPool.get_cached_block` / `_maybe_evict_cached_block` and the
 * `FreeKVCacheBlockQueue` of `kv_cache_utils.py`) hashes every full 16-token block by its tokens and
 * its parent block's hash, keeps freed blocks in an LRU free queue with their hashes, and evicts a
 * cached block only when a new allocation takes it from that queue; a block referenced by a running
 * request (ref_cnt > 0) is never evicted. SGLang's `RadixCache` (`python/sglang/srt/mem_cache/radix_cache.py`:
 * `match_prefix`, `insert`, `evict`, `inc_lock_ref`/`dec_lock_ref`) keeps the same prefixes in a radix
 * tree, evicting unlocked leaves by last access time.
 *
 * Here the prompts are synthetic, so a prefix has an identity instead of token content: a prompt
 * template, or a session's conversation so far. One entry per identity holds its token count, so a
 * lookup is one Map access (O(1), whatever the cache holds) instead of a walk over blocks. Pinned
 * entries (in use by a running sequence, vLLM's ref_cnt, SGLang's lock_ref) leave the LRU list, an
 * intrusive doubly linked list (engine/linked-queue.ts; vLLM's FreeKVCacheBlockQueue is one too), so eviction takes its head in
 * O(1). Not a Map in insertion order: V8 leaves deleted Map entries as holes that every new iterator
 * skips, so taking the first entry after many evictions costs O(evictions) until the table is rehashed
 * (measured: 33 µs per request with 100,000 entries against 0.3 µs with 10; docs/performance.md).
 */

import { LinkedQueue } from './linked-queue.ts';

/** A cached prefix: its tokens and how many running sequences use it. */
export interface PrefixEntry {
  readonly key: number;
  tokens: number;
  refs: number;
  /** Neighbours in the LRU list (null at the ends, or when pinned). */
  prev: PrefixEntry | null;
  next: PrefixEntry | null;
}

/** vLLM's default KV block size (`--block-size 16`): only whole blocks are cached and hit. */
export const PREFIX_BLOCK_TOKENS = 16;

export class PrefixCache {
  private readonly all = new Map<number, PrefixEntry>();
  /** Unpinned entries, least recently used at the head. */
  private readonly order = new LinkedQueue<PrefixEntry>();
  /** Tokens held by all entries, pinned or not. */
  tokens = 0;

  /** `counter.evictions` counts the entries evicted to make room (shared by a service's replicas). */
  constructor(private readonly counter: { evictions: number }) {}

  get(key: number): PrefixEntry | undefined {
    return this.all.get(key);
  }

  /** A running sequence uses the entry: it cannot be evicted until released. */
  pin(e: PrefixEntry): void {
    if (e.refs++ === 0) this.order.unlink(e);
  }

  /** A sequence is done with the entry: it becomes the most recently used evictable one. */
  release(e: PrefixEntry): void {
    // An entry replaced while pinned is no longer cached: it must not come back into the LRU list.
    if (--e.refs === 0 && this.all.get(e.key) === e) this.order.append(e);
  }

  /** Evicts least recently used unpinned entries until `free()` reports at least `need` tokens; false if it cannot. */
  makeRoom(need: number, free: () => number): boolean {
    while (free() < need) {
      const first = this.order.head;
      if (first === null) return false;
      this.remove(first);
      this.counter.evictions++;
    }
    return true;
  }

  /** Adds an entry (pinned once when `pinned`), replacing one with the same key. */
  put(key: number, tokens: number, pinned: boolean): PrefixEntry {
    const old = this.all.get(key);
    if (old) this.remove(old);
    const e: PrefixEntry = { key, tokens, refs: pinned ? 1 : 0, prev: null, next: null };
    this.all.set(key, e);
    if (!pinned) this.order.append(e);
    this.tokens += tokens;
    return e;
  }

  remove(e: PrefixEntry): void {
    this.all.delete(e.key);
    if (e.refs === 0) this.order.unlink(e);
    this.tokens -= e.tokens;
  }


  get size(): number {
    return this.all.size;
  }
}

/** Tokens of a prompt of `prompt` tokens served from a cached prefix of `cached` tokens: whole blocks, never the last prompt token (vLLM recomputes it to get logits). */
export function hitTokens(cached: number, prompt: number): number {
  const usable = cached < prompt - 1 ? cached : prompt - 1;
  return usable <= 0 ? 0 : usable - (usable % PREFIX_BLOCK_TOKENS);
}
