/**
 * An intrusive doubly linked queue: its items carry their own `prev`/`next`, so appending, unlinking one from anywhere
 * and taking the head are O(1) and allocate nothing. The LRU order of a replica's cached prefixes (engine/prefix-cache.ts)
 * and of its free KV blocks under paged allocation (engine/free-block-queue.ts) are each one of these: vLLM's
 * FreeKVCacheBlockQueue is the same structure.
 */
export interface Linked<T> {
  prev: T | null;
  next: T | null;
}

export class LinkedQueue<T extends Linked<T>> {
  /** Oldest item (evicted first), or null when empty. */
  head: T | null = null;
  tail: T | null = null;

  /** Adds `x` (not in the queue) at the tail. */
  append(x: T): void {
    x.prev = this.tail;
    x.next = null;
    if (this.tail === null) this.head = x;
    else this.tail.next = x;
    this.tail = x;
  }

  /** Takes `x` (in the queue) out, wherever it is. */
  unlink(x: T): void {
    if (x.prev === null) this.head = x.next;
    else x.prev.next = x.next;
    if (x.next === null) this.tail = x.prev;
    else x.next.prev = x.prev;
    x.prev = null;
    x.next = null;
  }
}
