import { describe, expect, it } from 'vitest';
import { LinkedQueue } from './linked-queue.ts';

interface Item {
  id: number;
  prev: Item | null;
  next: Item | null;
}
const item = (id: number): Item => ({ id, prev: null, next: null });
const ids = (q: LinkedQueue<Item>): number[] => {
  const out: number[] = [];
  for (let x = q.head; x !== null; x = x.next) out.push(x.id);
  return out;
};

describe('LinkedQueue', () => {
  it('appends at the tail and unlinks from the head, the middle and the tail', () => {
    const q = new LinkedQueue<Item>();
    const [a, b, c, d] = [item(1), item(2), item(3), item(4)];
    for (const x of [a, b, c, d]) q.append(x);
    expect(ids(q)).toEqual([1, 2, 3, 4]);
    q.unlink(b);
    expect(ids(q)).toEqual([1, 3, 4]);
    q.unlink(a);
    q.unlink(d);
    expect(ids(q)).toEqual([3]);
    expect(q.head).toBe(c);
    expect(q.tail).toBe(c);
    // An unlinked item carries no stale neighbours and can come back, at the tail.
    expect([b.prev, b.next]).toEqual([null, null]);
    q.append(b);
    expect(ids(q)).toEqual([3, 2]);
    q.unlink(c);
    q.unlink(b);
    expect([q.head, q.tail]).toEqual([null, null]);
  });
});
