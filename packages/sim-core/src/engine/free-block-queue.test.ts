/**
 * The free queue's runs against vLLM's block rules, worked block by block (vllm/v1/core/kv_cache_utils.py
 * `FreeKVCacheBlockQueue`: append at the tail, popleft at the head; a request's blocks freed in reverse order).
 */
import { describe, expect, it } from 'vitest';
import { FreeBlockQueue } from './free-block-queue.ts';

describe('FreeBlockQueue', () => {
  it('starts with every block free and none cached', () => {
    const q = new FreeBlockQueue(10);
    expect(q.free).toBe(10);
    expect(q.runs()).toEqual([[false, 10]]);
  });

  it("evicts a preempted request's last blocks first, after the blocks freed before it", () => {
    // 10 blocks; a request holds blocks b0…b5 (6), another 4: none free. The first is preempted with b0…b4 full and b5
    // partial: freed in reverse, the queue is b5, b4, b3, b2, b1, b0. An allocation of 3 pops b5, b4, b3: b0…b2 stay
    // cached, found by a lookup (the leading run).
    const q = new FreeBlockQueue(10);
    q.take(10);
    q.release(1);
    const run = q.cache(5, 0, false);
    expect(q.free).toBe(6);
    q.take(3);
    expect(run.blocks).toBe(3);
    expect(q.evicted).toBe(2);
    expect(q.runs()).toEqual([[true, 3]]);
    // The other request finishes: its 4 blocks go behind the run; the run is claimed (touched) from the middle.
    q.release(4);
    expect(q.claim(run)).toBe(3);
    expect(q.free).toBe(4);
    expect(q.runs()).toEqual([[false, 4]]);
  });

  it('keeps runs in the order they were freed: older ones are evicted whole before newer ones lose a block', () => {
    const q = new FreeBlockQueue(12);
    q.take(12);
    const a = q.cache(4, 0, false);
    q.release(2);
    const b = q.cache(3, 0, false);
    q.release(3);
    // Head to tail: a (4), free (2), b (3), free (3). Taking 7 empties a and the 2 free blocks and takes one of b's.
    q.take(7);
    expect([a.blocks, b.blocks]).toEqual([0, 2]);
    expect(q.evicted).toBe(5);
    expect(q.claim(a)).toBe(0);
    expect(q.free).toBe(5);
    expect(q.runs()).toEqual([[true, 2], [false, 3]]);
  });

  it("a template's run leaves the queue while used (lift) and comes back at the tail when let go (park)", () => {
    // 8 blocks: a template's 2 blocks cached and free, then 6 blocks freed by a finished request behind them.
    const q = new FreeBlockQueue(8);
    q.take(8);
    const t = q.cache(2, 0, true);
    q.release(6);
    q.lift(t);
    expect([q.free, t.blocks, t.queued]).toEqual([6, 2, false]);
    // Allocations cannot evict it while it is held: 6 blocks come from the free ones.
    q.take(6);
    expect(t.blocks).toBe(2);
    q.release(3);
    q.park(t);
    expect(q.runs()).toEqual([[false, 3], [true, 2]]);
    // Its last block goes after the 3 older ones; emptied, a prefix run counts one eviction.
    const counter = { evictions: 0 };
    const q2 = new FreeBlockQueue(4, counter);
    q2.take(4);
    const t2 = q2.cache(2, 0, true);
    q2.release(2);
    q2.take(3);
    expect([t2.blocks, t2.queued, counter.evictions]).toEqual([0, false, 1]);
  });

  it('a lookup takes the leading blocks of a run (use); the rest stay in place, findable by no one', () => {
    const counter = { evictions: 0 };
    const q = new FreeBlockQueue(6, counter);
    q.take(6);
    const s = q.cache(4, 2, true);
    q.release(2);
    q.use(s, 3);
    expect(q.free).toBe(3);
    expect(q.runs()).toEqual([[true, 1], [false, 2]]);
    // The orphaned block is evicted first, and no longer counts as a cached prefix's eviction.
    q.take(1);
    expect(counter.evictions).toBe(0);
    expect(q.runs()).toEqual([[false, 2]]);
  });
});
