import { describe, expect, it } from 'vitest';
import { EventHeap } from './event-heap.ts';

describe('EventHeap', () => {
  it('removes an event by its payload and keeps the rest in time order', () => {
    const h = new EventHeap(4);
    const times = [5, 1, 9, 3, 7, 2, 8];
    times.forEach((t, k) => h.push(t, k));
    expect(h.remove(3)).toBe(true);
    expect(h.remove(42)).toBe(false);
    const out: number[] = [];
    while (h.size > 0) out.push(h.pop());
    expect(out).toEqual([1, 5, 0, 4, 6, 2]);
  });
});
