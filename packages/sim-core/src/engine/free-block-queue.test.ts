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
    const run = q.cache(5);
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
    const a = q.cache(4);
    q.release(2);
    const b = q.cache(3);
    q.release(3);
    // Head to tail: a (4), free (2), b (3), free (3). Taking 7 empties a and the 2 free blocks and takes one of b's.
    q.take(7);
    expect([a.blocks, b.blocks]).toEqual([0, 2]);
    expect(q.evicted).toBe(5);
    expect(q.claim(a)).toBe(0);
    expect(q.free).toBe(5);
    expect(q.runs()).toEqual([[true, 2], [false, 3]]);
  });
});
