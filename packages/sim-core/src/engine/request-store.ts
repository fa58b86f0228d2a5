import { widened } from './typed-array-growth.ts';

/**
 * In-flight work lives in parallel typed arrays indexed by a recycled slot id, so a request costs no
 * allocation and memory grows with the work in flight at once, never with the total.
 *
 * A slot is one *visit*: a request at one service. A request that enters at an entry point is a root
 * visit; each synchronous call it makes is a child visit linked to its caller (`parent`, checked by
 * `parentGen` so that a reply to a caller that has since failed, or whose slot was reused, is ignored);
 * an async call is a detached visit (no parent, not an end-to-end request).
 */
export class RequestStore {
  /** Time the end-to-end request first arrived at its entry point, s (children inherit it; kept across retries). */
  arrival: Float64Array;
  /** Time this visit arrived at its service, s (the queue timeout and own latency count from here). */
  start: Float64Array;
  /** Index of the service the visit is at. */
  service: Int32Array;
  /** Uid of the pod serving the visit, and its position in that pod's active list. */
  pod: Int32Array;
  pos: Int32Array;
  /** 1 when the visit was abandoned (its pod died) but a completion event for it is still queued. */
  dead: Uint8Array;
  /** The caller's slot (-1: a root, async or orphaned visit) and the caller's generation when called. */
  parent: Int32Array;
  parentGen: Uint32Array;
  /** Bumped each time the slot is released: a stale reference to the slot no longer matches. */
  gen: Uint32Array;
  /** Next step of the service's call program, and synchronous calls of the current step still out. */
  pc: Int32Array;
  pending: Int32Array;
  /** Compiled call this visit answers (-1 for roots), its attempt (0 = first try) and VisitFlag bits. */
  call: Int32Array;
  attempt: Uint8Array;
  flags: Uint16Array;
  /** Seconds spent waiting on calls (own latency = time at the service − this). */
  callWait: Float64Array;
  /** When the caller's timeout for this call fires (s), -1 without one. */
  deadline: Float64Array;
  /** When the visit's own work started (queueing ends), s. */
  workStart: Float64Array;
  /** Traffic source of a root visit (written at arrival; read when a closed-loop user's request ends). */
  source: Uint8Array;
  /** Token counts from a trace row (-1: none, the LLM service draws them); children inherit their caller's. Written only when `tokens` is set. */
  inTok: Int32Array;
  outTok: Int32Array;
  /** A call's connection pool (ConnectionPools), for calls with `connections`; meaningful while it waits or holds one. */
  conn: Int32Array;
  /** True when some traffic source gives token counts per request (a trace). */
  tokens = false;
  private free: Int32Array;
  private freeCount: number;
  private capacity: number;
  /** Slots taken (visits queued, in service, waiting on calls or on the network, plus dead ones whose stale event is still queued). */
  live = 0;
  /** Slots marked dead (abandoned after their pod's node died, retried under a new slot) and not yet released. */
  deadCount = 0;
  /** Root visits in flight: end-to-end requests not yet finished. */
  roots = 0;

  constructor(capacity = 4096) {
    this.capacity = capacity;
    this.arrival = new Float64Array(capacity);
    this.start = new Float64Array(capacity);
    this.service = new Int32Array(capacity);
    this.pod = new Int32Array(capacity);
    this.pos = new Int32Array(capacity);
    this.dead = new Uint8Array(capacity);
    this.parent = new Int32Array(capacity);
    this.parentGen = new Uint32Array(capacity);
    this.gen = new Uint32Array(capacity);
    this.pc = new Int32Array(capacity);
    this.pending = new Int32Array(capacity);
    this.call = new Int32Array(capacity);
    this.attempt = new Uint8Array(capacity);
    this.flags = new Uint16Array(capacity);
    this.callWait = new Float64Array(capacity);
    this.deadline = new Float64Array(capacity);
    this.workStart = new Float64Array(capacity);
    this.source = new Uint8Array(capacity);
    this.inTok = new Int32Array(capacity);
    this.outTok = new Int32Array(capacity);
    this.conn = new Int32Array(capacity);
    this.free = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.free[i] = capacity - 1 - i;
    this.freeCount = capacity;
  }

  /**
   * Takes a slot for a root visit: an end-to-end request that arrived at `arrival` at service `service`.
   * Only what every visit reads is written here (the hot path of a one-service run); the call program's
   * fields are set when a service starts its calls, a child's when it is sent.
   */
  alloc(arrival: number, service: number): number {
    if (this.freeCount === 0) this.grow();
    const slot = this.free[--this.freeCount]!;
    this.arrival[slot] = arrival;
    this.start[slot] = arrival;
    this.service[slot] = service;
    // `parent` is not written: a root is told by its flag, and nothing reads a root's parent.
    this.flags[slot] = VisitFlag.Root;
    this.live++;
    this.roots++;
    return slot;
  }

  /** Takes a slot for a call's visit (`parent` -1 for none); the caller sets `call`, `attempt` and `deadline`. */
  allocVisit(arrival: number, start: number, service: number, parent: number, flags: number): number {
    if (this.freeCount === 0) this.grow();
    const slot = this.free[--this.freeCount]!;
    this.arrival[slot] = arrival;
    this.start[slot] = start;
    this.service[slot] = service;
    this.parent[slot] = parent;
    this.flags[slot] = flags;
    if (parent >= 0) this.parentGen[slot] = this.gen[parent]!;
    this.live++;
    return slot;
  }

  /** Frees a slot (a root's count is taken off by whoever ends it). */
  release(slot: number): void {
    this.gen[slot]!++;
    this.free[this.freeCount++] = slot;
    this.live--;
  }

  /** Marks a slot abandoned: its retry lives under another slot; it is released when its stale event fires. */
  markDead(slot: number): void {
    this.dead[slot] = 1;
    this.deadCount++;
    this.deadline[slot] = -1;
    // The root count moves with the visit to its new slot.
    if ((this.flags[slot]! & VisitFlag.Root) !== 0) {
      this.flags[slot]! &= ~VisitFlag.Root;
      this.roots--;
    }
  }

  /** Releases a dead slot whose stale event has fired. */
  releaseDead(slot: number): void {
    this.dead[slot] = 0;
    this.deadCount--;
    this.release(slot);
  }

  /** A new slot carrying the visit in `from` (same request, caller, program position and timers); `from` is left as is. */
  copyVisit(from: number): number {
    const to = this.allocVisit(this.arrival[from]!, this.start[from]!, this.service[from]!, this.parent[from]!, this.flags[from]!);
    if ((this.flags[from]! & VisitFlag.Root) !== 0) this.roots++;
    this.pending[to] = this.pending[from]!;
    this.parentGen[to] = this.parentGen[from]!;
    this.pc[to] = this.pc[from]!;
    this.callWait[to] = this.callWait[from]!;
    this.call[to] = this.call[from]!;
    this.attempt[to] = this.attempt[from]!;
    this.deadline[to] = this.deadline[from]!;
    this.workStart[to] = this.workStart[from]!;
    this.source[to] = this.source[from]!;
    this.inTok[to] = this.inTok[from]!;
    this.outTok[to] = this.outTok[from]!;
    this.conn[to] = this.conn[from]!;
    return to;
  }

  /** Visits in flight: taken slots that are not dead (roots, children, async and orphaned visits). */
  get inFlight(): number {
    return this.live - this.deadCount;
  }

  /**
   * Calls `fn` with each in-flight (taken, not dead) slot. O(capacity): for the end of a run and
   * snapshots, never on the request path.
   */
  forEachInFlight(fn: (slot: number) => void): void {
    const free = new Uint8Array(this.capacity);
    for (let i = 0; i < this.freeCount; i++) free[this.free[i]!] = 1;
    for (let slot = 0; slot < this.capacity; slot++) if (free[slot] === 0 && this.dead[slot] === 0) fn(slot);
  }

  private grow(): void {
    const old = this.capacity;
    const cap = old * 2;
    this.arrival = widened(this.arrival, cap);
    this.start = widened(this.start, cap);
    this.service = widened(this.service, cap);
    this.pod = widened(this.pod, cap);
    this.pos = widened(this.pos, cap);
    this.dead = widened(this.dead, cap);
    this.parent = widened(this.parent, cap);
    this.parentGen = widened(this.parentGen, cap);
    this.gen = widened(this.gen, cap);
    this.pc = widened(this.pc, cap);
    this.pending = widened(this.pending, cap);
    this.call = widened(this.call, cap);
    this.attempt = widened(this.attempt, cap);
    this.flags = widened(this.flags, cap);
    this.callWait = widened(this.callWait, cap);
    this.deadline = widened(this.deadline, cap);
    this.workStart = widened(this.workStart, cap);
    this.source = widened(this.source, cap);
    this.inTok = widened(this.inTok, cap);
    this.outTok = widened(this.outTok, cap);
    this.conn = widened(this.conn, cap);
    const free = new Int32Array(cap);
    for (let i = 0; i < old; i++) free[i] = cap - 1 - i;
    this.free = free;
    this.freeCount = old;
    this.capacity = cap;
  }
}

/** Bits of `RequestStore.flags`. */
export const enum VisitFlag {
  /** An end-to-end request at its entry point: counted in the run's summary when it ends. */
  Root = 1,
  /** Started by an async call: counted at its service only. */
  Async = 2,
  /** Its caller gave up on it (timeout): it runs on, unanswered. */
  Orphan = 4,
  /** The visit failed (set on a child before its failure reply travels back). */
  Failed = 8,
  /** The failure was a timeout (else a drop). */
  TimedOut = 16,
  /** Its pod slot is held while it waits on its calls (releaseDuringCalls: false). */
  Held = 32,
  /** Sampled for tracing: its spans are recorded. */
  Traced = 64,
  /** It holds a connection of its caller's pool (ConnectionPools) until its reply comes back. */
  Connected = 128,
  /**
   * Its outcome is recorded at its service (served or failed) and its reply is on its way to its caller: the
   * slot is still taken, but the visit is not unfinished. Counting it so at the end of a run counted it twice.
   */
  Ended = 256,
}
