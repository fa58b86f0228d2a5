/**
 * A binary min-heap of (time, payload) pairs in parallel typed arrays: no allocation per event. Equal
 * times pop in an order fixed by the sequence of operations, so runs stay deterministic without a
 * tie-breaking key (which would cost a third array and a comparison on every level). This is the queue
 * of per-request events (completions, batch timers): the simulator's hottest structure.
 */
export class EventHeap {
  private times: Float64Array;
  private payloads: Int32Array;
  private n = 0;

  constructor(capacity = 1024) {
    this.times = new Float64Array(capacity);
    this.payloads = new Int32Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    return this.n === 0 ? Infinity : this.times[0]!;
  }

  push(time: number, payload: number): void {
    if (this.n + 1 >= this.times.length) this.grow();
    const times = this.times;
    const payloads = this.payloads;
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt <= time) break;
      times[i] = pt;
      payloads[i] = payloads[parent]!;
      i = parent;
    }
    times[i] = time;
    payloads[i] = payload;
  }

  /** Removes the earliest event and returns its payload (the heap must not be empty). */
  pop(): number {
    const payloads = this.payloads;
    const top = payloads[0]!;
    const n = --this.n;
    if (n === 0) return top;
    const times = this.times;
    const time = times[n]!;
    const payload = payloads[n]!;
    // A +Infinity sentinel past the end lets the child choice below skip its bounds test, and the
    // choice itself is arithmetic, not a branch: which child is smaller is a coin flip the CPU
    // cannot predict, and the mispredictions were the heap's largest cost.
    times[n] = Infinity;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      child += +(times[child + 1]! < times[child]!);
      const ct = times[child]!;
      if (time <= ct) break;
      times[i] = ct;
      payloads[i] = payloads[child]!;
      i = child;
    }
    times[i] = time;
    payloads[i] = payload;
    return top;
  }

  /**
   * Removes the event carrying `payload` (the first found) and returns whether there was one. Linear in the heap's
   * size: for rare removals (a preempted sequence's end, engine/paged-kv.ts), not for the hot path.
   */
  remove(payload: number): boolean {
    const times = this.times;
    const payloads = this.payloads;
    let j = -1;
    for (let k = 0; k < this.n; k++) {
      if (payloads[k] === payload) {
        j = k;
        break;
      }
    }
    if (j < 0) return false;
    const n = --this.n;
    if (j === n) return true;
    // The last event takes the removed one's place, then moves up or down to where its time belongs.
    const time = times[n]!;
    const moved = payloads[n]!;
    let i = j;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (times[parent]! <= time) break;
      times[i] = times[parent]!;
      payloads[i] = payloads[parent]!;
      i = parent;
    }
    if (i === j) {
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && times[child + 1]! < times[child]!) child++;
        if (time <= times[child]!) break;
        times[i] = times[child]!;
        payloads[i] = payloads[child]!;
        i = child;
      }
    }
    times[i] = time;
    payloads[i] = moved;
    return true;
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    const payloads = new Int32Array(this.times.length * 2);
    times.set(this.times);
    payloads.set(this.payloads);
    this.times = times;
    this.payloads = payloads;
  }
}
