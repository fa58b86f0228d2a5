/**
 * Completions of a constant-service-time service (and cache hits) finish in the order they started, so
 * they need no heap: a FIFO ring of (end time, slot) does, and the event loop reads each FIFO's head as
 * an event source of its own. Two O(log n) heap operations per request become O(1) ring operations.
 */
export class CompletionFifo {
  /** @param onComplete what finishing the head request means (a service completion, a cache hit). */
  constructor(private readonly onComplete: (slot: number, now: number) => void) {}

  private times = new Float64Array(1024);
  private slots = new Int32Array(1024);
  private head = 0;
  length = 0;

  push(time: number, slot: number): void {
    if (this.length === this.times.length) this.grow();
    const i = (this.head + this.length) & (this.times.length - 1);
    this.times[i] = time;
    this.slots[i] = slot;
    this.length++;
  }

  headTime(): number {
    return this.times[this.head]!;
  }

  /** Time of the next completion, or Infinity when empty. */
  nextTime(): number {
    return this.length > 0 ? this.times[this.head]! : Infinity;
  }

  /** Finishes the head request (its time has come). */
  completeHead(now: number): void {
    this.onComplete(this.shift(), now);
  }

  /** Removes the head and returns its slot (the FIFO must not be empty). */
  shift(): number {
    const slot = this.slots[this.head]!;
    this.head = (this.head + 1) & (this.times.length - 1);
    this.length--;
    return slot;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    const times = new Float64Array(cap);
    const slots = new Int32Array(cap);
    const mask = this.times.length - 1;
    for (let k = 0; k < this.length; k++) {
      times[k] = this.times[(this.head + k) & mask]!;
      slots[k] = this.slots[(this.head + k) & mask]!;
    }
    this.times = times;
    this.slots = slots;
    this.head = 0;
  }
}
