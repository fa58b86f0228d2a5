/** A growable FIFO ring buffer of request slots (a replica's queue, or the balancer's shared queue). */
export class SlotQueue {
  private buf = new Int32Array(16);
  private head = 0;
  length = 0;
  /** When the pending check for requests waiting past the queue timeout runs (Infinity: none pending). */
  expiryAt = Infinity;

  push(slot: number): void {
    if (this.length === this.buf.length) this.grow();
    this.buf[(this.head + this.length) & (this.buf.length - 1)] = slot;
    this.length++;
  }

  /** The oldest slot (the queue must not be empty). */
  peek(): number {
    return this.buf[this.head]!;
  }

  /** The i-th oldest slot (0 ≤ i < length). */
  at(i: number): number {
    return this.buf[(this.head + i) & (this.buf.length - 1)]!;
  }

  shift(): number {
    const slot = this.buf[this.head]!;
    this.head = (this.head + 1) & (this.buf.length - 1);
    this.length--;
    return slot;
  }

  /** Removes and returns the i-th oldest slot (0 ≤ i < length), the younger ones moving up: O(i). */
  removeAt(i: number): number {
    const mask = this.buf.length - 1;
    const slot = this.buf[(this.head + i) & mask]!;
    for (let k = i; k > 0; k--) this.buf[(this.head + k) & mask] = this.buf[(this.head + k - 1) & mask]!;
    this.head = (this.head + 1) & mask;
    this.length--;
    return slot;
  }

  private grow(): void {
    const next = new Int32Array(this.buf.length * 2);
    for (let i = 0; i < this.length; i++) next[i] = this.buf[(this.head + i) & (this.buf.length - 1)]!;
    this.buf = next;
    this.head = 0;
  }
}
