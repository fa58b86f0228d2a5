import { SlotQueue } from './slot-queue.ts';

/**
 * Client-side connection pools: a call with `connections: N` has at most N calls in flight from each
 * caller replica (one pool per call and caller pod, as each pod of an application holds its own pool:
 * HikariCP's maximumPoolSize, a Go sql.DB's SetMaxOpenConns, a pgbouncer client pool). A call that
 * finds every connection taken waits in the pool's FIFO until one is returned; the caller's timeout
 * covers that wait.
 */
export class ConnectionPools {
  private readonly byKey = new Map<number, number>();
  private readonly inUse: number[] = [];
  private readonly size: number[] = [];
  private readonly waiting: SlotQueue[] = [];

  /** The pool of call `call` (of `calls` compiled calls) made from pod `podUid`, created on first use. */
  poolOf(call: number, calls: number, podUid: number, size: number): number {
    const key = podUid * calls + call;
    let pool = this.byKey.get(key);
    if (pool === undefined) {
      pool = this.inUse.length;
      this.byKey.set(key, pool);
      this.inUse.push(0);
      this.size.push(size);
      this.waiting.push(new SlotQueue());
    }
    return pool;
  }

  /** Takes a connection if one is free. */
  tryAcquire(pool: number): boolean {
    if (this.inUse[pool]! >= this.size[pool]!) return false;
    this.inUse[pool]!++;
    return true;
  }

  /** The visit waits for a connection of `pool`. */
  wait(pool: number, slot: number): void {
    this.waiting[pool]!.push(slot);
  }

  /** A connection is returned. */
  release(pool: number): void {
    this.inUse[pool]!--;
  }

  /** While a connection is free: the oldest visit waiting for one (it takes it through `tryAcquire`), else -1. */
  nextWaiting(pool: number): number {
    const q = this.waiting[pool]!;
    return q.length > 0 && this.inUse[pool]! < this.size[pool]! ? q.shift() : -1;
  }

  /** Connections taken (for tests). */
  inUseOf(pool: number): number {
    return this.inUse[pool]!;
  }
}
