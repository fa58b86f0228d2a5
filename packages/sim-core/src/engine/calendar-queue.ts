/**
 * A calendar queue of (time, payload) pairs (R. Brown, "Calendar queues: a fast O(1) priority queue
 * implementation for the simulation event set problem", CACM 31(10), 1988), over typed arrays with no
 * allocation per event: the same interface as `EventHeap` (push, pop, peekTime, size).
 *
 * Time is cut into buckets of `width` seconds; bucket `v` (its "virtual bucket", floor((t − origin) / width))
 * lives in list `v mod nb`, a singly linked list kept sorted by time, with a tail pointer so that an event
 * later than everything in its list (the common case, and every event of a burst at one instant) is appended
 * in O(1). The earliest event is the head of the current list when its virtual bucket is the current one;
 * otherwise the scan moves to the next bucket. Equal times share a bucket and are inserted after each other,
 * so ties pop in insertion (FIFO) order, and every operation is a function of the input alone.
 *
 * Robustness (Brown's weak points): the list count follows the size (at least two lists an event, halved
 * below one event in eight lists), each rebuild re-estimating the width from the earliest events (Brown's
 * rule: the mean of their separations no larger than twice the mean, here times one, not three: a bucket
 * holds about one event, so a push is mostly an append and a pop scans about one bucket). A year scanned
 * without an event falls back to a direct search of the list heads; and when scans and sorted inserts cost
 * more than a step per operation over a window of about twice the size (a width made stale by a change of
 * time scale), the width is re-estimated. A rebuild relinks the nodes in O(size + lists), so these checks add
 * O(1) amortized per operation. The hot paths (an append, a pop whose successor is in the same bucket) are
 * kept small enough for V8 to inline them into the event loop; the rest are methods of their own.
 * Times must not be NaN.
 */
export class CalendarQueue {
  // Nodes: time, payload and next link per event; free nodes are chained through `next`.
  private times: Float64Array;
  private payloads: Int32Array;
  private next: Int32Array;
  private free = -1;
  private used = 0;
  // Lists: head and tail node per bucket (−1 when empty); nb = mask + 1, a power of two.
  private heads: Int32Array;
  private tails: Int32Array;
  private mask: number;
  private n = 0;
  private origin = 0;
  private invWidth = 1;
  private width = 1;
  // The current bucket: its list index and virtual bucket; `minTime` is the earliest time (Infinity when empty).
  private cur = 0;
  private curV = 0;
  private minTime = Infinity;
  // Cost accounting for the stale-width check: steps (buckets scanned, nodes walked) over operations.
  private ops = 0;
  private steps = 0;
  private growAt = MIN_BUCKETS * GROW;
  private scratch = new Int32Array(0);

  constructor(capacity = 1024) {
    this.times = new Float64Array(capacity);
    this.payloads = new Int32Array(capacity);
    this.next = new Int32Array(capacity);
    this.mask = MIN_BUCKETS - 1;
    this.heads = new Int32Array(MIN_BUCKETS).fill(-1);
    this.tails = new Int32Array(MIN_BUCKETS).fill(-1);
  }

  get size(): number {
    return this.n;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    return this.minTime;
  }

  push(time: number, payload: number): void {
    const v = Math.floor((time - this.origin) * this.invWidth);
    const i = v & this.mask;
    const tail = this.tails[i]!;
    const node = this.free;
    // The fast path, kept small for V8 to inline it: a free node, an int32 virtual bucket, not the new
    // earliest event, no growth, and the last of its list (or its only event) or the first.
    if (node >= 0 && (v | 0) === v && time >= this.minTime && this.n < this.growAt) {
      const next = this.next;
      const times = this.times;
      if (tail < 0 || time >= times[tail]!) {
        if (tail < 0) this.heads[i] = node;
        else next[tail] = node;
        this.tails[i] = node;
        this.free = next[node]!;
        next[node] = -1;
      } else {
        const head = this.heads[i]!;
        if (!(time < times[head]!)) return this.place(time, payload);
        this.heads[i] = node;
        this.free = next[node]!;
        next[node] = head;
      }
      times[node] = time;
      this.payloads[node] = payload;
      this.n++;
    } else this.place(time, payload);
  }

  /** Removes the earliest event and returns its payload (the queue must not be empty). */
  pop(): number {
    const i = this.cur;
    const next = this.next;
    const node = this.heads[i]!;
    const payload = this.payloads[node]!;
    const after = next[node]!;
    this.heads[i] = after;
    if (after < 0) this.tails[i] = -1;
    next[node] = this.free;
    this.free = node;
    this.ops++;
    if (--this.n === 0) this.minTime = Infinity;
    else if (after >= 0 && Math.floor((this.times[after]! - this.origin) * this.invWidth) <= this.curV) this.minTime = this.times[after]!;
    else this.scan();
    return payload;
  }

  /** After a push into list `i` at virtual bucket `v`: a new earliest event becomes current; a full queue gets more lists. */
  private pushed(time: number, v: number, i: number): void {
    if (time < this.minTime) {
      this.minTime = time;
      this.curV = v;
      this.cur = i;
    }
    if (++this.n > this.growAt) this.rebuild(listsFor(this.n));
  }

  /** The general push: a clamped virtual bucket, a sorted insertion, a new earliest event, growth. */
  private place(time: number, payload: number): void {
    let node = this.free;
    if (node < 0) node = this.newNode();
    else this.free = this.next[node]!;
    this.times[node] = time;
    this.payloads[node] = payload;
    const v = this.virtual(time);
    const i = this.index(v);
    this.link(node, time, i);
    this.pushed(time, v, i);
    this.ops++;
    this.check();
  }

  /** The next event is in a later bucket of this year; a year without one falls back to a direct search. */
  private scan(): void {
    const heads = this.heads;
    const times = this.times;
    const mask = this.mask;
    const origin = this.origin;
    const inv = this.invWidth;
    let i = this.cur;
    let v = this.curV;
    let h = -1;
    let scanned = 0;
    for (;;) {
      if (++scanned > mask) {
        this.search();
        break;
      }
      i = (i + 1) & mask;
      v++;
      h = heads[i]!;
      if (h >= 0 && Math.floor((times[h]! - origin) * inv) <= v) {
        this.cur = i;
        this.curV = v;
        this.minTime = times[h]!;
        break;
      }
    }
    this.steps += scanned;
    this.check();
  }

  /**
   * On the slow paths (a scan, a sorted insertion), once a window of 2·size + STALE_WINDOW operations or twice
   * as many steps (buckets scanned, nodes walked) has passed: a window that cost more than STALE_STEPS steps
   * an operation re-estimates the width, and a queue below 1/SHRINK of its list count gets fewer lists. A
   * rebuild costs O(size + lists) and comes at most once a window, so it adds O(1) amortized per operation.
   */
  private check(): void {
    const window = 2 * this.n + STALE_WINDOW;
    if (this.ops < window && this.steps < 2 * window) return;
    const stale = this.steps > STALE_STEPS * this.ops;
    this.ops = 0;
    this.steps = 0;
    const shrink = this.n < (this.mask + 1) / SHRINK && this.mask + 1 > MIN_BUCKETS;
    if (stale || shrink) this.rebuild(listsFor(this.n));
  }

  /** Virtual bucket of a time, clamped to ±2⁵² so that it stays an exact integer (and monotone in time). */
  private virtual(time: number): number {
    const v = Math.floor((time - this.origin) * this.invWidth);
    return v < V_MAX ? (v > -V_MAX ? v : -V_MAX) : V_MAX;
  }

  /** List index of a virtual bucket: v mod nb (the int32 path is v & mask, the same in two's complement). */
  private index(v: number): number {
    if (v < 2147483648 && v >= -2147483648) return v & this.mask;
    const nb = this.mask + 1;
    return ((v % nb) + nb) % nb;
  }

  /** Inserts a node into list `i`, after every node of equal or earlier time. */
  private link(node: number, time: number, i: number): void {
    const next = this.next;
    const times = this.times;
    const tail = this.tails[i]!;
    if (tail < 0) {
      this.heads[i] = node;
      this.tails[i] = node;
      next[node] = -1;
    } else if (time >= times[tail]!) {
      next[tail] = node;
      this.tails[i] = node;
      next[node] = -1;
    } else {
      let p = this.heads[i]!;
      if (time < times[p]!) {
        next[node] = p;
        this.heads[i] = node;
        return;
      }
      // A node later than `time` exists (the tail), so the walk ends inside the list.
      let q = next[p]!;
      let walked = 1;
      while (times[q]! <= time) {
        p = q;
        q = next[p]!;
        walked++;
      }
      next[node] = q;
      next[p] = node;
      this.steps += walked;
    }
  }

  /** Direct search (a year scanned without an event): the earliest list head becomes the current bucket. */
  private search(): void {
    const heads = this.heads;
    const times = this.times;
    let best = -1;
    let bestTime = Infinity;
    for (let i = 0; i <= this.mask; i++) {
      const h = heads[i]!;
      // Ties between heads go to the smaller virtual bucket's list: equal times share a list, so any head is fine.
      if (h >= 0 && (best < 0 || times[h]! < bestTime)) {
        best = i;
        bestTime = times[h]!;
      }
    }
    this.minTime = bestTime;
    this.curV = this.virtual(bestTime);
    this.cur = best;
  }

  /**
   * Relinks every node into `nb` lists with a width re-estimated from the earliest events. Nodes of equal
   * time come out of one old list in their order and go in after each other, so ties keep their FIFO order.
   */
  private rebuild(nb: number): void {
    const n = this.n;
    if (this.scratch.length < n) this.scratch = new Int32Array(Math.max(n, 2 * this.scratch.length));
    const all = this.scratch;
    const heads = this.heads;
    const next = this.next;
    let k = 0;
    for (let i = 0; i <= this.mask; i++) for (let h = heads[i]!; h >= 0; h = next[h]!) all[k++] = h;
    const width = this.estimateWidth(all, n);
    if (width > 0) {
      this.width = width;
      this.invWidth = 1 / width;
    }
    // The earliest time becomes the origin: virtual buckets stay small integers (the int32 index path).
    this.origin = this.minTime;
    if (nb !== this.mask + 1) {
      this.heads = new Int32Array(nb);
      this.tails = new Int32Array(nb);
      this.mask = nb - 1;
      this.growAt = nb * GROW;
    }
    this.heads.fill(-1);
    this.tails.fill(-1);
    const times = this.times;
    for (let j = 0; j < n; j++) {
      const node = all[j]!;
      const t = times[node]!;
      this.link(node, t, this.index(this.virtual(t)));
    }
    this.ops = 0;
    this.steps = 0;
    if (n > 0) {
      this.curV = this.virtual(this.minTime);
      this.cur = this.index(this.curV);
    }
  }

  /**
   * Brown's width: from the SAMPLE earliest times, the mean separation, then the mean of the separations
   * no larger than twice it, times three. 0 when they are all equal (a burst at one instant): keep the width.
   */
  private estimateWidth(all: Int32Array, n: number): number {
    const times = this.times;
    const m = Math.min(n, SAMPLE);
    if (m < 2) return 0;
    // The m earliest times by insertion into a sorted buffer (most times are later than its last and skip it).
    const s = this.sample;
    let filled = 0;
    for (let j = 0; j < n; j++) {
      const t = times[all[j]!]!;
      if (filled === m && t >= s[m - 1]!) continue;
      let p = filled < m ? filled++ : m - 1;
      while (p > 0 && s[p - 1]! > t) {
        s[p] = s[p - 1]!;
        p--;
      }
      s[p] = t;
    }
    const mean = (s[m - 1]! - s[0]!) / (m - 1);
    if (!(mean > 0) || !Number.isFinite(mean)) return 0;
    let sum = 0;
    let count = 0;
    for (let j = 1; j < m; j++) {
      const gap = s[j]! - s[j - 1]!;
      if (gap <= 2 * mean) {
        sum += gap;
        count++;
      }
    }
    const w = sum > 0 ? (WIDTH_FACTOR * sum) / count : WIDTH_FACTOR * mean;
    return Number.isFinite(w) ? w : 0;
  }

  private sample = new Float64Array(SAMPLE);

  private newNode(): number {
    if (this.used === this.times.length) this.growNodes();
    return this.used++;
  }

  private growNodes(): void {
    const cap = this.times.length * 2;
    const times = new Float64Array(cap);
    const payloads = new Int32Array(cap);
    const next = new Int32Array(cap);
    times.set(this.times);
    payloads.set(this.payloads);
    next.set(this.next);
    this.times = times;
    this.payloads = payloads;
    this.next = next;
  }
}

/** Width: the earliest events' mean separation times WIDTH_FACTOR (Brown used 3). Lists: see `listsFor` and `check`. */
const WIDTH_FACTOR = 1;
const GROW = 0.5;
const SHRINK = 8;
/** The list count for a size: the smallest power of two with at least 1/GROW lists an event. */
function listsFor(n: number): number {
  let nb = MIN_BUCKETS;
  while (nb * GROW < n) nb *= 2;
  return nb;
}

/** Fewest lists (a power of two). */
const MIN_BUCKETS = 16;
/** Earliest events sampled for the width (Brown used up to 25). */
const SAMPLE = 25;
/** Steps per operation above which the width counts as stale, and the window's floor in operations. */
const STALE_STEPS = 1;
const STALE_WINDOW = 64;
/** Largest |virtual bucket|: exact integers in a double. */
const V_MAX = 2 ** 52;
